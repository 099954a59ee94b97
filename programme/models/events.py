"""Events of the programme: business-matching conferences, fairs, training, ceremonies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.images import attach_renditions
from core.pages import FOLDED_SEARCH_FIELDS, FastServeMixin, FoldedSearchMixin, public
from programme.models.pages import INTRO_FEATURES


class EventPageQuerySet(PageQuerySet):
    def listed(self, *, parent=None, locale=None):
        """Live, public events (under *parent*, in *locale*), with their pictures joined."""
        events = public(self.live()).select_related("image")
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


class EventIndexPage(FoldedSearchMixin, FastServeMixin, Page):
    """Lists events: upcoming first (soonest first), then past ones (latest first)."""

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
        context.update(upcoming_events=upcoming, past_events=past)
        return context


class EventPage(FoldedSearchMixin, FastServeMixin, Page):
    """A business-matching conference, trade fair, training course or ceremony."""

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
        return context

    @property
    def is_upcoming(self) -> bool:
        return (self.ends_at or self.starts_at) >= timezone.now()
