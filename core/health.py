"""The health endpoint for the proxy and monitoring: `/health/` (config.urls).

The parts come from `settings.HEALTH_CHECKS`: a name, a django-health-check check (by import
path) and whether the site can serve without that part. The search engine is such a part:
searches fall back to the database path, so when only optional parts fail the answer is
"degraded", still HTTP 200, and a proxy keeps sending visitors. When a required part fails
(the database, the cache, file storage) it is 503.

The body says only which part is in which state: no hostname, port, version or exception text
(django-health-check's own views print each check's repr and error message, which for the
database includes the server's address). The failures go to the log, with their details.
The checks run concurrently, each within its own timeout; nothing is ever cached.
"""

import asyncio
from dataclasses import dataclass

from django.conf import settings
from django.http import JsonResponse
from django.utils.module_loading import import_string
from health_check.views import HealthCheckView

OK = "ok"
DEGRADED = "degraded"
UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class Part:
    name: str
    check: str  # import path of a health_check.base.HealthCheck
    required: bool = True


class HealthView(HealthCheckView):
    def get_parts(self) -> list[Part]:
        return [Part(*part) for part in settings.HEALTH_CHECKS]

    async def get(self, request, *args, **kwargs):
        parts = self.get_parts()
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(import_string(part.check)().get_result(executor) for part in parts)
            )
        states = {
            part.name: UNAVAILABLE if result.error else OK
            for part, result in zip(parts, results, strict=True)
        }
        failed = [part for part in parts if states[part.name] != OK]
        if any(part.required for part in failed):
            status, code = UNAVAILABLE, 503
        elif failed:
            status, code = DEGRADED, 200
        else:
            status, code = OK, 200
        return JsonResponse({"status": status, "checks": states}, status=code)
