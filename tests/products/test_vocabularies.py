import io

from django.core.management import call_command

from products.models import AdministrativeUnit, Sector


def test_official_sectors_and_current_wards_come_from_the_command(db):
    call_command("sync_vocabularies", stdout=io.StringIO())
    assert Sector.objects.count() == 8
    assert Sector.objects.get(slug="dien-dien-tu").name_en == "Electrical and electronics"
    # Hà Nội's 2025 two-tier units, from vietnam-provinces: 126 wards and communes.
    assert AdministrativeUnit.objects.count() == 126
    ba_dinh = AdministrativeUnit.objects.get(name="Phường Ba Đình")
    assert (ba_dinh.kind, ba_dinh.name_en) == ("phuong", "Ba Dinh Ward")
    call_command("sync_vocabularies", stdout=io.StringIO())
    assert AdministrativeUnit.objects.count() == 126
