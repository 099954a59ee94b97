"""The mail queue: one task per `InquiryMail`, on the database backend (TASKS["mail"]).

The web request only stores the inquiry and enqueues its mails in the same transaction, so
either both exist or neither does. A worker (`manage.py db_worker --backend mail --queue-name
mail`, README "Inquiries") delivers them. A mail that fails (the server down, refusing,
timing out) is enqueued again to run after 1, 2, 4 ... minutes, at most 6 hours apart, until
INQUIRY_MAIL_MAX_ATTEMPTS; then it is marked failed, and the inbox shows it. Delivery is at
least once: a worker that dies between sending and recording sends again.
"""

import datetime
import logging

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from inquiries import mail as mails
from inquiries.models import InquiryMail

logger = logging.getLogger(__name__)

LONGEST_WAIT = datetime.timedelta(hours=6)


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the *attempts*-th failure: doubling from a minute, capped."""
    return min(datetime.timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)


def enqueue(mail: InquiryMail, *, delay: datetime.timedelta | None = None) -> None:
    runner = deliver_inquiry_mail
    if delay is not None:
        runner = runner.using(run_after=timezone.now() + delay)
    runner.enqueue(mail.pk)


@task(backend="mail", queue_name="mail")
def deliver_inquiry_mail(mail_id: int) -> str:
    mail = (
        InquiryMail.objects.select_related("inquiry", "company")
        .filter(pk=mail_id, status=InquiryMail.Status.PENDING)
        .first()
    )
    if mail is None:
        return "nothing to send"  # sent already, given up, or erased with its inquiry
    mail.attempts += 1
    try:
        mails.send(mail)
    except Exception as error:  # noqa: BLE001 - whatever went wrong, the mail stays queued
        mail.last_error = f"{type(error).__name__}: {error}"[:200]
        if mail.attempts >= settings.INQUIRY_MAIL_MAX_ATTEMPTS:
            mail.status = InquiryMail.Status.FAILED
            mail.save(update_fields=["attempts", "last_error", "status"])
            logger.error("Inquiry mail %s given up after %s attempts", mail.pk, mail.attempts)
            return "failed"
        mail.save(update_fields=["attempts", "last_error"])
        delay = retry_delay(mail.attempts)
        logger.warning(
            "Inquiry mail %s not sent (%s), trying again in %s",
            mail.pk,
            type(error).__name__,
            delay,
        )
        enqueue(mail, delay=delay)
        return "retry"
    mail.status = InquiryMail.Status.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    mail.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return "sent"
