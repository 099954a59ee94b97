"""The Wagtail admin's Content-Security-Policy, beside the public one.

Django's ContentSecurityPolicyMiddleware sends `SECURE_CSP` on every response: the strict
public policy (config.settings.base). The admin cannot live with it: Wagtail 8 writes inline
`<script>` blocks that carry no nonce (InlinePanel, the date and time widgets, the search
promotions form), so the admin needs `'unsafe-inline'` for scripts, which no public page may
have. This middleware gives responses under the admin's URL `ADMIN_CSP` instead, through the
same per-response override Django's `csp_override` decorator uses, so Django's middleware
still builds and sends the header.

`frame-ancestors` follows the response's X-Frame-Options, so the two never disagree: `'self'`
where Wagtail itself says SAMEORIGIN (its preview and block-preview views, wagtail-localize's
preview: the editor shows them in a same-origin iframe), `'none'` everywhere else, as
`X_FRAME_OPTIONS = "DENY"` says.
"""

from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.csp import CSP


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_request(request) -> bool:
    return request.path_info.startswith(admin_prefix())


def admin_policy(response) -> dict:
    framed = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
    return {**settings.ADMIN_CSP, "frame-ancestors": [CSP.SELF if framed else CSP.NONE]}


class AdminContentSecurityPolicyMiddleware:
    """Between Django's CSP middleware (outside) and XFrameOptionsMiddleware (inside)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A view's own csp_override wins, as it does for the public policy.
        if is_admin_request(request) and not hasattr(response, "_csp_config"):
            response._csp_config = admin_policy(response)
        return response
