import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as NumberError
from stdnum.vn import mst

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


def checked_tax_code(value: str) -> str:
    """*value* as validate_tax_code stores it ("0101245486", "0101245486-001") once its check
    digit is right (python-stdnum's vn.mst, as the decision import checks it); else a
    ValidationError in the reader's language with the import's messages."""
    try:
        return mst.format(mst.validate(value))
    except InvalidChecksum:
        raise ValidationError(
            _("Mã số thuế sai chữ số kiểm tra (chữ số thứ 10)."), code="tax_code_checksum"
        ) from None
    except NumberError:
        raise ValidationError(
            _(
                "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số "
                "(ví dụ 0101245486 hoặc 0101245486-001)."
            ),
            code="invalid_tax_code",
        ) from None
