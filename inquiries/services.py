"""What happens to inquiries: finding the suppliers a buyer picked, storing, forwarding,
the editors' status changes, one person's data (export, erasure), retention, and limits."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_ratelimit.core import get_usage

from core.pages import private_page_ids
from core.text import is_ascii_number
from inquiries import tasks
from inquiries.models import MAX_COMPANIES, Inquiry, InquiryMail
from products.models import CompanyPage, ProductPage

# How many ids of a query string are looked at: a list page sends at most a page of them.
MAX_IDS = 50


def parse_ids(values) -> list[int]:
    """The page ids among *values* (query-string or form values), in order, without repeats."""
    ids = []
    for value in values[:MAX_IDS]:
        # Small enough for a bigint column.
        if is_ascii_number(value) and len(value) <= 18 and int(value) not in ids:
            ids.append(int(value))
    return ids


@dataclass(frozen=True)
class Supplier:
    """A company a buyer may write to: the page stored with the inquiry (source language)
    and the page shown to the buyer (their language when translated)."""

    stored: CompanyPage
    shown: CompanyPage

    @property
    def pk(self) -> int:
        return self.stored.pk


def find_suppliers(*, company_ids=(), product_ids=(), language: str) -> list[Supplier]:
    """The live, public companies named by *company_ids* (any language's page) or making the
    products *product_ids*, in the order asked for (two or three queries)."""
    keys = []
    if product_ids:
        makers = dict(
            ProductPage.objects.live()
            .visible()
            .filter(pk__in=product_ids, company__isnull=False)
            .values_list("pk", "company__translation_key")
        )
        keys += [makers[pk] for pk in product_ids if pk in makers]
    if company_ids:
        named = dict(
            CompanyPage.objects.live()
            .filter(pk__in=company_ids)
            .values_list("pk", "translation_key")
        )
        keys += [named[pk] for pk in company_ids if pk in named]
    if not keys:
        return []
    private = private_page_ids()
    pages = {}
    hidden = set()
    for page in (
        CompanyPage.objects.live().filter(translation_key__in=keys).select_related("locale")
    ):
        if page.pk in private:
            hidden.add(page.translation_key)
        pages.setdefault(page.translation_key, {})[page.locale.language_code] = page
    default = settings.LANGUAGE_CODE
    suppliers = []
    for key in dict.fromkeys(keys):
        if key in hidden or key not in pages:
            continue
        by_language = pages[key]
        stored = by_language.get(default) or next(iter(by_language.values()))
        suppliers.append(Supplier(stored=stored, shown=by_language.get(language, stored)))
    return suppliers


# Storing -------------------------------------------------------------------------------


@transaction.atomic
def submit_inquiry(*, data: dict, companies: list[CompanyPage]) -> Inquiry:
    """Store the inquiry and queue its mails, in one transaction: both happen or neither."""
    inquiry = Inquiry.objects.create(consented_at=timezone.now(), **data)
    inquiry.companies.set(companies[:MAX_COMPANIES])
    mails = []
    if settings.INQUIRY_NOTIFY_EMAIL:
        mails.append(
            InquiryMail(
                inquiry=inquiry,
                kind=InquiryMail.Kind.DEPARTMENT,
                recipients=list(settings.INQUIRY_NOTIFY_EMAIL),
            )
        )
    mails.append(
        InquiryMail(inquiry=inquiry, kind=InquiryMail.Kind.CONFIRMATION, recipients=[inquiry.email])
    )
    for mail in mails:
        mail.save()
        tasks.enqueue(mail)
    return inquiry


# The editors' actions ------------------------------------------------------------------


@dataclass
class ForwardReport:
    sent_to: list[str] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)


@transaction.atomic
def forward_inquiry(*, inquiry: Inquiry) -> ForwardReport:
    """Queue one mail to each of the inquiry's companies that has a contact e-mail (public or
    not: the editor decides to pass the buyer's message on); forwarded once any is queued."""
    report = ForwardReport()
    for company in inquiry.companies.all():
        if not company.contact_email:
            report.without_email.append(company.title)
            continue
        mail = InquiryMail.objects.create(
            inquiry=inquiry,
            kind=InquiryMail.Kind.FORWARD,
            company=company,
            recipients=[company.contact_email],
        )
        tasks.enqueue(mail)
        report.sent_to.append(company.title)
    if report.sent_to:
        inquiry.status = Inquiry.Status.FORWARDED
        inquiry.forwarded_at = timezone.now()
        inquiry.save(update_fields=["status", "forwarded_at"])
    return report


def mark_answered(*, inquiry: Inquiry) -> None:
    inquiry.status = Inquiry.Status.ANSWERED
    inquiry.answered_at = timezone.now()
    inquiry.save(update_fields=["status", "answered_at"])


@transaction.atomic
def mark_spam(*, inquiry: Inquiry) -> None:
    """Spam: nothing more is sent for it (mails still waiting are given up)."""
    inquiry.status = Inquiry.Status.SPAM
    inquiry.save(update_fields=["status"])
    inquiry.mails.filter(status=InquiryMail.Status.PENDING).update(
        status=InquiryMail.Status.FAILED, last_error="Đánh dấu thư rác"
    )


# Personal data (Decree 13/2023/NĐ-CP): one person's data, retention ------------------------

PERSON_FIELDS = [
    "created_at",
    "status",
    "name",
    "organisation",
    "country",
    "email",
    "phone",
    "message",
    "language",
    "consented_at",
    "forwarded_at",
    "answered_at",
]


def person_data(*, email: str) -> dict:
    """Everything stored about the person who wrote from *email*, for handing to them."""
    inquiries = Inquiry.objects.of_person(email).prefetch_related("companies", "mails")
    return {
        "email": email.strip(),
        "exported_at": timezone.now(),
        "inquiries": [
            {
                "id": inquiry.pk,
                **{name: getattr(inquiry, name) for name in PERSON_FIELDS},
                "country": inquiry.country.code,
                "companies": [company.title for company in inquiry.companies.all()],
                "mails": [
                    {
                        "kind": mail.kind,
                        "recipients": mail.recipients,
                        "status": mail.status,
                        "sent_at": mail.sent_at,
                    }
                    for mail in inquiry.mails.all()
                ],
            }
            for inquiry in inquiries
        ],
    }


@transaction.atomic
def erase_person(*, email: str) -> int:
    """Delete every inquiry (and its mails, queued ones included) sent with *email*."""
    inquiries = Inquiry.objects.of_person(email)
    count = inquiries.count()
    inquiries.delete()
    return count


@transaction.atomic
def purge_expired(*, now=None) -> int:
    """Delete the inquiries older than INQUIRY_RETENTION_DAYS; how many went."""
    expired = Inquiry.objects.expired(now=now)
    count = expired.count()
    expired.delete()
    return count


# Limits --------------------------------------------------------------------------------


def _limits(request, email: str):
    folded = email.strip().lower()
    return [
        ("inquiries.address", "ip", settings.INQUIRY_LIMIT_PER_ADDRESS),
        ("inquiries.email", lambda group, request: folded, settings.INQUIRY_LIMIT_PER_EMAIL),
    ]


def limit_wait(request, *, email: str) -> int | None:
    """Seconds before this client, or this e-mail address, may send another inquiry; None
    when it may now, and then the send is counted (the shared cache, django-ratelimit)."""
    usages = [
        get_usage(request, group=group, key=key, rate=rate, method="POST", increment=False)
        for group, key, rate in _limits(request, email)
    ]
    waits = [u["time_left"] for u in usages if u is not None and u["count"] >= u["limit"]]
    if waits:
        return max(max(waits), 1)
    for group, key, rate in _limits(request, email):
        get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
    return None


def count_address(request) -> None:
    """Count a submission that stored nothing (the honeypot) against the client's address."""
    get_usage(
        request,
        group="inquiries.address",
        key="ip",
        rate=settings.INQUIRY_LIMIT_PER_ADDRESS,
        method="POST",
        increment=True,
    )
