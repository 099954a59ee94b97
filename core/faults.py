"""The database locked (SQLite) or restarting (PostgreSQL): a retry message, never a 500.

Every admin write (any method but GET, HEAD, OPTIONS under /admin/) runs in one transaction,
so a fault part-way through stores nothing and the editor's retry stores it exactly once;
Wagtail alone commits a page's revision, its log entry and its publication separately. Any
request the database fails (the connection refused, closed by a restart, or a lock held past
SQLite's busy timeout) gets a 503 with Retry-After and a message in Vietnamese and English,
from the view (the middleware) or from another middleware (`server_error`, the handler500).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

# What a locked, stopped or restarting database raises; psycopg and sqlite3 errors arrive
# wrapped in these. IntegrityError and friends are bugs and stay 500s.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
ADMIN_PREFIX = "/admin/"  # config/urls.py

MESSAGE_VI = "Cơ sở dữ liệu đang bận, vui lòng thử lại sau giây lát."
MESSAGE_EN = "The database is busy, please try again in a moment."
NOT_SAVED_VI = "Nếu bạn vừa lưu hoặc gửi nội dung, nội dung đó chưa được lưu: hãy gửi lại."
NOT_SAVED_EN = "If you were saving or sending something, it was not saved: please send it again."


def database_unavailable(request, exception: BaseException) -> HttpResponse:
    """The 503 answer: JSON for clients that do not take HTML, else templates/503.html.

    Rendered without the request's context processors: they read the database.
    """
    logger.warning(
        "Database unavailable for %s %s: %s: %s",
        request.method,
        request.path,
        type(exception).__name__,
        str(exception).strip(),
    )
    if request.accepts("text/html"):
        body = loader.get_template("503.html").render(
            {
                "message_vi": MESSAGE_VI,
                "message_en": MESSAGE_EN,
                "not_saved_vi": NOT_SAVED_VI,
                "not_saved_en": NOT_SAVED_EN,
                "retry_after": RETRY_AFTER_SECONDS,
            }
        )
        response = HttpResponse(body, status=503)
    else:
        response = JsonResponse(
            {"error": "database_unavailable", "message": MESSAGE_VI, "message_en": MESSAGE_EN},
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_admin_write(request) -> bool:
    return request.method not in SAFE_METHODS and request.path.startswith(ADMIN_PREFIX)


class DatabaseFaultsMiddleware:
    """Admin writes in one transaction; a database fault in any view becomes the 503.

    Last in MIDDLEWARE, so the other middleware's view checks (CSRF above all) run first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_write(request):
            return None
        # Exceptions raised here skip process_exception, hence the handling in both places.
        try:
            with transaction.atomic():
                return view_func(request, *view_args, **view_kwargs)
        except DATABASE_UNAVAILABLE as exception:
            return database_unavailable(request, exception)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable(request, exception)
        return None


def server_error(request, template_name="500.html"):
    """handler500: a database fault raised outside a view (a session saved by its middleware,
    say) is still the 503; anything else is Django's own 500 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_UNAVAILABLE):
        return database_unavailable(request, exception)
    return defaults.server_error(request, template_name)
