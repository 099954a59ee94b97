"""A synthetic decision file for measuring the import: N rows, as editors would send them.

Companies make four products each (like the real decisions' 35–70 products of 25–40
companies), every company has a valid tax code (stdnum computes its check digit) and an
English name, and rows are spread over the years and the official groups. Deterministic for a
seed.
"""

import csv
import io
import itertools
import random

from stdnum.vn import mst

from lab.benchmark import vocabulary as words
from products.services import OFFICIAL_SECTORS

HEADER = [
    "year",
    "decision_number",
    "decision_date",
    "product_name",
    "product_name_en",
    "company_name",
    "company_name_en",
    "tax_code",
    "sector",
    "top10",
    "unit",
    "address",
    "website",
    "summary",
    "summary_en",
]
PRODUCTS_PER_COMPANY = 4


def _tax_codes():
    """Valid codes in order; a body whose check digit would be 10 is never issued."""
    for number in itertools.count(1):
        body = f"01{number:07d}"
        check = mst.calc_check_digit(body)
        if len(check) == 1:
            yield body + check


def decision_file(rows: int, *, seed: int = 1) -> bytes:
    draw = random.Random(seed)
    sector_names = {slug: name for slug, name, _en in OFFICIAL_SECTORS}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    codes = _tax_codes()
    tax_code = ""
    for index in range(rows):
        company = index // PRODUCTS_PER_COMPANY
        if index % PRODUCTS_PER_COMPANY == 0:
            tax_code = next(codes)
        sector = list(words.PRODUCT_TYPES)[company % len(words.PRODUCT_TYPES)]
        lines = words.COMPANY_LINES[sector]
        line, line_en = lines[company % len(lines)]
        kind, kind_en, _hs = draw.choice(words.PRODUCT_TYPES[sector])
        year = 2018 + company % 8
        writer.writerow(
            [
                year,
                f"{1000 + year}/QĐ-UBND",
                f"26/11/{year}",
                f"{kind} mẫu {index + 1}",
                f"Sample {kind_en} {index + 1}",
                f"{line} Mẫu {company + 1}",
                f"Sample {line_en} {company + 1} JSC",
                tax_code,
                sector_names[sector],
                draw.choice(["có", "không", ""]),
                "",
                f"Số {company % 200 + 1} {draw.choice(words.STREETS)}",
                f"https://mau-{company + 1}.example.vn",
                f"{kind} của doanh nghiệp mẫu, dữ liệu đo đạc.",
                f"A sample {kind_en}, measurement data.",
            ]
        )
    return out.getvalue().encode()
