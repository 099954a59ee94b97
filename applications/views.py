"""The company's side: the registration of interest for the current selection round.

The form has its own URL outside the page tree, opens and closes itself by the round's dates
(applications.models.SelectionRound), and carries a CSRF token, so it is never kept in the
page cache. A POST only stores the application and queues its confirmation
(applications.services), then redirects to the outcome in the language chosen.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from applications import services
from applications.forms import ApplicationForm
from applications.models import SelectionRound
from core.throttling import TOO_MANY_REQUESTS

CONFLICT = 409
REFUSALS = {
    "closed": lambda: gettext("Đợt bình chọn đã đóng nhận đăng ký; không có gì được lưu."),
    "duplicate": lambda: gettext(
        "Doanh nghiệp có mã số thuế này đã đăng ký trong đợt bình chọn này; không có gì được "
        "lưu thêm. Nếu cần bổ sung hoặc sửa hồ sơ, vui lòng liên hệ Sở Công Thương Hà Nội."
    ),
}


def _applied_url(language: str) -> str:
    with translation.override(language):
        return reverse("application_received")


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    language = get_language()
    selection_round = SelectionRound.objects.current()
    status = 200
    form = None
    refusal = ""
    if selection_round is None:
        status = CONFLICT if request.method == "POST" else 200
        refusal = REFUSALS["closed"]() if request.method == "POST" else ""
    elif request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES)
        if form.is_bot():
            # Looks like success to the bot; nothing is stored or sent.
            services.count_address(request)
            return redirect(_applied_url(language))
        if form.is_valid():
            wait = services.limit_wait(request)
            if wait is not None:
                form.refuse_for_now(wait)
                status = TOO_MANY_REQUESTS
            else:
                try:
                    application = services.submit(
                        data=form.stored_data(), files=form.dossier_files()
                    )
                except services.ApplicationRefused as refused:
                    form.add_error(None, REFUSALS[refused.reason]())
                    status = CONFLICT
                    if refused.reason == "closed":
                        selection_round, form = None, None
                        refusal = REFUSALS["closed"]()
                else:
                    return redirect(_applied_url(application.language))
        else:
            status = 400
    else:
        form = ApplicationForm(initial={"language": language})
    return render(
        request,
        "applications/apply.html",
        {
            "form": form,
            "selection_round": selection_round,
            "next_round": None if selection_round else SelectionRound.objects.next(),
            "intro": _intro(selection_round, language),
            "refusal": refusal,
        },
        status=status,
    )


def _intro(selection_round, language: str) -> str:
    if selection_round is None:
        return ""
    if language == "en" and selection_round.intro_en:
        return selection_round.intro_en
    return selection_round.intro


def received(request):
    return render(request, "applications/received.html")
