"""The project's own JSON API under /api/, and its OpenAPI description (django-ninja).

`/api/openapi.json` is the description ninja generates from the routers' views;
`/api/docs/` shows it with Swagger UI from ninja's own static files (`ninja` is an installed
app, so ninja renders its local template rather than its CDN one), with Swagger UI's online
validator badge turned off: the page loads nothing from another site. The page alone gets a
content security policy that allows what Swagger UI needs (`API_DOCS_CSP`).

The patterns are included without a namespace, so the views keep their plain URL names
(`catalogue_api`, `catalogue_suggest`) that templates and other code reverse.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from search.api import router as catalogue_router


class LocalSwagger(Swagger):
    template = "api/docs.html"

    def get_openapi_url(self, api, path_params):
        return reverse("openapi-json")

    @method_decorator(csp_override(settings.API_DOCS_CSP))
    def render_page(self, request, api, **kwargs):
        return super().render_page(request, api, **kwargs)


class PortalAPI(NinjaAPI):
    def get_root_path(self, path_params):
        return reverse("api-root")


api = PortalAPI(
    title="SPCNCL Hà Nội API",
    version="1",
    description=(
        "Danh mục sản phẩm công nghiệp chủ lực thành phố Hà Nội, dạng dữ liệu. Chỉ đọc, không "
        "cần đăng nhập. Lỗi tham số trả về 400 với danh sách lỗi bằng ngôn ngữ `lang`.\n\n"
        "The catalogue of Hà Nội's key industrial products, as data. Read-only, no sign-in. "
        "A bad parameter is a 400 with the errors in the language of `lang`. Wagtail's own "
        "API for pages and images is at /api/v2/."
    ),
    docs=LocalSwagger(settings={"validatorUrl": None, "deepLinking": True}),
    docs_url="/docs/",
    urls_namespace="api",
)
api.add_router("/catalogue/", catalogue_router)

# Plain patterns (no namespace): see the module's docstring.
urlpatterns = api.urls[0]
