"""Content shared by the engine-path and database-path test modules of the catalogue search.

The two paths promise the same behaviour, so their tests start from the same products.
"""

import pytest

from tests.content import make_company, make_product


@pytest.fixture
def rang_dong(site_tree):
    return make_company(
        site_tree,
        title="Rạng Đông",
        slug="rang-dong",
        legal_name="Công ty Cổ phần Bóng đèn Phích nước Rạng Đông",
        english={"Công ty Cổ phần Bóng đèn Phích nước Rạng Đông": "Rang Dong Light Source JSC"},
    )


@pytest.fixture
def minh_phat(site_tree):
    return make_company(site_tree, title="Minh Phát", slug="minh-phat")


@pytest.fixture
def led(site_tree, rang_dong):
    return make_product(
        site_tree,
        company=rang_dong,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        summary="Đèn LED tiết kiệm điện.",
        english={
            "Đèn LED Rạng Đông": "Rạng Đông LED lamps",
            "den-led-rang-dong": "rang-dong-led-lamps",
            "Đèn LED tiết kiệm điện.": "Energy-saving LED lamps.",
        },
        recognitions=[{"year": 2021, "is_top10": True}, {"year": 2024, "is_top10": None}],
    )
