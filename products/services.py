"""The catalogue's reference data: the official industry groups and Hà Nội's wards.

Decision files are read by products.importing (the one reader, used by the admin, the
command line and the demo loader).
"""

from django.db import transaction
from vietnam_provinces import ProvinceCode, VietNamDivisionType, Ward

from core.text import fold_text
from products.models import AdministrativeUnit, Sector

# The programme's eight official industry groups (results of 2022/2023), in published order.
OFFICIAL_SECTORS = [
    ("co-khi-che-tao", "Công nghiệp cơ khí, chế tạo", "Mechanical engineering and manufacturing"),
    ("dien-dien-tu", "Điện, điện tử", "Electrical and electronics"),
    ("cong-nghe-thong-tin", "Công nghệ thông tin", "Information technology"),
    ("det-may-da-giay", "Dệt may, da giày", "Textiles, garments, leather and footwear"),
    (
        "che-bien-nong-san-thuc-pham",
        "Chế biến nông sản, thực phẩm",
        "Agricultural and food processing",
    ),
    (
        "hoa-chat-cao-su-nhua-duoc-pham",
        "Hóa chất, cao su, nhựa, dược phẩm",
        "Chemicals, rubber, plastics and pharmaceuticals",
    ),
    ("vat-lieu-xay-dung", "Vật liệu xây dựng", "Construction materials"),
    ("thu-cong-my-nghe", "Thủ công mỹ nghệ", "Handicrafts"),
]


@transaction.atomic
def ensure_official_sectors() -> list:
    sectors = []
    for order, (slug, name, name_en) in enumerate(OFFICIAL_SECTORS, start=1):
        sector, _ = Sector.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
        sectors.append(sector)
    return sectors


def _english_unit_name(name: str, kind: str) -> str:
    base = fold_text(name).title()
    for prefix in ("Phuong ", "Xa ", "Dac Khu "):
        if base.startswith(prefix):
            base = base[len(prefix) :]
    suffix = {"phuong": "Ward", "xa": "Commune", "dac_khu": "Special Zone"}[kind]
    return f"{base} {suffix}"


@transaction.atomic
def sync_administrative_units() -> int:
    """Load Hà Nội's current wards and communes from `vietnam-provinces`; returns how many.

    Adds missing units and renames changed ones; never deletes, since companies may point
    at a unit that a later reform merged.
    """
    kinds = {
        VietNamDivisionType.PHUONG: AdministrativeUnit.Kind.WARD,
        VietNamDivisionType.XA: AdministrativeUnit.Kind.COMMUNE,
    }
    count = 0
    for ward in Ward.iter_by_province(ProvinceCode.P_01):
        kind = kinds.get(ward.division_type, AdministrativeUnit.Kind.SPECIAL)
        AdministrativeUnit.objects.update_or_create(
            code=int(ward.code),
            defaults={
                "name": ward.name,
                "name_en": _english_unit_name(ward.name, kind),
                "slug": ward.codename.replace("_", "-"),
                "kind": kind,
            },
        )
        count += 1
    return count
