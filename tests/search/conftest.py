"""Content shared by the engine-path and database-path test modules of the catalogue search.

The two paths promise the same behaviour, so their tests start from the same products.
"""

import uuid

import pytest

from products.factories import CertificationFactory, MarketFactory, SectorFactory
from products.models import ProductCertification, ProductMarket
from tests.content import make_company, make_product

PATHS = [
    pytest.param("database", id="database"),
    pytest.param("engine", id="engine", marks=pytest.mark.engine),
]


@pytest.fixture(params=PATHS)
def path(request, settings):
    if request.param == "database":
        settings.SEARCH_URL = ""
        yield "database"
        return
    from search.catalogue.engine.client import as_dict, get_client, index_name

    assert settings.SEARCH_URL, "engine tests run with SEARCH_URL (make test sets it)"
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}{uuid.uuid4().hex[:10]}_"
    yield "engine"
    client = get_client()
    for name in as_dict(client.indices.get(index=f"{index_name()}*")):
        client.indices.delete(index=name)


@pytest.fixture
def rang_dong(site_tree):
    return make_company(
        site_tree,
        title="Rạng Đông",
        slug="rang-dong",
        legal_name="Công ty Cổ phần Bóng đèn Phích nước Rạng Đông",
        english={"Công ty Cổ phần Bóng đèn Phích nước Rạng Đông": "Rang Dong Light Source JSC"},
    )


@pytest.fixture
def minh_phat(site_tree):
    return make_company(site_tree, title="Minh Phát", slug="minh-phat")


@pytest.fixture
def led(site_tree, rang_dong):
    return make_product(
        site_tree,
        company=rang_dong,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        summary="Đèn LED tiết kiệm điện.",
        english={
            "Đèn LED Rạng Đông": "Rạng Đông LED lamps",
            "den-led-rang-dong": "rang-dong-led-lamps",
            "Đèn LED tiết kiệm điện.": "Energy-saving LED lamps.",
        },
        recognitions=[{"year": 2021, "is_top10": True}, {"year": 2024, "is_top10": None}],
    )


@pytest.fixture
def heat_pump(site_tree, minh_phat):
    """A product whose English title's words have stems of their own ("pumps" -> "pump")."""
    return make_product(
        site_tree,
        company=minh_phat,
        title="Máy bơm nhiệt",
        slug="may-bom-nhiet",
        english={"Máy bơm nhiệt": "Heat pumps", "may-bom-nhiet": "heat-pumps"},
    )


@pytest.fixture
def facet_catalogue(site_tree, minh_phat):
    """Four products spread over two sectors, three years, two certifications and a market.

    Not yet in either path's search data: each path's module indexes them its own way.
    """
    iso = CertificationFactory(slug="iso-9001", name="ISO 9001")
    tcvn = CertificationFactory(slug="hop-chuan-tcvn", name="Hợp chuẩn TCVN")
    eu = MarketFactory(slug="eu", name="Liên minh châu Âu", name_en="European Union")
    electrical = SectorFactory(slug="dien-dien-tu")
    mechanical = SectorFactory(slug="co-khi-che-tao")
    rows = [
        ("Máy biến áp", electrical, 2021, [iso], [eu]),
        ("Cáp điện", electrical, 2023, [tcvn], []),
        ("Ống thép", mechanical, 2021, [iso, tcvn], [eu]),
        ("Khuôn mẫu", mechanical, 2019, [], []),
    ]
    products = []
    for number, (title, sector, year, certifications, markets) in enumerate(rows):
        product = make_product(
            site_tree,
            company=minh_phat,
            title=title,
            slug=f"san-pham-{number}",
            sector=sector,
            recognitions=[{"year": year, "is_top10": year == 2021}],
            translate=False,
        )
        for certification in certifications:
            ProductCertification.objects.create(page=product, certification=certification)
        for market in markets:
            ProductMarket.objects.create(page=product, market=market)
        products.append(product)
    return products
