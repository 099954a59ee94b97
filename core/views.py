"""Sign-in views: the page-password form with a limit, and the admin's second factor."""

from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction

from core import throttling, twofactor
from core.forms import TokenForm


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password view, refused for a while after repeated wrong passwords.

    Wagtail answers a wrong password with the form again (200) and a right one with a
    redirect; only the former counts. While the client is locked out the password is not
    even compared, so a lucky guess in that time gains nothing.
    """
    if request.method == "POST":
        wait = throttling.page_password_wait(request)
        if wait is not None:
            restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
            page = get_object_or_404(Page, id=page_id).specific
            form = throttling.LockedPagePasswordForm(
                request.POST, instance=restriction, wait_seconds=wait
            )
            form.is_valid()
            response = page.serve_password_required_response(
                request,
                form,
                reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id]),
            )
            response.status_code = throttling.TOO_MANY_REQUESTS
            return response
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:
        throttling.count_page_password_failure(request)
    return response


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url("wagtailadmin_home")


@sensitive_post_parameters("otp_token")
@never_cache
def two_factor_verify(request):
    """The second step of signing in: a code from the device the user enrolled."""
    device = twofactor.confirmed_device(request.user)
    if device is None:
        return redirect(twofactor.ENROL_URL_NAME)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        twofactor.mark_verified(request, device)
        return redirect(_next_url(request))
    return TemplateResponse(
        request, "core/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@sensitive_post_parameters("otp_token")
@never_cache
def two_factor_enrol(request):
    """A new authenticator app: its QR code, confirmed by the first code it shows."""
    device = twofactor.pending_device(request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        twofactor.confirm_device(request, device)
        return redirect(_next_url(request))
    return TemplateResponse(
        request,
        "core/two_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_code_svg": twofactor.qr_code_svg(device),
            "secret": twofactor.secret_for_typing(device),
            "replacing": twofactor.has_device(request.user),
        },
    )
