"""The catalogue's JSON API: the same contract the catalogue page uses (search/catalogue).

A django-ninja router, so that the OpenAPI description (config.api) is generated from the
views themselves. The parameters are declared for the description only (search.schemas):
`CatalogueQueryForm` still checks every one of them and refuses unknown ones, answering 400
with its messages in the language asked for; the views return their JSON themselves.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router

from core.api import errors_response, json_response, requested_language
from core.sitemaps import site_root_url
from core.tabular import CONTENT_TYPES, table_response
from search.catalogue import service
from search.catalogue.export import ExportQueryForm, ExportTooLarge, catalogue_export, export_meta
from search.catalogue.parameters import CatalogueQueryForm
from search.catalogue.request import PageOutOfRange, search_request
from search.schemas import (
    CatalogueAnswer,
    CatalogueParameters,
    Errors,
    ExportParameters,
    Suggestions,
    SuggestParameters,
)

router = Router(tags=["catalogue"])


@router.get(
    "/",
    url_name="catalogue_api",
    response={200: CatalogueAnswer, 400: Errors},
    summary="Tìm trong danh mục / Search the catalogue",
    description="The products (or, with tab=companies, the companies) the words and filters "
    "find, 20 a page, with the facets' counts. The same search as the catalogue page.",
)
def catalogue(request, parameters: Query[CatalogueParameters]):
    with translation.override(requested_language(request)):
        try:
            found = search_request(request)
        except PageOutOfRange as error:
            return errors_response(
                [_("Trang %(page)s không có: kết quả ít hơn.") % {"page": error.args[0]}]
            )
        if found.answer is None:
            return errors_response(found.form.messages())
        answer = found.answer
        data = answer.data
        if answer.notice:
            data = {**data, "notice": str(answer.notice)}
        return json_response(data)


@router.get(
    "/suggest/",
    url_name="catalogue_suggest",
    response={200: Suggestions, 400: Errors},
    summary="Gợi ý khi gõ / Autocomplete",
    description="Product and company names that start with the words typed.",
)
def suggest(request, parameters: Query[SuggestParameters]):
    with translation.override(requested_language(request)):
        form = CatalogueQueryForm(request.GET)
        if not form.is_valid():
            return errors_response(form.messages())
        q = form.cleaned_data["q"]
        if not q:
            return json_response({"suggestions": []})
        return json_response(service.suggest(q=q, lang=form.cleaned_data["lang"]))


@router.get(
    "/export/",
    url_name="catalogue_export",
    response={400: Errors},
    summary="Tải danh mục về / Download the catalogue",
    description="Every result of the same search as CSV (UTF-8 with BOM), XLSX or JSON, with "
    "the recognition status. A search finding more than CATALOGUE_EXPORT_MAX_ROWS results is "
    "refused (400): narrow it, or take the full files of the open-data page.",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, named in Content-Disposition.",
                "content": {content_type: {} for content_type in CONTENT_TYPES.values()},
            }
        }
    },
)
def export(request, parameters: Query[ExportParameters]):
    with translation.override(requested_language(request)):
        form = ExportQueryForm(request.GET)
        if not form.is_valid():
            return errors_response(form.messages())
        try:
            found = catalogue_export(form.query(), root=site_root_url(request))
        except ExportTooLarge as error:
            return errors_response([error.message()])
        return table_response(
            format=form.cleaned_data["format"],
            columns=found.columns,
            rows=found.rows,
            filename=found.filename,
            meta=export_meta(found),
            sheet_title=found.query.tab,
        )
