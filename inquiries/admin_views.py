"""The editors' inbox beyond Wagtail's generic views: the read view with its actions
(forward to the companies, mark answered, mark spam) and one person's data (export, erase)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from core import admin_views as core_admin
from core.tabular import neutralise
from inquiries import services
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

    def preprocess_field_value(self, field, value, export_format):
        # Wagtail's export writes text as typed: an organisation sent as "=HYPERLINK(…)" would
        # run in the editor's spreadsheet. Neutralised as every download of the site is.
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("companies")

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *core_admin.person_data_button(self, url_name="inquiries:person_data", priority=30),
        ]


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


class PersonDataView(core_admin.PersonDataView):
    model = Inquiry
    section_url_name = "inquiries:index"
    section_label = "Yêu cầu liên hệ"
    url_name = "inquiries:person_data"
    page_title = "Dữ liệu cá nhân của người yêu cầu"
    email_label = "Thư điện tử của người yêu cầu"
    explanation = (
        "Theo yêu cầu của một người (Nghị định 13/2023/NĐ-CP): xuất toàn bộ yêu cầu liên hệ "
        "họ đã gửi từ một địa chỉ thư điện tử (tệp JSON để gửi cho họ), hoặc xoá vĩnh viễn "
        "các yêu cầu đó cùng các thư kèm theo."
    )
    records = "yêu cầu liên hệ"

    def export_person(self, email: str) -> dict:
        return services.person_data(email=email)

    def erase_person(self, email: str) -> int:
        return services.erase_person(email=email)
