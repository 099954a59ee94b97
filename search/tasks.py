"""Background work of the search app (django-tasks, the package Wagtail 8 runs its own on).

TASKS in settings chooses where these run: in-process after the request commits today (the
immediate backend), a worker later, with no change here. Arguments are JSON-friendly so any
backend can queue them.
"""

import datetime

from django_tasks import task

from search.models import SearchQueryStat


@task()
def record_search_task(
    *, query: str, language: str, day: str, result_count: int, path: str
) -> None:
    SearchQueryStat.objects.count_search(
        query=query,
        language=language,
        day=datetime.date.fromisoformat(day),
        result_count=result_count,
        path=path,
    )
