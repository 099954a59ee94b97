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
a dummy request to the page's public URL, inside the admin view that shows it. It gets the
public policy, so the editor sees the page as visitors will; its frame-ancestors is decided
once the admin view has set X-Frame-Options (SAMEORIGIN for the preview panel's iframe, DENY
for "view draft" in a tab of its own).
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


def framed(policy: dict, response) -> dict:
    """*policy* with frame-ancestors agreeing with the response's X-Frame-Options."""
    same_origin = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
    return {**policy, "frame-ancestors": [CSP.SELF if same_origin else CSP.NONE]}


class AdminContentSecurityPolicyMiddleware:
    """Between Django's CSP middleware (outside) and XFrameOptionsMiddleware (inside).

    Responses under the admin's URL get `ADMIN_CSP`, previews the public policy that may be
    framed by the admin; everything else keeps `SECURE_CSP`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False) and not hasattr(response, "_csp_config"):
            # The inner run of a preview (see above): the public policy, not framed yet.
            response._csp_config = framed(settings.SECURE_CSP, response)
            response._csp_preview = True
        elif is_admin_request(request):
            if getattr(response, "_csp_preview", False):
                # The admin view around the preview has set the final X-Frame-Options; the
                # header the inner run wrote goes, and Django's middleware writes this one.
                del response[CSP.HEADER_ENFORCE]
                response._csp_config = framed(settings.SECURE_CSP, response)
            elif not hasattr(response, "_csp_config"):  # a view's csp_override wins
                response._csp_config = framed(settings.ADMIN_CSP, response)
        return response
