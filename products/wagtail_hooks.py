from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
