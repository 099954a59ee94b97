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
