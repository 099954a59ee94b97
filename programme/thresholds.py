"""What a structured eligibility threshold is made of: product types, measures, units.

A threshold (programme.blocks.ThresholdBlock) says: for this product type, this measure must
be at least (or at most) this amount in this unit, or this yes/no condition must hold, or, for
a condition no number captures, the Council judges it. The fixed vocabulary here covers the
published criteria (Hướng dẫn 1520/HD-SCT: head office or factory in Hà Nội; revenue of high-
tech products; revenue or output of other products; exports of handicrafts; start-ups judged
by the Council; a compliance commitment) plus years in operation, which editors may need.
The self-check (programme.eligibility) asks one question per measure and unit currency.

`upgrade_legacy_threshold` turns the free-text blocks of before (category, requirement,
threshold, legal basis) into structured ones; the block reads old values through it and
migration 0005 stores the result.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductType(models.TextChoices):
    ALL = "all", _("Mọi loại sản phẩm")
    HIGH_TECH = "high_tech", _("Sản phẩm công nghệ cao")
    HANDICRAFT = "handicraft", _("Sản phẩm thủ công mỹ nghệ, truyền thống")
    STARTUP = "startup", _("Sản phẩm khởi nghiệp, đổi mới sáng tạo")
    OTHER = "other", _("Sản phẩm khác")


# The types a company chooses from in the self-check ("all" is for thresholds, not companies).
COMPANY_PRODUCT_TYPES = [choice for choice in ProductType if choice != ProductType.ALL]


class Kind(models.TextChoices):
    MONEY = "money"
    YEARS = "years"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Measure:
    key: str
    label: str  # lazy: how the criteria table and the results name it
    kind: str
    question: str  # lazy: what the self-check asks


MEASURES = {
    measure.key: measure
    for measure in (
        Measure(
            "hanoi_presence",
            _("Trụ sở chính hoặc cơ sở sản xuất tại Hà Nội"),
            Kind.YES_NO,
            _("Doanh nghiệp có trụ sở chính hoặc cơ sở sản xuất trên địa bàn Hà Nội không?"),
        ),
        Measure(
            "revenue",
            _("Doanh thu năm gần nhất"),
            Kind.MONEY,
            _("Doanh thu của sản phẩm năm gần nhất"),
        ),
        Measure(
            "revenue_or_output",
            _("Doanh thu hoặc giá trị sản xuất công nghiệp năm gần nhất"),
            Kind.MONEY,
            _("Doanh thu hoặc giá trị sản xuất công nghiệp năm gần nhất (lấy số lớn hơn)"),
        ),
        Measure(
            "exports",
            _("Kim ngạch xuất khẩu năm gần nhất"),
            Kind.MONEY,
            _("Kim ngạch xuất khẩu của sản phẩm năm gần nhất"),
        ),
        Measure(
            "years_in_operation",
            _("Số năm hoạt động"),
            Kind.YEARS,
            _("Doanh nghiệp đã hoạt động bao nhiêu năm?"),
        ),
        Measure(
            "compliance",
            _("Cam kết tuân thủ pháp luật"),
            Kind.YES_NO,
            _(
                "Doanh nghiệp có báo cáo hoặc cam kết tuân thủ pháp luật về bảo vệ môi trường, "
                "quản lý chất lượng, sở hữu trí tuệ không?"
            ),
        ),
    )
}

MEASURE_CHOICES = [(measure.key, measure.label) for measure in MEASURES.values()]


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("Từ … trở lên")
    AT_MOST = "at_most", _("Không quá …")


@dataclass(frozen=True)
class Unit:
    key: str
    label: str  # lazy
    dimension: str  # "VND", "USD" or "years": what the self-check asks the amount in
    scale: int  # base units (đồng, dollars, years) per unit

    @property
    def kind(self) -> str:
        return Kind.YEARS if self.dimension == "years" else Kind.MONEY


UNITS = {
    unit.key: unit
    for unit in (
        Unit("vnd_billion", _("tỷ đồng"), "VND", 10**9),
        Unit("vnd_million", _("triệu đồng"), "VND", 10**6),
        Unit("usd_million", _("triệu USD"), "USD", 10**6),
        Unit("usd_thousand", _("nghìn USD"), "USD", 10**3),
        Unit("years", _("năm"), "years", 1),
    )
}

UNIT_CHOICES = [(unit.key, unit.label) for unit in UNITS.values()]


# -- the free-text blocks of before ----------------------------------------------------------
_LEGACY_KEYS = {"category", "threshold"}

_TYPE_WORDS = [
    (ProductType.HIGH_TECH, ("công nghệ cao", "high-tech", "high tech")),
    (ProductType.HANDICRAFT, ("thủ công", "truyền thống", "handicraft", "traditional")),
    (ProductType.STARTUP, ("khởi nghiệp", "đổi mới sáng tạo", "start-up", "startup")),
    (ProductType.OTHER, ("sản phẩm khác", "other product")),
]

_MEASURE_WORDS = [
    ("exports", ("xuất khẩu", "export")),
    ("revenue_or_output", ("giá trị sản xuất", "output")),
    ("revenue", ("doanh thu", "revenue")),
]

# "10 tỷ đồng", "1 triệu USD", "VND 10 billion", "USD 1 million"
_VI_AMOUNT = re.compile(
    r"(?P<number>\d+(?:[.,]\d+)?)\s*(?P<scale>tỷ|triệu|nghìn)\s*(?P<currency>đồng|usd)",
    re.IGNORECASE,
)
_EN_AMOUNT = re.compile(
    r"(?P<currency>vnd|usd)\s*(?P<number>\d+(?:[.,]\d+)?)\s*(?P<scale>billion|million|thousand)",
    re.IGNORECASE,
)
_UNIT_OF = {
    ("tỷ", "đồng"): "vnd_billion",
    ("billion", "vnd"): "vnd_billion",
    ("triệu", "đồng"): "vnd_million",
    ("million", "vnd"): "vnd_million",
    ("triệu", "usd"): "usd_million",
    ("million", "usd"): "usd_million",
    ("nghìn", "usd"): "usd_thousand",
    ("thousand", "usd"): "usd_thousand",
}


def is_legacy_threshold(value) -> bool:
    return isinstance(value, dict) and bool(_LEGACY_KEYS & value.keys())


def _first_match(text: str, table):
    folded = text.casefold()
    for result, words in table:
        if any(word in folded for word in words):
            return result
    return None


def _parse_amount(text: str) -> tuple[str, str] | None:
    """("10", "vnd_billion") for "Doanh thu từ 10 tỷ đồng/năm", or None."""
    for pattern in (_VI_AMOUNT, _EN_AMOUNT):
        match = pattern.search(text)
        if match is None:
            continue
        unit = _UNIT_OF.get((match["scale"].casefold(), match["currency"].casefold()))
        try:
            number = Decimal(match["number"].replace(",", "."))
        except InvalidOperation:
            return None
        if unit is not None:
            return str(number), unit
    return None


def upgrade_legacy_threshold(value: dict) -> dict:
    """The structured form of a free-text threshold block's value; other values unchanged.

    Nothing is lost: a category that names no known product type and a threshold text that
    is not an amount this module reads are kept in the requirement's text.
    """
    if not is_legacy_threshold(value):
        return value
    category = (value.get("category") or "").strip()
    requirement = (value.get("requirement") or "").strip()
    threshold = (value.get("threshold") or "").strip()
    product_type = _first_match(category, _TYPE_WORDS) or ProductType.ALL
    measure, amount, unit = "", None, ""
    parsed = _parse_amount(threshold) if threshold else None
    if parsed is not None:
        amount, unit = parsed
        measure = _first_match(threshold, _MEASURE_WORDS) or "revenue"
    elif threshold:
        requirement = f"{requirement}\n{threshold}" if requirement else threshold
    elif product_type == ProductType.ALL and _first_match(
        requirement, [("hanoi_presence", ("trụ sở", "cơ sở sản xuất", "head office"))]
    ):
        measure = "hanoi_presence"
    if category and product_type == ProductType.ALL and measure != "hanoi_presence":
        folded = category.casefold()
        if not any(word in folded for word in ("mọi", "tất cả", "every", "all ")):
            requirement = f"{category}: {requirement}" if requirement else category
    return {
        "product_type": str(product_type),
        "measure": measure,
        "comparison": Comparison.AT_LEAST.value,
        "amount": amount,
        "unit": unit,
        "requirement": requirement,
        "legal_basis": value.get("legal_basis") or "",
    }
