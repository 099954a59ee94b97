"""Admin pages the apps that keep people's data share: the page of one section (guarded by
a permission of the section's model, under a breadcrumb to its list), and one person's data
(export as JSON, or erase) that each app parameterises with what it stores.

core imports no app: each app subclasses these views and names its model, its list's URL and
the functions that export and erase one person's records."""

import json

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button


class AdminSectionPageMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A page of one admin section beside Wagtail's generic views: `model` and
    `permission_required` guard it (before anything is looked up), and its breadcrumbs lead
    back to the section's list (`section_url_name`, `section_label`), then through
    `get_parent_breadcrumbs()` to this page."""

    model = None
    permission_required = "view"
    section_url_name = ""
    section_label = ""

    def get_parent_breadcrumbs(self) -> list[dict]:
        return []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.section_url_name), "label": self.section_label},
            *self.get_parent_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]


class PersonDataForm(forms.Form):
    """Find one person's data by e-mail address, to export or erase it."""

    email = forms.EmailField()
    confirm_erase = forms.BooleanField(
        label="Tôi hiểu việc xoá là vĩnh viễn và không thể hoàn tác", required=False
    )

    def __init__(self, *args, email_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = email_label


class PersonDataView(AdminSectionPageMixin, TemplateView):
    """Export (JSON) or erase every record one e-mail address left in an app: a person's
    request under Decree 13/2023/NĐ-CP. Erasing asks for an explicit confirmation.

    An app's subclass names its `model` (whose manager has `of_person(email)`), its list
    (`section_url_name`, `section_label`), this tool's `url_name`, the texts (`page_title`,
    `email_label`, `explanation`, `records`: what is counted, as in "3 đăng ký tham dự") and
    implements `export_person` (JSON-ready data) and `erase_person` (how many went)."""

    template_name = "core/admin/person_data.html"
    header_icon = "user"
    permission_required = "delete"
    url_name = ""
    email_label = "Thư điện tử của người đăng ký"
    explanation = ""
    records = ""
    filename = "du-lieu-ca-nhan.json"

    def export_person(self, email: str) -> dict:
        raise NotImplementedError

    def erase_person(self, email: str) -> int:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["explanation"] = self.explanation
        context["records"] = self.records
        return context

    def get(self, request, *args, **kwargs):
        form = PersonDataForm(email_label=self.email_label)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = PersonDataForm(request.POST, email_label=self.email_label)
        found = None
        if form.is_valid():
            email = form.cleaned_data["email"]
            if "export" in request.POST:
                response = HttpResponse(
                    json.dumps(
                        self.export_person(email),
                        cls=DjangoJSONEncoder,
                        ensure_ascii=False,
                        indent=2,
                    ),
                    content_type="application/json; charset=utf-8",
                )
                response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
                return response
            if "erase" in request.POST:
                if form.cleaned_data["confirm_erase"]:
                    count = self.erase_person(email)
                    # The message names no one: the log would keep what was just erased.
                    messages.success(request, f"Đã xoá vĩnh viễn {count} {self.records}.")
                    return redirect(self.url_name)
                form.add_error("confirm_erase", "Hãy xác nhận trước khi xoá.")
            found = self.model.objects.of_person(email).count()
        return self.render_to_response(self.get_context_data(form=form, found=found))


def person_data_button(view, *, url_name: str, priority: int) -> list[Button]:
    """The header button of an index view that opens its person-data tool, for those who
    may erase (else none)."""
    if not view.permission_policy.user_has_permission(view.request.user, "delete"):
        return []
    return [
        Button(
            "Dữ liệu của một người (xuất, xoá)",
            url=reverse(url_name),
            icon_name="user",
            priority=priority,
        )
    ]
