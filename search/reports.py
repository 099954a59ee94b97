"""The editors' search-terms reports (Reports menu), on Wagtail's ReportView.

ReportView brings the filters (period, language), sorting, pagination and the CSV/XLSX export.
A row is a (query, language) pair totalled over the chosen period, read from the daily rows
of SearchQueryStat. Each row links to the public search for that query and to Wagtail's
search promotions, so an editor who sees a query that found nothing can promote a page for it.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Max, OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django_filters import ChoiceFilter, DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import ListingButton
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views import CreateView as PromotionCreateView
from wagtail.permission_policies import ModelPermissionPolicy

from core.text import normalize_text
from search.models import SearchQueryStat

DEFAULT_PERIOD_DAYS = 30
LANGUAGE_LABELS = dict(settings.LANGUAGES)


class SearchTermsFilterSet(WagtailFilterSet):
    day = DateFromToRangeFilter(label="Khoảng thời gian", widget=DateRangePickerWidget)
    language = ChoiceFilter(
        label="Ngôn ngữ", choices=settings.LANGUAGES, empty_label="Mọi ngôn ngữ"
    )

    class Meta:
        model = SearchQueryStat
        fields = []


def public_search_url(row) -> str:
    with translation.override(row["language"]):
        return f"{reverse('search')}?{urlencode({'q': row['query']})}"


class QueryColumn(ButtonsColumnMixin, TitleColumn):
    """The query, with links to the public results and to its promoted results."""

    def get_buttons(self, row, parent_context):
        buttons = [
            ListingButton(
                "Xem kết quả trên trang",
                url=public_search_url(row),
                attrs={"target": "_blank", "rel": "noopener"},
                priority=10,
            )
        ]
        if row.get("promotion_url"):
            buttons.append(
                ListingButton(row["promotion_label"], url=row["promotion_url"], priority=20)
            )
        return buttons


class SearchTermsReportView(ReportView):
    page_title = "Từ khoá tìm kiếm"
    verbose_name = verbose_name_plural = "từ khoá"
    header_icon = "search"
    permission_policy = ModelPermissionPolicy(SearchQueryStat)
    permission_required = "view"
    filterset_class = SearchTermsFilterSet
    is_searchable = True
    search_fields = ["query"]
    default_ordering = "-searches"
    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"
    export_filename = "tu-khoa-tim-kiem"
    columns = [
        QueryColumn("query", label="Từ khoá", sort_key="query"),
        Column("language", label="Ngôn ngữ", accessor=lambda row: LANGUAGE_LABELS[row["language"]]),
        NumberColumn("searches", label="Lượt tìm", sort_key="searches"),
        NumberColumn("zero_results", label="Lượt không có kết quả", sort_key="zero_results"),
        NumberColumn("latest_result_count", label="Số kết quả lần gần nhất"),
        NumberColumn("database_answers", label="Trả lời từ cơ sở dữ liệu"),
        Column("last_searched", label="Lần tìm gần nhất", sort_key="last_searched"),
    ]
    list_export = [
        "query",
        "language",
        "searches",
        "zero_results",
        "latest_result_count",
        "database_answers",
        "last_searched",
    ]
    export_headings = {
        "query": "Từ khoá",
        "language": "Ngôn ngữ",
        "searches": "Lượt tìm",
        "zero_results": "Lượt không có kết quả",
        "latest_result_count": "Số kết quả lần gần nhất",
        "database_answers": "Trả lời từ cơ sở dữ liệu",
        "last_searched": "Lần tìm gần nhất",
    }

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        data = self.request.GET.copy()
        if not data.get("day_from") and not data.get("day_to"):
            # The last 30 days unless the editor chose a period; shown as an active filter.
            since = timezone.localdate() - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
            data["day_from"] = since.isoformat()
        kwargs["data"] = data
        return kwargs

    def get_base_queryset(self):
        # The result count of the (query, language) pair's most recent day, whatever the
        # period: whether a query that once found nothing finds something now.
        latest = SearchQueryStat.objects.filter(
            query=OuterRef("query"), language=OuterRef("language")
        ).order_by("-day")
        return (
            SearchQueryStat.objects.values("query", "language")
            .annotate(
                searches=Sum("hits"),
                zero_results=Sum("zero_result_hits"),
                database_answers=Sum("database_hits"),
                last_searched=Max("day"),
                latest_result_count=Subquery(latest.values("last_result_count")[:1]),
            )
            .order_by()
        )

    def order_queryset(self, queryset):
        # A stable order across pages and exports when counts tie.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "query", "language")

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        if self.is_export:
            return rows
        user = self.request.user
        can_add = user.has_perm("wagtailsearchpromotions.add_searchpromotion")
        can_change = user.has_perm("wagtailsearchpromotions.change_searchpromotion")
        promoted = dict(
            Query.objects.filter(
                query_string__in={row["query"] for row in rows}, editors_picks__isnull=False
            )
            .distinct()
            .values_list("query_string", "pk")
        )
        for row in rows:
            if row["query"] in promoted and can_change:
                row["promotion_url"] = reverse(
                    "wagtailsearchpromotions:edit", args=[promoted[row["query"]]]
                )
                row["promotion_label"] = "Sửa kết quả ưu tiên"
            elif row["query"] not in promoted and can_add:
                row["promotion_url"] = (
                    f"{reverse('search_promotion_for_query')}?"
                    f"{urlencode({'query_string': row['query']})}"
                )
                row["promotion_label"] = "Thêm kết quả ưu tiên"
        return rows


class ZeroResultSearchTermsReportView(SearchTermsReportView):
    page_title = "Từ khoá không có kết quả"
    default_ordering = "-zero_results"
    index_url_name = "search_zero_results_report"
    index_results_url_name = "search_zero_results_report_results"
    export_filename = "tu-khoa-khong-co-ket-qua"

    def get_base_queryset(self):
        return super().get_base_queryset().filter(zero_results__gt=0)


class PromotionForQueryView(PromotionCreateView):
    """Wagtail's "add promoted results" form with the search term already filled in.

    Only the form is prefilled (from `?query_string=`); it posts to Wagtail's own add view, so
    saving, permissions and logging are Wagtail's.
    """

    def get_initial(self):
        initial = super().get_initial()
        query = normalize_text(self.request.GET.get("query_string", "")).strip()
        if query:
            initial["query_string"] = query[: Query._meta.get_field("query_string").max_length]
        return initial


def user_can_view_reports(user) -> bool:
    return ModelPermissionPolicy(SearchQueryStat).user_has_permission(user, "view")
