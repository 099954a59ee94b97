"""Random and hostile values for every query parameter of every public endpoint.

Hypothesis throws values at the catalogue API, its suggestions and its downloads (and the
recognitions and statistics downloads), both catalogue listings,
the site search in both languages and page URLs: valid values, unknown and repeated
parameters, control characters and NUL, lone surrogates and invalid UTF-8 (percent-encoded
as a client would send them), text that grows under NFC, huge numbers and FTS or engine query
syntax. Every answer must be a 200, 400 or 404, and nothing may log an error or a traceback
other than a 404's. The database path runs on SQLite and PostgreSQL, the engine path
(marker `engine`) against the real node. The explicit examples are defects found before.
The catalogue's feeds take the listings' parameters; news tags and years take any value in
their URL's path.
"""

import datetime
import logging
import uuid
from urllib.parse import quote

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.search.backends import get_search_backend

from applications.models import SelectionRound
from home.factories import SitemapPageFactory
from news.factories import NewsPageFactory
from products.factories import CertificationFactory, MarketFactory
from products.models import ProductCertification, ProductMarket
from programme.eligibility import known_parameters as known_self_check_parameters
from programme.factories import (
    CriteriaPageFactory,
    EventPageFactory,
    GuidancePageFactory,
    OpenDataPageFactory,
    published_thresholds,
)
from search.catalogue.database.companies import rebuild_company_entries
from search.catalogue.database.query import rebuild_entries
from search.catalogue.engine.client import as_dict, get_client, index_name
from search.catalogue.engine.companies import company_index_name, rebuild_companies
from search.catalogue.engine.indexing import rebuild
from tests.content import make_company, make_product, publish

pytestmark = pytest.mark.django_db

ALLOWED_STATUSES = {200, 400, 404}
# A 404 is logged with its Http404; these are the only exceptions a log record may carry.
EXPECTED_EXCEPTIONS = (Http404, PermissionDenied, BadRequest)

# Examples per endpoint and search path; with the explicit examples, about 1 500 requests a
# pass (a few minutes on the shared 2-CPU machine). The function-scoped fixtures build the
# content once per test: examples only read, so sharing it between them is intended.
FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FEW = settings(FUZZ, max_examples=60)

GROWS_UNDER_NFC = ["\U0001d160", "\u0958", "\ufb2c", "\u2adc", "\u0344"]
HOSTILE = [
    "",
    " ",
    '"',
    'a"b',
    '"den led',
    '{"$gt": ""}',
    "AND OR NOT",
    "*",
    "(",
    ")",
    "NEAR(",
    "den* OR",
    "title:den",
    "^",
    "-",
    "\\",
    "'; DROP TABLE x; --",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "0",
    "-1",
    "1e3",
    " 2",
    "501",
    str(10**30),
    "NaN",
    "a" * 10_000,
    "đ" * 3_000,
    "den led " * 40,
]
VALID = [
    "vi",
    "en",
    "companies",
    "products",
    "relevance",
    "newest",
    "name",
    "1",
    "2",
    "2021",
    "2023",
    "true",
    "false",
    "current",
    "expired",
    "csv",
    "xlsx",
    "json",
    "years",
    "sectors",
    "dien-dien-tu",
    "co-khi-che-tao",
    "iso-9001",
    "eu",
    "den led",
    "Đèn LED",
    "rang dong",
    "hoi nghi",
]

raw_bytes = st.binary(max_size=12)  # sent percent-encoded as they are: %FF, %ED%A0%80...
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
values = st.one_of(
    st.sampled_from(VALID),
    st.sampled_from(HOSTILE),
    any_text,
    st.text(max_size=260),
    raw_bytes,
    st.integers().map(str),
    st.tuples(st.sampled_from(GROWS_UNDER_NFC), st.integers(1, 120)).map(lambda t: t[0] * t[1]),
)
CATALOGUE_PARAMETERS = [
    "q",
    "sort",
    "page",
    "lang",
    "sector",
    "year",
    "certification",
    "unit",
    "top10",
    "market",
    "tab",
    "status",
]


def query(names):
    """Pairs (name, value): some of *names*, then unknown or repeated parameters."""
    known = st.lists(st.tuples(st.sampled_from(names), values), max_size=len(names) + 2)
    unknown = st.lists(st.tuples(st.one_of(any_text, st.sampled_from(names)), values), max_size=2)
    return st.tuples(known, unknown).map(lambda t: t[0] + t[1])


def encode(part) -> str:
    raw = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
    return quote(raw, safe="")


class LogProblems(logging.Handler):
    """Collects every error, and every traceback other than a 404's, any logger writes."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        exception = record.exc_info[1] if record.exc_info else None
        # django.security logs hostile requests it refused (a 400) as errors by design.
        if record.name.startswith("django.security"):
            return
        if record.levelno >= logging.ERROR or (
            exception is not None and not isinstance(exception, EXPECTED_EXCEPTIONS)
        ):
            self.records.append(f"{record.name} {record.levelname}: {record.getMessage()}")


@pytest.fixture
def log_problems():
    handler = LogProblems()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(previous)


@pytest.fixture
def fetch(log_problems):
    client = Client(raise_request_exception=False)

    def fetch(path, pairs=(), statuses=ALLOWED_STATUSES):
        log_problems.records.clear()
        query_string = "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)
        response = client.get(f"{path}?{query_string}" if query_string else path)
        if response.streaming:  # a download is written as it is read: read it whole
            b"".join(response.streaming_content)
        where = f"GET {path}?{query_string}"[:400]
        assert response.status_code in statuses, f"{where}: {response.status_code}"
        assert log_problems.records == [], f"{where}: logged {log_problems.records}"
        return response

    return fetch


def build_content(tree):
    """A small bilingual catalogue with facets, a news article and an event."""
    company = make_company(tree, title="Rạng Đông", slug="rang-dong")
    iso = CertificationFactory(slug="iso-9001", name="ISO 9001")
    eu = MarketFactory(slug="eu", name="Liên minh châu Âu", name_en="European Union")
    for number, title in enumerate(["Đèn LED Rạng Đông", "Phích nước", "Bóng đèn huỳnh quang"]):
        product = make_product(
            tree,
            company=company,
            title=title,
            slug=f"san-pham-{number}",
            summary=f"{title}: sản phẩm công nghiệp chủ lực.",
            recognitions=[{"year": 2021 + number, "is_top10": number == 0}],
        )
        ProductCertification.objects.create(page=product, certification=iso)
        ProductMarket.objects.create(page=product, market=eu)
    article = NewsPageFactory(
        parent=tree.news,
        title="Hội nghị sản phẩm chủ lực",
        slug="hoi-nghi",
        date=datetime.date(2025, 3, 1),
    )
    article.tags.add("hội nghị")
    publish(article)
    publish(SitemapPageFactory(parent=tree.home), {"so-do-trang": "sitemap"})
    publish(
        EventPageFactory(
            parent=tree.events,
            title="Hội chợ đèn LED",
            slug="hoi-cho",
            registration_on_site=True,
            business_matching=True,
        )
    )
    publish(OpenDataPageFactory(parent=tree.programme))
    # This year's selection round, taking registrations of interest (issue 14).
    now = timezone.now()
    SelectionRound.objects.create(
        year=now.year,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
    )


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.engine)])
def search_path(request, settings, site_tree):
    """The content, searchable on the path under test."""
    if request.param == "database":
        settings.SEARCH_URL = ""
        build_content(site_tree)
        rebuild_entries()
        rebuild_company_entries()
        yield request.param
        return
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}{uuid.uuid4().hex[:10]}_"
    build_content(site_tree)
    rebuild()
    rebuild_companies()
    call_command("update_index", verbosity=0)
    from wagtail.models import Page

    get_search_backend().get_index_for_model(Page).refresh()
    yield request.param
    client = get_client()
    for pattern in (f"{index_name()}*", f"{company_index_name()}*"):
        for name in as_dict(client.indices.get(index=pattern)):
            client.indices.delete(index=name)


# Explicit examples (each on every path the test runs on) --------------------------------

NFC_GROWTH_API = [("q", "\U0001d160" * 67)]
NFC_GROWTH_SEARCH = [("q", "\u0958" * 101)]


@pytest.mark.parametrize("path", ["/api/catalogue/"])
@FUZZ
@given(pairs=query(CATALOGUE_PARAMETERS))
@example(pairs=NFC_GROWTH_API)
@example(pairs=[("q", "\U0001d160" * 67), ("lang", "en")])
@example(pairs=[("page", "501")])
@example(pairs=[("page", "501"), ("q", "den")])
@example(pairs=[("page", str(10**30))])
@example(pairs=[("page", "0")])
@example(pairs=[("q", "\x00")])
@example(pairs=[("q", b"\xed\xa0\x80")])
@example(pairs=[("q", b"\xff")])
@example(pairs=[("sector", b"\xff"), ("year", "\x00")])
@example(pairs=[("q", "a" * 10_000)])
@example(pairs=[("q", "den"), ("q", "led"), ("page", "1"), ("page", "2")])
@example(pairs=[("lang", "en"), ("lang", "fr"), ("sort", "name"), ("sort", "name")])
@example(pairs=[("utm_source", "x"), ("year", "2021"), ("year", "2021"), ("top10", "true")])
@example(pairs=[("status", "current"), ("status", "expired"), ("q", "den")])
@example(pairs=[("status", b"\xff"), ("status", "current"), ("year", "2021")])
def test_catalogue_api(search_path, fetch, path, pairs):
    fetch(path, pairs)


@pytest.mark.parametrize("path", ["/api/catalogue/export/"])
@FUZZ
@given(pairs=query([*CATALOGUE_PARAMETERS, "format"]))
@example(pairs=[("format", "xlsx"), ("q", "\x00"), ("lang", "en")])
@example(pairs=[("format", "csv"), ("format", "pdf"), ("tab", "companies")])
@example(pairs=[("format", b"\xff"), ("page", str(10**30))])
@example(pairs=[("format", "json"), ("q", "=cmd|' /C calc'!A0"), ("status", "current")])
def test_catalogue_export(search_path, fetch, path, pairs):
    fetch(path, pairs)


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/api/recognitions/export/", ["format", "lang"]),
        ("/api/statistics/export/", ["format", "lang", "table"]),
    ],
)
@FEW
@given(data=st.data())
def test_recognitions_and_statistics_exports(search_path, fetch, path, names, data):
    fetch(path, data.draw(query(names)))


@pytest.mark.parametrize("path", ["/api/catalogue/suggest/"])
@FUZZ
@given(pairs=query(["q", "lang"]))
@example(pairs=NFC_GROWTH_API)
@example(pairs=[("q", '"')])
@example(pairs=[("q", "\x00")])
@example(pairs=[("q", b"\xed\xa0\x80")])
@example(pairs=[("q", "đ" * 3_000)])
@example(pairs=[("q", "den"), ("q", "rang"), ("lang", "en"), ("lang", "vi")])
def test_suggest(search_path, fetch, path, pairs):
    fetch(path, pairs)


@pytest.mark.parametrize("path", ["/san-pham/", "/en/products/"])
@FUZZ
@given(pairs=query(CATALOGUE_PARAMETERS))
@example(pairs=NFC_GROWTH_API)
@example(pairs=[("page", "501")])
@example(pairs=[("page", str(10**30))])
@example(pairs=[("q", '{"$gt": ""}')])
@example(pairs=[("q", b"\xff"), ("sector", "\x00")])
@example(pairs=[("q", "a" * 10_000), ("page", "2"), ("page", "x")])
@example(pairs=[("sector", "dien-dien-tu"), ("sector", "dien-dien-tu"), ("utm", "x")])
@example(pairs=[("status", "current"), ("q", "khong co gi"), ("sector", "dien-dien-tu")])
@example(pairs=[("status", "CURRENT"), ("status", "")])
def test_catalogue_listing(search_path, fetch, path, pairs):
    fetch(path, pairs)


@pytest.mark.parametrize("path", ["/tim-kiem/", "/en/search/"])
@FUZZ
@given(pairs=query(["q", "page"]))
@example(pairs=NFC_GROWTH_SEARCH)
@example(pairs=NFC_GROWTH_API)
@example(pairs=[("q", '"')])
@example(pairs=[("q", 'a"b')])
@example(pairs=[("q", '{"$gt": ""}')])
@example(pairs=[("q", "AND OR NOT")])
@example(pairs=[("q", "*")])
@example(pairs=[("q", "(")])
@example(pairs=[("q", "NEAR(den led")])
@example(pairs=[("q", "den"), ("page", str(10**30))])
@example(pairs=[("q", "\x00")])
@example(pairs=[("q", b"\xed\xa0\x80")])
@example(pairs=[("q", b"\xff")])
@example(pairs=[("q", "a" * 10_000)])
@example(pairs=[("q", "den"), ("q", '"'), ("page", "1"), ("page", "-1")])
def test_site_search(search_path, fetch, path, pairs):
    fetch(path, pairs)


PAGES = [
    "/",
    "/en/",
    "/san-pham/san-pham-0/",
    "/doanh-nghiep/",
    "/doanh-nghiep/rang-dong/",
    "/tin-tuc/",
    "/tin-tuc/hoi-nghi/",
    "/su-kien/",
    "/su-kien/hoi-cho/",
    "/chuong-trinh/",
    "/chuong-trinh/du-lieu-mo/",
    "/sitemap.xml",
    "/health/",
    "/tin-tuc/the/hoi-nghi/",
    "/en/news/tag/hoi-nghi/",
    "/tin-tuc/nam/2025/",
    "/en/news/year/2025/",
    "/tin-tuc/rss/",
    "/en/news/atom/",
    "/su-kien/rss/",
    "/en/events/atom/",
    "/so-do-trang/",
    "/en/sitemap/",
    "/api/openapi.json",
    "/api/docs/",
]


@pytest.mark.parametrize("path", ["/san-pham/rss/", "/en/products/atom/"])
@FUZZ
@given(pairs=query(CATALOGUE_PARAMETERS))
@example(pairs=NFC_GROWTH_API)
@example(pairs=[("page", "501")])
@example(pairs=[("page", str(10**30)), ("sort", "newest")])
@example(pairs=[("q", b"\xff"), ("sector", "\x00")])
@example(pairs=[("sector", "dien-dien-tu"), ("year", "2021"), ("utm_source", "x")])
@example(pairs=[("status", "current"), ("tab", "companies"), ("lang", "fr")])
@example(pairs=[("q", "\x01")])  # XML cannot carry it: the feed once answered 500
def test_catalogue_feed(search_path, fetch, path, pairs):
    fetch(path, pairs)


@pytest.mark.parametrize(
    "template", ["/tin-tuc/the/{}/", "/en/news/tag/{}/", "/tin-tuc/nam/{}/", "/en/news/year/{}/"]
)
@FEW
@given(value=values)
@example(value="2025")
@example(value=str(10**30))
@example(value="0000")
@example(value="hoi-nghi")
@example(value=b"\xff")
def test_news_tags_and_years_in_the_path(search_path, fetch, template, value):
    fetch(template.format(encode(value) or "x"))


@pytest.mark.parametrize("path", PAGES)
@FEW
@given(pairs=query(["page", "q", "utm_source", "lang"]))
@example(pairs=[("page", str(10**30))])
@example(pairs=[("page", b"\xff"), ("page", "\x00")])
def test_pages_with_query_strings(search_path, fetch, path, pairs):
    fetch(path, pairs)


@pytest.mark.parametrize("path", ["/lien-he-nha-cung-cap/", "/en/contact-supplier/"])
@FEW
@given(pairs=query(["company", "product", "lang"]))
@example(pairs=[("company", str(10**30)), ("product", "-1")])
@example(pairs=[("company", "\u0661\u0662"), ("product", "\u00b2")])
@example(pairs=[("company", b"\xff"), ("company", "\x00")])
def test_inquiry_form_query_strings(search_path, fetch, path, pairs):
    fetch(path, pairs)


INQUIRY_FIELDS = [
    "company",
    "name",
    "organisation",
    "country",
    "email",
    "phone",
    "message",
    "language",
    "consent",
    "leave_empty",
]


@pytest.mark.parametrize("path", ["/lien-he-nha-cung-cap/"])
@FEW
@given(pairs=query(INQUIRY_FIELDS))
@example(pairs=[("name", "a\x00b"), ("message", "\x00"), ("email", "a@b.c\x00")])
@example(pairs=[("company", str(10**30)), ("country", "ZZ"), ("language", "fr")])
def test_inquiry_form_posts(search_path, log_problems, path, pairs):
    """Whatever is posted, the answer is the form with its errors (400), a refusal (429) or
    the redirect to the confirmation, never an error."""
    client = Client(raise_request_exception=False)
    log_problems.records.clear()
    body = "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)
    response = client.post(path, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in {302, 400, 429}, f"POST {path} {body[:300]}"
    assert log_problems.records == [], f"POST {path} {body[:300]}: {log_problems.records}"


@pytest.mark.parametrize("path", ["/su-kien/hoi-cho/dang-ky/", "/en/events/hoi-cho/register/"])
@FEW
@given(pairs=query(["q", "companies", "lang"]))
@example(pairs=[("q", "\x00"), ("companies", str(10**30))])
@example(pairs=[("q", "r" * 500), ("companies", "\u0661")])
@example(pairs=[("q", b"\xff"), ("companies", b"\xff")])
def test_event_registration_query_strings(search_path, fetch, path, pairs):
    fetch(path, pairs)


REGISTRATION_FIELDS = [
    "name",
    "organisation",
    "role",
    "country",
    "email",
    "phone",
    "language",
    "companies",
    "q",
    "search",
    "waiting_list",
    "consent",
    "leave_empty",
]


@pytest.mark.parametrize("path", ["/su-kien/hoi-cho/dang-ky/"])
@FEW
@given(pairs=query(REGISTRATION_FIELDS))
@example(pairs=[("name", "a\x00b"), ("role", "\x00"), ("email", "a@b.c\x00")])
@example(pairs=[("companies", str(10**30)), ("country", "ZZ"), ("language", "fr")])
@example(pairs=[("search", "1"), ("q", "\x00"), ("companies", "-1")])
def test_event_registration_posts(search_path, log_problems, path, pairs):
    """Whatever is posted, the answer is the form (200 after a company search, 400 with its
    errors), a refusal (409 duplicate, 429 limit) or the redirect to the outcome."""
    client = Client(raise_request_exception=False)
    log_problems.records.clear()
    body = "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)
    response = client.post(path, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in {200, 302, 400, 409, 429}, f"POST {path} {body[:300]}"
    assert log_problems.records == [], f"POST {path} {body[:300]}: {log_problems.records}"


@pytest.mark.parametrize("path", ["/dang-ky-binh-chon/", "/en/apply-for-selection/"])
@FEW
@given(pairs=query(["lang", "year", "round"]))
@example(pairs=[("year", str(10**30)), ("round", b"\xff")])
def test_application_form_query_strings(search_path, fetch, path, pairs):
    fetch(path, pairs)


APPLICATION_FIELDS = [
    "company_name",
    "tax_code",
    "contact_name",
    "email",
    "phone",
    "products",
    "dossier",
    "language",
    "consent",
    "leave_empty",
]


@pytest.mark.parametrize("path", ["/dang-ky-binh-chon/"])
@FEW
@given(pairs=query(APPLICATION_FIELDS))
@example(pairs=[("company_name", "a\x00b"), ("tax_code", "\x00"), ("email", "a@b.c\x00")])
@example(pairs=[("tax_code", str(10**30)), ("language", "fr"), ("dossier", "x.pdf")])
@example(pairs=[("tax_code", "\u0661" * 10), ("products", "=1+2"), ("consent", "on")])
def test_application_form_posts(search_path, log_problems, path, pairs):
    """Whatever is posted, the answer is the form with its errors (400), a refusal (409
    duplicate, 429 limit) or the redirect to the outcome, never an error."""
    client = Client(raise_request_exception=False)
    log_problems.records.clear()
    body = "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)
    response = client.post(path, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in {302, 400, 409, 429}, f"POST {path} {body[:300]}"
    assert log_problems.records == [], f"POST {path} {body[:300]}: {log_problems.records}"


# Wagtail's API v2 (home.api): every parameter its pages and images endpoints know.
WAGTAIL_API_PARAMETERS = [
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "site",
    "html_path",
    "id",
]


@pytest.mark.parametrize(
    "path", ["/api/v2/pages/", "/api/v2/pages/find/", "/api/v2/images/", "/api/v2/images/find/"]
)
@FEW
@given(pairs=query(WAGTAIL_API_PARAMETERS))
@example(pairs=[("search", '"'), ("order", "title")])
@example(pairs=[("search", "\x00"), ("search_operator", "or")])
@example(pairs=[("search", "den"), ("order", "random")])
@example(pairs=[("limit", str(10**30)), ("offset", "-1")])
@example(pairs=[("child_of", str(10**30)), ("type", "products.ProductPage")])
@example(pairs=[("type", "products.ProductPage,news.NewsPage"), ("fields", "*,-title")])
@example(pairs=[("fields", "company(*)"), ("type", "products.ProductPage")])
@example(pairs=[("html_path", "/san-pham/san-pham-0/")])
@example(pairs=[("id", "\u0661"), ("locale", "xx")])
@example(pairs=[("locale", "\x00")])
@example(pairs=[("translation_of", "\x00"), ("type", "a\x00")])
def test_wagtail_api(search_path, fetch, path, pairs):
    # A find that finds redirects to the item's address.
    fetch(path, pairs, statuses=ALLOWED_STATUSES | {302})


# The eligibility self-check (programme.eligibility): every question's parameter, whatever
# the product type, on the criteria page's sub-route in both languages.
@pytest.fixture
def self_check_pages(site_tree):
    criteria = CriteriaPageFactory(parent=site_tree.programme, thresholds=published_thresholds())
    publish(criteria, {"tieu-chi": "criteria"})
    publish(GuidancePageFactory(parent=site_tree.programme), {"huong-dan": "how-to-apply"})


@pytest.mark.parametrize(
    "path", ["/chuong-trinh/tieu-chi/tu-kiem-tra/", "/en/programme/criteria/self-check/"]
)
@FEW
@given(pairs=query(known_self_check_parameters()))
@example(pairs=[("type", "high_tech"), ("revenue_vnd", str(10**30))])
@example(pairs=[("type", "high_tech"), ("revenue_vnd", "²"), ("hanoi_presence", "yes")])
@example(pairs=[("type", "other"), ("revenue_or_output_vnd", "١٢ tỷ")])
@example(pairs=[("type", "handicraft"), ("exports_usd", "9" * 10_000)])
@example(pairs=[("type", b"\xff"), ("hanoi_presence", "\x00")])
@example(pairs=[("type", "startup"), ("type", "other"), ("revenue_or_output_vnd", "1,5 tỷ")])
def test_self_check_query_strings(self_check_pages, fetch, path, pairs):
    # The page exists whatever is asked: the answer is the result (200) or its messages (400).
    fetch(path, pairs, statuses={200, 400})
