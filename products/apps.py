from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = "Danh mục sản phẩm"

    def ready(self):
        # Imported here: products.signals imports models, which only exist once the registry
        # is ready, that is now.
        from products import signals

        signals.connect()
