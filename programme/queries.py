"""Reads of programme content that pages and the home page share."""

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page

from core.pages import public


def _events(*, parent: Page | None = None, locale: Locale | None = None) -> QuerySet:
    from programme.models import EventPage

    events = public(EventPage.objects.live()).select_related("image")
    if parent is not None:
        events = events.child_of(parent)
    if locale is not None:
        events = events.filter(locale=locale)
    return events


def upcoming_events(*, parent: Page | None = None, locale: Locale | None = None, limit=None):
    events = _events(parent=parent, locale=locale).filter(starts_at__gte=timezone.now())
    events = events.order_by("starts_at")
    return events[:limit] if limit else events


def past_events(*, parent: Page | None = None, locale: Locale | None = None, limit=None):
    events = _events(parent=parent, locale=locale).filter(starts_at__lt=timezone.now())
    events = events.order_by("-starts_at")
    return events[:limit] if limit else events
