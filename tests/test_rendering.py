"""Every editorial page type renders with its key content, in Vietnamese and English."""

import datetime

import pytest
from django.utils import timezone

from core.translation import translate_instance
from home.factories import StandardPageFactory
from home.models import HomeFeaturedProduct
from news.factories import NewsPageFactory
from products.factories import DecisionFactory
from programme.factories import (
    CohortYearFactory,
    CriteriaPageFactory,
    DecisionIndexPageFactory,
    EventPageFactory,
    GuidancePageFactory,
)
from tests.content import make_company, make_product


def publish(page, english_locale=None, mapping=None):
    page.save_revision().publish()
    if english_locale is not None:
        translate_instance(
            page, locale=english_locale, translate=lambda text: (mapping or {}).get(text, text)
        )
    return page


def test_home_page_shows_figures_featured_news_and_events(client, site_tree, english):
    CohortYearFactory(year=2024, products_recognised=36, companies_recognised=25)
    CohortYearFactory(year=2025, products_recognised=35, companies_recognised=28)
    company = make_company(site_tree)
    product = make_product(
        site_tree,
        company=company,
        title="Bình nước nóng",
        slug="binh-nuoc-nong",
        english={"Bình nước nóng": "Water heater", "binh-nuoc-nong": "water-heater"},
    )
    HomeFeaturedProduct.objects.create(page=site_tree.home, product=product)
    # Featured links are synchronised: the English home page gets them on the next sync.
    from tests.sitetree import english as home_strings

    publish(
        site_tree.home,
        english,
        {
            text: home_strings(text)
            for text in ("Trang chủ", "trang-chu", site_tree.home.hero_heading)
        },
    )
    NewsPageFactory(
        parent=site_tree.news, title="Tin công nhận 2025", date=datetime.date(2025, 11, 15)
    )
    EventPageFactory(
        parent=site_tree.events,
        title="Hội nghị sắp tới",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    EventPageFactory(
        parent=site_tree.events,
        title="Hội nghị đã qua",
        starts_at=timezone.now() - datetime.timedelta(days=10),
    )
    html = client.get("/").content.decode()
    assert "<strong>71</strong>" in html  # 36 + 35 recognised
    assert "Bình nước nóng" in html
    assert "Tin công nhận 2025" in html
    assert "Hội nghị sắp tới" in html and "Hội nghị đã qua" not in html
    english_home = client.get("/en/").content.decode()
    assert "Water heater" in english_home
    assert "Hà Nội's key industrial products" in english_home.replace("&#x27;", "'")


def test_criteria_page_shows_thresholds_and_indicators(client, site_tree, english):
    criteria = CriteriaPageFactory(
        parent=site_tree.programme,
        thresholds=[
            (
                "threshold",
                {
                    "product_type": "high_tech",
                    "measure": "revenue",
                    "comparison": "at_least",
                    "amount": "10",
                    "unit": "vnd_billion",
                    "requirement": "Thuộc danh mục.",
                    "legal_basis": "1520/HD-SCT",
                },
            )
        ],
        indicators=[
            (
                "indicator",
                {"indicator": "Khả năng xuất khẩu", "description": "Kim ngạch.", "weight": ""},
            )
        ],
    )
    publish(
        criteria,
        english,
        {
            "Tiêu chí xét chọn": "Selection criteria",
            "tieu-chi": "criteria",
            "Thuộc danh mục.": "On the list.",
        },
    )
    html = client.get("/chuong-trinh/tieu-chi/").content.decode()
    assert "Doanh thu năm gần nhất từ 10 tỷ đồng trở lên" in html and "Khả năng xuất khẩu" in html
    english_html = client.get("/en/programme/criteria/").content.decode()
    assert "Revenue in the last year of at least 10 billion VND" in english_html
    assert "On the list." in english_html
    assert (
        "Eligibility" in english_html
        or "Conditions" in english_html
        or "Requirement" in english_html
    )


def test_guidance_page_shows_steps_documents_deadlines_and_faq(client, site_tree):
    guidance = GuidancePageFactory(
        parent=site_tree.programme,
        steps=[("step", {"title": "Đăng ký tham gia", "body": "<p>Gửi phiếu.</p>"})],
        documents=[
            (
                "required_document",
                {"name": "Phiếu đăng ký", "description": "Theo mẫu.", "template_document": None},
            )
        ],
        deadlines=[
            ("deadline", {"label": "Hạn nộp hồ sơ", "date": datetime.date(2027, 5, 1), "note": ""})
        ],
        faq=[("faq", {"question": "Hiệu lực bao lâu?", "answer": "<p>3 năm.</p>"})],
    )
    publish(guidance)
    html = client.get("/chuong-trinh/huong-dan/").content.decode()
    for text in (
        "Đăng ký tham gia",
        "Phiếu đăng ký",
        "1/5/2027",
        "<summary>Hiệu lực bao lâu?</summary>",
    ):
        assert text in html


def test_decision_index_lists_decisions_newest_first(client, site_tree):
    DecisionFactory(
        number="496/QĐ-UBND",
        signed_on=datetime.date(2018, 1, 26),
        year=2018,
        title="Phê duyệt Đề án",
    )
    DecisionFactory(
        number="5012/QĐ-UBND",
        signed_on=datetime.date(2021, 11, 26),
        year=2021,
        title="Công nhận 46 sản phẩm",
        title_en="Recognising 46 products",
    )
    publish(DecisionIndexPageFactory(parent=site_tree.programme))
    html = client.get("/chuong-trinh/van-ban/").content.decode()
    assert html.index("5012/QĐ-UBND") < html.index("496/QĐ-UBND")
    assert "Chưa công bố tệp văn bản" in html


def test_event_page_shows_when_where_and_registration(client, site_tree, english):
    event = EventPageFactory(
        parent=site_tree.events,
        title="Hội chợ 2027",
        slug="hoi-cho-2027",
        kind="trade_fair",
        starts_at=timezone.make_aware(datetime.datetime(2027, 10, 27, 8, 0)),
        venue="Cung triển lãm",
        registration_details="<p>Đăng ký gian hàng.</p>",
        registration_url="https://example.com/dang-ky",
    )
    publish(event, english, {"Hội chợ 2027": "Fair 2027", "hoi-cho-2027": "fair-2027"})
    html = client.get("/su-kien/hoi-cho-2027/").content.decode()
    assert "Hội chợ, triển lãm" in html and "Cung triển lãm" in html and "27/10/2027" in html
    assert 'href="https://example.com/dang-ky"' in html
    english_html = client.get("/en/events/fair-2027/").content.decode()
    assert "Trade fair" in english_html


def test_news_index_is_newest_first_and_news_page_shows_source(client, site_tree):
    NewsPageFactory(parent=site_tree.news, title="Tin cũ", date=datetime.date(2019, 1, 1))
    NewsPageFactory(
        parent=site_tree.news,
        title="Tin mới",
        slug="tin-moi",
        date=datetime.date(2025, 1, 1),
        source_url="https://example.com/bai-goc",
    )
    listing = client.get("/tin-tuc/").content.decode()
    assert listing.index("Tin mới") < listing.index("Tin cũ")
    article = client.get("/tin-tuc/tin-moi/").content.decode()
    assert "https://example.com/bai-goc" in article and "1/1/2025" in article


@pytest.mark.parametrize("page", ["2", "0", "x"])
def test_news_index_answers_a_missing_page_with_404(client, site_tree, page):
    NewsPageFactory(parent=site_tree.news)
    assert client.get(f"/tin-tuc/?page={page}").status_code == 404


def test_standard_page_and_chrome(client, site_tree):
    publish(StandardPageFactory(parent=site_tree.home, title="Giới thiệu", slug="gioi-thieu"))
    html = client.get("/gioi-thieu/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert 'aria-label="Vị trí trang"' in html  # breadcrumbs
    assert '<main id="main"' in html and "<footer" in html
    assert "style=" not in html and "onclick" not in html and "<script>" not in html


def test_unknown_page_is_a_friendly_404_in_the_visitors_language(client, site_tree):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Không tìm thấy trang" in client.get("/khong-co/").content.decode()
