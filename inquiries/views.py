"""The buyer's side: the inquiry form, its confirmation, and the privacy notice.

The form has its own URL, so the product, company and result pages that link to it carry no
per-visitor token and stay in the page cache (core.pagecache). A POST only stores the
inquiry and queues its mail (inquiries.services), then redirects to the confirmation in the
language the buyer chose.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from core.locales import active_locale
from core.navigation import menu_url
from core.throttling import TOO_MANY_REQUESTS
from inquiries import services
from inquiries.forms import InquiryForm
from inquiries.models import MAX_COMPANIES


def _sent_url(language: str) -> str:
    with translation.override(language):
        return reverse("inquiry_sent")


@require_http_methods(["GET", "HEAD", "POST"])
def inquiry(request):
    language = get_language()
    status = 200
    if request.method == "POST":
        suppliers = services.find_suppliers(
            company_ids=services.parse_ids(request.POST.getlist("company")), language=language
        )
        form = InquiryForm(request.POST, suppliers=suppliers)
        if form.is_bot():
            # Looks like success to the bot; nothing is stored or sent.
            services.count_address(request)
            return redirect(_sent_url(language))
        if form.is_valid():
            wait = services.limit_wait(request, email=form.cleaned_data["email"])
            if wait is None:
                inquiry = services.submit_inquiry(
                    data=form.stored_data(), companies=form.chosen_companies()
                )
                return redirect(_sent_url(inquiry.language))
            form.refuse_for_now(wait)
            status = TOO_MANY_REQUESTS
        else:
            status = 400
    else:
        suppliers = services.find_suppliers(
            company_ids=services.parse_ids(request.GET.getlist("company")),
            product_ids=services.parse_ids(request.GET.getlist("product")),
            language=language,
        )
        form = InquiryForm(
            initial={"company": [s.pk for s in suppliers[:MAX_COMPANIES]], "language": language},
            suppliers=suppliers,
        )
    return render(
        request,
        "inquiries/inquiry_form.html",
        {
            "form": form,
            "suppliers": suppliers,
            "max_companies": MAX_COMPANIES,
            "catalogue_url": menu_url(
                locale=active_locale(), model_label="products.productindexpage"
            ),
        },
        status=status,
    )


def sent(request):
    return render(
        request,
        "inquiries/inquiry_sent.html",
        {
            "catalogue_url": menu_url(
                locale=active_locale(), model_label="products.productindexpage"
            )
        },
    )


def privacy_notice(request):
    return render(
        request,
        "inquiries/privacy_notice.html",
        {
            "retention_days": settings.INQUIRY_RETENTION_DAYS,
            # Event registrations (programme) follow the same notice.
            "registration_retention_days": settings.EVENT_REGISTRATION_RETENTION_DAYS,
            # So do registrations of interest in the selection (applications).
            "application_retention_days": settings.APPLICATION_RETENTION_DAYS,
        },
    )
