from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym
from search.reports import (
    PromotionForQueryView,
    SearchTermsReportView,
    ZeroResultSearchTermsReportView,
    user_can_view_reports,
)


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Từ đồng nghĩa"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["term", "alternatives"]
    search_fields = ["term", "alternatives"]
    panels = [FieldPanel("term"), FieldPanel("alternatives")]


register_snippet(SynonymViewSet)


# Search statistics: the editors' reports, and the form that promotes a page for a query.


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_reports(request.user)


@hooks.register("register_admin_urls")
def register_search_terms_urls():
    return [
        path("search-terms/", SearchTermsReportView.as_view(), name="search_terms_report"),
        path(
            "search-terms/results/",
            SearchTermsReportView.as_view(results_only=True),
            name="search_terms_report_results",
        ),
        path(
            "search-terms/zero-results/",
            ZeroResultSearchTermsReportView.as_view(),
            name="search_zero_results_report",
        ),
        path(
            "search-terms/zero-results/results/",
            ZeroResultSearchTermsReportView.as_view(results_only=True),
            name="search_zero_results_report_results",
        ),
        path(
            "search-terms/promote/",
            PromotionForQueryView.as_view(),
            name="search_promotion_for_query",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        "Từ khoá tìm kiếm",
        reverse("search_terms_report"),
        name="search-terms-stats",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_zero_results_menu_item():
    return SearchTermsMenuItem(
        "Từ khoá không có kết quả",
        reverse("search_zero_results_report"),
        name="search-zero-results",
        icon_name="search",
        order=1320,
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_search_terms_report(request, menu_items):
    # Wagtail's own "Search terms" report counts Query.add_hit(), which this site does not
    # call (searches are counted in SearchQueryStat): it would always be empty.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_search_stats_permissions():
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_searchquerystat"
    )
