"""The visitor's side of event registration: the form below an event page and its outcome.

EventPage's routes (dang-ky/, register/) call these. The form has its own URL, so the event
page carries no per-visitor token and stays in the page cache. A POST only stores the
registration and queues its confirmation (programme.registrations), then redirects to the
outcome: registered, or on the waiting list. Without JavaScript the company search is a
button of the form itself, which shows the form again with what was typed kept.
"""

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext

from core.text import clean_search_text, is_ascii_number
from core.throttling import TOO_MANY_REQUESTS
from programme import registrations
from programme.models.registrations import MAX_MEETINGS
from programme.registration_forms import SEARCH_MAX, RegistrationForm

CONFLICT = 409
REFUSALS = {
    "closed": lambda: gettext("Đăng ký tham dự sự kiện này đã đóng; không có gì được lưu."),
    "duplicate": lambda: gettext(
        "Địa chỉ thư điện tử này đã đăng ký tham dự sự kiện này. Mỗi người chỉ đăng ký một "
        "lần; nếu cần thay đổi, vui lòng liên hệ ban tổ chức."
    ),
    "full": lambda: gettext(
        "Sự kiện vừa hết chỗ. Nội dung bạn nhập vẫn còn nguyên; gửi lại để đăng ký vào "
        "danh sách chờ."
    ),
}


def _ids(values) -> list[int]:
    """The company ids among posted values, in order, without repeats (at most a page)."""
    ids = []
    for value in values[:50]:
        if is_ascii_number(value) and len(value) <= 18 and int(value) not in ids:
            ids.append(int(value))
    return ids


def _offered(catalogue, *, query: str, chosen: list[int]):
    """The companies the form shows: those matching the search (the first ones), and every
    one already ticked."""
    shown = registrations.matching(catalogue, query)[: registrations.SHOWN_COMPANIES]
    shown_ids = {company.pk for company in shown}
    ticked = [c for c in catalogue if c.pk in chosen and c.pk not in shown_ids]
    return ticked + shown


def event_registration(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    language = get_language()
    event = registrations.source_event(page)
    closed = not event.registration_open()
    full = not closed and registrations.is_full(event)
    catalogue = (
        registrations.companies_to_meet(language=language) if event.business_matching else []
    )
    source = request.POST if request.method == "POST" else request.GET
    query = clean_search_text(source.get("q", ""))[:SEARCH_MAX]
    chosen = _ids(source.getlist("companies"))
    offered = _offered(catalogue, query=query, chosen=chosen)
    form_options = {"companies": offered, "matching": event.business_matching}
    status = 200
    form = None
    if closed:
        status = CONFLICT if request.method == "POST" else 200
    elif request.method == "POST" and "search" in request.POST:
        # Searching the companies: the form again, as typed, unchecked (no errors yet).
        initial = {name: request.POST.get(name) for name in RegistrationForm.base_fields}
        initial["companies"] = chosen
        form = RegistrationForm(initial=initial, **form_options)
    elif request.method == "POST":
        form = RegistrationForm(request.POST, **form_options)
        if form.is_bot():
            # Looks like success to the bot; nothing is stored or sent.
            registrations.count_address(request)
            return redirect(page.registered_path("confirmed", request))
        if form.is_valid():
            wait = registrations.limit_wait(request)
            if wait is not None:
                form.refuse_for_now(wait)
                status = TOO_MANY_REQUESTS
            else:
                try:
                    registration = registrations.register(
                        page=page,
                        data=form.stored_data(),
                        company_ids=form.company_ids(),
                        waiting_list=full or form.cleaned_data["waiting_list"],
                    )
                except registrations.RegistrationRefused as refusal:
                    closed = refusal.reason == "closed"
                    if refusal.reason == "full":
                        # Sent again, it joins the waiting list.
                        data = request.POST.copy()
                        data["waiting_list"] = "on"
                        form = RegistrationForm(data, **form_options)
                        form.is_valid()
                        full = True
                    form.add_error(None, REFUSALS[refusal.reason]())
                    status = CONFLICT
                else:
                    return redirect(page.registered_path(registration.status, request))
        else:
            status = 400
    else:
        form = RegistrationForm(
            initial={"language": language, "q": query, "waiting_list": full}, **form_options
        )
    return TemplateResponse(
        request,
        "programme/event_registration.html",
        {
            "page": page,
            "self": page,
            "form": None if closed else form,
            "closed": closed,
            "full": full,
            "query": query,
            "searched": bool(query),
            "max_meetings": MAX_MEETINGS,
            "refusal": REFUSALS["closed"]() if closed and request.method == "POST" else "",
            "translations": page.registration_translations(),
        },
        status=status,
    )


def event_registered(request, page, *, status: str):
    return TemplateResponse(
        request,
        "programme/event_registered.html",
        {
            "page": page,
            "self": page,
            "waiting": status == "waiting",
            "translations": page.registration_translations(status),
        },
    )
