"""Search statistics for editors: what visitors search for, counted once per client and day.

A search request only *enqueues* the count (search.tasks); the write happens in the task
(`SearchQueryStat.objects.count_search`), after the request's transaction commits. With the
immediate backend configured today that is still in-process, one SQL statement; a worker
backend moves it out of the request with no code change. Nothing that identifies the visitor
is recorded, and one client counts a query once a day at most.
"""

import datetime
import logging
import unicodedata

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core import pagecache
from core.clientip import client_ip
from core.text import normalize_text
from search.models import SearchQueryStat
from search.tasks import record_search_task

logger = logging.getLogger(__name__)

PATHS = ("engine", "database")
LANGUAGES = dict(settings.LANGUAGES)


def normalise_search_query(query: str) -> str | None:
    """The form a query is counted under, or None when it is not worth counting.

    NFC, lower-cased, whitespace collapsed: "Đèn  LED" and "đèn led" are one row (and the
    same string Wagtail's promotions match, see search.queries.promoted_pages). Input no person
    types is left out: longer than the column, no letter or digit at all ("!!!", "<>"), or
    containing control characters.
    """
    text = " ".join(normalize_text(query or "").lower().split())
    if not text or len(text) > SearchQueryStat.QUERY_MAX_LENGTH:
        return None
    if not any(character.isalnum() for character in text):
        return None
    if any(unicodedata.category(character) == "Cc" for character in text):
        return None
    return text


def record_search(
    *,
    request,
    query: str,
    language: str,
    result_count: int,
    path: str,
    page: int = 1,
    filters: dict | None = None,
) -> None:
    """Count a visitor's search for the editors' reports; never raises.

    Only the first page of a query's own results counts: a further page, or the same query
    narrowed by facets, is the same search continued, and a filtered "nothing found" says
    nothing about the query itself. Editors' own searches (any signed-in user, the site has no
    public accounts) and page previews are not visitors' searches. A client that repeats a
    query on the same day is counted once (_first_time_today). A page kept whole
    (core.pagecache) calls this again for each visitor it is served to from the cache.
    """
    pagecache.on_hit(
        request,
        record_search,
        query=query,
        language=language,
        result_count=result_count,
        path=path,
        page=page,
        filters={name: list(values) for name, values in (filters or {}).items()},
    )
    if page != 1 or filters or language not in LANGUAGES or request.method != "GET":
        return
    # A page served from the cache is anonymous and has no user: it skipped authentication.
    user = getattr(request, "user", None)
    if getattr(request, "is_preview", False) or (user is not None and user.is_authenticated):
        return
    normalised = normalise_search_query(query)
    if normalised is None:
        return
    day = timezone.localdate()
    if not _first_time_today(request, query=normalised, language=language, day=day):
        return
    arguments = {
        "query": normalised,
        "language": language,
        # The visitor's day, fixed now: a queued task may run after midnight.
        "day": day.isoformat(),
        "result_count": int(result_count),
        "path": path if path in PATHS else "database",
    }

    # robust: an enqueue failure (a task backend that is down or misconfigured) is logged by
    # Django and never reaches the visitor, whether the callback runs at once (autocommit) or
    # after the transaction commits.
    def enqueue_search_count():
        record_search_task.enqueue(**arguments)

    transaction.on_commit(enqueue_search_count, robust=True)


def _first_time_today(request, *, query: str, language: str, day: datetime.date) -> bool:
    """Whether this client has not yet been counted for this query today (and now is).

    One client, however often it searches, adds at most one to a query's daily row, so the
    statistics editors read cannot be pushed up by one script. What is remembered is only a
    cache key: a keyed hash (HMAC with SECRET_KEY) of the client address (core.clientip),
    query, language and day, gone at the day's end; no address or cookie is stored. Several
    people behind one address count once together, which the reports can bear. A file cache
    keeps 300 marks and then drops some at random (Django's MAX_ENTRIES): on a busy day a
    client may then count twice; Redis keeps them all.
    """
    digest = salted_hmac(
        "search.services.counted",
        "\n".join((client_ip(request), language, day.isoformat(), query)),
        algorithm="sha256",
    ).hexdigest()
    midnight = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    seconds_left = max(int((midnight - timezone.now()).total_seconds()), 1)
    try:
        return caches["search-visitors"].add(f"search-counted:{digest}", True, timeout=seconds_left)
    except Exception:
        # A cache that is down costs the count, never the visitor's search.
        logger.exception("Could not check whether this search was counted today")
        return False
