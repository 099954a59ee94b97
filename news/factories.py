import datetime

import factory
import wagtail_factories

from news import models


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.NewsIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Tin tức"
    slug = "tin-tuc"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.NewsPage
        django_get_or_create = ("slug", "parent")

    title = factory.Sequence(lambda n: f"Tin chương trình {n}")
    slug = factory.Sequence(lambda n: f"tin-chuong-trinh-{n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    summary = "Tóm tắt tin về chương trình sản phẩm công nghiệp chủ lực."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Nội dung tin về sản phẩm công nghiệp chủ lực.</p>")]
    )
