"""The catalogue's JSON API: the same contract the catalogue page uses (search/catalogue)."""

from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.catalogue import service
from search.catalogue.contract import LANGUAGES
from search.catalogue.parameters import CatalogueQueryForm
from search.catalogue.request import PageOutOfRange, search_request


def _language(request) -> str:
    # Errors are explained in the language asked for, when that parameter itself is valid.
    return request.GET.get("lang") if request.GET.get("lang") in LANGUAGES else LANGUAGES[0]


def _errors(messages, status=400):
    return JsonResponse(
        {"errors": messages}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def catalogue(request):
    with translation.override(_language(request)):
        try:
            found = search_request(request)
        except PageOutOfRange as error:
            return _errors(
                [_("Trang %(page)s không có: kết quả ít hơn.") % {"page": error.args[0]}]
            )
        if found.answer is None:
            return _errors(found.form.messages())
        answer = found.answer
        data = answer.data
        if answer.notice:
            data = {**data, "notice": str(answer.notice)}
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest(request):
    with translation.override(_language(request)):
        form = CatalogueQueryForm(request.GET)
        if not form.is_valid():
            return _errors(form.messages())
        q = form.cleaned_data["q"]
        if not q:
            return JsonResponse({"suggestions": []})
        return JsonResponse(
            service.suggest(q=q, lang=form.cleaned_data["lang"]),
            json_dumps_params={"ensure_ascii": False},
        )
