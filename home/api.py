"""Wagtail's API v2 at /api/v2/: the public pages and the images they use, read-only.

Public means what the sitemap means (core.sitemaps): live, not expired (also before
`publish_scheduled` runs), behind no view restriction on the page or above it, whatever the
request (a visitor who typed a page's password still gets only public pages: answers may be
kept by proxies), and not a product of a private company (`ProductPageQuerySet.visible`).
Images: only those the reference index (wagtail.models.ReferenceIndex) records as used by a
public page, in a field or a StreamField block. No documents endpoint: Wagtail's lists every
document, private collections' too.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from core.pages import private_page_ids, public
from core.text import words
from products.models import ProductPage


def public_pages(queryset):
    """*queryset*'s pages that anyone may see, as the sitemap lists them.

    What is left out by a filter on the page's own fields goes by id: the API's `search`
    may only filter on indexed fields, and expired-but-live pages and private companies'
    products are few.
    """
    hidden = list(
        Page.objects.filter(live=True, expire_at__lte=timezone.now()).values_list("pk", flat=True)
    )
    if private := private_page_ids():
        products = ProductPage.objects.filter(company_id__in=private)
        hidden += products.values_list("pk", flat=True)
    queryset = public(queryset.live())
    return queryset.exclude(id__in=hidden) if hidden else queryset


def images_of(pages):
    """The images *pages* use, by the reference index (their live content: it is rebuilt from
    the saved page, not from drafts)."""
    image_model = get_image_model()
    used = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(image_model),
        object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
    )
    ids = used.annotate(image=Cast("to_object_id", IntegerField())).values_list("image", flat=True)
    return image_model.objects.filter(pk__in=ids)


class WordsSearchFilter(SearchFilter):
    """Wagtail's `?search=`, given the words of the query only, as the site search is
    (search.queries.search_pages): the SQLite backend reads quotes and operators as FTS5
    syntax, and an unbalanced `"` was a database error."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError("search_operator must be and or or")
        text = " ".join(words(request.GET["search"]))
        if not text:
            return queryset.none()
        request.GET._mutable = True
        request.GET["search"] = text
        request.GET._mutable = False
        return super().filter_queryset(request, queryset, view)


class FindByWholeNumber:
    """`find/?id=` answers 400 for an id that is not a whole number (Wagtail's own: a 500),
    and any parameter holding NUL is a 400: PostgreSQL refuses it in a text filter
    (`?locale=%00` was a 500)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any("\x00" in value for _name, values in request.GET.lists() for value in values):
            raise BadRequestError("parameters may not contain NUL")

    def find_object(self, queryset, request):
        if "id" in request.GET:
            try:
                int(request.GET["id"])
            except ValueError as error:
                raise BadRequestError("id must be a whole number") from error
        return super().find_object(queryset, request)


class PublicPagesAPIViewSet(FindByWholeNumber, PagesAPIViewSet):
    filter_backends = [
        WordsSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())

    def get_queryset(self):
        # A listing of one type (`?type=products.ProductPage`) loads its items' relations
        # once for the whole page of results, as the HTML pages do (`with_relations`).
        queryset = super().get_queryset().select_related("locale")
        with_relations = getattr(queryset.model, "with_relations", None)
        return with_relations(queryset) if with_relations else queryset


class PublicImagesAPIViewSet(FindByWholeNumber, ImagesAPIViewSet):
    filter_backends = [
        WordsSearchFilter if backend is SearchFilter else backend
        for backend in ImagesAPIViewSet.filter_backends
    ]

    def get_queryset(self):
        pages = public_pages(Page.objects.all())
        return images_of(pages).order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
