import datetime

import factory
import wagtail_factories
from django.utils import timezone

from programme import models


class CohortYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CohortYear
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2018 + n)
    products_recognised = 30


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ProgrammeIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Chương trình"
    slug = "chuong-trinh"


class CriteriaPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CriteriaPage
        django_get_or_create = ("slug", "parent")

    title = "Tiêu chí xét chọn"
    slug = "tieu-chi"


def threshold(product_type, requirement, measure="", amount=None, unit="", comparison="at_least"):
    """A structured threshold block (programme.blocks.ThresholdBlock), as a stream item."""
    return (
        "threshold",
        {
            "product_type": product_type,
            "measure": measure,
            "comparison": comparison,
            "amount": amount,
            "unit": unit,
            "requirement": requirement,
            "legal_basis": "Hướng dẫn 1520/HD-SCT",
        },
    )


def published_thresholds():
    """The thresholds of Hướng dẫn 1520/HD-SCT (home/demo/programme_facts.md), short texts."""
    return [
        threshold("all", "Có trụ sở tại Hà Nội.", "hanoi_presence"),
        threshold("high_tech", "Doanh thu từ 10 tỷ đồng/năm.", "revenue", "10", "vnd_billion"),
        threshold("handicraft", "Xuất khẩu từ 1 triệu USD/năm.", "exports", "1", "usd_million"),
        threshold("startup", "Hội đồng đánh giá ý tưởng."),
        threshold(
            "other",
            "Doanh thu hoặc giá trị sản xuất từ 100 tỷ đồng/năm.",
            "revenue_or_output",
            "100",
            "vnd_billion",
        ),
    ]


class GuidancePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.GuidancePage
        django_get_or_create = ("slug", "parent")

    title = "Hướng dẫn đăng ký"
    slug = "huong-dan"


class DecisionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.DecisionIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Văn bản"
    slug = "van-ban"


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.EventIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Sự kiện"
    slug = "su-kien"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.EventPage
        django_get_or_create = ("slug", "parent")

    title = factory.Sequence(lambda n: f"Hội nghị kết nối {n}")
    slug = factory.Sequence(lambda n: f"hoi-nghi-ket-noi-{n}")
    kind = models.EventPage.Kind.BUSINESS_MATCHING
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    venue = "Trung tâm Hội nghị Quốc gia"
    organiser = "Sở Công Thương Hà Nội"
    summary = "Kết nối doanh nghiệp có sản phẩm chủ lực với nhà phân phối."


class StatisticsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.StatisticsPage
        django_get_or_create = ("slug", "parent")

    title = "Số liệu chương trình"
    slug = "so-lieu"


class OpenDataPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.OpenDataPage
        django_get_or_create = ("slug", "parent")

    title = "Dữ liệu mở"
    slug = "du-lieu-mo"
    licence = (
        "<p>Dữ liệu được cung cấp theo giấy phép Creative Commons Ghi công 4.0 (CC BY 4.0).</p>"
    )
