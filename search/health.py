"""The search engine's part in the health endpoint (core.health): is the catalogue searchable?

One HEAD request for the catalogue's alias, with the searches' own client and timeout
(SEARCH_TIMEOUT): it fails when the engine is down, frozen or answering errors, and when the
alias is missing (a search would then fail too). In each case the site still answers from the
database path, so settings.HEALTH_CHECKS lists this part as optional: "degraded", not down.
"""

import dataclasses
import datetime

from django.conf import settings
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from search.catalogue.engine.client import ENGINE_ERRORS, get_client, index_name


@dataclasses.dataclass
class SearchEngine(HealthCheck):
    @property
    def timeout(self) -> datetime.timedelta:
        return datetime.timedelta(seconds=settings.SEARCH_TIMEOUT)

    def run(self) -> None:
        try:
            found = get_client().indices.exists(index=index_name())
        except ENGINE_ERRORS as error:
            raise ServiceUnavailable("search engine error") from error
        if not found:
            raise ServiceUnavailable("catalogue index missing")
