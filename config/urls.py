from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from applications import views as application_views
from config import api
from core import discovery, serving
from core import views as core_views
from core.health import HealthView
from core.sitemaps import PageSitemap
from home.api import api_router
from inquiries import views as inquiry_views
from programme import views as programme_views
from search import views as search_views

# A database fault raised outside a view is a 503 too (core.faults); anything else the 500 page.
handler500 = "core.faults.server_error"

# Wagtail's front-end URLs, with its page-serving view swapped for the cached fast path
# (core.serving; same URL name, same hooks, Wagtail's router as the fallback) and its
# page-password view for one that limits wrong passwords (core.views; same URL and name).
_REPLACED = {"wagtail_serve", "wagtailcore_authenticate_with_password"}
page_urls = [pattern for pattern in wagtail_urls.urlpatterns if pattern.name not in _REPLACED]
page_urls.insert(
    0,
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
)
page_urls.append(re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"))

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("health/", HealthView.as_view(), name="health"),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap}}, name="sitemap"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("site.webmanifest", discovery.web_manifest, name="web_manifest"),
    path("favicon.ico", discovery.favicon, name="favicon"),
    # The catalogue API, its OpenAPI description and docs page (config.api); Wagtail's API.
    path("api/", include(api.urlpatterns)),
    path("api/v2/", api_router.urls),
    path(
        "api/recognitions/export/",
        programme_views.recognitions_export,
        name="recognitions_export",
    ),
    path("api/statistics/export/", programme_views.statistics_export, name="statistics_export"),
]

if settings.SERVE_MEDIA:
    # Images and renditions only: documents are served by Wagtail's view at /documents/,
    # which applies their collection's privacy; their files are never served directly.
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>(?!documents/).*)$",
            serve_file,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Vietnamese at "/", English under "/en/"; URL words are translated ("tim-kiem" -> "search").
urlpatterns += i18n_patterns(
    path(_("tim-kiem/"), search_views.search, name="search"),
    path(_("lien-he-nha-cung-cap/"), inquiry_views.inquiry, name="inquiry"),
    path(_("lien-he-nha-cung-cap/da-gui/"), inquiry_views.sent, name="inquiry_sent"),
    path(_("dang-ky-binh-chon/"), application_views.apply, name="apply"),
    path(
        _("dang-ky-binh-chon/da-nhan/"),
        application_views.received,
        name="application_received",
    ),
    path(_("du-lieu-ca-nhan/"), inquiry_views.privacy_notice, name="privacy_notice"),
    path("", include(page_urls)),
    prefix_default_language=False,
)
