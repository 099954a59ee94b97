"""The organisers' side of event registration: the registrations (Wagtail's ModelViewSet,
filtered by event, with its CSV/XLSX export), the events with their counts, and per event the
business-matching table (who asked to meet each company) with its own download. Only those
given the registration permissions (programme.signals: editors, moderators) see them."""

import django_filters
from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from core import admin_views as core_admin
from core.tabular import Column as TableColumn
from core.tabular import neutralise, table_response
from programme.models import EventPage, EventRegistration
from programme.registrations import erase_person, freeing_places, meeting_requests, person_data

EXPORT_FORMATS = ("csv", "xlsx")


def events_with_registrations():
    """Events that take registrations on the site, or hold some (source pages: the English
    page shares its list), latest first, with how many are registered and waiting."""
    return (
        EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(Q(registration_on_site=True) | Q(pk__in=EventRegistration.objects.values("event")))
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=EventRegistration.Status.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=EventRegistration.Status.WAITING)
            ),
        )
        .order_by("-starts_at")
    )


def _events_with_any(request):
    return EventPage.objects.filter(registrations__isnull=False).distinct().order_by("-starts_at")


class EventRegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(label="Sự kiện", queryset=_events_with_any)
    created_at = django_filters.DateFromToRangeFilter(
        label="Ngày đăng ký", widget=DateRangePickerWidget
    )

    class Meta:
        model = EventRegistration
        fields = ["event", "status", "created_at"]


class EventRegistrationIndexView(IndexView):
    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label="Người đăng ký",
                url_name="event_registrations:inspect",
                sort_key="name",
            ),
            Column("organisation", label="Tổ chức", sort_key="organisation"),
            Column("role", label="Chức vụ"),
            Column("event", label="Sự kiện", accessor=lambda r: r.event.title),
            Column("status", label="Trạng thái", accessor="get_status_display", sort_key="status"),
            Column("company_names", label="Muốn gặp"),
            DateColumn("created_at", label="Ngày đăng ký", sort_key="created_at"),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event").prefetch_related("companies")

    def preprocess_field_value(self, field, value, export_format):
        # Wagtail's CSV export writes text as it is: a name typed as "=HYPERLINK(…)" would run
        # in a spreadsheet. Neutralised as every other download of the site (core.tabular).
        return neutralise(super().preprocess_field_value(field, value, export_format))

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                "Theo sự kiện",
                url=reverse("event_registrations:events"),
                icon_name="date",
                priority=30,
            ),
            *core_admin.person_data_button(
                self, url_name="event_registrations:person_data", priority=40
            ),
        ]


class EventRegistrationEditView(EditView):
    def save_instance(self):
        if self.form.cleaned_data["status"] != EventRegistration.Status.CANCELLED:
            return super().save_instance()
        # A cancelled registration's place goes to the first on the waiting list.
        with freeing_places(event=self.object.event):
            return super().save_instance()


class EventRegistrationDeleteView(DeleteView):
    def delete_action(self):
        # A deleted registration's place goes to the first on the waiting list.
        with freeing_places(event=self.object.event):
            super().delete_action()


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    name = "event_registrations"
    icon = "date"
    menu_label = "Đăng ký sự kiện"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = EventRegistrationIndexView
    edit_view_class = EventRegistrationEditView
    delete_view_class = EventRegistrationDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Organisers move a registrant between the list and the waiting list, or cancel one (the
    # place then goes to the waiting list); what they wrote stays as written.
    form_fields = ["status"]
    filterset_class = EventRegistrationFilterSet
    search_fields = ["name", "organisation", "email"]
    search_backend_name = None
    list_export = [
        "created_at",
        "event",
        "status",
        "name",
        "organisation",
        "role",
        "country",
        "email",
        "phone",
        "language",
        "company_names",
    ]
    export_headings = {
        "created_at": "Ngày đăng ký",
        "event": "Sự kiện",
        "status": "Trạng thái",
        "name": "Họ tên",
        "organisation": "Tổ chức",
        "role": "Chức vụ",
        "country": "Quốc gia",
        "email": "Thư điện tử",
        "phone": "Điện thoại",
        "language": "Ngôn ngữ",
        "company_names": "Doanh nghiệp muốn gặp",
    }
    export_filename = "dang-ky-su-kien"
    inspect_view_fields = [
        "event",
        "created_at",
        "status",
        "name",
        "organisation",
        "role",
        "country",
        "email",
        "phone",
        "language",
        "companies",
        "consented_at",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("events/", EventsView.as_view(), name="events"),
            path("matching/<int:event_id>/", MatchingView.as_view(), name="matching"),
            path("person-data/", PersonDataView.as_view(), name="person_data"),
        ]


class RegistrationsSectionMixin(core_admin.AdminSectionPageMixin):
    model = EventRegistration
    section_url_name = "event_registrations:index"
    section_label = "Đăng ký sự kiện"


class EventsView(RegistrationsSectionMixin, TemplateView):
    """The events that take registrations here, with their counts and downloads."""

    template_name = "programme/admin/registration_events.html"
    page_title = "Đăng ký theo sự kiện"
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = events_with_registrations()
        context["index_url"] = reverse("event_registrations:index")
        return context


MATCHING_COLUMNS = [
    TableColumn("company", "Doanh nghiệp"),
    TableColumn("name", "Người muốn gặp"),
    TableColumn("organisation", "Tổ chức"),
    TableColumn("role", "Chức vụ"),
    TableColumn("country", "Quốc gia"),
    TableColumn("email", "Thư điện tử"),
    TableColumn("phone", "Điện thoại"),
    TableColumn("status", "Trạng thái"),
]


def matching_rows(requests):
    for request in requests:
        for registration in request.registrations:
            yield {
                "company": request.company.title,
                "name": registration.name,
                "organisation": registration.organisation,
                "role": registration.role,
                "country": registration.country.name,
                "email": registration.email,
                "phone": registration.phone,
                "status": registration.get_status_display(),
            }


class MatchingView(RegistrationsSectionMixin, TemplateView):
    """Per company, who asked to meet it at one event: to schedule the day. `?format=csv`
    or `xlsx` downloads the same table (formulas neutralised, core.tabular)."""

    template_name = "programme/admin/matching.html"
    header_icon = "group"

    @cached_property
    def event(self):
        # Looked up only once the permission is checked: no one else learns which exist.
        return get_object_or_404(EventPage, pk=self.kwargs["event_id"])

    def get_page_title(self):
        return f"Kết nối doanh nghiệp: {self.event.title}"

    def get_parent_breadcrumbs(self):
        return [{"url": reverse("event_registrations:events"), "label": "Đăng ký theo sự kiện"}]

    def get(self, request, *args, **kwargs):
        requests = meeting_requests(event=self.event)
        download = request.GET.get("format")
        if download is not None:
            if download not in EXPORT_FORMATS:
                raise Http404
            return table_response(
                format=download,
                columns=MATCHING_COLUMNS,
                rows=matching_rows(requests),
                filename=f"ket-noi-doanh-nghiep-{self.event.slug}",
                sheet_title="Kết nối doanh nghiệp",
            )
        return self.render_to_response(self.get_context_data(event=self.event, requests=requests))


class PersonDataView(RegistrationsSectionMixin, core_admin.PersonDataView):
    url_name = "event_registrations:person_data"
    page_title = "Dữ liệu cá nhân của người đăng ký"
    explanation = (
        "Theo yêu cầu của một người (Nghị định 13/2023/NĐ-CP): xuất toàn bộ đăng ký tham dự "
        "sự kiện họ đã gửi từ một địa chỉ thư điện tử (tệp JSON để gửi cho họ), hoặc xoá vĩnh "
        "viễn các đăng ký đó cùng thư xác nhận."
    )
    records = "đăng ký tham dự"

    def export_person(self, email: str) -> dict:
        return {"email": email, "registrations": person_data(email=email)}

    def erase_person(self, email: str) -> int:
        return erase_person(email=email)
