"""Builds the demo site (sample data) from content/*.toml and the CSV; safe to run again.

Every object is looked up before it is made, so a second run finds everything in place and
changes nothing. English pages are made through wagtail-localize (core.translation).
"""

import html
import io
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.models import Locale, Page, Site

from core.factories import make_picture
from core.models import CustomImage
from core.translation import translate_instance
from home.demo.data import CONTENT_DIR, DemoContent, PageSpec, Text, read_demo_content
from home.factories import HomePageFactory, SitemapPageFactory, StandardPageFactory
from home.models import FooterLink, HomeFeaturedProduct, HomePage, SiteSettings
from news.factories import NewsIndexPageFactory, NewsPageFactory
from products.factories import (
    CompanyIndexPageFactory,
    ProductIndexPageFactory,
)
from products.importing.apply import ImportOrigin, apply_plan
from products.importing.plan import Action, plan_import
from products.importing.reader import read_decision_file
from products.models import CompanyPage, Decision, ProductPage
from products.services import ensure_official_sectors, sync_administrative_units
from programme.factories import (
    CriteriaPageFactory,
    DecisionIndexPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    GuidancePageFactory,
    OpenDataPageFactory,
    ProgrammeIndexPageFactory,
    StatisticsPageFactory,
)
from programme.models import CohortYear

DEMO_DIR = Path(__file__).resolve().parent
# The programme's recognitions as an import file (products.importing); recognized_products.csv
# beside it is the research they were taken from, with its sources.
IMPORT_PATH = DEMO_DIR / "recognitions.csv"


@dataclass
class DemoReport:
    created_pages: int = 0
    translated_pages: int = 0
    messages: list[str] = field(default_factory=list)


class Strings:
    """Collects the English of each text as the Vietnamese content is written."""

    def __init__(self):
        self.english = {}

    def vi(self, text: Text) -> str:
        if text.vi:
            self.english[text.vi] = text.en or text.vi
        return text.vi

    def rich(self, paragraphs: list[Text]) -> str:
        return "".join(f"<p>{escape(self.vi(text))}</p>" for text in paragraphs)

    def stream_paragraphs(self, paragraphs: list[Text]) -> str:
        return json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": f"<p>{escape(self.vi(text))}</p>",
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, text.vi)),
                }
                for text in paragraphs
            ]
        )

    def translate(self, text: str) -> str:
        return self.translate_or_keep(text) or text

    def translate_or_keep(self, text: str) -> str | None:
        """The English of *text*, or None: a string the demo did not write keeps its own."""
        # Rich-text segments arrive HTML-escaped; keys were stored unescaped.
        return self.english.get(text) or escape(self.english.get(html.unescape(text), "")) or None


def _hanoi_time(moment):
    """The data files give local times (Hà Nội's, the site's time zone)."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment, timezone.get_current_timezone())


def _stream(blocks):
    return json.dumps(
        [
            {
                "type": kind,
                "value": value,
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(value))),
            }
            for kind, value in blocks
        ]
    )


class DemoLoader:
    def __init__(self, content: DemoContent):
        self.content = content
        self.strings = Strings()
        self.report = DemoReport()
        self.vi = Locale.objects.get_or_create(language_code="vi")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        self.made = []  # Vietnamese pages, in tree order, to translate at the end
        self.decorated = []  # imported pages the demo adds pictures and texts to

    # -- helpers -------------------------------------------------------------------------
    def page(self, factory, parent, spec: PageSpec, make_fields=None, **fields):
        """The page under *parent* with the spec's slug, created and published if missing.

        *make_fields* computes the remaining fields only when the page has to be made (a
        company's logo is a generated picture, say), so a second run creates nothing.
        """
        slug = self.strings.vi(spec.slug)
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            page = existing.specific
            if page not in self.made:  # a company appears on several CSV rows
                self.made.append(page)
            return page
        if spec.search_description is not None:
            fields["search_description"] = self.strings.vi(spec.search_description)
        if make_fields is not None:
            fields |= make_fields()
        page = factory(parent=parent, slug=slug, title=self.strings.vi(spec.title), **fields)
        page.save_revision().publish()
        self.report.created_pages += 1
        self.made.append(page)
        return page

    def picture(self, label: str, alt: str) -> CustomImage:
        title = f"{label} (ảnh mẫu)"
        image = CustomImage.objects.filter(title=title).first()
        if image is None:
            image = CustomImage(title=title, description=alt, file=make_picture(label))
            image.save()
        return image

    # -- steps ---------------------------------------------------------------------------
    def settings(self):
        site_settings = SiteSettings.load()
        changed = False
        for name, value in self.content.site.settings.fields().items():
            if getattr(site_settings, name) != value:
                setattr(site_settings, name, value)
                changed = True
        if changed:
            site_settings.save()

    def records(self):
        for record in self.content.decisions.decisions:
            Decision.objects.get_or_create(number=record.number, defaults=record.fields())
        for cohort in self.content.statistics.cohorts:
            decision = Decision.objects.filter(kind="recognition", year=cohort.year).first()
            CohortYear.objects.get_or_create(
                year=cohort.year,
                defaults={
                    "products_recognised": cohort.products_recognised,
                    "companies_recognised": cohort.companies_recognised,
                    "products_registered": cohort.products_registered,
                    "revenue_vnd_billion": cohort.revenue_vnd_billion,
                    "exports_usd_million": cohort.exports_usd_million,
                    "note": cohort.note.vi,
                    "note_en": cohort.note.en,
                    "source_url": cohort.source,
                    "decision": decision,
                },
            )

    def home(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).first()
        root = Page.get_first_root_node()
        spec = self.content.site.home
        home = HomePage.objects.filter(locale=self.vi, depth=2).first()
        if home is None:
            home = HomePageFactory(
                parent=root,
                slug=self.strings.vi(spec.slug),
                title=self.strings.vi(spec.title),
                hero_heading=self.strings.vi(spec.hero_heading),
                intro=self.strings.rich(spec.intro),
                hero_image=self.picture(
                    "Sản phẩm công nghiệp chủ lực Hà Nội",
                    "Hình minh hoạ chương trình sản phẩm công nghiệp chủ lực",
                ),
            )
            home.save_revision().publish()
            self.report.created_pages += 1
        else:
            for text in (spec.slug, spec.title, spec.hero_heading):
                self.strings.vi(text)
            self.strings.rich(spec.intro)
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="SPCNCL Hà Nội",
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "SPCNCL Hà Nội"
            site.save()
            # Wagtail's placeholder "Welcome" page is not part of the site any more.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()
        self.made.append(home)
        return home

    def programme(self, home):
        s = self.strings
        programme = self.content.programme
        index = self.page(
            ProgrammeIndexPageFactory,
            home,
            programme.index,
            intro=s.rich(programme.index.intro),
            show_in_menus=True,
        )
        criteria = programme.criteria
        self.page(
            CriteriaPageFactory,
            index,
            criteria,
            intro=s.rich(criteria.intro),
            thresholds=_stream(
                ("threshold", item.block_value(s.vi)) for item in criteria.thresholds
            ),
            indicators=_stream(
                (
                    "indicator",
                    {
                        "indicator": s.vi(item.indicator),
                        "description": s.vi(item.description),
                        "weight": "",
                    },
                )
                for item in criteria.indicators
            ),
        )
        guidance = programme.guidance
        form = self.sample_form()
        self.page(
            GuidancePageFactory,
            index,
            guidance,
            intro=s.rich(guidance.intro),
            steps=_stream(
                ("step", {"title": s.vi(step.title), "body": f"<p>{escape(s.vi(step.body))}</p>"})
                for step in guidance.steps
            ),
            documents=_stream(
                (
                    "required_document",
                    {
                        "name": s.vi(document.name),
                        "description": s.vi(document.description),
                        "template_document": form.pk if document.sample_form else None,
                    },
                )
                for document in guidance.documents
            ),
            deadlines=_stream(
                (
                    "deadline",
                    {"label": s.vi(deadline.label), "date": None, "note": s.vi(deadline.note)},
                )
                for deadline in guidance.deadlines
            ),
            faq=_stream(
                (
                    "faq",
                    {
                        "question": s.vi(item.question),
                        "answer": f"<p>{escape(s.vi(item.answer))}</p>",
                    },
                )
                for item in guidance.faq
            ),
        )
        self.page(
            DecisionIndexPageFactory,
            index,
            programme.decisions,
            intro=s.rich(programme.decisions.intro),
        )
        self.page(
            StatisticsPageFactory,
            index,
            programme.statistics,
            intro=s.rich(programme.statistics.intro),
        )
        self.page(
            OpenDataPageFactory,
            index,
            programme.open_data,
            intro=s.rich(programme.open_data.intro),
            licence=s.rich(programme.open_data.licence),
        )

    def sample_form(self):
        title = "Phiếu đăng ký xét chọn (mẫu)"
        document = Document.objects.filter(title=title).first()
        if document is None:
            picture = make_picture("Phieu dang ky mau", width=1240, height=1754)
            buffer = io.BytesIO()
            PILImage.open(picture).convert("RGB").save(buffer, format="PDF")
            document = Document(title=title)
            document.file.save("phieu-dang-ky-mau.pdf", ContentFile(buffer.getvalue()), save=False)
            document.save()
        return document

    def news(self, home):
        s = self.strings
        news = self.content.news
        index = self.page(NewsIndexPageFactory, home, news.index, show_in_menus=True)
        for item in news.articles:
            article = self.page(
                NewsPageFactory,
                index,
                item,
                date=item.date,
                summary=s.vi(item.summary),
                body=s.stream_paragraphs(item.body),
                source_url=item.source,
                lead_image=self.picture(item.title.vi, s.vi(item.title)),
            )
            if not article.tags.exists():
                article.tags.add(*item.tags)
                article.save_revision().publish()

    def events(self, home):
        s = self.strings
        events = self.content.events
        index = self.page(EventIndexPageFactory, home, events.index, show_in_menus=True)
        for item in events.events:
            self.page(
                EventPageFactory,
                index,
                item,
                kind=item.kind,
                starts_at=_hanoi_time(item.starts_at),
                ends_at=_hanoi_time(item.ends_at),
                venue=s.vi(item.venue),
                address=s.vi(item.address),
                organiser=s.vi(item.organiser),
                summary=s.vi(item.summary),
                registration_details=(
                    f"<p>{escape(s.vi(item.registration))}</p>" if item.registration else ""
                ),
                registration_deadline=item.registration_deadline,
            )

    def catalogue(self, home):
        s = self.strings
        catalogue = self.content.catalogue
        self.page(
            ProductIndexPageFactory,
            home,
            catalogue.products_index,
            intro=s.rich(catalogue.products_index.intro),
            show_in_menus=True,
        )
        self.page(
            CompanyIndexPageFactory,
            home,
            catalogue.companies_index,
            intro=s.rich(catalogue.companies_index.intro),
            show_in_menus=True,
        )

    def recognitions(self, home):
        """The catalogue through the editors' import, then what a decision file does not carry.

        The demo file is an import file like any other, so every `make run` exercises the
        import; a second run plans nothing. Pictures, descriptions and HS codes are sample
        additions an editor would make afterwards, once per page.
        """
        rows = read_decision_file(content=IMPORT_PATH.read_bytes(), filename=IMPORT_PATH.name)
        plan = plan_import(rows)
        if plan.changes_anything:
            origin = ImportOrigin(file_name=IMPORT_PATH.name, via="demo")
            apply_plan(plan, origin=origin, publish=True)
            self.report.messages.append(
                f"Imported {IMPORT_PATH.name}: {plan.count(Action.CREATE)} row(s) created."
            )
        texts = self.content.catalogue.row_texts
        top10 = []
        for company in plan.companies:
            self.decorate_company(self.live(CompanyPage, company.name), company.first_line, rows)
        for row_plan in plan.rows:
            row = row_plan.row
            if row.product_name is None:
                continue
            product = self.live(ProductPage, row.product_name)
            if product.image_id is None:
                self.decorate_product(product, row, texts)
            if row.top10:
                top10.append(product)
        if not home.featured_products.exists() and top10:
            for order, product in enumerate(top10):
                HomeFeaturedProduct.objects.create(page=home, product=product, sort_order=order)
            home.save_revision().publish()

    def live(self, model, title):
        return model.objects.get(locale=self.vi, title=title)

    def decorate_product(self, product, row, texts):
        s = self.strings
        names = self.content.catalogue.names_of(row.product_name)
        template = texts.product_summary_top10 if row.top10 else texts.product_summary
        product.summary = product.summary or s.vi(template.format(year=row.year))
        product.hs_code = product.hs_code or names.hs_code
        product.description = s.stream_paragraphs(texts.product_description)
        product.image = self.picture(
            row.product_name,
            s.vi(
                Text(
                    vi=f"Hình minh hoạ {row.product_name}",
                    en=f"Illustration of {row.product_name_en or row.product_name}",
                )
            ),
        )
        product.save_revision().publish()
        self.decorated.append(product)

    def decorate_company(self, company, first_line, rows):
        if company.logo_id is not None:
            return
        s = self.strings
        row = next(row for row in rows if row.line == first_line)
        name_en = row.company_name_en or row.company_name
        summary = self.content.catalogue.row_texts.company_summary.format(year=row.year)
        company.summary = company.summary or s.vi(summary)
        company.logo = self.picture(
            f"Logo {row.company_name}",
            s.vi(Text(vi=f"Logo {row.company_name}", en=f"{name_en} logo")),
        )
        company.save_revision().publish()
        self.decorated.append(company)

    def standard_pages(self, home):
        s = self.strings
        pages = self.content.pages
        for spec in (pages.about, pages.accessibility, pages.contact):
            self.page(
                StandardPageFactory,
                home,
                spec,
                intro=s.vi(spec.intro),
                body=s.stream_paragraphs(spec.body),
            )
        self.page(SitemapPageFactory, home, pages.sitemap, intro=s.vi(pages.sitemap.intro))

    def footer_links(self, home):
        """The footer's links, as an editor would choose them in Settings (once: a link an
        editor removed is not put back by a second run)."""
        if FooterLink.objects.exists():
            return
        site_settings = SiteSettings.load()
        for order, path in enumerate(self.content.pages.footer):
            page = Page.objects.filter(url_path=home.url_path + path.lstrip("/")).first()
            if page is not None:
                FooterLink.objects.create(settings=site_settings, page=page, sort_order=order)

    def translate_decorated(self):
        """The sample additions in English; the import translated the names already."""
        for page in self.decorated:
            page.refresh_from_db()
            translate_instance(page, locale=self.en, translate=self.strings.translate_or_keep)

    def translate(self):
        seen = set()
        for page in self.made:
            if page.pk in seen:
                continue
            seen.add(page.pk)
            if page.get_translations().filter(locale=self.en).exists():
                continue
            translate_instance(page, locale=self.en, translate=self.strings.translate)
            self.report.translated_pages += 1

    @transaction.atomic
    def run(self) -> DemoReport:
        ensure_official_sectors()
        sync_administrative_units()
        self.settings()
        self.records()
        home = self.home()
        self.programme(home)
        self.catalogue(home)
        self.news(home)
        self.events(home)
        self.standard_pages(home)
        self.footer_links(home)
        self.made.sort(key=lambda page: page.path)
        self.translate()
        # Once the index pages have their English translations, to import under.
        self.recognitions(home)
        self.translate_decorated()
        return self.report


def load_demo() -> DemoReport:
    """Reads every data file first: a mistake in one stops here, before anything is written."""
    return DemoLoader(read_demo_content(CONTENT_DIR)).run()
