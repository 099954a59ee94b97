"""Writes and imports for the catalogue.

`read_recognitions` is the one reader of the recognised-products CSV; the demo loader uses it
today and the bulk import will grow from it, so there is never a second parser to keep in step.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from vietnam_provinces import ProvinceCode, VietNamDivisionType, Ward

from core.text import fold_text, normalize_text
from products.models import AdministrativeUnit, Sector

# The programme's eight official industry groups (results of 2022/2023), in published order.
OFFICIAL_SECTORS = [
    (
        "co-khi-che-tao",
        "Công nghiệp cơ khí, chế tạo",
        "Mechanical engineering and manufacturing",
        ["co khi", "che tao", "luyen kim", "tu dong hoa"],
    ),
    ("dien-dien-tu", "Điện, điện tử", "Electrical and electronics", ["dien tu", "dien,"]),
    (
        "cong-nghe-thong-tin",
        "Công nghệ thông tin",
        "Information technology",
        ["cong nghe thong tin", "phan mem"],
    ),
    (
        "det-may-da-giay",
        "Dệt may, da giày",
        "Textiles, garments, leather and footwear",
        ["det may", "da giay"],
    ),
    (
        "che-bien-nong-san-thuc-pham",
        "Chế biến nông sản, thực phẩm",
        "Agricultural and food processing",
        ["nong san", "thuc pham"],
    ),
    (
        "hoa-chat-cao-su-nhua-duoc-pham",
        "Hóa chất, cao su, nhựa, dược phẩm",
        "Chemicals, rubber, plastics and pharmaceuticals",
        ["hoa chat", "cao su", "nhua", "duoc"],
    ),
    ("vat-lieu-xay-dung", "Vật liệu xây dựng", "Construction materials", ["vat lieu xay dung"]),
    ("thu-cong-my-nghe", "Thủ công mỹ nghệ", "Handicrafts", ["thu cong", "my nghe"]),
]

REQUIRED_COLUMNS = ["year", "product_name_vi", "company_name_vi", "sector_vi", "top10"]
_NO_PRODUCT_NAME = {"", "(không nêu tên sản phẩm)"}
_TOP10 = {
    "yes": True,
    "có": True,
    "true": True,
    "no": False,
    "không": False,
    "false": False,
    "unknown": None,
    "": None,
    "chưa rõ": None,
}
_DECISION = re.compile(
    r"^(?P<number>[\w./-]+)(?:\s+ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?"
)
# Sources are public web pages; any other scheme (javascript:, data:) would be a live link.
_SOURCE_URL = URLValidator(schemes=["http", "https"])
_ENGLISH_NAME = re.compile(r"\b(JSC|Joint Stock Company|Corporation|Company|Co\.|Ltd)\b")


@dataclass(frozen=True)
class RecognitionRow:
    """One CSV row, validated and typed. A row without a product name is a company's record."""

    line: int
    year: int
    product_name: str | None
    company_name: str
    company_name_en: str | None
    company_note: str | None
    sector_slug: str | None
    sector_is_guess: bool
    top10: bool | None
    decision_number: str | None
    decision_date: datetime.date | None
    source_url: str
    notes: str


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self):
        return f"Dòng {self.line}: {self.message}"


@dataclass
class RecognitionFileError(Exception):
    """The file cannot be imported; nothing was stored. `errors` says why, line by line."""

    errors: list[RowError] = field(default_factory=list)

    def __str__(self):
        return "\n".join(str(error) for error in self.errors)


def map_sector(text: str) -> tuple[str | None, bool]:
    """The official sector a free-text sector names, and whether the text only guesses it.

    "Công nghiệp điện, điện tử hoặc cơ khí (suy luận, không chắc)" -> ("dien-dien-tu", True):
    the group named first wins, and "(suy luận…)" marks an inferred sector.
    """
    folded = fold_text(text)
    is_guess = "suy luan" in folded or "khong chac" in folded
    best = None
    for slug, _name, _name_en, keywords in OFFICIAL_SECTORS:
        for keyword in keywords:
            position = folded.find(keyword)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, slug)
    return (best[1] if best else None), is_guess


def _split_company(raw: str) -> tuple[str, str | None, str | None]:
    """ "Innoviti-s (tên DN không nêu)" -> ("Innoviti-s", None, "tên DN không nêu")."""
    match = re.match(r"^(?P<name>[^(]+?)\s*\((?P<note>.*)\)\s*$", raw)
    if not match:
        return raw.strip(), None, None
    name, note = match["name"].strip(), match["note"].strip()
    english = note if _ENGLISH_NAME.search(note) and not re.search(r"[^\x00-\x7f]", note) else None
    if _ENGLISH_NAME.search(name) and not re.search(r"[^\x00-\x7f]", name):
        english = name
    return name, english, None if english else note


def read_recognitions(*, file) -> list[RecognitionRow]:
    """Parse and validate a recognitions CSV (UTF-8, header row as in home/demo/).

    Raises RecognitionFileError listing every bad line; a file with one bad line yields
    nothing, so a caller never stores half a file.
    """
    text = file.read()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RecognitionFileError([RowError(1, "Tệp không phải UTF-8.")]) from error
    reader = csv.DictReader(io.StringIO(normalize_text(text)))
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise RecognitionFileError([RowError(1, f"Thiếu cột: {', '.join(missing)}.")])
    rows, errors = [], []
    for line, record in enumerate(reader, start=2):
        record = {key: (value or "").strip() for key, value in record.items() if key}
        row_errors = []
        try:
            year = int(record["year"])
            if not 2005 <= year <= 2100:
                raise ValueError
        except ValueError:
            row_errors.append(f"năm “{record['year']}” không hợp lệ.")
            year = 0
        top10_raw = record["top10"].casefold()
        if top10_raw not in _TOP10:
            row_errors.append(
                f"cột top10 phải là yes, no hoặc unknown, không phải “{record['top10']}”."
            )
        if not record["company_name_vi"]:
            row_errors.append("thiếu tên doanh nghiệp.")
        decision_number = decision_date = None
        if record.get("decision"):
            match = _DECISION.match(record["decision"])
            if match is None:
                row_errors.append(f"không đọc được số quyết định “{record['decision']}”.")
            else:
                decision_number = match["number"]
                if match["y"]:
                    try:
                        decision_date = datetime.date(
                            int(match["y"]), int(match["m"]), int(match["d"])
                        )
                    except ValueError:
                        row_errors.append(f"ngày quyết định “{record['decision']}” không hợp lệ.")
        if record.get("source_url"):
            try:
                _SOURCE_URL(record["source_url"])
            except ValidationError:
                row_errors.append(
                    f"đường dẫn nguồn “{record['source_url']}” không hợp lệ: "
                    "phải là địa chỉ web bắt đầu bằng http:// hoặc https://."
                )
        if row_errors:
            errors.extend(RowError(line, message) for message in row_errors)
            continue
        product_name = record["product_name_vi"]
        company_name, company_name_en, company_note = _split_company(record["company_name_vi"])
        sector_slug, sector_is_guess = (
            map_sector(record["sector_vi"]) if record["sector_vi"] else (None, False)
        )
        rows.append(
            RecognitionRow(
                line=line,
                year=year,
                product_name=None if product_name in _NO_PRODUCT_NAME else product_name,
                company_name=company_name,
                company_name_en=company_name_en,
                company_note=company_note,
                sector_slug=sector_slug,
                sector_is_guess=sector_is_guess,
                top10=_TOP10[top10_raw],
                decision_number=decision_number,
                decision_date=decision_date,
                source_url=record.get("source_url", ""),
                notes=record.get("notes", ""),
            )
        )
    if errors:
        raise RecognitionFileError(errors)
    return rows


@transaction.atomic
def ensure_official_sectors() -> list:
    sectors = []
    for order, (slug, name, name_en, _keywords) in enumerate(OFFICIAL_SECTORS, start=1):
        sector, _ = Sector.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
        sectors.append(sector)
    return sectors


def _english_unit_name(name: str, kind: str) -> str:
    base = fold_text(name).title()
    for prefix in ("Phuong ", "Xa ", "Dac Khu "):
        if base.startswith(prefix):
            base = base[len(prefix) :]
    suffix = {"phuong": "Ward", "xa": "Commune", "dac_khu": "Special Zone"}[kind]
    return f"{base} {suffix}"


@transaction.atomic
def sync_administrative_units() -> int:
    """Load Hà Nội's current wards and communes from `vietnam-provinces`; returns how many.

    Adds missing units and renames changed ones; never deletes, since companies may point
    at a unit that a later reform merged.
    """
    kinds = {
        VietNamDivisionType.PHUONG: AdministrativeUnit.Kind.WARD,
        VietNamDivisionType.XA: AdministrativeUnit.Kind.COMMUNE,
    }
    count = 0
    for ward in Ward.iter_by_province(ProvinceCode.P_01):
        kind = kinds.get(ward.division_type, AdministrativeUnit.Kind.SPECIAL)
        AdministrativeUnit.objects.update_or_create(
            code=int(ward.code),
            defaults={
                "name": ward.name,
                "name_en": _english_unit_name(ward.name, kind),
                "slug": ward.codename.replace("_", "-"),
                "kind": kind,
            },
        )
        count += 1
    return count
