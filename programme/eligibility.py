"""The eligibility self-check: which published thresholds a company meets, and by how much it
misses the others.

Everything comes from the criteria page's structured thresholds (programme.blocks
.ThresholdBlock), so editors change the questions and the verdicts without code. The answers
arrive as GET parameters and are only read here: nothing is stored or logged (the route's
response is `private, no-store` and sends no referrer; see CriteriaPage.self_check).

Amounts are typed the way Vietnamese companies write them: "12500000000", "12.500.000.000",
"12 500 000 000" (dots, commas or spaces between groups of three digits), or with a word for
the scale, "12,5 tỷ", "800 triệu", "1,2 triệu" (USD), where the decimal separator is the
page language's (a comma in Vietnamese, a point in English).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language, gettext

from programme.thresholds import (
    COMPANY_PRODUCT_TYPES,
    MEASURES,
    Comparison,
    Kind,
    ProductType,
)

PRODUCT_TYPE_PARAMETER = "type"
YES, NO = "yes", "no"

# Beyond these, a figure is a typing mistake (Hà Nội's whole industrial output is about
# 10^15 đồng a year), and Decimal arithmetic on it would only make the mistake look precise.
LIMITS = {"VND": Decimal(10) ** 16, "USD": Decimal(10) ** 12, "years": Decimal(200)}
MAX_INPUT_LENGTH = 40

_SCALE_WORDS = {
    "tỷ": 10**9,
    "tỉ": 10**9,
    "ty": 10**9,
    "ti": 10**9,
    "billion": 10**9,
    "bn": 10**9,
    "triệu": 10**6,
    "trieu": 10**6,
    "tr": 10**6,
    "million": 10**6,
    "m": 10**6,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "nghin": 10**3,
    "ngan": 10**3,
    "thousand": 10**3,
    "k": 10**3,
}
# Words a visitor may add after the number, which say nothing the question does not.
_UNIT_WORDS = re.compile(r"(đồng|đ|vnđ|vnd|usd|us\$|\$|năm|nam|years?)$")
# ASCII digits only: Python's \d and str.isdigit() also accept "١٢" and "²", which are not
# how anyone writes revenue (and "²" is not even a number to Decimal).
_SHAPE = re.compile(r"^(?P<number>[0-9][0-9., ]*?)\s*(?P<scale>[^0-9\s.,]+)?$")
_WHOLE = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:(?P<sep>[., ])[0-9]{3})(?:(?P=sep)[0-9]{3})*)$")
_DIGITS = re.compile(r"^[0-9]+$")


class AmountError(ValueError):
    """The visitor's text is not an amount this check reads; the message says why."""


def _decimal_parts(number: str, *, decimal_separator: str) -> Decimal | None:
    group_separator = "." if decimal_separator == "," else ","
    whole, separator, fraction = number.rpartition(decimal_separator)
    if separator and whole and _DIGITS.match(fraction):
        whole_value = parse_whole(whole)
        if whole_value is not None:
            return whole_value + Decimal(f"0.{fraction}")
    # The other language's decimal point ("2.5 tỷ" on the Vietnamese page), when it cannot be
    # a thousands separator: one of them, not followed by exactly three digits.
    if number.count(group_separator) == 1:
        whole, _, fraction = number.partition(group_separator)
        if _DIGITS.match(whole) and _DIGITS.match(fraction) and len(fraction) != 3:
            return Decimal(f"{whole}.{fraction}")
    return parse_whole(number)


def parse_whole(number: str) -> Decimal | None:
    """12500000000 from "12500000000", "12.500.000.000", "12,500,000,000" or "12 500 000 000"."""
    if not _WHOLE.match(number):
        return None
    return Decimal(re.sub(r"[., ]", "", number))


def parse_amount(text: str, *, dimension: str, language: str | None = None) -> Decimal | None:
    """The amount *text* states, in đồng, dollars or years (*dimension*); None when empty.

    Raises AmountError with a message in the active language for anything else.
    """
    text = " ".join(text.replace("\u00a0", " ").split()).casefold()
    if not text:
        return None
    if len(text) > MAX_INPUT_LENGTH:
        raise AmountError(
            gettext("Số quá dài. Nhập tối đa %(count)s ký tự.") % {"count": MAX_INPUT_LENGTH}
        )
    if text[0] in "-−–":
        raise AmountError(gettext("Số không được âm."))
    text = _UNIT_WORDS.sub("", text).strip()
    shape = _SHAPE.match(text)
    if shape is None:
        raise AmountError(_not_a_number())
    scale_word = shape["scale"]
    number = shape["number"].strip()
    if scale_word is None:
        value = parse_whole(number)
    elif scale_word in _SCALE_WORDS and dimension != "years":
        decimal_separator = "." if (language or get_language() or "").startswith("en") else ","
        value = _decimal_parts(number, decimal_separator=decimal_separator)
        if value is not None:
            value *= _SCALE_WORDS[scale_word]
    else:
        value = None
    if value is None:
        raise AmountError(_not_a_number())
    if value > LIMITS[dimension]:
        raise AmountError(gettext("Số quá lớn. Kiểm tra lại số đã nhập."))
    return value


def _not_a_number() -> str:
    return gettext(
        "Không đọc được số này. Nhập số nguyên, có thể phân cách hàng nghìn bằng dấu chấm, "
        "dấu phẩy hoặc dấu cách (ví dụ 12.500.000.000), hoặc kèm “tỷ”, “triệu”, “nghìn” "
        "(ví dụ 12,5 tỷ)."
    )


def format_amount(value: Decimal, *, dimension: str) -> str:
    """ "2,5 tỷ đồng", "350 triệu đồng", "200 nghìn USD", "2 năm" in the active language.

    Rounded up to two decimals in the largest unit that is not more than the value, so a
    shortfall never reads smaller than it is.
    """
    if dimension == "years":
        steps = [(1, gettext("năm"))]
    elif dimension == "USD":
        steps = [(10**6, gettext("triệu USD")), (10**3, gettext("nghìn USD")), (1, "USD")]
    else:
        steps = [(10**9, gettext("tỷ đồng")), (10**6, gettext("triệu đồng")), (1, gettext("đồng"))]
    scale, unit = next(((s, u) for s, u in steps if value >= s), steps[-1])
    shown = (value / scale).quantize(Decimal("0.01"), rounding=ROUND_UP).normalize()
    if shown == shown.to_integral():
        shown = shown.quantize(Decimal(1))
    return f"{number_format(shown, force_grouping=True)} {unit}"


def question_name(measure: str, dimension: str | None) -> str:
    """The GET parameter of a measure's question: "revenue_vnd", "exports_usd", "compliance"."""
    if dimension in ("VND", "USD"):
        return f"{measure}_{dimension.lower()}"
    return measure


@dataclass
class Question:
    name: str
    label: str
    kind: str
    dimension: str | None = None
    value: str = ""  # as typed, shown back in the form
    error: str = ""
    answer: Decimal | bool | None = None

    @property
    def help_text(self) -> str:
        if self.dimension == "VND":
            return gettext("Đơn vị: đồng. Ví dụ: 12.500.000.000 hoặc 12,5 tỷ.")
        if self.dimension == "USD":
            return gettext("Đơn vị: USD. Ví dụ: 1.200.000 hoặc 1,2 triệu.")
        if self.dimension == "years":
            return gettext("Số năm tròn, ví dụ: 3.")
        return ""


MET, MISSED, UNANSWERED, JUDGED = "met", "missed", "unanswered", "judged"


@dataclass
class Outcome:
    threshold: object  # programme.blocks.ThresholdValue
    status: str
    gap: str = ""  # "thiếu 2,5 tỷ đồng"


@dataclass
class SelfCheck:
    product_type: str = ""
    questions: list[Question] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def product_types(self):
        return COMPANY_PRODUCT_TYPES

    @property
    def product_type_label(self) -> str:
        return ProductType(self.product_type).label if self.product_type else ""

    @property
    def invalid(self) -> bool:
        return bool(self.errors) or any(question.error for question in self.questions)

    @property
    def answered(self) -> bool:
        return any(question.answer is not None for question in self.questions)

    @property
    def missed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == MISSED]

    @property
    def unanswered(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == UNANSWERED]

    @property
    def all_met(self) -> bool:
        return bool(self.outcomes) and all(
            outcome.status in (MET, JUDGED) for outcome in self.outcomes
        )


def _questions_for(thresholds) -> list[Question]:
    questions: dict[str, Question] = {}
    for threshold in thresholds:
        measure = threshold.measure_spec
        if measure is None:
            continue
        dimension = threshold.unit_spec.dimension if threshold.unit_spec else None
        if measure.kind != Kind.YES_NO and dimension is None:
            continue  # an amount without a unit: the block's clean() stops this in the admin
        name = question_name(measure.key, dimension)
        if name not in questions:
            label = str(measure.question)
            questions[name] = Question(
                name=name, label=label, kind=measure.kind, dimension=dimension
            )
    return list(questions.values())


def _answer(question: Question, params: Mapping[str, str]) -> None:
    raw = (params.get(question.name) or "")[:200]
    question.value = raw[:60]
    if question.kind == Kind.YES_NO:
        if raw in (YES, NO):
            question.answer = raw == YES
        elif raw:
            question.error = gettext("Chọn Có hoặc Không.")
        return
    try:
        question.answer = parse_amount(raw, dimension=question.dimension)
    except AmountError as error:
        question.error = str(error)


def _outcome(threshold, questions: dict[str, Question]) -> Outcome:
    measure = threshold.measure_spec
    if measure is None:
        return Outcome(threshold, JUDGED)
    dimension = threshold.unit_spec.dimension if threshold.unit_spec else None
    question = questions.get(question_name(measure.key, dimension))
    if question is None or question.answer is None:
        return Outcome(threshold, UNANSWERED)
    if measure.kind == Kind.YES_NO:
        return Outcome(threshold, MET if question.answer else MISSED)
    required = threshold.base_amount
    if required is None:
        return Outcome(threshold, JUDGED)
    if threshold.get("comparison") == Comparison.AT_MOST:
        if question.answer <= required:
            return Outcome(threshold, MET)
        excess = format_amount(question.answer - required, dimension=dimension)
        return Outcome(threshold, MISSED, gettext("vượt %(amount)s") % {"amount": excess})
    if question.answer >= required:
        return Outcome(threshold, MET)
    shortfall = format_amount(required - question.answer, dimension=dimension)
    return Outcome(threshold, MISSED, gettext("thiếu %(amount)s") % {"amount": shortfall})


def check_eligibility(*, thresholds, params: Mapping[str, str]) -> SelfCheck:
    """What the criteria page's *thresholds* say about the answers in *params* (request.GET).

    With no product type chosen there is nothing to check yet; an unknown one is an error.
    Questions left empty leave their thresholds unanswered rather than missed.
    """
    check = SelfCheck()
    product_type = (params.get(PRODUCT_TYPE_PARAMETER) or "").strip()
    if not product_type:
        return check
    if product_type not in {choice.value for choice in COMPANY_PRODUCT_TYPES}:
        check.errors.append(gettext("Chọn một loại sản phẩm trong danh sách."))
        return check
    check.product_type = product_type
    applicable = [
        block.value
        for block in thresholds
        if block.block_type == "threshold" and block.value.applies_to(product_type)
    ]
    check.questions = _questions_for(applicable)
    for question in check.questions:
        _answer(question, params)
    by_name = {question.name: question for question in check.questions}
    check.outcomes = [_outcome(threshold, by_name) for threshold in applicable]
    return check


def known_parameters() -> list[str]:
    """Every GET parameter the self-check may read (the fuzz test and the leak walk use it)."""
    names = [PRODUCT_TYPE_PARAMETER]
    for measure in MEASURES.values():
        if measure.kind == Kind.MONEY:
            names += [question_name(measure.key, "VND"), question_name(measure.key, "USD")]
        else:
            names.append(question_name(measure.key, None))
    return names
