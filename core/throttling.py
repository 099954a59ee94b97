"""Throttled sign-ins: the admin login (django-axes) and page passwords (django-ratelimit).

Both count failures per client address (core.clientip) and refuse further tries for a
cool-off once LOGIN_FAILURE_LIMIT is reached; the admin login also counts per account. The
refusal is a 429 showing the same form with a message in the request's language, never a
delay inside the request: sleeping would hold one of the few web workers for every try.
"""

from axes.backends import AxesStandaloneBackend
from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django_ratelimit.core import get_usage
from wagtail.forms import PasswordViewRestrictionForm

TOO_MANY_REQUESTS = 429
_PAGE_PASSWORD_GROUP = "core.page-password"


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check before the password's, for every sign-in that comes with a request.

    Every login form passes its request to authenticate(); only code outside a request does
    not (the test client's login(), a shell), and there is no client to throttle then. Axes
    would raise; this lets ModelBackend answer instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_lockout_message() -> str:
    return gettext(
        "Đăng nhập tạm bị khoá vì có quá nhiều lần nhập sai cho tài khoản này hoặc từ địa chỉ "
        "của bạn. Vui lòng thử lại sau %(minutes)d phút."
    ) % {"minutes": settings.LOGIN_COOLOFF_MINUTES}


def login_lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, its only error the lockout.

    Axes lets the login view run (its backend made authenticate() fail), so the view's own
    page is at hand; re-rendered with the lockout as its error, the user sees where they
    are and why, in the admin's design (or the public login's, for Wagtail's front-end one).
    A try made during the lockout is not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_
    LOCKOUT is off), so the wait is at most the cool-off.
    """
    message = login_lockout_message()
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and isinstance(form, forms.Form):
        form.errors.clear()
        form.add_error(None, message)
        # Rendered here: middleware gets this after the view's responses were rendered.
        return TemplateResponse(
            request, original_response.template_name, context, status=TOO_MANY_REQUESTS
        ).render()
    return HttpResponse(message, status=TOO_MANY_REQUESTS, content_type="text/plain; charset=utf-8")


def _page_password_usage(request, *, increment: bool) -> dict | None:
    return get_usage(
        request,
        group=_PAGE_PASSWORD_GROUP,
        key="ip",  # RATELIMIT_IP_META_KEY makes this core.clientip's answer
        rate=settings.PAGE_PASSWORD_FAILURE_RATE,
        method="POST",
        increment=increment,
    )


def page_password_wait(request) -> int | None:
    """Seconds until this client may try a page password again; None when it may now.

    Locked once LOGIN_FAILURE_LIMIT failures fall in one window of LOGIN_COOLOFF_MINUTES
    (django-ratelimit's fixed windows, so the wait is at most one cool-off).
    """
    usage = _page_password_usage(request, increment=False)
    if usage is None or usage["count"] < usage["limit"]:
        return None
    return max(usage["time_left"], 1)


def count_page_password_failure(request) -> None:
    _page_password_usage(request, increment=True)


class LockedPagePasswordForm(PasswordViewRestrictionForm):
    """The page-password form while its client is locked out: the password is not checked."""

    def __init__(self, *args, wait_seconds: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.wait_seconds = wait_seconds

    def clean_password(self):
        return None

    def clean(self):
        minutes = max(1, -(-self.wait_seconds // 60))
        raise forms.ValidationError(
            gettext(
                "Bạn đã nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút."
            )
            % {"minutes": minutes},
            code="throttled",
        )
