"""Random and hostile values for every query parameter of every public endpoint.

Hypothesis throws values at the catalogue API and its suggestions, both catalogue listings,
the site search in both languages and page URLs: valid values, unknown and repeated
parameters, control characters and NUL, lone surrogates and invalid UTF-8 (percent-encoded
as a client would send them), text that grows under NFC, huge numbers and FTS or engine query
syntax. Every answer must be a 200, 400 or 404, and nothing may log an error or a traceback
other than a 404's. The database path runs on SQLite and PostgreSQL, the engine path
(marker `engine`) against the real node. The explicit examples are defects found before.
"""

import logging
import uuid
from urllib.parse import quote

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.search.backends import get_search_backend

from news.factories import NewsPageFactory
from products.factories import CertificationFactory, MarketFactory
from products.models import ProductCertification, ProductMarket
from programme.factories import EventPageFactory
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

    def fetch(path, pairs=()):
        log_problems.records.clear()
        query_string = "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)
        response = client.get(f"{path}?{query_string}" if query_string else path)
        where = f"GET {path}?{query_string}"[:400]
        assert response.status_code in ALLOWED_STATUSES, f"{where}: {response.status_code}"
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
    publish(NewsPageFactory(parent=tree.news, title="Hội nghị sản phẩm chủ lực", slug="hoi-nghi"))
    publish(EventPageFactory(parent=tree.events, title="Hội chợ đèn LED", slug="hoi-cho"))


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
    "/sitemap.xml",
    "/health/",
]


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
