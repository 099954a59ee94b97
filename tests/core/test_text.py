import unicodedata

import pytest

from core.text import fold_text, normalize_text
from news.factories import NewsPageFactory


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đèn LED Rạng Đông", "den led rang dong"),
        ("Hà Nội", "ha noi"),
        ("Bình nước nóng", "binh nuoc nong"),
        ("ĐỒNG HỒ", "dong ho"),
    ],
)
def test_folding_strips_every_vietnamese_diacritic(text, folded):
    assert fold_text(text) == folded


def test_decomposed_input_folds_the_same_as_composed():
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    assert decomposed != "Hà Nội"
    assert normalize_text(decomposed) == "Hà Nội"
    assert fold_text(decomposed) == "ha noi"


def test_pages_store_text_in_nfc(site_tree):
    decomposed_title = unicodedata.normalize("NFD", "Tin Hà Nội")
    article = NewsPageFactory(
        parent=site_tree.news,
        title=decomposed_title,
        summary=unicodedata.normalize("NFD", "Sản phẩm chủ lực"),
    )
    article.refresh_from_db()
    assert article.title == "Tin Hà Nội"
    assert unicodedata.is_normalized("NFC", article.summary)
    assert unicodedata.is_normalized("NFC", str(article.body.raw_data))


def test_a_typed_vietnamese_slug_is_folded_to_ascii(site_tree):
    article = NewsPageFactory(
        parent=site_tree.news, title="Khai mạc Hội chợ", slug="khai-mạc-hội-chợ-đầu-năm"
    )
    article.refresh_from_db()
    assert article.slug == "khai-mac-hoi-cho-dau-nam"
    assert article.url_path.endswith("/khai-mac-hoi-cho-dau-nam/")


def test_a_slug_made_from_the_title_keeps_d_with_stroke_as_d(site_tree):
    first = site_tree.news.add_child(
        instance=NewsPageFactory.build(title="Đường dây nóng", slug="")
    )
    second = site_tree.news.add_child(
        instance=NewsPageFactory.build(title="Đường dây nóng", slug="")
    )
    assert first.slug == "duong-day-nong"
    # Two pages with one title under one parent still get distinct slugs.
    assert second.slug == "duong-day-nong-2"
