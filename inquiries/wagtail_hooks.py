"""The editors' inbox: Wagtail's ModelViewSet with filters, a read view with actions, and
the built-in CSV/XLSX export; only those given the inbox permissions (inquiries.signals:
editors, moderators) see it."""

import django_filters
from django.urls import path
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet

from inquiries import admin_views
from inquiries.models import Inquiry
from products.models import CompanyPage


def _companies_with_inquiries(request):
    return CompanyPage.objects.filter(inquiries__isnull=False).distinct().order_by("title")


class InquiryFilterSet(WagtailFilterSet):
    companies = django_filters.ModelMultipleChoiceFilter(
        label="Doanh nghiệp", queryset=_companies_with_inquiries
    )
    created_at = django_filters.DateFromToRangeFilter(
        label="Ngày gửi", widget=DateRangePickerWidget
    )

    class Meta:
        model = Inquiry
        fields = ["status", "companies", "created_at"]


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    name = "inquiries"
    icon = "mail"
    menu_label = "Yêu cầu liên hệ"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = admin_views.InquiryIndexView
    inspect_view_class = admin_views.InquiryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Editors change the status only; what the buyer wrote stays as written.
    form_fields = ["status"]
    filterset_class = InquiryFilterSet
    search_fields = ["name", "organisation", "email", "message"]
    search_backend_name = None
    list_export = [
        "created_at",
        "status",
        "name",
        "organisation",
        "country",
        "email",
        "phone",
        "language",
        "company_names",
        "message",
    ]
    export_headings = {
        "created_at": "Ngày gửi",
        "status": "Trạng thái",
        "name": "Họ tên",
        "organisation": "Tổ chức",
        "country": "Quốc gia",
        "email": "Thư điện tử",
        "phone": "Điện thoại",
        "language": "Ngôn ngữ",
        "company_names": "Doanh nghiệp",
        "message": "Nội dung",
    }
    export_filename = "yeu-cau-lien-he"
    inspect_view_fields = [
        "created_at",
        "status",
        "companies",
        "name",
        "organisation",
        "country",
        "email",
        "phone",
        "language",
        "message",
        "consented_at",
        "forwarded_at",
        "answered_at",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "action/<int:pk>/<slug:action>/",
                admin_views.inquiry_action,
                name="action",
            ),
            path("person-data/", admin_views.PersonDataView.as_view(), name="person_data"),
        ]


@hooks.register("register_admin_viewset")
def register_inquiry_viewset():
    return InquiryViewSet()
