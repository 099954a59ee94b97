"""Pages that must stay private, each carrying unique tokens, built as editors would build them.

Every secret text is a token ("leaktok" and 16 hex digits, one word for every analyzer) in
the title, slug, summary or intro, body and search description (and the other fields a type
shows: a company's legal and brand names, an event's venue). A token may only ever be seen by
whoever is allowed to see its page; the walk (tests/leakwalk/walk.py) checks every response.
"""

import datetime
import uuid
from dataclasses import dataclass, field

import time_machine
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.admin.forms.pages import PageViewRestrictionForm
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.rich_text import RichText

from applications.models import Application, ApplicationFile, SelectionRound
from core.editorial import MODERATORS
from home.factories import SitemapPageFactory, StandardPageFactory
from home.models import FooterLink, HomeFeaturedProduct, SiteSettings, StandardPage
from news.factories import NewsPageFactory
from products.factories import (
    CompanyPageFactory,
    ProductWithImageFactory,
    SectorFactory,
)
from programme.factories import (
    CriteriaPageFactory,
    EventPageFactory,
    GuidancePageFactory,
    OpenDataPageFactory,
    StatisticsPageFactory,
)
from programme.models import EventPage, EventRegistration
from tests.content import english_locale, make_company, make_product, publish

PREFIX = "leaktok"
PASSWORD = "mat-khau-bi-mat"
KINDS = (PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS)


def new_token() -> str:
    return f"{PREFIX}{uuid.uuid4().hex[:16]}"


@dataclass
class Secret:
    """One private page: where it is, why it is private, and the tokens it carries."""

    label: str
    tokens: list[str]
    urls: list[str] = field(default_factory=list)
    # The pages that are private as a whole (not a public page's draft): their ids never show.
    page_ids: list[int] = field(default_factory=list)


@dataclass
class SecretContent:
    secrets: list[Secret] = field(default_factory=list)
    public_pages: list[Page] = field(default_factory=list)

    @property
    def tokens(self) -> dict[str, str]:
        return {token: secret.label for secret in self.secrets for token in secret.tokens}

    @property
    def page_ids(self) -> dict[int, str]:
        return {pk: secret.label for secret in self.secrets for pk in secret.page_ids}

    @property
    def secret_urls(self) -> dict[str, str]:
        return {url: secret.label for secret in self.secrets for url in secret.urls}


def _paragraph(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def _fields(kind: str, tokens: list[str]) -> dict:
    """Field values of a page of *kind* carrying fresh *tokens* (appended to *tokens*)."""

    def token():
        tokens.append(new_token())
        return tokens[-1]

    title = f"Bí mật {token()}"
    common = {
        "title": title,
        "slug": f"bi-mat-{token()}",
        "search_description": f"Mô tả tìm kiếm {token()}",
    }
    if kind == "product":
        return {
            **common,
            "summary": f"Tóm tắt {token()}",
            "description": _paragraph(f"Mô tả sản phẩm {token()}"),
            "standards": f"TCVN {token()}",
        }
    if kind == "company":
        return {
            **common,
            "summary": f"Giới thiệu {token()}",
            "body": _paragraph(f"Giới thiệu chi tiết {token()}"),
            "legal_name": f"Công ty TNHH {token()}",
            "brand_name": f"Thương hiệu {token()}",
            "address": f"Số 1 phố {token()}",
        }
    if kind in ("news", "event"):
        extra = {
            "venue": f"Hội trường {token()}",
            "organiser": f"Ban {token()}",
            # Every event takes registrations with business matching: the walk reads its form.
            "registration_on_site": True,
            "business_matching": True,
        }
        # A news article's tag: its listing, the index's tags and the feed never show it.
        tag = {"tag": f"thẻ {token()}"}
        return {
            **common,
            "summary": f"Tóm tắt {token()}",
            "body": _paragraph(f"Nội dung {token()}"),
            **(extra if kind == "event" else tag),
        }
    if kind == "standard":
        return {**common, "intro": f"Tóm tắt {token()}", "body": _paragraph(f"Nội dung {token()}")}
    # criteria, guidance: rich-text intro
    return {
        **common,
        "intro": f"<p>Giới thiệu {token()}</p>",
        "body": _paragraph(f"Nội dung bổ sung {token()}"),
    }


PAGE_KINDS = ("product", "company", "news", "event", "criteria", "guidance", "standard")


class Builder:
    """Makes the pages of each kind under their section, in the site tree of the test."""

    def __init__(self, tree):
        self.tree = tree
        self.content = SecretContent()
        self.company = make_company(tree, title="Công ty Công Khai", slug="cong-ty-cong-khai")
        self.sector = SectorFactory(slug="dien-dien-tu")
        self.public_product = make_product(
            tree,
            company=self.company,
            title="Sản phẩm công khai",
            slug="san-pham-cong-khai",
            sector=self.sector,
            recognitions=[{"year": 2021, "is_top10": True}],
        )
        self.editor = _editor()

    def _create(self, kind: str, fields: dict, **extra) -> Page:
        tree = self.tree
        if kind == "product":
            return ProductWithImageFactory(
                parent=tree.products,
                company=extra.pop("company", self.company),
                sector=self.sector,
                recognitions=[{"year": 2024, "is_top10": True}],
                **fields,
                **extra,
            )
        factory, parent = {
            "company": (CompanyPageFactory, tree.companies),
            "news": (NewsPageFactory, tree.news),
            "event": (EventPageFactory, tree.events),
            "criteria": (CriteriaPageFactory, tree.programme),
            "guidance": (GuidancePageFactory, tree.programme),
            "standard": (StandardPageFactory, tree.programme),
        }[kind]
        tag = fields.pop("tag", None)
        page = factory(parent=parent, **fields, **extra)
        if tag:
            page.tags.add(tag)
            page.save()
        return page

    def _secret(
        self, label: str, tokens: list[str], page: Page, *, translated=False, whole=True
    ) -> Secret:
        urls = [page.url] if page.url else []
        pages = [page]
        if translated:
            pages.append(page.get_translation(english_locale()))
            urls.append(pages[-1].url)
        ids = [p.pk for p in pages] if whole else []
        secret = Secret(label=label, tokens=tokens, urls=urls, page_ids=ids)
        self.content.secrets.append(secret)
        return secret

    # Page states -------------------------------------------------------------------------

    def draft(self, kind: str) -> Page:
        """Created and saved as a draft, never published."""
        tokens = []
        page = self._create(kind, _fields(kind, tokens), live=False)
        page.save_revision(user=self.editor)
        self._secret(f"{kind}: draft", tokens, page)
        return page

    def newer_draft(self, kind: str) -> Page:
        """Published (public, no token), then edited: the unpublished draft has tokens."""
        page = self._create(kind, {"title": f"Công khai {kind}", "slug": f"cong-khai-{kind}"})
        publish(page)
        self.content.public_pages.append(page)
        tokens = []
        for name, value in _fields(kind, tokens).items():
            setattr(page, name, value)
        page.save_revision(user=self.editor)
        secret = self._secret(f"{kind}: newer draft", tokens, page, whole=False)
        secret.urls = [page.get_parent().url + page.slug + "/"]
        return page

    def scheduled(self, kind: str) -> Page:
        """Approved for publishing tomorrow: not live yet."""
        tokens = []
        page = self._create(kind, _fields(kind, tokens), live=False)
        page.go_live_at = timezone.now() + datetime.timedelta(days=1)
        with TestCase.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.editor).publish(user=self.editor)
        self._secret(f"{kind}: scheduled", tokens, page)
        return page

    def scheduled_update(self, kind: str) -> Page:
        """Live (public, no token) with a new revision scheduled for tomorrow."""
        slug = f"cap-nhat-hen-gio-{kind}"
        page = self._create(kind, {"title": f"Sắp cập nhật {kind}", "slug": slug})
        publish(page)
        self.content.public_pages.append(page)
        tokens = []
        for name, value in _fields(kind, tokens).items():
            setattr(page, name, value)
        page.slug = slug
        tokens.pop(1)  # the slug token is not used
        page.go_live_at = timezone.now() + datetime.timedelta(days=1)
        with TestCase.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.editor).publish(user=self.editor)
        self._secret(f"{kind}: scheduled update", tokens, page, whole=False)
        return page

    def expired(self, kind: str) -> Page:
        """Published with an expiry time that has passed; `publish_scheduled` unpublished it."""
        tokens = []
        page = self._create(kind, _fields(kind, tokens), live=False)
        expiry = timezone.now() + datetime.timedelta(hours=1)
        page.expire_at = expiry
        publish(page, translate=False)
        later = expiry + datetime.timedelta(minutes=5)
        with (
            time_machine.travel(later, tick=False),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            call_command("publish_scheduled", verbosity=0)
        page.refresh_from_db()
        assert not page.live and page.expired
        self._secret(f"{kind}: expired", tokens, page)
        return page

    def restricted(self, kind: str, restriction: str, **extra) -> Page:
        """Published and translated, then made private in the privacy dialog."""
        tokens = []
        page = self._create(kind, _fields(kind, tokens), **extra)
        publish(page)
        restrict(page, restriction, user=self.editor)
        self._secret(f"{kind}: {restriction} restriction", tokens, page, translated=True)
        return page

    def product_of(self, company: Page, label: str) -> Page:
        """A published product of *company*, which is (or will be) private."""
        tokens = []
        page = self._create("product", _fields("product", tokens), company=company)
        publish(page)
        self._secret(f"product of {label}", tokens, page, translated=True)
        return page

    def feature(self, products) -> None:
        """Put *products* on the home page (the featured products are synchronised to English)."""
        home = self.tree.home
        for product in products:
            HomeFeaturedProduct.objects.create(page=home, product=product)
        publish(home, translate=False)


def restrict(page: Page, restriction: str, *, user) -> PageViewRestriction:
    """Make *page* private as the admin's privacy dialog does (wagtail.admin.views.page_privacy).

    The dialog's form, saved with the editor (so the change is logged), then its groups; the
    callbacks the committed request would run are run.
    """
    data = {"restriction_type": restriction}
    if restriction == PageViewRestriction.PASSWORD:
        data["password"] = PASSWORD
    if restriction == PageViewRestriction.GROUPS:
        data["groups"] = [Group.objects.get(name=MODERATORS).pk]
    form = PageViewRestrictionForm(data, private_page_options=page.private_page_options)
    assert form.is_valid(), form.errors
    with TestCase.captureOnCommitCallbacks(execute=True):
        view_restriction = form.save(commit=False)
        view_restriction.page = page
        view_restriction.save(user=user)
        form.save_m2m()
    return view_restriction


def add_documents(content: SecretContent) -> None:
    """A public document, and one in a collection of each kind of privacy: the policy for a
    document that only private pages link to (README, "Private documents")."""
    root = Collection.get_first_root_node()
    Document = get_document_model()
    Document.objects.create(
        title="Quyết định công khai",
        file=ContentFile(b"Quyet dinh cong khai", name="quyet-dinh-cong-khai.csv"),
        collection=root,
    )
    for restriction in KINDS:
        collection = root.add_child(name=f"Tài liệu nội bộ ({restriction})")
        view_restriction = CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=restriction,
            password=PASSWORD if restriction == PageViewRestriction.PASSWORD else "",
        )
        if restriction == PageViewRestriction.GROUPS:
            view_restriction.groups.set([Group.objects.get(name=MODERATORS)])
        tokens = [new_token(), new_token()]
        Document.objects.create(
            title=f"Tài liệu {tokens[0]}",
            file=ContentFile(f"Noi dung {tokens[1]}".encode(), name=f"noi-bo-{restriction}.csv"),
            collection=collection,
        )
        content.secrets.append(Secret(label=f"document: {restriction} collection", tokens=tokens))


def _editor():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bien-tap-vien-bi-mat", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def build_states(tree) -> SecretContent:
    """Every kind of page in every private state and with a restriction of each kind on
    itself, and documents in private collections. The home page features the private
    products."""
    builder = Builder(tree)
    featured = []
    for kind in PAGE_KINDS:
        builder.draft(kind)
        builder.newer_draft(kind)
        builder.scheduled(kind)
        builder.scheduled_update(kind)
        builder.expired(kind)
        for restriction in KINDS:
            page = builder.restricted(kind, restriction)
            if kind == "product":
                featured.append(page)
    builder.feature(featured)
    add_documents(builder.content)
    add_navigation(tree)
    return builder.content


def add_navigation(tree) -> None:
    """The site map page, and footer links to every standard page there is, private ones
    too (an editor may choose one): the footer links only what is public."""
    sitemap = SitemapPageFactory(parent=tree.home)
    publish(sitemap, {"Sơ đồ trang": "Site map", "so-do-trang": "sitemap"})
    settings = SiteSettings.load()
    pages = [*StandardPage.objects.filter(locale__language_code="vi"), sitemap]
    for order, page in enumerate(pages):
        FooterLink.objects.create(settings=settings, page=page, sort_order=order)


def build_private_companies(tree) -> SecretContent:
    """Companies made private (one per kind of restriction), each with a published product
    on the home page: their products are private too (the catalogue leaves them out)."""
    builder = Builder(tree)
    featured = []
    for restriction in KINDS:
        tokens = []
        company = builder._create("company", _fields("company", tokens))
        publish(company)
        label = f"company: {restriction} restriction (with products)"
        builder._secret(label, tokens, company, translated=True)
        featured.append(builder.product_of(company, f"a company with a {restriction} restriction"))
        restrict(company, restriction, user=builder.editor)
    builder.feature(featured)
    return builder.content


def build_restricted_sections(tree, restriction: str) -> SecretContent:
    """Published pages of every kind under section pages that are then made private."""
    builder = Builder(tree)
    sections = {
        "product": tree.products,
        "company": tree.companies,
        "news": tree.news,
        "event": tree.events,
        "criteria": tree.programme,
        "guidance": tree.programme,
        "standard": tree.programme,
    }
    pages = []
    for kind in PAGE_KINDS:
        tokens = []
        page = builder._create(kind, _fields(kind, tokens))
        publish(page)
        builder._secret(
            f"{kind} under a {restriction}-restricted section", tokens, page, translated=True
        )
        pages.append(page)
    builder.feature([page for page in pages if page.specific_class.__name__ == "ProductPage"])
    for section in {page.pk: page for page in sections.values()}.values():
        restrict(section, restriction, user=builder.editor)
    return builder.content


def build_private_contacts(tree) -> SecretContent:
    """A public company, with a public product, whose contact e-mail and phone editors did not
    mark public: both are tokens (issue 11: they never appear in a public response)."""
    builder = Builder(tree)
    email, phone = new_token(), new_token()
    company = make_company(
        tree,
        title="Công ty Liên Hệ Riêng",
        slug="lien-he-rieng",
        contact_email=f"{email}@example.vn",
        contact_phone=phone,
    )
    product = make_product(
        tree,
        company=company,
        title="Máy bơm Liên Hệ Riêng",
        slug="may-bom-lien-he-rieng",
        sector=builder.sector,
        recognitions=[{"year": 2024, "is_top10": True}],
    )
    builder.feature([product])
    builder.content.public_pages += [company, product]
    builder.content.secrets.append(
        Secret(label="company contact that is not public", tokens=[email, phone])
    )
    return builder.content


def open_registration(tree):
    """A public business-matching event taking registrations, in both languages: every walk
    reads its form, which lists the companies a registrant may ask to meet."""
    slug = "hoi-nghi-ket-noi-cong-khai"
    existing = EventPage.objects.child_of(tree.events).filter(slug=slug).first()
    if existing is not None:
        return existing
    event = EventPageFactory(
        parent=tree.events,
        title="Hội nghị kết nối công khai",
        slug=slug,
        registration_on_site=True,
        business_matching=True,
    )
    publish(event)
    return event


def build_registrants(tree) -> SecretContent:
    """One registrant of a public event who asked to meet a public company: everything they
    typed is a token (issue 14: nobody who registered is ever on a public response)."""
    builder = Builder(tree)
    event = open_registration(tree)
    tokens = [new_token() for _ in range(4)]
    registration = EventRegistration.objects.create(
        event=event,
        name=f"Người {tokens[0]}",
        organisation=f"Công ty {tokens[1]}",
        role=f"Giám đốc {tokens[2]}",
        country="VN",
        email=f"{tokens[3]}@example.vn",
        phone="0912 345 678",
        consented_at=timezone.now(),
    )
    registration.companies.set([builder.company])
    builder.content.public_pages += [event]
    builder.content.secrets.append(Secret(label="event registrant", tokens=tokens))
    return builder.content


def open_selection_round() -> SelectionRound:
    """This year's selection round, open: every walk reads its form (issue 14)."""
    now = timezone.now()
    selection_round, _ = SelectionRound.objects.get_or_create(
        year=now.year,
        defaults={
            "opens_at": now - datetime.timedelta(days=5),
            "closes_at": now + datetime.timedelta(days=25),
        },
    )
    return selection_round


def build_applicants(tree) -> SecretContent:
    """One company's registration of interest with a dossier file: everything it typed, and
    the file's content and name, are tokens (issue 14: no dossier file or private contact is
    ever on a public response)."""
    builder = Builder(tree)
    tokens = [new_token() for _ in range(6)]
    application = Application.objects.create(
        selection_round=open_selection_round(),
        company_name=f"Công ty {tokens[0]}",
        tax_code="0100109106",
        contact_name=f"Người {tokens[1]}",
        email=f"{tokens[2]}@example.vn",
        phone="0912 345 678",
        products=f"Sản phẩm {tokens[3]}",
        consented_at=timezone.now(),
    )
    stored = ApplicationFile(
        application=application, original_name=f"{tokens[4]}.pdf", size=100, pages=1
    )
    stored.file.save(
        f"{tokens[4]}.pdf", ContentFile(b"%PDF-1.7\n% " + tokens[5].encode()), save=False
    )
    stored.save()
    builder.content.secrets.append(Secret(label="selection applicant", tokens=tokens))
    return builder.content


def publish_data_pages(tree) -> None:
    """The statistics and open-data pages, published in both languages: they show counts of
    the catalogue and link its downloads, which the walk fetches."""
    publish(StatisticsPageFactory(parent=tree.programme), {"so-lieu": "statistics"})
    publish(OpenDataPageFactory(parent=tree.programme), {"du-lieu-mo": "open-data"})
