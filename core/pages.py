"""Behaviour every page model of the site mixes in (see core.serving for why)."""

from wagtail.models import PageViewRestriction

from core.treecache import cached


def any_view_restrictions() -> bool:
    return cached("any-view-restrictions", PageViewRestriction.objects.exists)


class FastServeMixin:
    """Page behaviour the fast path relies on; every page model of the site mixes it in.

    `serve_queryset` loads the page with its template's relations in one go;
    `get_view_restrictions` skips its two queries while no page has a restriction at all;
    once one exists, Wagtail's full check runs for every page.
    """

    @classmethod
    def serve_queryset(cls):
        """The queryset a page is served from: join or prefetch what its template shows."""
        return cls.objects.select_related("locale")

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def public(queryset):
    """`queryset.public()` without its view-restriction query while no restriction exists."""
    return queryset.public() if any_view_restrictions() else queryset
