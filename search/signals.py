"""Every signal receiver of the search app, connected by SearchConfig.ready().

Not in wagtail_hooks.py: Wagtail imports that module when it first looks for hooks, and a
process that never does (a shell, a task worker) would save without these receivers.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.search_promotions.models import Query

from core.text import normalize_text
from search.catalogue import service, sync
from search.models import Synonym
from search.synonyms import forget_synonyms


def store_promotion_query_as_nfc(sender, instance, **kwargs):
    # Wagtail lower-cases the term of a promotion but keeps its Unicode form; the site
    # searches in NFC, so a term typed decomposed would never match.
    instance.query_string = normalize_text(instance.query_string)


def forget_answers_now_and_after_commit(**kwargs) -> None:
    # Now, for this connection's next search, and again after the commit: a search in another
    # process between the save and the commit reads the old synonyms and keeps its answer.
    service.forget_answers()
    transaction.on_commit(service.forget_answers)


def connect() -> None:
    # A change applies to the next search: both paths expand queries at query time.
    post_save.connect(forget_synonyms, sender=Synonym, dispatch_uid="synonyms")
    post_delete.connect(forget_synonyms, sender=Synonym, dispatch_uid="synonyms")
    for signal in (post_save, post_delete):
        signal.connect(forget_answers_now_and_after_commit, sender=Synonym, dispatch_uid="answers")
    pre_save.connect(store_promotion_query_as_nfc, sender=Query, dispatch_uid="promotion-nfc")
    sync.connect()
