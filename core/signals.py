"""Every signal receiver of the core app, connected in one place: connect(), from ready().

Clean text storage, renditions made at upload and the editorial set-up live here; the caches'
invalidation (core.treecache, core.pagecache) and the restrictions' mirroring (core.privacy)
beside what they keep. Each receiver is connected with explicit senders: a receiver for every
sender would also make Django load each row before deleting it (QuerySet.delete()'s fast path
needs a model without delete receivers), which the catalogue's search tables rely on.
"""

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core import pagecache, privacy, treecache
from core.editorial import ensure_editorial_workflow
from core.images import create_standard_renditions
from core.models import CustomImage
from core.normalisation import normalise_instance_text

# Only our own apps: third-party models keep whatever they store.
OWN_APPS = (
    "core",
    "home",
    "programme",
    "news",
    "products",
    "search",
    "inquiries",
    "applications",
)


def store_clean_text(sender, instance, **kwargs):
    # Every write path (admin, imports, the demo loader, any code) saves through here.
    normalise_instance_text(instance)


def make_renditions_on_upload(sender, instance, created, **kwargs):
    # Public pages only read renditions; making them here keeps GET requests write-free.
    create_standard_renditions(instance)


def ensure_editorial_setup(sender, **kwargs):
    ensure_editorial_workflow()


def connect(core_config) -> None:
    # Models are all registered once ready() runs, so these lists are complete; the models of
    # a set of apps include the tables Django makes for many-to-many fields, whose rows a
    # relation's clear() or remove() deletes with signals.
    every_model = apps.get_models(include_auto_created=True)
    for model in every_model:
        if issubclass(model, treecache.TREE_MODELS):
            post_save.connect(treecache.bump_tree_version, sender=model, dispatch_uid="treecache")
            post_delete.connect(treecache.bump_tree_version, sender=model, dispatch_uid="treecache")
        if issubclass(model, Page):
            for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
                signal.connect(treecache.bump_tree_version, sender=model, dispatch_uid="treecache")
        if pagecache.shows_on_pages(model):
            post_save.connect(pagecache.on_content_change, sender=model, dispatch_uid="pagecache")
            post_delete.connect(pagecache.on_content_change, sender=model, dispatch_uid="pagecache")
        if model._meta.app_label in OWN_APPS:
            pre_save.connect(store_clean_text, sender=model, dispatch_uid="clean-text")

    request_started.connect(treecache.open_request_scope, dispatch_uid="treecache")
    request_finished.connect(treecache.close_request_scope, dispatch_uid="treecache")

    post_save.connect(make_renditions_on_upload, sender=CustomImage, dispatch_uid="renditions")
    post_migrate.connect(ensure_editorial_setup, sender=core_config, dispatch_uid="editorial")

    post_save.connect(privacy.mirror_save, sender=PageViewRestriction, dispatch_uid="privacy")
    post_delete.connect(privacy.mirror_delete, sender=PageViewRestriction, dispatch_uid="privacy")
    m2m_changed.connect(
        privacy.mirror_groups,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="privacy",
    )
