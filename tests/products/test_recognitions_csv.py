"""The one reader of the recognitions CSV (products.services.read_recognitions)."""

import io

import pytest

from home.demo.loader import CSV_PATH
from products.services import RecognitionFileError, map_sector, read_recognitions

HEADER = "year,product_name_vi,company_name_vi,sector_vi,top10,decision,source_url,notes\n"


def read(text):
    return read_recognitions(file=io.BytesIO(text.encode()))


def test_the_demo_file_reads_completely():
    with CSV_PATH.open("rb") as demo:
        rows = read_recognitions(file=demo)
    assert len(rows) == 16
    led = rows[0]
    assert (led.year, led.product_name, led.company_name, led.top10) == (
        2021,
        "Đèn LED Rạng Đông",
        "Rạng Đông",
        True,
    )
    assert (led.decision_number, str(led.decision_date)) == ("5012/QĐ-UBND", "2021-11-26")
    unnamed = [row for row in rows if row.product_name is None]
    assert [row.company_name for row in unnamed][:2] == [
        "Công ty CP Dây và Cáp điện Thượng Đình",
        "Tổng Công ty May 10 – CTCP",
    ]
    assert unnamed[0].company_name_en == "Thuong Dinh Electric Wire and Cable JSC"
    assert all(row.top10 is None for row in unnamed)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Công nghiệp điện, điện tử (suy luận)", "dien-dien-tu"),
        ("Công nghiệp điện, điện tử hoặc cơ khí (suy luận, không chắc)", "dien-dien-tu"),
        ("Công nghiệp cơ khí, chế tạo / luyện kim (suy luận, không chắc)", "co-khi-che-tao"),
        ("Công nghệ thông tin (suy luận)", "cong-nghe-thong-tin"),
        ("Công nghiệp hóa chất, cao su, nhựa (suy luận)", "hoa-chat-cao-su-nhua-duoc-pham"),
        ("Công nghiệp vật liệu xây dựng", "vat-lieu-xay-dung"),
    ],
)
def test_guessed_sectors_map_to_the_nearest_official_group(text, slug):
    assert map_sector(text)[0] == slug


def test_every_bad_line_is_reported_and_nothing_is_returned():
    text = HEADER + (
        "2021,Sản phẩm A,Công ty A,,yes,,,\n"
        "20x1,Sản phẩm B,Công ty B,,yes,,,\n"
        "2022,Sản phẩm C,,,maybe,,,\n"
        "2023,Sản phẩm D,Công ty D,,no,5012/QĐ-UBND ngày 31/02/2021,,\n"
    )
    with pytest.raises(RecognitionFileError) as error:
        read(text)
    messages = [str(item) for item in error.value.errors]
    assert messages == [
        "Dòng 3: năm “20x1” không hợp lệ.",
        "Dòng 4: cột top10 phải là yes, no hoặc unknown, không phải “maybe”.",
        "Dòng 4: thiếu tên doanh nghiệp.",
        "Dòng 5: ngày quyết định “5012/QĐ-UBND ngày 31/02/2021” không hợp lệ.",
    ]


def test_missing_columns_and_non_utf8_files_are_refused():
    with pytest.raises(RecognitionFileError, match="Thiếu cột: top10"):
        read("year,product_name_vi,company_name_vi,sector_vi\n2021,A,B,C\n")
    with pytest.raises(RecognitionFileError, match="UTF-8"):
        read_recognitions(
            file=io.BytesIO(HEADER.encode() + "2021,Đèn,Công ty,,yes,,,\n".encode("cp1258"))
        )


@pytest.mark.parametrize(
    "source", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>", "nguon"]
)
def test_a_source_that_is_not_a_web_address_is_refused(source):
    """The source becomes a link on the product and company pages: only http(s) pages."""
    with pytest.raises(RecognitionFileError) as error:
        read(HEADER + f'2021,Đèn LED,Rạng Đông,,yes,,"{source}",\n')
    assert [str(item) for item in error.value.errors] == [
        f"Dòng 2: đường dẫn nguồn “{source.strip()}” không hợp lệ: "
        "phải là địa chỉ web bắt đầu bằng http:// hoặc https://."
    ]
