"""The bilingual page skeleton every test starts from (built once per test database)."""

from dataclasses import dataclass

from wagtail.models import Locale, Page, Site

from core.translation import translate_instance
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory
from products.factories import CompanyIndexPageFactory, ProductIndexPageFactory
from products.services import ensure_official_sectors
from programme.factories import EventIndexPageFactory, ProgrammeIndexPageFactory

ENGLISH = {
    "Trang chủ": "Home",
    "trang-chu": "home",
    "Chương trình": "Programme",
    "chuong-trinh": "programme",
    "Tin tức": "News",
    "tin-tuc": "news",
    "Sự kiện": "Events",
    "su-kien": "events",
    "Sản phẩm": "Products",
    "san-pham": "products",
    "Doanh nghiệp": "Companies",
    "doanh-nghiep": "companies",
    "Sản phẩm công nghiệp chủ lực thành phố Hà Nội": "Hà Nội's key industrial products",
}


def english(text: str) -> str:
    return ENGLISH.get(text, text)


@dataclass
class SiteTree:
    home: Page
    programme: Page
    news: Page
    events: Page
    products: Page
    companies: Page

    def translation(self, page, language="en"):
        return page.get_translation(Locale.objects.get(language_code=language)).specific


def build_site_tree() -> None:
    Locale.objects.get_or_create(language_code="en")
    ensure_official_sectors()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk:
        old_root.delete()
    pages = [home]
    for factory in (
        ProgrammeIndexPageFactory,
        NewsIndexPageFactory,
        EventIndexPageFactory,
        ProductIndexPageFactory,
        CompanyIndexPageFactory,
    ):
        pages.append(factory(parent=home, show_in_menus=True))
    en = Locale.objects.get(language_code="en")
    for page in pages:
        translate_instance(page, locale=en, translate=english)
    # As on any site after its first request: made on first use otherwise, and that save
    # changes the tree version (core.pagecache), so a test's first page would cost more.
    from home.models import SiteSettings

    SiteSettings.load()


def get_site_tree() -> SiteTree:
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="vi")
    children = {child.slug: child.specific for child in home.get_children()}
    return SiteTree(
        home=home,
        programme=children["chuong-trinh"],
        news=children["tin-tuc"],
        events=children["su-kien"],
        products=children["san-pham"],
        companies=children["doanh-nghiep"],
    )


def attach_rollback_snapshot(snapshot):
    """Give connections the database as serialized with the site tree (tests/conftest.py)."""
    from django.db import connections

    for alias, contents in snapshot.items():
        connections[alias]._test_serialized_contents = contents
