from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from products.models import AdministrativeUnit, Certification, IndustrialZone, Market, Sector


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
