"""What the site's JSON endpoints share: the language of their answers and their error shape.

Every endpoint (the catalogue API and its export, the programme's downloads) explains a bad
request as `{"errors": [...]}` with status 400, in the language its `lang` parameter asks for
when that parameter is itself valid, so a client handles them all alike.
"""

from django.conf import settings
from django.http import JsonResponse

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def requested_language(request) -> str:
    """The `lang` parameter when it names a site language, else the first language."""
    lang = request.GET.get("lang")
    return lang if lang in LANGUAGES else LANGUAGES[0]


def json_response(data, status: int = 200) -> JsonResponse:
    # Vietnamese stays readable in the body rather than \u-escaped.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def errors_response(messages) -> JsonResponse:
    return json_response({"errors": [str(message) for message in messages]}, status=400)
