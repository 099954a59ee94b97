"""The editors' inbox beyond Wagtail's generic views: the read view with its actions
(forward to the companies, mark answered, mark spam) and one person's data (export, erase)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from inquiries import services
from inquiries.forms import PersonDataForm
from inquiries.models import Inquiry


def _policy():
    return policy_registry.get_by_type(Inquiry)


def _require(user, action: str) -> None:
    if not _policy().user_has_permission(user, action):
        raise PermissionDenied


class InquiryIndexView(IndexView):
    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label="Người gửi",
                url_name="inquiries:inspect",
                sort_key="name",
            ),
            Column("organisation", label="Tổ chức", sort_key="organisation"),
            Column("country", label="Quốc gia", accessor=lambda i: i.country.name),
            Column("company_names", label="Doanh nghiệp"),
            Column("status", label="Trạng thái", accessor="get_status_display", sort_key="status"),
            DateColumn("created_at", label="Ngày gửi", sort_key="created_at"),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("companies")

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if _policy().user_has_permission(self.request.user, "delete"):
            buttons.append(
                Button(
                    "Dữ liệu của một người (xuất, xoá)",
                    url=reverse("inquiries:person_data"),
                    icon_name="user",
                    priority=30,
                )
            )
        return buttons


class InquiryInspectView(InspectView):
    template_name = "inquiries/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Inquiry.objects.prefetch_related("companies", "mails__company"), pk=self.pk
        )

    def get_country_display_value(self):
        return self.object.country.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inquiry = self.object
        can_change = _policy().user_has_permission(self.request.user, "change")
        context["actions"] = (
            [
                ("forward", "Chuyển cho doanh nghiệp", "button"),
                ("answered", "Đánh dấu đã trả lời", "button button-secondary"),
                ("spam", "Đánh dấu thư rác", "button button-secondary no"),
            ]
            if can_change
            else []
        )
        context["companies"] = [
            (company, bool(company.contact_email)) for company in inquiry.companies.all()
        ]
        context["mails"] = inquiry.mails.all()
        return context


@require_POST
def inquiry_action(request, pk: int, action: str):
    _require(request.user, "change")
    inquiry = get_object_or_404(Inquiry, pk=pk)
    if action == "forward":
        report = services.forward_inquiry(inquiry=inquiry)
        if report.sent_to:
            messages.success(request, "Đã xếp thư chuyển tới: " + ", ".join(report.sent_to) + ".")
        if report.without_email:
            messages.warning(
                request,
                "Chưa có thư điện tử liên hệ (điền ở trang doanh nghiệp): "
                + ", ".join(report.without_email)
                + ".",
            )
    elif action == "answered":
        services.mark_answered(inquiry=inquiry)
        messages.success(request, "Đã đánh dấu: đã trả lời.")
    elif action == "spam":
        services.mark_spam(inquiry=inquiry)
        messages.success(request, "Đã đánh dấu: thư rác.")
    else:
        raise PermissionDenied
    log(instance=inquiry, action="wagtail.edit", user=request.user)
    return redirect("inquiries:inspect", pk=inquiry.pk)


class PersonDataView(WagtailAdminTemplateMixin, TemplateView):
    """Export (JSON) or erase every inquiry of one e-mail address: a person's request under
    Decree 13/2023/NĐ-CP. Erasing asks for an explicit confirmation."""

    template_name = "inquiries/admin/person_data.html"
    page_title = "Dữ liệu cá nhân của người yêu cầu"
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        _require(request.user, "delete")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("inquiries:index"), "label": "Yêu cầu liên hệ"},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=PersonDataForm()))

    def post(self, request, *args, **kwargs):
        form = PersonDataForm(request.POST)
        found = None
        if form.is_valid():
            email = form.cleaned_data["email"]
            if "export" in request.POST:
                response = HttpResponse(
                    services.person_data_json(email=email),
                    content_type="application/json; charset=utf-8",
                )
                response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan.json"'
                return response
            if "erase" in request.POST:
                if form.cleaned_data["confirm_erase"]:
                    count = services.erase_person(email=email)
                    # The message names no one: the log would keep what was just erased.
                    messages.success(request, f"Đã xoá vĩnh viễn {count} yêu cầu liên hệ.")
                    return redirect("inquiries:person_data")
                form.add_error("confirm_erase", "Hãy xác nhận trước khi xoá.")
            found = Inquiry.objects.of_person(email).count()
        return self.render_to_response(self.get_context_data(form=form, found=found))
