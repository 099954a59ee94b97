from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from products import admin_views
from products.importing.apply import IMPORT_ACTION
from products.models import (
    AdministrativeUnit,
    Certification,
    CompanyPage,
    IndustrialZone,
    Market,
    Sector,
)

_COMPANY_PAGE_TYPE = CompanyPage._meta.label_lower


@hooks.register("construct_page_chooser_queryset")
def offer_only_vietnamese_companies(pages, request):
    """The company chooser (ProductPage.company) browses and searches the Vietnamese tree only.

    A product links to its company's Vietnamese page; its English page gets the link through
    the synchronised field and shows the English company by translation key. The chooser
    asks for `page_type=products.companypage`, which only company choosers do; an English
    company chosen some other way is refused by ProductPage.clean.
    """
    if request.GET.get("page_type", "").lower() == _COMPANY_PAGE_TYPE:
        return pages.filter(locale=Locale.get_default())
    return pages


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    list_display = ["name", "name_en", "slug", "sort_order"]
    search_fields = ["name", "name_en"]


class CertificationViewSet(SnippetViewSet):
    model = Certification
    icon = "success"
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


class MarketViewSet(SnippetViewSet):
    model = Market
    icon = "globe"
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


class AdministrativeUnitViewSet(SnippetViewSet):
    model = AdministrativeUnit
    icon = "site"
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]


class IndustrialZoneViewSet(SnippetViewSet):
    model = IndustrialZone
    icon = "home"
    list_display = ["name", "kind", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    menu_label = "Danh mục phân loại"
    menu_icon = "tag"
    menu_order = 300
    items = (
        SectorViewSet,
        CertificationViewSet,
        MarketViewSet,
        AdministrativeUnitViewSet,
        IndustrialZoneViewSet,
    )


register_snippet(CatalogueViewSetGroup)


@hooks.register("register_log_actions")
def register_import_action(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportFormatter(LogFormatter):
        label = _("Nhập từ tệp quyết định")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if data.get("via") == "command":
                return _("Nhập từ tệp “%(file)s” bằng lệnh import_recognitions") % data
            return _("Nhập từ tệp “%(file)s”") % data


_import_urls = [
    path("", admin_views.ImportUploadView.as_view(), name="upload"),
    path("<int:pk>/", admin_views.ImportPreviewView.as_view(), name="preview"),
    path(
        "mau.<str:file_format>",
        admin_views.template_download,
        name="template",
    ),
]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("nhap-quyet-dinh/", include((_import_urls, "recognition_imports")))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.IMPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Nhập quyết định"),
        reverse("recognition_imports:upload"),
        icon_name="upload",
        order=260,
    )
