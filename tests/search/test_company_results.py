"""Companies are results of their own, on every path (issue 11).

A recognised company whose recognition names no product page (the cable maker "Thượng Đình",
its recognition on CompanyPage.recognitions) used to be unfindable: companies were found only
through their products. `path` is "database" (SQLite or PostgreSQL, whichever the suite
runs on) or "engine" (the real node).
"""

import io
import json

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from products.company_documents import company_document, company_documents
from products.factories import AdministrativeUnitFactory, CompanyPageFactory
from products.models import CompanyRecognition, IndustrialZone
from search.catalogue import service
from search.catalogue.contract import CatalogueQuery
from search.catalogue.sync import update_products
from search.models import CatalogueCompanyEntry
from tests.content import make_company, make_product, publish
from tests.leakwalk.content import restrict

THUONG_DINH_TAX_CODE = "0100100368"


@pytest.fixture
def companies(site_tree, path):
    """Thượng Đình (no product page: its recognition is the company's own), Rạng Đông (one
    product), a draft company, and the search data of the path under test."""
    ward = AdministrativeUnitFactory(
        name="Phường Tương Mai", name_en="Tuong Mai Ward", slug="phuong-tuong-mai"
    )
    zone = IndustrialZone.objects.create(
        name="Cụm công nghiệp Ngọc Hồi",
        name_en="Ngoc Hoi Industrial Cluster",
        slug="ccn-ngoc-hoi",
        kind=IndustrialZone.Kind.CLUSTER,
    )
    thuong_dinh = CompanyPageFactory(
        parent=site_tree.companies,
        title="Dây cáp điện Thượng Đình",
        slug="thuong-dinh",
        brand_name="Cadisun",
        legal_name="Công ty Cổ phần Dây và Cáp điện Thượng Đình",
        tax_code=THUONG_DINH_TAX_CODE,
        summary="Sản xuất dây và cáp điện.",
        unit=ward,
        industrial_zone=zone,
    )
    CompanyRecognition.objects.create(page=thuong_dinh, year=2022)
    publish(
        thuong_dinh,
        {
            "Dây cáp điện Thượng Đình": "Thuong Dinh Electric Wire and Cable",
            "Công ty Cổ phần Dây và Cáp điện Thượng Đình": "Thuong Dinh Cable JSC",
            "Sản xuất dây và cáp điện.": "Makes electric wires and cables.",
        },
    )
    rang_dong = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    make_product(
        site_tree,
        company=rang_dong,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        recognitions=[{"year": 2021}, {"year": 2024}],
    )
    draft = CompanyPageFactory(
        parent=site_tree.companies, title="Bản nháp Quartzvine", slug="ban-nhap", live=False
    )
    draft.save_revision()
    if path == "engine":
        rebuild_engine()
    return {"thuong_dinh": thuong_dinh, "rang_dong": rang_dong, "tree": site_tree}


def rebuild_engine():
    from search.catalogue.engine.companies import rebuild_companies
    from search.catalogue.engine.indexing import rebuild

    rebuild()
    rebuild_companies()


def refresh_engine(path):
    if path == "engine":
        from search.catalogue.engine.client import get_client
        from search.catalogue.engine.companies import company_index_name

        get_client().indices.refresh(index=company_index_name())


def companies_found(q, *, lang="vi", tab="products"):
    data = service.search(CatalogueQuery(q=q, lang=lang, tab=tab)).data
    return [company["title"] for company in data["companies"]["results"]]


@pytest.mark.parametrize(
    "q",
    [
        "Thuong Dinh",
        "thượng đình",
        THUONG_DINH_TAX_CODE,
        "cadisun",
        "tuong mai",
        "Phường Tương Mai",
        "ngoc hoi",
        "công ty cổ phần dây và cáp điện thượng đình",
        "thuong dihn",  # a typo in a name
    ],
)
def test_a_company_without_products_is_found_by_what_a_buyer_knows(companies, q):
    assert companies_found(q) == ["Dây cáp điện Thượng Đình"]


def test_the_company_result_carries_its_fields_in_the_visitors_language(companies):
    data = service.search(CatalogueQuery(q="thuong dinh", lang="en")).data
    assert data["count"] == 0  # no product: the company is what is found
    assert data["companies"]["count"] == 1
    [result] = data["companies"]["results"]
    assert {key: result[key] for key in result if key not in ("score", "id")} == {
        "translation_key": str(companies["thuong_dinh"].translation_key),
        "language": "en",
        "title": "Thuong Dinh Electric Wire and Cable",
        "url": "/en/companies/thuong-dinh/",
        "summary": "Makes electric wires and cables.",
        "brand": "Cadisun",
        "legal_name": "Thuong Dinh Cable JSC",
        "tax_code": THUONG_DINH_TAX_CODE,
        "unit": "Tuong Mai Ward",
        "zone": "Ngoc Hoi Industrial Cluster",
        "product_count": 0,
        "years": [2022],
        # Its own recognition of 2022, valid three years (the day of the search is later).
        "recognised_until": "2025-12-31",
        "status": "expired",
    }
    # English words find it by their stems, as product names are found.
    assert companies_found("electric cable", lang="en") == ["Thuong Dinh Electric Wire and Cable"]


def test_product_counts_and_years_include_the_products(companies):
    [rang_dong] = service.search(CatalogueQuery(q="rang dong")).data["companies"]["results"]
    assert (rang_dong["product_count"], rang_dong["years"]) == (1, [2021, 2024])


def test_drafts_never_appear(companies):
    assert companies_found("quartzvine") == []
    assert "Bản nháp Quartzvine" not in companies_found("", tab="companies")


def test_the_companies_tab_lists_every_company_by_name_and_pages(companies):
    data = service.search(CatalogueQuery(tab="companies", per_page=1)).data
    assert (data["tab"], data["companies"]["count"], data["num_pages"]) == ("companies", 2, 2)
    assert companies_found("", tab="companies") == ["Dây cáp điện Thượng Đình", "Rạng Đông"]
    second = service.search(CatalogueQuery(tab="companies", per_page=1, page=2)).data
    assert [c["title"] for c in second["companies"]["results"]] == ["Rạng Đông"]
    assert second["count"] == 1  # the products are still counted for the switch
    with pytest.raises(service.PageOutOfRange):
        service.search(CatalogueQuery(tab="companies", per_page=1, page=3))


def test_publishing_unpublishing_and_restricting_follow_on_the_path(companies, path):
    tree, rang_dong = companies["tree"], companies["rang_dong"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        make_product(
            tree, company=rang_dong, title="Phích nước", slug="phich-nuoc", translate=False
        )
    refresh_engine(path)
    [result] = service.search(CatalogueQuery(q="rang dong")).data["companies"]["results"]
    assert result["product_count"] == 2

    restrict(rang_dong, PageViewRestriction.PASSWORD, user=None)
    refresh_engine(path)
    assert companies_found("rang dong") == []

    # Unpublished in Vietnamese, it stays a result in English; then in neither.
    thuong_dinh = companies["thuong_dinh"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        thuong_dinh.unpublish()
    refresh_engine(path)
    assert companies_found("thuong dinh") == ["Thuong Dinh Electric Wire and Cable"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        thuong_dinh.get_translations().get().unpublish()
    refresh_engine(path)
    assert companies_found("thuong dinh") == []


def test_a_renamed_company_is_found_by_its_new_words_only(companies, path):
    # On SQLite the database path finds candidates through a word index kept by triggers
    # (search.catalogue.database.fulltext): an update must replace the old words.
    with TestCase.captureOnCommitCallbacks(execute=True):
        company = make_company(companies["tree"], title="Công ty Quartzvine", slug="cong-ty-q")
    refresh_engine(path)
    assert companies_found("quartzvine") == ["Công ty Quartzvine"]

    english = company.get_translations().get()
    for page, name in ((company, "Công ty Zephyrine"), (english, "Zephyrine Company")):
        page.title = page.brand_name = name
    with TestCase.captureOnCommitCallbacks(execute=True):
        company.save_revision().publish()
        english.save_revision().publish()
    refresh_engine(path)
    assert companies_found("zephyrine") == ["Công ty Zephyrine"]
    # Found by its words, not by the typo fallback (which reads the names themselves).
    assert service.search(CatalogueQuery(q="zephyrine")).data["companies"]["exact"] is True
    assert companies_found("quartzvine") == []


def test_the_api_answers_companies_and_the_companies_tab(client, companies):
    data = json.loads(client.get("/api/catalogue/", {"q": "cadisun"}).content)
    assert data["companies"]["count"] == 1
    assert data["companies"]["results"][0]["url"] == "/doanh-nghiep/thuong-dinh/"
    listed = json.loads(client.get("/api/catalogue/", {"tab": "companies"}).content)
    assert [c["title"] for c in listed["companies"]["results"]] == [
        "Dây cáp điện Thượng Đình",
        "Rạng Đông",
    ]
    refused = client.get("/api/catalogue/", {"tab": "suppliers", "lang": "en"})
    assert refused.status_code == 400
    assert json.loads(refused.content)["errors"] == ["The tab must be products or companies."]
    assert client.get("/api/catalogue/", {"tab": "companies", "page": "2"}).status_code == 400


def test_the_catalogue_page_switches_between_products_and_companies(client, companies):
    html = client.get("/san-pham/", {"q": "thuong dinh"}).content.decode()
    assert 'href="?q=thuong+dinh" aria-current="page">Sản phẩm (0)</a>' in html
    assert 'href="?q=thuong+dinh&amp;tab=companies">Doanh nghiệp (1)</a>' in html
    assert 'href="/doanh-nghiep/thuong-dinh/"' in html and "Cadisun" in html
    english = client.get("/en/products/", {"q": "thuong dinh"}).content.decode()
    assert 'aria-current="page">Products (0)</a>' in english
    assert "1 matching company" in english and 'href="/en/companies/thuong-dinh/"' in english

    tab = client.get("/en/products/", {"q": "thuong dinh", "tab": "companies"})
    html = tab.content.decode()
    assert tab.status_code == 200
    assert 'href="?q=thuong+dinh&amp;tab=companies" aria-current="page">Companies (1)</a>' in html
    assert 'href="/en/companies/thuong-dinh/"' in html
    assert "Tuong Mai Ward" in html and "Ngoc Hoi Industrial Cluster" in html
    assert 'name="tab" value="companies"' in html  # a new search stays on the tab
    assert "No matching products" not in html


def test_the_site_search_shows_matching_companies(client, companies):
    html = client.get("/tim-kiem/", {"q": "thuong dinh"}).content.decode()
    assert 'href="/doanh-nghiep/thuong-dinh/"' in html
    english = client.get("/en/search/", {"q": "cadisun"}).content.decode()
    assert 'href="/en/companies/thuong-dinh/"' in english
    assert "Thuong Dinh Electric Wire and Cable" in english


def test_the_autocomplete_suggests_companies_without_products(client, companies):
    data = json.loads(client.get("/api/catalogue/suggest/", {"q": "thuong d"}).content)
    assert {"text": "Dây cáp điện Thượng Đình", "url": "/doanh-nghiep/thuong-dinh/"} in [
        {"text": item["text"], "url": item["url"]}
        for item in data["suggestions"]
        if item["type"] == "company"
    ]
    english = json.loads(
        client.get("/api/catalogue/suggest/", {"q": "cadis", "lang": "en"}).content
    )
    assert [item["url"] for item in english["suggestions"] if item["type"] == "company"] == [
        "/en/companies/thuong-dinh/"
    ]


def test_check_catalogue_index_finds_and_repairs_company_drift(companies, path):
    CatalogueCompanyEntry.objects.all().delete()
    if path == "engine":
        from search.catalogue.engine.client import get_client
        from search.catalogue.engine.companies import company_index_name

        get_client().delete(
            index=company_index_name(),
            id=str(companies["thuong_dinh"].translation_key),
            refresh=True,
        )
    out = io.StringIO()
    with pytest.raises(CommandError, match="drifted"):
        call_command("check_catalogue_index", stdout=out)
    assert "Database company entries: missing: 2" in out.getvalue()
    if path == "engine":
        assert "Engine company index: missing: 1" in out.getvalue()
    call_command("check_catalogue_index", "--repair", stdout=io.StringIO())
    refresh_engine(path)
    call_command("check_catalogue_index", stdout=io.StringIO())
    assert companies_found("thuong dinh") == ["Dây cáp điện Thượng Đình"]


# -- costs ------------------------------------------------------------------------------


def test_a_typo_finds_a_company_published_after_the_names_were_read(companies, path):
    assert companies_found("hoang phat") == []  # the names' vocabulary is read now
    with TestCase.captureOnCommitCallbacks(execute=True):
        make_company(companies["tree"], title="Hoàng Phát", slug="hoang-phat")
    refresh_engine(path)

    assert companies_found("hoang phta") == ["Hoàng Phát"]
    # Within the engine's fuzziness only, first letter as typed: as on the engine.
    assert companies_found("koang phat") == []


@pytest.mark.parametrize("path", ["database"], indirect=True)
def test_a_search_costs_at_most_two_more_sql_queries(companies):
    def queries(**params):
        service.search(CatalogueQuery(**params))  # warm: synonyms, vocabulary
        caches["catalogue-answers"].clear()  # but ask the search itself again
        with CaptureQueriesContext(connection) as captured:
            service.search(CatalogueQuery(**params))
        return [q["sql"] for q in captured]

    def company_queries(**params):
        return [sql for sql in queries(**params) if CatalogueCompanyEntry._meta.db_table in sql]

    assert len(company_queries(q="thuong dinh")) == 1
    assert len(company_queries(q="thuong dihn")) == 2  # nothing exact: the typo fallback
    assert len(company_queries(tab="companies")) == 1
    # What the products cost before (3 with words, up to 5 without matches) plus these.
    assert len(queries(q="thuong dinh")) <= 5 + 2


@pytest.mark.parametrize("path", [pytest.param("engine", marks=pytest.mark.engine)], indirect=True)
def test_a_search_costs_one_more_engine_request(companies, monkeypatch):
    from search.catalogue.engine.client import get_client
    from search.catalogue.engine.companies import company_index_name
    from search.catalogue.engine.indexing import index_name

    transport = get_client().transport
    requests = []
    send = transport.perform_request

    def counting(method, url, *args, **kwargs):
        requests.append((method, url))
        return send(method, url, *args, **kwargs)

    monkeypatch.setattr(transport, "perform_request", counting)
    assert companies_found("thuong dinh") == ["Dây cáp điện Thượng Đình"]
    assert requests == [
        ("POST", f"/{index_name()}/_search"),
        ("POST", f"/{company_index_name()}/_search"),
    ]
    requests.clear()
    service.suggest(q="thuong", lang="vi")
    assert len(requests) == 2


def test_company_documents_cost_the_same_queries_for_one_company_or_many(
    site_tree, django_assert_max_num_queries
):
    first = make_company(site_tree, title="Công ty Một", slug="cong-ty-mot")
    make_product(site_tree, company=first, title="Sản phẩm Một", slug="sp-mot")
    keys = [str(first.translation_key)]
    with CaptureQueriesContext(connection) as one:
        assert company_documents(keys)
    for number in range(5):
        company = make_company(site_tree, title=f"Công ty {number}", slug=f"cong-ty-{number}")
        make_product(site_tree, company=company, title=f"Sản phẩm {number}", slug=f"sp-{number}")
        keys.append(str(company.translation_key))
    with django_assert_max_num_queries(len(one)):
        assert len(company_documents(keys)) == 6
    assert company_document(keys[-1])["product_count"] == 1


def test_a_search_without_facets_counts_none(companies):
    """The site search shows no facets: it asks for none, and no path counts them (the
    database path saves a query of the page's budget)."""
    with_facets = service.search(CatalogueQuery(q="đèn led")).data
    without = service.search(CatalogueQuery(q="đèn led", facets=False)).data
    assert with_facets["facets"]["year"] and without["facets"] == {}
    assert without["count"] == with_facets["count"] == 1


def test_words_naming_a_company_show_no_corrected_products(companies, path):
    # "Thuong Dinh" is one edit per word from "thông minh": with no company by that name, the
    # catalogue would show the smart lock "for thông minh". The company answers the words.
    lock = make_product(
        companies["tree"],
        company=companies["rang_dong"],
        title="Khóa thông minh",
        slug="khoa-thong-minh",
    )
    update_products([lock.translation_key])
    if path == "engine":
        rebuild_engine()
    data = service.search(CatalogueQuery(q="Thuong Dinh")).data
    assert (data["count"], data["corrected"], data["partial"]) == (0, None, False)
    assert [company["title"] for company in data["companies"]["results"]] == [
        "Dây cáp điện Thượng Đình"
    ]
    # Words that name no company: the typo (a wrong first letter, beyond every path's fuzzy
    # matching) is corrected.
    corrected = service.search(CatalogueQuery(q="thong ninh")).data
    assert corrected["corrected"] in ("thông minh", "thong minh")
    assert [result["title"] for result in corrected["results"]] == ["Khóa thông minh"]
