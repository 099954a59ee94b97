"""Every signal receiver of the programme app, connected by ProgrammeConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from core.treecache import bump_tree_version
from products.models import Sector
from programme.models import CohortYear


def statistics_changed(sender, **kwargs):
    # The statistics page caches its figures with the tree version (programme.models.statistics).
    bump_tree_version()


def connect() -> None:
    for sender in (CohortYear, Sector):
        post_save.connect(statistics_changed, sender=sender, dispatch_uid="statistics")
        post_delete.connect(statistics_changed, sender=sender, dispatch_uid="statistics")
