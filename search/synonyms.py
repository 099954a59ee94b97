"""Synonym groups editors maintain in the admin, applied by both search paths at query time."""

from django.core.cache import cache

from search.models import Synonym

_KEY = "catalogue:synonyms"


def synonym_groups() -> dict[str, list[str]]:
    """{"bình nóng lạnh": ["bình nước nóng"], …} (cached; cleared when a synonym is saved)."""
    groups = cache.get(_KEY)
    if groups is None:
        groups = {synonym.term: synonym.alternative_list for synonym in Synonym.objects.all()}
        cache.set(_KEY, groups, 60 * 60)
    return groups


def forget_synonyms(**kwargs) -> None:
    cache.delete(_KEY)
