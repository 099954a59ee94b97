"""The mails about an application, written when they are sent (never stored as text), in
the applicant's language: the confirmation, and one per status change."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from applications.models import ApplicationMail


def build(mail: ApplicationMail) -> EmailMessage:
    application = mail.application
    with translation.override(application.language):
        context = {
            "application": application,
            "announced_status": mail.announced_status,
            "files": list(application.files.all()),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "privacy_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("privacy_notice"),
            "retention_days": settings.APPLICATION_RETENTION_DAYS,
        }
        if mail.kind == ApplicationMail.Kind.RECEIVED:
            subject = gettext("Đã nhận đăng ký tham gia bình chọn %(year)d: %(company)s")
        else:
            subject = gettext("Hồ sơ bình chọn %(year)d của %(company)s: %(status)s")
        subject %= {
            "year": application.selection_round.year,
            "company": application.company_name,
            "status": gettext(dict(STATUS_NAMES).get(mail.announced_status, "")),
        }
        body = render_to_string("applications/mail/application.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=mail.recipients)


# The status as the company reads it (gettext msgids; the admin shows the model's labels).
STATUS_NAMES = [
    ("received", gettext_noop("đã nhận")),
    ("incomplete", gettext_noop("cần bổ sung")),
    ("complete", gettext_noop("đầy đủ")),
]
