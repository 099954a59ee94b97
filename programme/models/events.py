"""Events of the programme: business-matching conferences, fairs, training, ceremonies."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.feeds import FEED_ITEMS, FeedContent, FeedItem, absolute, feed_links, feed_response
from core.images import attach_renditions
from core.navigation import route_translations
from core.pages import FOLDED_SEARCH_FIELDS, FastServeMixin, FoldedSearchMixin, public, unexpired
from programme.models.pages import INTRO_FEATURES

# The registration form's address below an event page, and its outcomes', per language.
REGISTER_WORDS = {
    "vi": {"form": "dang-ky", "confirmed": "da-dang-ky", "waiting": "danh-sach-cho"},
    "en": {"form": "register", "confirmed": "registered", "waiting": "waiting-list"},
}
# The views behind those addresses, named: models import no views (pyproject's contracts).
REGISTRATION_VIEW = "programme.registration_views.event_registration"
REGISTERED_VIEW = "programme.registration_views.event_registered"


class EventPageQuerySet(PageQuerySet):
    def listed(self, *, parent=None, locale=None):
        """Live, public, unexpired events (under *parent*, in *locale*), with their pictures
        joined."""
        events = unexpired(public(self.live())).select_related("image")
        if parent is not None:
            events = events.child_of(parent)
        if locale is not None:
            events = events.filter(locale=locale)
        return events

    def upcoming(self, *, parent=None, locale=None):
        """Events still to start, soonest first."""
        events = self.listed(parent=parent, locale=locale)
        return events.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def past(self, *, parent=None, locale=None):
        """Events that have started, latest first."""
        events = self.listed(parent=parent, locale=locale)
        return events.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


class EventIndexPage(RoutablePageMixin, FoldedSearchMixin, FastServeMixin, Page):
    """Lists events: upcoming first (soonest first), then past ones (latest first); the same
    events as RSS and Atom feeds (/rss/, /atom/), latest announced first."""

    intro = RichTextField("Giới thiệu", features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + FOLDED_SEARCH_FIELDS
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programme.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang danh sách sự kiện")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        upcoming = list(EventPage.objects.upcoming(parent=self))
        past = list(EventPage.objects.past(parent=self))
        attach_renditions(event.image for event in upcoming + past)
        context.update(
            upcoming_events=upcoming, past_events=past, feeds=feed_links(self.get_url(request))
        )
        return context

    @re_path(r"^(?P<kind>rss|atom)/$", name="feed")
    def feed(self, request, kind):
        url = absolute(request, self.get_url(request))
        events = (
            EventPage.objects.listed(parent=self)
            .defer_streamfields()
            .order_by("-first_published_at", "-pk")[:FEED_ITEMS]
        )
        content = FeedContent(
            title=f"{self.title} · {gettext('SPCNCL Hà Nội')}",
            url=url,
            feed_url=f"{url}{kind}/",
            description=gettext("Sự kiện của chương trình sản phẩm công nghiệp chủ lực Hà Nội."),
            items=[
                FeedItem(
                    title=event.title,
                    url=absolute(request, event.get_url(request)),
                    description=event.feed_description(),
                    published=event.first_published_at,
                    updated=event.last_published_at,
                    categories=(str(event.get_kind_display()),),
                )
                for event in events
            ],
        )
        return feed_response(request, kind=kind, content=content)


class EventPage(RoutablePageMixin, FoldedSearchMixin, FastServeMixin, Page):
    """A business-matching conference, trade fair, training course or ceremony.

    Registration happens elsewhere (`registration_url`, `registration_details`) or on the
    site (`registration_on_site`): the form has its own URL below the page (/dang-ky/,
    /en/.../register/; programme.views), so the page itself carries no per-visitor token and
    stays in the page cache, and shows nothing of who registered.
    """

    class Kind(models.TextChoices):
        BUSINESS_MATCHING = "business_matching", _("Hội nghị kết nối giao thương")
        TRADE_FAIR = "trade_fair", _("Hội chợ, triển lãm")
        TRAINING = "training", _("Tập huấn, đào tạo")
        CEREMONY = "ceremony", _("Lễ tôn vinh")

    kind = models.CharField("Loại sự kiện", max_length=30, choices=Kind.choices)
    starts_at = models.DateTimeField("Bắt đầu")
    ends_at = models.DateTimeField("Kết thúc", null=True, blank=True)
    venue = models.CharField("Địa điểm", max_length=255)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    organiser = models.CharField("Đơn vị tổ chức", max_length=255)
    summary = models.TextField("Tóm tắt", max_length=400)
    registration_details = RichTextField(
        "Thông tin đăng ký", features=INTRO_FEATURES + ["ul"], blank=True
    )
    registration_url = models.URLField("Đường dẫn đăng ký", blank=True)
    registration_deadline = models.DateField("Hạn đăng ký", null=True, blank=True)
    registration_on_site = models.BooleanField(
        "Đăng ký trên trang này",
        default=False,
        help_text="Người tham dự điền mẫu đăng ký trên trang; để trống nếu đăng ký ở nơi khác "
        "(đường dẫn đăng ký, thông tin đăng ký).",
    )
    capacity = models.PositiveIntegerField(
        "Số chỗ",
        null=True,
        blank=True,
        help_text="Để trống: không giới hạn. Khi hết chỗ, người đăng ký vào danh sách chờ.",
    )
    registration_closes_at = models.DateTimeField(
        "Đóng đăng ký lúc",
        null=True,
        blank=True,
        help_text="Để trống: hết ngày của hạn đăng ký, hoặc khi sự kiện bắt đầu.",
    )
    business_matching = models.BooleanField(
        "Kết nối doanh nghiệp",
        default=False,
        help_text="Người đăng ký chọn các doanh nghiệp được công nhận mà họ muốn gặp.",
    )
    image = models.ForeignKey(
        "core.CustomImage",
        verbose_name="Ảnh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("organiser")],
            heading="Địa điểm và tổ chức",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("registration_details"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_on_site"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_closes_at")]),
                FieldPanel("business_matching"),
            ],
            heading="Đăng ký tham dự",
        ),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = (
        Page.search_fields
        + FOLDED_SEARCH_FIELDS
        + [
            index.SearchField("summary"),
            index.SearchField("venue"),
            index.SearchField("organiser"),
            index.SearchField("body"),
            index.FilterField("starts_at"),
        ]
    )
    parent_page_types = ["programme.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trang sự kiện")

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "Thời gian kết thúc phải sau thời gian bắt đầu."})
        if (
            self.registration_deadline
            and self.starts_at
            and self.registration_deadline > timezone.localdate(self.starts_at)
        ):
            raise ValidationError(
                {"registration_deadline": "Hạn đăng ký không được sau ngày bắt đầu sự kiện."}
            )

    objects = PageManager.from_queryset(EventPageQuerySet)()

    @classmethod
    def serve_queryset(cls):
        return super().serve_queryset().select_related("image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attach_renditions([self.image])
        # The index is the parent: its URL is this page's without the slug.
        context["feeds"] = feed_links(self.get_url(request).removesuffix(f"{self.slug}/"))
        return context

    def feed_description(self) -> str:
        """When and where, then the summary: what a feed reader shows of the event."""
        starts = timezone.localtime(self.starts_at)
        when = formats.date_format(starts, "DATETIME_FORMAT")
        return f"{when} · {self.venue}. {self.summary}"

    def structured_data(self, meta, context) -> list[dict]:
        """An Event: when, where and who organises it (core.metadata)."""
        event = {
            "@type": "Event",
            "name": self.title,
            "description": meta.description,
            "url": meta.canonical,
            "inLanguage": meta.language,
            "startDate": timezone.localtime(self.starts_at).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {
                "@type": "Place",
                "name": self.venue,
                # As written: events may be held outside Hà Nội, even abroad (trade fairs).
                "address": self.address or self.venue,
            },
            "organizer": {"@type": "Organization", "name": self.organiser},
        }
        if self.ends_at:
            event["endDate"] = timezone.localtime(self.ends_at).isoformat()
        if meta.image:
            event["image"] = [meta.image.url]
        return [event]

    @property
    def is_upcoming(self) -> bool:
        return (self.ends_at or self.starts_at) >= timezone.now()

    # Registration on the site -------------------------------------------------------------

    def registration_closes(self) -> datetime.datetime:
        """When the form stops taking registrations: the set time, else the end of the
        deadline's day in Hà Nội, else the start of the event."""
        if self.registration_closes_at:
            return self.registration_closes_at
        if self.registration_deadline:
            next_day = self.registration_deadline + datetime.timedelta(days=1)
            return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time()))
        return self.starts_at

    def registration_open(self, *, now=None) -> bool:
        return self.registration_on_site and (now or timezone.now()) < self.registration_closes()

    def registration_path(self, request=None) -> str:
        """The form's address, in the page's language."""
        return f"{self.get_url(request)}{self._words()['form']}/"

    @re_path(r"^(?P<word>dang-ky|register)/$", name="register")
    def register(self, request, word):
        if not self.registration_on_site or word != self._words()["form"]:
            raise Http404
        return import_string(REGISTRATION_VIEW)(request, self)

    @re_path(r"^(?P<word>dang-ky|register)/(?P<outcome>[a-z-]+)/$", name="registered")
    def registered(self, request, word, outcome):
        words = self._words()
        if not self.registration_on_site or word != words["form"]:
            raise Http404
        statuses = {words["confirmed"]: "confirmed", words["waiting"]: "waiting"}
        if outcome not in statuses:
            raise Http404
        return import_string(REGISTERED_VIEW)(request, self, status=statuses[outcome])

    def _words(self) -> dict:
        return REGISTER_WORDS.get(self.locale.language_code, REGISTER_WORDS["vi"])

    def registration_translations(self, word: str = "form") -> dict[str, str]:
        """{language: URL} of the registration form (*word* "form") or of an outcome's page
        ("confirmed", "waiting") in each language of the event."""
        if word == "form":
            words = {code: names["form"] for code, names in REGISTER_WORDS.items()}
        else:
            words = {
                code: f"{names['form']}/{names[word]}" for code, names in REGISTER_WORDS.items()
            }
        return route_translations(self, words)

    def registered_path(self, status: str, request=None) -> str:
        words = self._words()
        return f"{self.registration_path(request)}{words[status]}/"
