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
