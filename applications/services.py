"""What happens to applications: the round the form takes them for, storing (closed,
duplicate), status changes and their mails, one person's data (export, erasure), retention,
and the per-address limit."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_ratelimit.core import get_usage

from applications.dossiers import CheckedPdf
from applications.models import Application, ApplicationFile, ApplicationMail, SelectionRound
from core import mailqueue


class ApplicationRefused(Exception):
    """Nothing was stored; `reason` says why: closed, duplicate."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _queue_mail(application: Application, **about) -> ApplicationMail:
    mail = ApplicationMail.objects.create(
        application=application, recipients=[application.email], **about
    )
    mailqueue.enqueue(mail)
    return mail


@transaction.atomic
def submit(*, data: dict, files: list[CheckedPdf]) -> Application:
    """Store one application with its checked dossier files in the round open now and queue
    its confirmation, in one transaction. Refused when no round is open or the tax code
    applied in it already; then nothing is stored."""
    selection_round = SelectionRound.objects.current()
    if selection_round is None:
        raise ApplicationRefused("closed")
    # One application at a time per round, so the duplicate check below sees every other.
    SelectionRound.objects.select_for_update().filter(pk=selection_round.pk).first()
    applied = Application.objects.filter(selection_round=selection_round)
    if applied.filter(tax_code=data["tax_code"]).exists():
        raise ApplicationRefused("duplicate")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                selection_round=selection_round, consented_at=timezone.now(), **data
            )
    except IntegrityError:
        # SQLite takes no row lock: a simultaneous twin met the unique constraint instead.
        raise ApplicationRefused("duplicate") from None
    written = []
    try:
        for checked in files:
            stored = ApplicationFile(
                application=application,
                original_name=checked.name,
                size=checked.size,
                pages=checked.pages,
            )
            stored.file.save(checked.name, checked.upload, save=False)
            written.append(stored.file)
            stored.save()
        _queue_mail(application, kind=ApplicationMail.Kind.RECEIVED)
    except BaseException:
        # The transaction rolls back: no file stays on disk without its row.
        for file in written:
            file.storage.delete(file.name)
        raise
    return application


@transaction.atomic
def change_status(application: Application, status: str) -> bool:
    """Set *application*'s status and queue a mail telling the company; False if unchanged."""
    if application.status == status:
        return False
    application.status = status
    application.save(update_fields=["status"])
    _queue_mail(application, kind=ApplicationMail.Kind.STATUS, announced_status=status)
    return True


# Personal data (Decree 13/2023/NĐ-CP) ------------------------------------------------------

PERSON_FIELDS = [
    "created_at",
    "status",
    "company_name",
    "tax_code",
    "contact_name",
    "email",
    "phone",
    "products",
    "language",
    "consented_at",
]


def person_data(*, email: str) -> list[dict]:
    """Every application made with *email*, for handing to that person."""
    applications = (
        Application.objects.of_person(email)
        .select_related("selection_round")
        .prefetch_related("files")
    )
    return [
        {
            "id": application.pk,
            "round": application.selection_round.year,
            **{name: getattr(application, name) for name in PERSON_FIELDS},
            "files": [
                {"name": file.original_name, "bytes": file.size, "pages": file.pages}
                for file in application.files.all()
            ],
        }
        for application in applications
    ]


@transaction.atomic
def erase_person(*, email: str) -> int:
    """Delete every application (its mails, and its files) made with *email*."""
    applications = Application.objects.of_person(email)
    count = applications.count()
    for application in applications:
        application.delete()
    return count


@transaction.atomic
def purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the applications of rounds closed APPLICATION_RETENTION_DAYS ago."""
    expired = list(Application.objects.expired(now=now))
    for application in expired:
        application.delete()
    return len(expired)


# Limits --------------------------------------------------------------------------------


def limit_wait(request) -> int | None:
    """Seconds before this client may store another application; None when it may now,
    and then the application is counted (the shared cache, django-ratelimit)."""
    usage = _usage(request, increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        return max(usage["time_left"], 1)
    count_address(request)
    return None


def count_address(request) -> None:
    _usage(request, increment=True)


def _usage(request, *, increment: bool):
    return get_usage(
        request,
        group="applications.address",
        key="ip",
        rate=settings.APPLICATION_LIMIT_PER_ADDRESS,
        method="POST",
        increment=increment,
    )
