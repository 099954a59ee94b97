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

A preview is a page rendered by Wagtail through the whole middleware chain a second time, for
a dummy request to the page's public URL; the header set there is the one the editor's
browser gets. It is the public policy, so the editor sees the page as visitors will, with
`frame-ancestors 'self'`, since the preview panel frames it.
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


def preview_policy() -> dict:
    return {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


def admin_policy(response) -> dict:
    framed = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
    return {**settings.ADMIN_CSP, "frame-ancestors": [CSP.SELF if framed else CSP.NONE]}


class AdminContentSecurityPolicyMiddleware:
    """Between Django's CSP middleware (outside) and XFrameOptionsMiddleware (inside).

    Responses under the admin's URL get `ADMIN_CSP`, previews the public policy that may be
    framed by the admin; everything else keeps `SECURE_CSP`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A view's own csp_override wins, as it does for the public policy.
        if hasattr(response, "_csp_config"):
            return response
        if getattr(request, "is_preview", False):
            response._csp_config = preview_policy()
        elif is_admin_request(request):
            response._csp_config = admin_policy(response)
        return response
