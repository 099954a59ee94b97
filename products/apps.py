from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = "Danh mục sản phẩm"

    def ready(self):
        # Imported here: products.signals imports models, which only exist once the registry
        # is ready, that is now.
        from products import signals

        signals.connect()
        # The query parameters each page type reads: views of them are kept whole for
        # anonymous visitors under their normalised query (core.pagecache). Imported here for
        # the same reason: these modules import models.
        from core import pagecache
        from products.models import CompanyIndexPage, CompanyPage, ProductIndexPage, ProductPage
        from search.catalogue.parameters import page_query

        pagecache.declare_query(ProductIndexPage, page_query)
        for model in (ProductPage, CompanyPage, CompanyIndexPage):
            pagecache.declare_query(model, pagecache.reads_nothing)
