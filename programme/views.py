"""The programme's downloads: recognitions and statistics (programme.exports)."""

from django.utils import translation
from django.views.decorators.http import require_GET

from core.api import errors_response, requested_language
from core.sitemaps import site_root_url
from core.tabular import table_response
from programme.exports import (
    DownloadForm,
    StatisticsDownloadForm,
    recognitions_table,
    statistics_table,
)


def _download(form, table):
    return table_response(
        format=form.cleaned_data["format"],
        columns=table.columns,
        rows=table.rows,
        filename=table.filename,
        meta=table.meta,
    )


@require_GET
def recognitions_export(request):
    """Every public recognition, one row each, as CSV, XLSX or JSON."""
    with translation.override(requested_language(request)):
        form = DownloadForm(request.GET)
        if not form.is_valid():
            return errors_response(form.messages())
        lang = form.cleaned_data["lang"]
        return _download(form, recognitions_table(lang=lang, root=site_root_url(request)))


@require_GET
def statistics_export(request):
    """The statistics page's figures, per year or per sector, as CSV, XLSX or JSON."""
    with translation.override(requested_language(request)):
        form = StatisticsDownloadForm(request.GET)
        if not form.is_valid():
            return errors_response(form.messages())
        data = form.cleaned_data
        return _download(form, statistics_table(table=data["table"], lang=data["lang"]))
