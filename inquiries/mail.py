"""The mails an inquiry causes, written when they are sent (never stored as text).

Each `InquiryMail` holds only its kind and recipients; subject and body are rendered from the
inquiry at delivery, so erasing an inquiry (inquiries.services) leaves no copy of it in the
queue. The department and the companies read Vietnamese; the buyer gets their own language.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from inquiries.models import Inquiry, InquiryMail
from products.models import CompanyPage


def companies_in_language(inquiry: Inquiry, language: str) -> list:
    """The inquiry's companies as the reader of *language* knows them (their translation)."""
    stored = list(inquiry.companies.all())
    shown = {
        page.translation_key: page
        for page in CompanyPage.objects.live().filter(
            translation_key__in=[page.translation_key for page in stored],
            locale__language_code=language,
        )
    }
    return [shown.get(page.translation_key, page) for page in stored]


def _inbox_url(inquiry: Inquiry) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "inquiries:inspect", args=[inquiry.pk]
    )


def build(mail: InquiryMail) -> EmailMessage:
    inquiry = mail.inquiry
    language = inquiry.language if mail.kind == InquiryMail.Kind.CONFIRMATION else "vi"
    with translation.override(language):
        context = {
            "inquiry": inquiry,
            "companies": companies_in_language(inquiry, language),
            "company": mail.company,
            "inbox_url": _inbox_url(inquiry),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "retention_days": settings.INQUIRY_RETENTION_DAYS,
        }
        if mail.kind == InquiryMail.Kind.DEPARTMENT:
            subject = gettext("Yêu cầu liên hệ mới #%(number)d: %(organisation)s")
        elif mail.kind == InquiryMail.Kind.CONFIRMATION:
            subject = gettext("Chúng tôi đã nhận yêu cầu liên hệ của bạn (#%(number)d)")
        else:
            subject = gettext("Yêu cầu liên hệ từ người mua qua %(site)s (#%(number)d)")
        subject %= {
            "number": inquiry.pk,
            "organisation": inquiry.organisation,
            "site": settings.WAGTAIL_SITE_NAME,
        }
        body = render_to_string(f"inquiries/mail/{mail.kind}.txt", context)
    # The department and the companies answer the buyer directly.
    reply_to = [] if mail.kind == InquiryMail.Kind.CONFIRMATION else [inquiry.email]
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=mail.recipients,
        reply_to=reply_to,
    )
