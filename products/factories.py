import factory
import wagtail_factories

from core.factories import ImageFactory
from products import models


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Nhóm ngành {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"nhom-nganh-{n}")


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Certification
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chứng nhận {n}")
    slug = factory.Sequence(lambda n: f"chung-nhan-{n}")


class MarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Market
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thị trường {n}")
    name_en = factory.Sequence(lambda n: f"Market {n}")
    slug = factory.Sequence(lambda n: f"thi-truong-{n}")


class AdministrativeUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AdministrativeUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: 90000 + n)
    name = factory.Sequence(lambda n: f"Phường Mẫu {n}")
    name_en = factory.Sequence(lambda n: f"Mau {n} Ward")
    slug = factory.Sequence(lambda n: f"phuong-mau-{n}")
    kind = models.AdministrativeUnit.Kind.WARD


class CompanyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CompanyIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Doanh nghiệp"
    slug = "doanh-nghiep"


class ProductIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ProductIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Sản phẩm"
    slug = "san-pham"


class CompanyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CompanyPage
        django_get_or_create = ("slug", "parent")

    title = factory.Sequence(lambda n: f"Công ty Mẫu {n}")
    slug = factory.Sequence(lambda n: f"cong-ty-mau-{n}")
    brand_name = factory.LazyAttribute(lambda o: o.title)
    summary = "Doanh nghiệp sản xuất có sản phẩm được công nhận."


class ProductPageFactory(wagtail_factories.PageFactory):
    """A product with one recognition (pass `recognitions=[{...}]` to choose them)."""

    class Meta:
        model = models.ProductPage
        django_get_or_create = ("slug", "parent")
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sản phẩm Mẫu {n}")
    slug = factory.Sequence(lambda n: f"san-pham-mau-{n}")
    summary = "Sản phẩm công nghiệp chủ lực của thành phố Hà Nội."
    company = factory.SubFactory(CompanyPageFactory)
    sector = factory.SubFactory(SectorFactory)

    @factory.post_generation
    def recognitions(obj, create, extracted, **kwargs):
        if not create or obj.recognitions.exists():
            return
        for record in extracted if extracted is not None else [{"year": 2021}]:
            models.ProductRecognition.objects.create(page=obj, **record)


class ProductWithImageFactory(ProductPageFactory):
    image = factory.SubFactory(ImageFactory, title=factory.SelfAttribute("..title"))


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Decision
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: f"{1000 + n}/QĐ-UBND")
    kind = models.Decision.Kind.RECOGNITION
    year = 2021
    title = "Về việc công nhận sản phẩm công nghiệp chủ lực"
