"""The eligibility self-check (programme.eligibility, CriteriaPage's `tu-kiem-tra/` route) and
the structured thresholds it reads: computed from what editors publish, in both languages,
bad input answered with a message, nothing kept."""

import importlib
import json
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.blocks import StreamValue

from core.treecache import bump_tree_version
from home.models import SiteSettings
from programme.blocks import ThresholdBlock
from programme.eligibility import AmountError, format_amount, parse_amount
from programme.factories import CriteriaPageFactory, GuidancePageFactory, published_thresholds
from programme.models import CriteriaPage
from tests.content import publish

VI_URL = "/chuong-trinh/tieu-chi/tu-kiem-tra/"
EN_URL = "/en/programme/criteria/self-check/"

ENGLISH = {
    "Tiêu chí xét chọn": "Selection criteria",
    "tieu-chi": "criteria",
    "Hướng dẫn đăng ký": "How to apply",
    "huong-dan": "how-to-apply",
    "Có trụ sở tại Hà Nội.": "Based in Hà Nội.",
    "Doanh thu từ 10 tỷ đồng/năm.": "Revenue of VND 10 billion a year.",
    "Xuất khẩu từ 1 triệu USD/năm.": "Exports of USD 1 million a year.",
    "Hội đồng đánh giá ý tưởng.": "The council judges the idea.",
    "Doanh thu hoặc giá trị sản xuất từ 100 tỷ đồng/năm.": "Revenue or output of VND 100 bn.",
    "Phiếu đăng ký xét chọn": "Registration form",
    "Báo cáo tài chính": "Financial statements",
}


@pytest.fixture
def criteria(site_tree, english):
    page = CriteriaPageFactory(parent=site_tree.programme, thresholds=published_thresholds())
    publish(page, ENGLISH)
    guidance = GuidancePageFactory(
        parent=site_tree.programme,
        documents=[
            (
                "required_document",
                {"name": "Phiếu đăng ký xét chọn", "description": "", "template_document": None},
            )
        ],
    )
    publish(guidance, ENGLISH)
    return page


def results(response) -> str:
    """The results section's HTML, runs of white space read as one space."""
    html = " ".join(response.content.decode().split())
    return html[html.index('id="results-heading"') :] if 'id="results-heading"' in html else ""


# -- what the visitor types -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("12500000000", "vi", "12500000000"),
        ("12.500.000.000", "vi", "12500000000"),
        ("12,500,000,000", "vi", "12500000000"),
        ("12 500 000 000", "vi", "12500000000"),
        ("12.500.000.000 đồng", "vi", "12500000000"),
        ("12,5 tỷ", "vi", "12500000000"),
        ("12,5 tỷ đồng", "vi", "12500000000"),
        ("2.5 tỷ", "vi", "2500000000"),  # a point that cannot be a thousands separator
        ("1.500 tỷ", "vi", "1500000000000"),  # Vietnamese thousands
        ("800 triệu", "vi", "800000000"),
        ("12.5 billion", "en", "12500000000"),
        ("1,500 billion", "en", "1500000000000"),
        ("", "vi", None),
        ("   ", "vi", None),
    ],
)
def test_amounts_are_read_as_vietnamese_companies_write_them(text, language, expected):
    with translation.override(language):
        value = parse_amount(text, dimension="VND")
    assert value == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "Số không được âm."),
        ("mười tỷ", "Không đọc được số này"),
        ("1e9", "Không đọc được số này"),
        ("12,5", "Không đọc được số này"),  # a decimal without "tỷ"/"triệu" is not đồng
        ("1.2.3", "Không đọc được số này"),
        ("99999999999999999999", "Số quá lớn"),
        ("9" * 41, "Số quá dài"),
    ],
)
def test_what_is_not_an_amount_gets_a_message_saying_why(text, message):
    with translation.override("vi"), pytest.raises(AmountError) as caught:
        parse_amount(text, dimension="VND")
    assert message in str(caught.value)


def test_shortfalls_read_in_the_largest_fitting_unit_and_never_smaller():
    with translation.override("vi"):
        assert format_amount(Decimal(2_500_000_000), dimension="VND") == "2,5 tỷ đồng"
        assert format_amount(Decimal(350_000_000), dimension="VND") == "350 triệu đồng"
        assert format_amount(Decimal(1_234_567_891), dimension="VND") == "1,24 tỷ đồng"
        assert format_amount(Decimal(200_000), dimension="USD") == "200 nghìn USD"
    with translation.override("en"):
        assert format_amount(Decimal(2_500_000_000), dimension="VND") == "2.5 billion VND"


# -- the page ---------------------------------------------------------------------------------
def test_each_product_type_sees_what_it_meets_and_by_how_much_it_misses(client, criteria):
    # High tech: 7,5 of 10 tỷ.
    response = client.get(
        VI_URL, {"type": "high_tech", "hanoi_presence": "yes", "revenue_vnd": "7.500.000.000"}
    )
    assert response.status_code == 200
    shown = results(response)
    assert "Chưa đáp ứng (thiếu 2,5 tỷ đồng)" in shown
    assert "Đáp ứng:</strong> Có trụ sở tại Hà Nội." in shown
    assert "Sản phẩm chưa đáp ứng 1 điều kiện." in shown
    # Handicraft: exports in USD; a second threshold of another type never shows.
    shown = results(
        client.get(
            VI_URL, {"type": "handicraft", "hanoi_presence": "yes", "exports_usd": "1,2 triệu"}
        )
    )
    assert "Sản phẩm đáp ứng mọi điều kiện có thể tự kiểm tra." in shown
    assert "Xuất khẩu từ 1 triệu USD/năm." in shown and "Doanh thu từ 10 tỷ" not in shown
    # Other: 60 of 100 tỷ, and not in Hà Nội.
    shown = results(
        client.get(
            VI_URL, {"type": "other", "hanoi_presence": "no", "revenue_or_output_vnd": "60 tỷ"}
        )
    )
    assert "thiếu 40 tỷ đồng" in shown and "Sản phẩm chưa đáp ứng 2 điều kiện." in shown
    # Start-up: the council judges; only the yes/no question is asked.
    response = client.get(VI_URL, {"type": "startup", "hanoi_presence": "yes"})
    shown = results(response)
    assert "Hội đồng đánh giá:" in shown and "Hội đồng đánh giá ý tưởng." in shown
    assert 'name="revenue_vnd"' not in response.content.decode()
    # Nothing answered yet: the questions, no verdict.
    response = client.get(VI_URL, {"type": "high_tech"})
    html = response.content.decode()
    assert 'name="revenue_vnd"' in html and 'name="hanoi_presence"' in html
    assert "Trả lời các câu hỏi ở trên" in html and "Chưa trả lời:" in html


def test_an_editors_change_to_the_thresholds_changes_the_verdict(client, criteria):
    answers = {"type": "high_tech", "hanoi_presence": "yes", "revenue_vnd": "12 tỷ"}
    assert "Sản phẩm đáp ứng mọi điều kiện" in results(client.get(VI_URL, answers))
    # The editor raises the threshold to 15 tỷ in the admin's stream and publishes.
    page = CriteriaPage.objects.get(pk=criteria.pk)
    raw = list(page.thresholds.raw_data)
    raw[1]["value"]["amount"] = "15"
    page.thresholds = StreamValue(page.thresholds.stream_block, raw, is_lazy=True)
    publish(page, ENGLISH)
    assert "thiếu 3 tỷ đồng" in results(client.get(VI_URL, answers))
    english = results(client.get(EN_URL, answers | {"revenue_vnd": "12 billion"}))
    assert "Not met (3 billion VND short)" in english


def test_the_dossier_checklist_comes_from_the_guidance_page(client, criteria, site_tree):
    html = client.get(VI_URL, {"type": "other"}).content.decode()
    assert "Hồ sơ cần chuẩn bị" in html and "Phiếu đăng ký xét chọn" in html
    guidance = site_tree.programme.get_children().get(slug="huong-dan").specific
    guidance.documents = [
        (
            "required_document",
            {"name": "Báo cáo tài chính", "description": "", "template_document": None},
        )
    ]
    publish(guidance, ENGLISH)
    html = client.get(VI_URL, {"type": "other"}).content.decode()
    assert "Báo cáo tài chính" in html and "Phiếu đăng ký xét chọn" not in html
    assert "Financial statements" in client.get(EN_URL, {"type": "other"}).content.decode()


def document(name: str, product_type: str) -> dict:
    return {
        "name": name,
        "description": "",
        "template_document": None,
        "product_type": product_type,
    }


def test_the_checklist_lists_only_what_the_companys_product_type_needs(client, criteria, site_tree):
    guidance = site_tree.programme.get_children().get(slug="huong-dan").specific
    guidance.documents = [
        ("required_document", document("Phiếu đăng ký xét chọn", "all")),
        ("required_document", document("Giấy chứng nhận nghệ nhân", "handicraft")),
        ("required_document", document("Chứng nhận công nghệ cao", "high_tech")),
    ]
    publish(guidance, ENGLISH)

    def checklist(params) -> str:
        html = " ".join(client.get(VI_URL, params).content.decode().split())
        return html[html.index('id="checklist-heading"') :]

    handicraft = checklist({"type": "handicraft"})
    assert "Phiếu đăng ký xét chọn" in handicraft and "Giấy chứng nhận nghệ nhân" in handicraft
    assert "Chứng nhận công nghệ cao" not in handicraft
    high_tech = checklist({"type": "high_tech"})
    assert "Chứng nhận công nghệ cao" in high_tech and "nghệ nhân" not in high_tech
    other = checklist({"type": "other"})
    assert "Phiếu đăng ký xét chọn" in other
    assert "nghệ nhân" not in other and "công nghệ cao" not in other
    # The guidance page itself lists every part, saying which type needs it.
    page = " ".join(client.get("/chuong-trinh/huong-dan/").content.decode().split())
    assert "Giấy chứng nhận nghệ nhân</strong> (Sản phẩm thủ công mỹ nghệ, truyền thống)" in page
    assert "Phiếu đăng ký xét chọn</strong> (" not in page  # for every type: said by nothing


def test_the_self_check_speaks_english_at_its_english_address(client, criteria):
    response = client.get(
        EN_URL, {"type": "high_tech", "hanoi_presence": "yes", "revenue_vnd": "7.5 billion"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html and "Check your eligibility" in html
    assert "Not met (2.5 billion VND short)" in results(response)
    assert "Revenue of VND 10 billion a year." in results(response)
    # Each language has its own word for the route; the other one is not a page.
    assert client.get("/en/programme/criteria/tu-kiem-tra/").status_code == 404
    assert client.get("/chuong-trinh/tieu-chi/self-check/").status_code == 404


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        (VI_URL, {"type": "spaceship"}, "Chọn một loại sản phẩm trong danh sách."),
        (VI_URL, {"type": "high_tech", "revenue_vnd": "nhiều lắm"}, "Không đọc được số này"),
        (VI_URL, {"type": "high_tech", "revenue_vnd": "-10 tỷ"}, "Số không được âm."),
        (VI_URL, {"type": "high_tech", "revenue_vnd": "9" * 30}, "Số quá lớn"),
        (VI_URL, {"type": "high_tech", "hanoi_presence": "maybe"}, "Chọn Có hoặc Không."),
        (EN_URL, {"type": "spaceship"}, "Choose a product type from the list."),
        (EN_URL, {"type": "high_tech", "revenue_vnd": "lots"}, "This is not a number we can read"),
        (EN_URL, {"type": "high_tech", "revenue_vnd": "-1"}, "The number cannot be negative."),
    ],
)
def test_bad_input_gets_a_message_in_the_visitors_language(client, criteria, url, params, message):
    response = client.get(url, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    # What was typed stays in the form, to be corrected.
    for name, value in params.items():
        if name != "type" and value not in ("maybe",):
            assert f'value="{value}"' in html


def test_nothing_entered_is_stored_or_passed_on(client, criteria):
    answers = {"type": "high_tech", "hanoi_presence": "yes", "revenue_vnd": "7.500.000.000"}
    client.get(VI_URL)  # warm: routes, settings
    # With the work a request leaves for after its commit (a search's statistics, say).
    with (
        CaptureQueriesContext(connection) as queries,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.get(VI_URL, answers)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # A link followed from the results tells another site the origin, not the answers.
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_page_cache_keeps_the_form_but_never_the_answers(client, criteria):
    SiteSettings.load()
    caches["pages"].clear()
    bump_tree_version()
    answers = {"type": "high_tech", "hanoi_presence": "yes", "revenue_vnd": "7.500.000.000"}
    with override_settings(PAGE_CACHE_SECONDS=300):
        for params in ({}, answers):
            client.get(VI_URL, params)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(VI_URL, params)
            assert response.status_code == 200
            # A page served from the cache costs no query (tests/core/test_page_cache.py).
            assert (len(queries) == 0) == (params == {}), params
    caches["pages"].clear()


def test_the_criteria_page_links_to_the_self_check(client, criteria):
    assert f'href="{VI_URL}"' in client.get("/chuong-trinh/tieu-chi/").content.decode()
    assert f'href="{EN_URL}"' in client.get("/en/programme/criteria/").content.decode()


# -- the structured block and the migration from free text ------------------------------------
OLD_BLOCKS = [
    {
        "category": "Mọi doanh nghiệp",
        "requirement": "Có trụ sở chính hoặc cơ sở sản xuất trên địa bàn thành phố Hà Nội.",
        "threshold": "",
        "legal_basis": "Hướng dẫn 1520/HD-SCT",
    },
    {
        "category": "Sản phẩm công nghệ cao",
        "requirement": "Thuộc danh mục sản phẩm công nghệ cao.",
        "threshold": "Doanh thu từ 10 tỷ đồng/năm",
        "legal_basis": "Hướng dẫn 1520/HD-SCT",
    },
    {
        "category": "Handicraft products",
        "requirement": "Is exported.",
        "threshold": "Exports of at least USD 1 million a year",
        "legal_basis": "Guidance 1520/HD-SCT",
    },
    {
        "category": "Sản phẩm khởi nghiệp",
        "requirement": "Đánh giá theo ý tưởng sáng tạo.",
        "threshold": "",
        "legal_basis": "",
    },
    {
        "category": "Doanh nghiệp FDI",
        "requirement": "Ưu tiên.",
        "threshold": "Theo kế hoạch năm",
        "legal_basis": "",
    },
]


def test_the_migration_structures_old_thresholds_and_loses_no_text():
    migration = importlib.import_module("programme.migrations.0005_structured_thresholds")
    operation = migration.StructureThresholds()
    new = [operation.apply(dict(old)) for old in OLD_BLOCKS]
    assert [(n["product_type"], n["measure"], n["amount"], n["unit"]) for n in new] == [
        ("all", "hanoi_presence", None, ""),
        ("high_tech", "revenue", "10", "vnd_billion"),
        ("handicraft", "exports", "1", "usd_million"),
        ("startup", "", None, ""),
        ("all", "", None, ""),
    ]
    # Text that has no structured place is kept in the requirement.
    assert new[4]["requirement"] == "Doanh nghiệp FDI: Ưu tiên.\nTheo kế hoạch năm"
    assert new[1]["legal_basis"] == "Hướng dẫn 1520/HD-SCT"
    # Already structured values pass through unchanged (the migration may run on them).
    assert operation.apply(new[1]) == new[1]


def test_a_page_still_stored_in_the_old_shape_renders_its_table(client, site_tree):
    page = CriteriaPageFactory(parent=site_tree.programme)
    publish(page, ENGLISH, translate=False)
    # As an unmigrated row (or an old revision) holds it: written past the block, in SQL.
    stored = json.dumps(
        [{"type": "threshold", "value": old, "id": f"old-{n}"} for n, old in enumerate(OLD_BLOCKS)]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CriteriaPage._meta.db_table} SET thresholds = %s WHERE page_ptr_id = %s",
            [stored, page.pk],
        )
    caches["default"].clear()
    html = client.get("/chuong-trinh/tieu-chi/").content.decode()
    assert "Doanh thu năm gần nhất từ 10 tỷ đồng trở lên" in html
    assert "Sản phẩm công nghệ cao" in html and "Doanh nghiệp FDI: Ưu tiên." in html
    shown = results(client.get(VI_URL, {"type": "high_tech", "revenue_vnd": "4 tỷ"}))
    assert "thiếu 6 tỷ đồng" in shown


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"measure": "revenue", "amount": None, "unit": "vnd_billion"}, "amount"),
        ({"measure": "revenue", "amount": Decimal(10), "unit": ""}, "unit"),
        ({"measure": "revenue", "amount": Decimal(10), "unit": "years"}, "unit"),
        ({"measure": "hanoi_presence", "amount": Decimal(1), "unit": ""}, "amount"),
        ({"measure": "", "amount": None, "unit": "vnd_billion"}, "unit"),
    ],
)
def test_the_block_refuses_a_threshold_the_self_check_could_not_compute(value, field):
    block = ThresholdBlock()
    data = {
        "product_type": "high_tech",
        "comparison": "at_least",
        "requirement": "Điều kiện.",
        "legal_basis": "",
    } | value
    with pytest.raises(Exception) as caught:
        block.clean(block.to_python(data))
    assert field in caught.value.block_errors
