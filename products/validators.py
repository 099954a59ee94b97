import re

from django.core.exceptions import ValidationError

# Mã số doanh nghiệp: 10 digits; a dependent unit (chi nhánh) adds "-" and 3 digits.
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
_HS_CODE = re.compile(r"^\d{4}(\.?\d{2}){0,3}$")


def validate_tax_code(value: str) -> None:
    if not _TAX_CODE.match(value or ""):
        raise ValidationError(
            "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số "
            "(ví dụ 0101234567 hoặc 0101234567-001).",
            code="invalid_tax_code",
        )


def validate_hs_code(value: str) -> None:
    if not _HS_CODE.match(value or ""):
        raise ValidationError(
            "Mã HS gồm 4, 6, 8 hoặc 10 chữ số, có thể ngăn bằng dấu chấm (ví dụ 8539 hoặc "
            "8539.52).",
            code="invalid_hs_code",
        )
