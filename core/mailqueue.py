"""The site's durable mail queue: one task per queued mail, on the database backend
(TASKS["mail"], django-tasks-db).

A mail is a row of a concrete `QueuedMail` model (inquiries.InquiryMail,
programme.EventRegistrationMail): what it is about, who receives it, and the queue's
bookkeeping (status, attempts, last error, when it left). Its subject and body are never
stored: the model's `build_message()` renders them at delivery, so erasing what a mail is
about leaves no copy of it in the queue, and a mail whose row is gone is simply not sent.

The web request only stores its rows and enqueues their mails in the same transaction, so
either both exist or neither does. A worker (`manage.py db_worker --backend mail --queue-name
mail`, README "Inquiries") delivers them. A mail that fails (the server down, refusing,
timing out) is enqueued again to run after 1, 2, 4 ... minutes, at most 6 hours apart, until
the model's `max_attempts()`; then it is marked failed, and the admin shows it. Delivery is at
least once: a worker that dies between sending and recording sends again.
"""

import datetime
import logging

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

LONGEST_WAIT = datetime.timedelta(hours=6)


class QueuedMail(models.Model):
    """One mail as the queue sees it: waiting, sent, or given up.

    A concrete model adds what the mail is about (a foreign key, a kind) and names the
    function that writes it, `message_builder` (a dotted path, taking the mail and returning
    an `EmailMessage`): that function reads the app's templates and other apps' pages, so the
    model module, which it imports, does not import it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Đang chờ gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi không được"

    recipients = models.JSONField("Người nhận", default=list)
    status = models.CharField(
        "Trạng thái", max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField("Số lần thử", default=0)
    last_error = models.CharField("Lỗi gần nhất", max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField("Gửi lúc", null=True, blank=True)

    message_builder: str = ""
    # Relations the builder reads, joined when the worker loads the mail.
    delivery_related: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def build_message(self) -> EmailMessage:
        return import_string(self.message_builder)(self)

    @classmethod
    def max_attempts(cls) -> int:
        """Tries before the mail is given up (read when it fails, so tests may change it)."""
        return settings.MAIL_MAX_ATTEMPTS


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the *attempts*-th failure: doubling from a minute, capped."""
    return min(datetime.timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)


def enqueue(mail: QueuedMail, *, delay: datetime.timedelta | None = None) -> None:
    """Queue *mail* (saved already) for the worker; inside the caller's transaction."""
    runner = deliver_queued_mail
    if delay is not None:
        runner = runner.using(run_after=timezone.now() + delay)
    runner.enqueue(mail._meta.label, mail.pk)


def deliver(model: type[QueuedMail], mail_id: int) -> str:
    """Send the pending mail *mail_id* of *model* once; record the outcome, plan a retry."""
    mail = (
        model._default_manager.select_related(*model.delivery_related)
        .filter(pk=mail_id, status=QueuedMail.Status.PENDING)
        .first()
    )
    if mail is None:
        return "nothing to send"  # sent already, given up, or erased with what it was about
    label = model._meta.label
    mail.attempts += 1
    try:
        mail.build_message().send()
    except Exception as error:  # noqa: BLE001 - whatever went wrong, the mail stays queued
        mail.last_error = f"{type(error).__name__}: {error}"[:200]
        if mail.attempts >= model.max_attempts():
            mail.status = QueuedMail.Status.FAILED
            mail.save(update_fields=["attempts", "last_error", "status"])
            logger.error("%s %s given up after %s attempts", label, mail.pk, mail.attempts)
            return "failed"
        mail.save(update_fields=["attempts", "last_error"])
        delay = retry_delay(mail.attempts)
        logger.warning(
            "%s %s not sent (%s), trying again in %s",
            label,
            mail.pk,
            type(error).__name__,
            delay,
        )
        enqueue(mail, delay=delay)
        return "retry"
    mail.status = QueuedMail.Status.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    mail.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return "sent"


@task(backend="mail", queue_name="mail")
def deliver_queued_mail(model_label: str, mail_id: int) -> str:
    model = apps.get_model(model_label)
    if not issubclass(model, QueuedMail):
        raise TypeError(f"{model_label} is not a queued mail")
    return deliver(model, mail_id)
