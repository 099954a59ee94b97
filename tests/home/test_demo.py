"""`manage.py load_demo`: a complete sample site, and a second run that changes nothing."""

from django.core.management import call_command
from wagtail.models import Page, Revision

from core.models import CustomImage
from products.models import CompanyPage, CompanyRecognition, ProductPage, ProductRecognition


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": CustomImage.objects.count(),
        "recognitions": ProductRecognition.objects.count() + CompanyRecognition.objects.count(),
        "latest_page_change": max(
            Page.objects.values_list("latest_revision_created_at", flat=True),
            key=lambda value: value.timestamp() if value else 0,
        ),
    }


def test_demo_builds_the_site_and_is_idempotent(client, db):
    call_command("load_demo")
    first = snapshot()
    # Every CSV row with a product name is a product page, in both languages.
    assert ProductPage.objects.filter(locale__language_code="vi").count() == 12
    assert ProductPage.objects.filter(locale__language_code="en").count() == 12
    # Rows without a product name are company records, not product pages.
    assert CompanyRecognition.objects.filter(page__locale__language_code="vi").count() == 4
    # An unknown Top 10 flag stays unknown.
    assert ProductRecognition.objects.filter(year=2019, is_top10__isnull=True).count() == 4
    # Unverified legal names are never presented as fact.
    assert not CompanyPage.objects.exclude(legal_name="").exists()
    assert client.get("/").status_code == 200
    assert "dữ liệu mẫu" in client.get("/san-pham/").content.decode()
    assert client.get("/en/products/rossi-water-heaters/").status_code == 200

    call_command("load_demo")
    assert snapshot() == first
