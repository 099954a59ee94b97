"""An anonymous visitor walking every public endpoint, looking for private pages' tokens.

`Walk` fetches, checks and records; `walk_site` is the list of what a visitor can ask for:
pages, catalogue listings with and without query and filters (every page of results), the
catalogue API, its suggestions and downloads (every format), the recognitions and statistics
downloads, the site search, the feeds (news, events, every filtered catalogue view), news by
tag and year, the sitemap, robots.txt, the web manifest, the API description and Wagtail's
API v2,
Wagtail's login and password views, documents and media. `unvisited_patterns` compares what
was visited with the project's URL patterns, so a new endpoint fails the walk until it is
added here.

A response may repeat what the visitor typed (the search box keeps its query): a query that
carries a token is therefore compared with the same query carrying a fresh token that no page
has, and may only show the token as often as that control shows its own.
"""

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

import openpyxl
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from applications.models import ApplicationFile
from core.feeds import FEED_KINDS
from core.tabular import CONTENT_TYPES, FORMATS
from core.text import ascii_slug
from news.models import NewsIndexPage, NewsPage
from products.models import CompanyPage, ProductIndexPage, ProductPage
from programme.eligibility import known_parameters as known_self_check_parameters
from programme.models import CriteriaPage, EventIndexPage, EventPage
from programme.thresholds import COMPANY_PRODUCT_TYPES
from tests.leakwalk.content import PREFIX, SecretContent, new_token

# URL patterns the walk does not visit, each with its reason.
SKIPPED = {
    "admin/": "the editors' admin: every view asks for a signed-in user (anonymous visitors "
    "are sent to its login page) and it is not a public endpoint",
}
_MARK = re.compile(r"</?mark[^>]*>|\\u003c/?mark\\u003e")
_LOGIN_PATHS = ("/_util/login/", "/en/_util/login/", "/admin/login/")


@dataclass
class Walk:
    client: object
    content: SecretContent
    problems: list[str] = field(default_factory=list)
    paths: set[str] = field(default_factory=set)
    requests: int = 0
    _controls: dict = field(default_factory=dict)

    def fetch(self, path: str, params=None, *, method="get"):
        self.requests += 1
        self.paths.add(path)
        if method == "post":
            return self.client.post(path, params or {})
        return self.client.get(path, params or {})

    def get(self, path: str, params=None, *, statuses=(200,), method="get"):
        """Fetch and check: an expected status and no token, whole or in part."""
        response = self.fetch(path, params, method=method)
        where = f"{method.upper()} {path}" + (f"?{urlencode(params, doseq=True)}" if params else "")
        if response.status_code not in statuses:
            self.problems.append(f"{where}: status {response.status_code}, expected {statuses}")
        # A page may name its own address (a password form's return URL, say).
        body = self.text(response).replace(path, "").replace(quote(path), "")
        self._check(where, body)
        return response

    def search(
        self,
        path: str,
        params: dict,
        token: str,
        variant: Callable[[str], str] = str,
        *,
        statuses=(200,),
    ):
        """GET *path* with *params* whose "{q}" placeholders hold variant(token), checked
        against the same request with variant(a fresh token)."""
        key = (path, json.dumps(params, sort_keys=True), variant(PREFIX + "0" * 16))
        if key not in self._controls:
            fresh = variant(new_token())
            body = self.text(self.fetch(path, _fill(params, fresh)))
            self._controls[key] = (body.count(fresh), body.count(PREFIX))
        echoes, prefixes = self._controls[key]
        typed = variant(token)
        filled = _fill(params, typed)
        response = self.fetch(path, filled)
        where = f"GET {path}?{urlencode(filled, doseq=True)}"
        if response.status_code not in statuses:
            self.problems.append(f"{where}: status {response.status_code}, expected {statuses}")
        self._check(where, self.text(response), echo=(typed, echoes, prefixes))
        return response

    def probe(self, template: str, token: str, *, statuses=(200,)):
        """GET the URL *template* names with *token* in it ("/tin-tuc/the/the-{}/"), checked
        like `search`: a page may repeat its URL (a 404's language links), as often as it
        repeats the same URL with a fresh token."""
        fresh = new_token()
        control = self.text(self.fetch(template.format(fresh)))
        echoes, prefixes = control.count(fresh), control.count(PREFIX)
        path = template.format(token)
        response = self.fetch(path)
        if response.status_code not in statuses:
            self.problems.append(f"GET {path}: status {response.status_code}, expected {statuses}")
        self._check(f"GET {path}", self.text(response), echo=(token, echoes, prefixes))
        return response

    def _check(self, where: str, body: str, *, echo=("", 0, 0)):
        typed, echoes, prefixes = echo
        leaked = False
        for token, label in self.content.tokens.items():
            if body.count(token) > (echoes if token == typed else 0):
                self.problems.append(f"{where}: shows {token} ({label})")
                leaked = True
        if not leaked and body.count(PREFIX) > prefixes:
            self.problems.append(f"{where}: shows part of a token")

    @staticmethod
    def text(response) -> str:
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content)
        else:
            content = response.getvalue()
        if response.get("Content-Type") == XLSX:
            # A workbook is zipped XML: its cells' text is what a reader sees.
            sheets = openpyxl.load_workbook(io.BytesIO(content)).worksheets
            content = "\n".join(
                str(value) for sheet in sheets for row in sheet.values for value in row
            ).encode()
        return _MARK.sub("", content.decode("utf-8", "replace")).lower()

    def json(self, path, params):
        response = self.get(path, params)
        return json.loads(response.content) if response.status_code == 200 else {}

    def private(self, url: str, label: str):
        """A private page's URL: never its content; a 404, a login or a password form."""
        response = self.fetch(url)
        body = self.text(response).replace(url, "").replace(quote(url), "")
        self._check(f"GET {url}", body)
        status = response.status_code
        if status == 302:
            location = urlsplit(response["Location"]).path
            if location not in _LOGIN_PATHS:
                self.problems.append(f"GET {url} ({label}): redirects to {location}")
        elif status == 200:
            if "authenticate_with_password" not in body:
                self.problems.append(f"GET {url} ({label}): 200 with the page")
        elif status not in (401, 403, 404):
            self.problems.append(f"GET {url} ({label}): status {status}")


def _fill(params: dict, value: str) -> dict:
    return {
        name: [item.replace("{q}", value) for item in values]
        if isinstance(values, list)
        else values.replace("{q}", value)
        for name, values in params.items()
    }


def _typo(token: str) -> str:
    # One letter changed near the end: "did you mean" and fuzzy matching may propose the token.
    last = token[-2]
    return token[:-2] + ("a" if last != "a" else "b") + token[-1]


CATALOGUE = {"vi": "/san-pham/", "en": "/en/products/"}
SEARCH = {"vi": "/tim-kiem/", "en": "/en/search/"}
API = "/api/catalogue/"
SUGGEST = "/api/catalogue/suggest/"
INQUIRY = {"vi": "/lien-he-nha-cung-cap/", "en": "/en/contact-supplier/"}
INQUIRY_PAGES = ["/lien-he-nha-cung-cap/da-gui/", "/en/contact-supplier/sent/"]
PRIVACY_NOTICE = {"vi": "/du-lieu-ca-nhan/", "en": "/en/personal-data/"}
APPLY = {"vi": "/dang-ky-binh-chon/", "en": "/en/apply-for-selection/"}
APPLY_PAGES = ["/dang-ky-binh-chon/da-nhan/", "/en/apply-for-selection/received/"]
# Downloads (search.catalogue.export, programme.exports).
EXPORT = "/api/catalogue/export/"
RECOGNITIONS_EXPORT = "/api/recognitions/export/"
STATISTICS_EXPORT = "/api/statistics/export/"
XLSX = CONTENT_TYPES["xlsx"]


def walk_site(walk: Walk) -> None:
    content = walk.content
    walk.get("/")
    walk.get("/en/")

    # Every page the database holds, in both languages, at the URL its tree position gives.
    secret_urls = content.secret_urls
    for url, label in secret_urls.items():
        walk.private(url, label)
    for page in Page.objects.exclude(depth=1).order_by("path"):
        url = page.url
        if url and url not in secret_urls:
            walk.get(url, statuses=(200, 302, 404))

    # The catalogue: API, HTML listings, suggestions; every page, filter and sort. The
    # listings are pages: behind their restriction when the catalogue section has one.
    listing = (200,)
    if any(p.get_view_restrictions() for p in ProductIndexPage.objects.all()):
        listing = (302, 200)
    for lang in ("vi", "en"):
        first = walk.json(API, {"lang": lang})
        for number in range(1, first.get("num_pages", 1) + 1):
            walk.get(API, {"lang": lang, "page": str(number)})
            walk.get(CATALOGUE[lang], {"page": str(number)}, statuses=listing)
        for sort in ("relevance", "newest", "name"):
            walk.get(API, {"lang": lang, "sort": sort})
            walk.get(CATALOGUE[lang], {"sort": sort}, statuses=listing)
        for group, values in first.get("facets", {}).items():
            for value in values:
                answer = walk.json(API, {"lang": lang, group: value["value"]})
                for number in range(2, answer.get("num_pages", 1) + 1):
                    walk.get(API, {"lang": lang, group: value["value"], "page": str(number)})
                walk.get(CATALOGUE[lang], {group: value["value"]}, statuses=listing)
                for kind in FEED_KINDS:  # the feed of each filtered view
                    walk.get(f"{CATALOGUE[lang]}{kind}/", {group: value["value"]}, statuses=listing)
        walk.get(SEARCH[lang])
        walk.get(CATALOGUE[lang], {"q": ""}, statuses=listing)
        # The companies tab: every company, every page of them.
        companies = walk.json(API, {"lang": lang, "tab": "companies"})
        for number in range(1, companies.get("num_pages", 1) + 1):
            walk.get(API, {"lang": lang, "tab": "companies", "page": str(number)})
            walk.get(CATALOGUE[lang], {"tab": "companies", "page": str(number)}, statuses=listing)

    # Downloads: the whole catalogue and its companies, each facet value, every format and
    # language; the recognitions and the statistics.
    for lang in ("vi", "en"):
        for format in FORMATS:
            walk.get(EXPORT, {"lang": lang, "format": format})
            walk.get(EXPORT, {"lang": lang, "format": format, "tab": "companies"})
            walk.get(EXPORT, {"lang": lang, "format": format, "status": "current"})
            walk.get(RECOGNITIONS_EXPORT, {"lang": lang, "format": format})
            for table in ("years", "sectors"):
                walk.get(STATISTICS_EXPORT, {"lang": lang, "format": format, "table": table})
        for group, values in walk.json(API, {"lang": lang}).get("facets", {}).items():
            for value in values:
                walk.get(EXPORT, {"lang": lang, group: value["value"], "format": "json"})

    # Typed into every search box: each private page's title token, as written, with a typo
    # and its first letters; its other tokens (summary, body, description...) into the site
    # search, whose two parts (editorial pages, catalogue) search every indexed field. The
    # English tree holds the same tokens (translations keep untranslated words).
    for secret in content.secrets:
        title, *others = secret.tokens
        for lang in ("vi", "en"):
            walk.search(API, {"lang": lang, "q": "{q}"}, title)
            walk.search(SUGGEST, {"lang": lang, "q": "{q}"}, title)
            walk.search(CATALOGUE[lang], {"q": "{q}"}, title, statuses=listing)
            walk.search(f"{CATALOGUE[lang]}rss/", {"q": "{q}"}, title, statuses=listing)
            walk.search(SEARCH[lang], {"q": "{q}"}, title)
            walk.search(EXPORT, {"lang": lang, "q": "{q}", "format": "json"}, title)
            walk.search(EXPORT, {"lang": lang, "q": "{q}", "tab": "companies"}, title)
        walk.search(SUGGEST, {"lang": "vi", "q": "{q}"}, title, lambda t: t[:10])
        walk.search(SEARCH["vi"], {"q": "{q}"}, title, _typo)
        walk.search(API, {"lang": "en", "q": "{q}"}, title, _typo)
        walk.search(CATALOGUE["vi"], {"q": "{q}"}, title, _typo, statuses=listing)
        for token in others:
            walk.search(SEARCH["vi"], {"q": "{q}"}, token)
            # Companies are found by their legal name and brand too.
            walk.search(API, {"lang": "en", "q": "{q}", "tab": "companies"}, token)
            walk.search(EXPORT, {"lang": "en", "q": "{q}", "tab": "companies"}, token)
    for lang in ("vi", "en"):
        # The shared first part of every token: everything that has one would match.
        walk.search(API, {"lang": lang, "q": "{q}"}, PREFIX, statuses=(200,))
        walk.search(SUGGEST, {"lang": lang, "q": "{q}"}, PREFIX, lambda t: t[:5])
        walk.search(SEARCH[lang], {"q": "{q}"}, PREFIX)

    # Feeds of the news and events (also behind a section's restriction: its login or password
    # form); news by every tag and year any article has, private ones' too (404).
    for index in [*NewsIndexPage.objects.all(), *EventIndexPage.objects.all()]:
        for kind in FEED_KINDS:
            walk.get(f"{index.url}{kind}/", statuses=(200, 302))
    tags = Tag.objects.values_list("name", flat=True)
    years = {day.year for day in NewsPage.objects.dates("date", "year")}
    for index in NewsIndexPage.objects.select_related("locale"):
        for name in tags:
            slug = ascii_slug(name)
            token = re.search(rf"{PREFIX}[0-9a-f]+", slug)
            if token is None:
                walk.get(index.tag_url(slug), statuses=(200, 302, 404))
            else:
                template = index.tag_url(slug.replace(token[0], "{}"))
                walk.probe(template, token[0], statuses=(200, 302, 404))
        for year in years | {1999}:
            walk.get(index.year_url(year), statuses=(200, 302, 404))

    # The eligibility self-check of every criteria page (programme.eligibility), for every
    # product type with answers: its checklist names a guidance page's documents and title,
    # a public one's only; a private criteria page's self-check is as private as the page.
    answers = dict.fromkeys(known_self_check_parameters(), "1 tỷ")
    answers |= {"hanoi_presence": "yes", "compliance": "no"}
    for criteria in CriteriaPage.objects.select_related("locale"):
        url = criteria.url and criteria.self_check_url
        if not url:
            continue
        label = secret_urls.get(criteria.url)
        if label is not None:
            # Its address holds the token (a 404 or password form repeats it): answers or
            # not, the sub-route is the page's, so the address alone is checked.
            walk.private(url, f"{label}, its self-check")
            continue
        for kind in ["", *(choice.value for choice in COMPANY_PRODUCT_TYPES)]:
            walk.get(url, answers | {"type": kind}, statuses=(200, 302, 404))

    # Sitemap, and every page it lists (each translation it names is listed too); robots.txt,
    # the web manifest and the favicon.
    sitemap = walk.get("/sitemap.xml")
    for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode()):
        walk.get(urlsplit(loc).path, statuses=(200,))
    walk.get("/robots.txt")
    walk.get("/site.webmanifest")
    walk.get("/favicon.ico", statuses=(301,))

    # Wagtail's login and password views for private pages, as an anonymous visitor uses them.
    for prefix in ("", "/en"):
        walk.get(f"{prefix}/_util/login/", {"next": "/"})
    for restriction in PageViewRestriction.objects.filter(restriction_type="password"):
        path = f"/_util/authenticate_with_password/{restriction.pk}/{restriction.page_id}/"
        walk.get(path, statuses=(200, 405))
        # A wrong password is answered with the form, or, once the address has used up its
        # tries (core.throttling), with the lockout page: neither shows the page.
        walk.get(path, {"password": "sai", "return_url": "/"}, method="post", statuses=(200, 429))

    # Files: every document through Wagtail's view and the media URL, every image and rendition.
    from wagtail.models import CollectionViewRestriction

    for document in get_document_model().objects.all():
        walk.get(document.url, statuses=(200, 302))
        walk.get(f"/media/{document.file.name}", statuses=(200, 404))
    for restriction in CollectionViewRestriction.objects.filter(restriction_type="password"):
        path = f"/documents/authenticate_with_password/{restriction.pk}/"
        walk.get(path, {"return_url": "/"})
        walk.get(path, {"password": "sai", "return_url": "/"}, method="post")
    for image in get_image_model().objects.prefetch_related("renditions"):
        walk.get(f"/media/{image.file.name}", statuses=(200,))
        for rendition in image.renditions.all():
            walk.get(f"/media/{rendition.file.name}", statuses=(200,))

    # The inquiry form, named every company and product there is (private ones too), read
    # and sent back with an error: it names public suppliers only. Its confirmation, and the
    # privacy notice every form links to.
    companies = [str(pk) for pk in CompanyPage.objects.values_list("pk", flat=True)]
    products = [str(pk) for pk in ProductPage.objects.values_list("pk", flat=True)]
    for lang in ("vi", "en"):
        for start in range(0, max(len(companies), len(products)), 50):
            chosen = {"company": companies[start : start + 50]}
            walk.get(INQUIRY[lang], chosen | {"product": products[start : start + 50]})
            walk.get(INQUIRY[lang], chosen | {"name": ""}, method="post", statuses=(400,))
        walk.get(PRIVACY_NOTICE[lang])
    for path in INQUIRY_PAGES:
        walk.get(path)

    # Event registration, below every event page (private ones too: their restriction's
    # form, or nothing): the form with the companies a registrant may ask to meet, searched
    # by the tokens' shared first part and by each private page's title token, sent back with
    # an error, and its outcomes. It names public companies only, and nobody who registered.
    public_forms = []
    for event in EventPage.objects.select_related("locale"):
        if not event.url:
            continue
        form = event.registration_path()
        walk.get(form, statuses=(200, 302, 404))
        # A restricted event answers with its password or login form (200 or 302).
        walk.get(
            form,
            {"name": "", "companies": companies[:50]},
            method="post",
            statuses=(200, 302, 400, 404),
        )
        for status in ("confirmed", "waiting"):
            walk.get(event.registered_path(status), statuses=(200, 302, 404))
        if event.live and event.registration_on_site and event.url not in secret_urls:
            public_forms.append(form)
    # (302: the events' section is behind a restriction.)
    for form in public_forms[:2]:
        walk.search(form, {"q": "{q}"}, PREFIX, statuses=(200, 302))
        for secret in content.secrets:
            walk.search(form, {"q": "{q}"}, secret.tokens[0], statuses=(200, 302))

    # The registration of interest in the selection (issue 14): the form, sent back with an
    # error, its outcome; and every dossier file, by its admin URL (anonymous: the login) and
    # by the public addresses one might guess. None names an applicant or shows a file.
    for lang in ("vi", "en"):
        walk.get(APPLY[lang])
        walk.get(APPLY[lang], {"company_name": ""}, method="post", statuses=(400, 409))
    for path in APPLY_PAGES:
        walk.get(path)
    for stored in ApplicationFile.objects.all():
        walk.get(f"/admin/applications/files/{stored.pk}/", statuses=(302,))
        for guess in (stored.file.name, f"private/{stored.file.name}"):
            walk.get(f"/media/{guess}", statuses=(404,))
            walk.get(f"/{guess}", statuses=(404,))

    walk_api(walk)

    # The proxy's and monitoring's health check: which part is in which state, nothing else.
    walk.get("/health/")
    walk.get("/khong-co-trang-nay/", statuses=(404,))


API_V2 = "/api/v2/"


def _listing(walk: Walk, path: str, params: dict) -> list[dict]:
    """Every item of a Wagtail API listing, page after page (20 at a time, its maximum)."""
    items, offset = [], 0
    while True:
        answer = walk.json(path, params | {"limit": "20", "offset": str(offset)})
        items += answer.get("items", [])
        offset += 20
        if offset >= answer.get("meta", {}).get("total_count", 0):
            return items


def _named_pages(item: dict) -> set:
    """The ids of the page an API item is and of the pages it names (parent, company)."""
    named = {item.get("id")}
    for link in (item.get("meta", {}).get("parent"), item.get("company")):
        if isinstance(link, dict):
            named.add(link.get("id"))
    return named


def walk_api(walk: Walk) -> None:
    """The API's description and docs page, and Wagtail's API v2: every listing (every page
    of it, every field, each type), every page and image by id and by path, searches for
    every private title; a private page must not show by token nor by id."""
    content = walk.content
    walk.get("/api/openapi.json")
    walk.get("/api/docs/")
    walk.get("/api/", statuses=(404,))
    walk.get(f"{API_V2}documents/", statuses=(404,))  # Wagtail's lists every document

    secret_ids = content.page_ids

    def no_private_ids(where: str, items: list[dict]) -> None:
        for item in items:
            for pk in _named_pages(item) & set(secret_ids):
                walk.problems.append(f"{where}: names page {pk} ({secret_ids[pk]})")

    pages = f"{API_V2}pages/"
    for params in (
        {"fields": "*"},
        {"type": "products.ProductPage", "fields": "*"},
        {"type": "products.CompanyPage", "fields": "*"},
        {"locale": "en", "fields": "*"},
    ):
        no_private_ids(f"GET {pages} {params}", _listing(walk, pages, params))
    for page in Page.objects.exclude(depth=1).order_by("path"):
        path = f"{pages}{page.pk}/"
        if page.pk in secret_ids:
            walk.get(path, statuses=(404,))
            # Nor as a parent to list the children of.
            walk.get(pages, {"child_of": str(page.pk)}, statuses=(400,))
            walk.get(pages, {"descendant_of": str(page.pk)}, statuses=(400,))
            continue
        response = walk.get(path, statuses=(200, 404))
        if response.status_code == 200:
            no_private_ids(f"GET {path}", [json.loads(response.content)])
    for url in content.secret_urls:
        walk.get(f"{pages}find/", {"html_path": url}, statuses=(404,))
    for secret in content.secrets:
        walk.search(pages, {"search": "{q}"}, secret.tokens[0])
    walk.search(pages, {"search": "{q}"}, PREFIX)

    images = f"{API_V2}images/"
    _listing(walk, images, {"fields": "*"})
    for image in get_image_model().objects.order_by("pk"):
        walk.get(f"{images}{image.pk}/", statuses=(200, 404))
        walk.get(f"{images}find/", {"id": str(image.pk)}, statuses=(302, 404))


def url_patterns():
    """Every leaf URL pattern, as the chain of patterns from the root URLconf to it."""

    def chains(patterns, prefix=()):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from chains(pattern.url_patterns, (*prefix, pattern))
            elif isinstance(pattern, URLPattern):
                yield (*prefix, pattern)

    return list(chains(get_resolver().url_patterns))


def describe(chain) -> str:
    return "".join(str(pattern.pattern) for pattern in chain)


def unvisited_patterns(paths) -> list[str]:
    """The URL patterns (but SKIPPED) none of *paths* resolves to."""
    visited = set()
    for path in paths:
        with translation.override(get_language_from_path(path) or "vi"):
            try:
                visited.add(tuple(resolve(path).tried[-1]))
            except Resolver404:
                continue  # answered 404 by the URL resolver: it visits no pattern
    missing = []
    for chain in url_patterns():
        name = describe(chain)
        if tuple(chain) not in visited and not any(name.startswith(s) for s in SKIPPED):
            missing.append(f"{name} ({chain[-1].lookup_str})")
    return missing
