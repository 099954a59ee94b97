"""The selection round's window decides which round is current; applications never touch
the page cache."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from applications.models import Application, SelectionRound
from core.treecache import tree_version
from tests.applications.conftest import TAX_CODE

pytestmark = pytest.mark.django_db


def test_the_current_round_is_the_one_whose_window_holds_now(selection_round, next_round):
    assert SelectionRound.objects.current() == selection_round
    assert SelectionRound.objects.next() == next_round
    later = next_round.opens_at + datetime.timedelta(days=1)
    assert SelectionRound.objects.current(now=later) == next_round
    assert SelectionRound.objects.current(now=next_round.closes_at) is None
    assert selection_round.is_open()
    assert not next_round.is_open()


def test_a_round_must_close_after_it_opens(db):
    now = timezone.now()
    with pytest.raises(IntegrityError):
        SelectionRound.objects.create(year=2030, opens_at=now, closes_at=now)


def test_an_application_leaves_the_page_cache_alone(selection_round):
    before = tree_version()
    Application.objects.create(
        selection_round=selection_round,
        company_name="Rạng Đông",
        tax_code=TAX_CODE,
        contact_name="An",
        email="an@example.vn",
        phone="024",
        products="Đèn LED",
        consented_at=timezone.now(),
    )
    assert tree_version() == before


def test_editors_edit_the_rounds_in_the_admin(admin_client, selection_round):
    listing = admin_client.get("/admin/snippets/applications/selectionround/")
    assert listing.status_code == 200
    assert str(selection_round.year) in listing.text
