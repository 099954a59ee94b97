"""The editors' side of the registrations of interest (Wagtail's ModelViewSet): the list,
filtered by round and status, with its CSV/XLSX export (formulas neutralised); each
application inspected with its dossier files; its status changed, which mails the company;
and the files downloaded through the admin only (never a public URL). Only those given the
application permissions (applications.signals: editors, moderators) see any of it."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import (
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from applications import services
from applications.models import Application, ApplicationFile, SelectionRound
from core import admin_views as core_admin
from core.tabular import neutralise


def _policy():
    return policy_registry.get_by_type(Application)


def require(user, action: str) -> None:
    if not _policy().user_has_permission(user, action):
        raise PermissionDenied


def dossier_file(request, file_id: int):
    """One dossier file as an attachment: a browser saves it, never renders it in the site's
    origin, and no cache keeps it."""
    require(request.user, "view")
    stored = get_object_or_404(ApplicationFile, pk=file_id)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class ApplicationFilterSet(WagtailFilterSet):
    selection_round = django_filters.ModelChoiceFilter(
        label="Đợt bình chọn", queryset=SelectionRound.objects.all()
    )

    class Meta:
        model = Application
        fields = ["selection_round", "status"]


class ApplicationIndexView(IndexView):
    @property
    def columns(self):
        return [
            TitleColumn(
                "company_name",
                label="Doanh nghiệp",
                url_name="applications:inspect",
                sort_key="company_name",
            ),
            Column("tax_code", label="Mã số thuế"),
            Column("selection_round", label="Đợt", accessor=lambda a: a.selection_round.year),
            Column("status", label="Trạng thái", accessor="get_status_display", sort_key="status"),
            Column("file_count", label="Tệp hồ sơ"),
            DateColumn("created_at", label="Ngày đăng ký", sort_key="created_at"),
        ]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("selection_round")
            .annotate(file_count=Count("files"))
        )

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *core_admin.person_data_button(self, url_name="applications:person_data", priority=40),
        ]

    def preprocess_field_value(self, field, value, export_format):
        # Wagtail's CSV export writes text as typed: a company named "=HYPERLINK(…)" would run
        # in a spreadsheet. Neutralised as every other download of the site (core.tabular).
        return neutralise(super().preprocess_field_value(field, value, export_format))


class ApplicationInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        if field_name == "files":
            files = self.object.files.all()
            if not files:
                return "Không có tệp"
            return format_html(
                "<ul>{}</ul>",
                format_html_join(
                    "",
                    '<li><a href="{}">{}</a> ({}, {} trang)</li>',
                    (
                        (
                            reverse("application_file", args=[file.pk]),
                            file.original_name,
                            filesizeformat(file.size),
                            file.pages,
                        )
                        for file in files
                    ),
                ),
            )
        if field_name == "mails":
            # A mail the queue gave up on shows here, so an editor can write by hand.
            return format_html(
                "<ul>{}</ul>",
                format_html_join(
                    "",
                    "<li>{}: {} {}</li>",
                    (
                        (
                            mail.get_kind_display(),
                            mail.get_status_display(),
                            f"({mail.last_error})" if mail.last_error else "",
                        )
                        for mail in self.object.mails.all()
                    ),
                ),
            )
        return super().get_field_display_value(field_name, field)

    def get_field_label(self, field_name, field):
        if field_name == "files":
            return "Tệp hồ sơ (tải về)"
        if field_name == "mails":
            return "Thư gửi doanh nghiệp"
        return super().get_field_label(field_name, field)


class ApplicationEditView(EditView):
    def save_instance(self):
        # What the company wrote stays as written; a new status is stored and mailed to it.
        status = self.form.cleaned_data["status"]
        application = Application.objects.get(pk=self.object.pk)
        services.change_status(application, status)
        return application


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "applications"
    icon = "form"
    menu_label = "Đăng ký bình chọn"
    menu_order = 265
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    edit_view_class = ApplicationEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]
    filterset_class = ApplicationFilterSet
    search_fields = ["company_name", "tax_code", "contact_name", "email"]
    search_backend_name = None
    list_export = [
        "created_at",
        "selection_round",
        "status",
        "company_name",
        "tax_code",
        "contact_name",
        "email",
        "phone",
        "products",
        "language",
    ]
    export_headings = {
        "created_at": "Ngày đăng ký",
        "selection_round": "Đợt bình chọn",
        "status": "Trạng thái",
        "company_name": "Doanh nghiệp",
        "tax_code": "Mã số thuế",
        "contact_name": "Người liên hệ",
        "email": "Thư điện tử",
        "phone": "Điện thoại",
        "products": "Sản phẩm",
        "language": "Ngôn ngữ",
    }
    export_filename = "dang-ky-binh-chon"
    # Everything stored about the applicant (what the personal-data export gives them), with
    # its round, files and mails.
    inspect_view_fields = ["selection_round", *services.PERSON_FIELDS, "files", "mails"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("person-data/", PersonDataView.as_view(), name="person_data"),
        ]


class PersonDataView(core_admin.PersonDataView):
    model = Application
    section_url_name = "applications:index"
    section_label = "Đăng ký bình chọn"
    url_name = "applications:person_data"
    page_title = "Dữ liệu cá nhân trong đăng ký bình chọn"
    explanation = (
        "Theo yêu cầu của một người (Nghị định 13/2023/NĐ-CP): xuất toàn bộ đăng ký bình chọn "
        "đã gửi từ một địa chỉ thư điện tử (tệp JSON để gửi cho họ), hoặc xoá vĩnh viễn các "
        "đăng ký đó cùng tệp hồ sơ và các thư."
    )
    records = "đăng ký bình chọn"

    def export_person(self, email: str) -> dict:
        return {"email": email, "applications": services.person_data(email=email)}

    def erase_person(self, email: str) -> int:
        return services.erase_person(email=email)
