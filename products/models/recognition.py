"""Recognition records, and how long a recognition stays valid.

The programme's rule (home/demo/programme_facts.md, section 5): a recognition is valid for
three years. Counted as Vietnamese law counts a period in years (Civil Code 2015, art. 148):
from the decision's date to the same day and month three years on, that day included. So a
product recognised by 5012/QĐ-UBND of 26/11/2021 is recognised until 26/11/2024 and expired
from 27/11/2024. A record may say otherwise (`valid_until`, what the decision itself states).
When the decision's date is unknown (no decision in the list, or one without its date), the
recognition counts as valid until 31 December of its year + 3: a recognition decision is
signed within its year, so that is the latest it can end, and the site never calls a
recognition expired before it is.

"Today" is Hà Nội's (core.dates.today), on pages, in the catalogue filter and in the API.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.dates import today
from core.validators import YEAR_VALIDATORS
from products.models.decision import decisions_list_url

VALIDITY_YEARS = 3


def recognised_until(
    *, year: int | None, valid_until: datetime.date | None = None, decided_on=None
) -> datetime.date | None:
    """The last day a recognition of *year* is valid (see the module's docstring)."""
    if valid_until:
        return valid_until
    if decided_on:
        try:
            return decided_on.replace(year=decided_on.year + VALIDITY_YEARS)
        except ValueError:  # 29 February, three years on, is 28 February
            return decided_on.replace(year=decided_on.year + VALIDITY_YEARS, day=28)
    if year:
        return datetime.date(year + VALIDITY_YEARS, 12, 31)
    return None


@dataclass(frozen=True)
class RecognitionStatus:
    """Whether something (a product, a company) is recognised on a day, and until when.

    `until` is the last day of its latest recognition; `expired_on` the day after, the first
    it was no longer recognised.
    """

    until: datetime.date
    current: bool

    @property
    def expired_on(self) -> datetime.date:
        return self.until + datetime.timedelta(days=1)


def recognition_status(
    records: Iterable["RecognitionRecord"], *, on: datetime.date | None = None
) -> RecognitionStatus | None:
    """Current when any of *records* is valid *on* (today in Hà Nội); None without records."""
    last = max((d for record in records if (d := record.recognised_until)), default=None)
    if last is None:
        return None
    return RecognitionStatus(until=last, current=last >= (on or today()))


def attach_decision_links(records: Iterable["RecognitionRecord"], *, locale_id: int) -> list:
    """Give each record its `decision_href` (Decision.href; "" without a listed decision).

    Needs each record's decision and its document loaded (select_related).
    """
    records = list(records)
    if any(record.decision_id and not record.decision.document_id for record in records):
        list_url = decisions_list_url(locale_id)
    else:
        list_url = None
    for record in records:
        record.decision_href = record.decision.href(list_url=list_url) if record.decision_id else ""
    return records


class RecognitionRecord(models.Model):
    """One recognition of a product as SPCNCL in a given year.

    `is_top10` is three-valued: a source that does not say leaves it unknown, never "no".
    """

    TOP10_CHOICES = [(None, "Chưa rõ"), (True, "Có"), (False, "Không")]

    year = models.PositiveSmallIntegerField("Năm công nhận", validators=YEAR_VALIDATORS)
    decision = models.ForeignKey(
        "products.Decision",
        verbose_name="Quyết định",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reference = models.CharField(
        "Số quyết định (như công bố)",
        max_length=120,
        blank=True,
        help_text="Dùng khi quyết định chưa có trong danh sách văn bản.",
    )
    is_top10 = models.BooleanField("Top 10", null=True, blank=True, choices=TOP10_CHOICES)
    valid_until = models.DateField("Hiệu lực đến", null=True, blank=True)
    source_url = models.URLField("Nguồn", blank=True)
    note = models.TextField(
        "Ghi chú về nguồn",
        max_length=1000,
        blank=True,
        help_text="Điều nguồn nêu hoặc chưa nêu, ví dụ: chưa xác minh tên pháp lý.",
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("is_top10"), FieldPanel("valid_until")]),
        FieldRowPanel([FieldPanel("decision"), FieldPanel("decision_reference")]),
        FieldPanel("source_url"),
        FieldPanel("note"),
    ]

    class Meta:
        abstract = True
        ordering = ["-year"]

    def clean(self):
        super().clean()
        if self.valid_until and self.year and self.valid_until.year < self.year:
            raise ValidationError(
                {"valid_until": "Ngày hết hiệu lực không được trước năm công nhận."}
            )

    @property
    def decision_label(self) -> str:
        return self.decision.number if self.decision_id else self.decision_reference

    @property
    def recognised_until(self) -> datetime.date | None:
        """The last day this recognition is valid (needs `decision` loaded: select it)."""
        decided_on = self.decision.signed_on if self.decision_id else None
        return recognised_until(year=self.year, valid_until=self.valid_until, decided_on=decided_on)

    @property
    def expires_on(self) -> datetime.date | None:
        """The first day this recognition is no longer valid."""
        last = self.recognised_until
        return last + datetime.timedelta(days=1) if last else None

    def award_text(self, product: str = "") -> str:
        """The recognition as a sentence, in the active language (structured data's award)."""
        text = gettext("Sản phẩm công nghiệp chủ lực thành phố Hà Nội năm %(year)s") % {
            "year": self.year
        }
        if self.is_top10:
            text += " (Top 10)"
        if self.decision_label:
            text += ", " + gettext("quyết định %(number)s") % {"number": self.decision_label}
        return f"{text}: {product}" if product else text

    def is_current(self, on: datetime.date | None = None) -> bool:
        last = self.recognised_until
        return bool(last) and last >= (on or today())
