import factory
import wagtail_factories

from home import models


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.HomePage
        django_get_or_create = ("slug", "parent")

    title = "Trang chủ"
    slug = "trang-chu"
    hero_heading = "Sản phẩm công nghiệp chủ lực thành phố Hà Nội"
    intro = "<p>Chương trình xét chọn, công nhận sản phẩm công nghiệp chủ lực.</p>"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.StandardPage
        django_get_or_create = ("slug", "parent")

    title = factory.Sequence(lambda n: f"Trang nội dung {n}")
    slug = factory.Sequence(lambda n: f"trang-noi-dung-{n}")
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Nội dung trang.</p>")])


class SitemapPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.SitemapPage
        django_get_or_create = ("slug", "parent")

    title = "Sơ đồ trang"
    slug = "so-do-trang"
