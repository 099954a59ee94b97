from django.apps import AppConfig
from django.conf import settings
from PIL import Image as PILImage


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Thành phần dùng chung"

    def ready(self):
        # Imported here: core.signals imports models, which only exist once the registry is
        # ready, that is now.
        from core import signals

        signals.connect(self)
        # Pillow's decompression-bomb guard on every path that decodes a picture (renditions
        # of stored files, the demo loader), not only the upload form: it warns past the
        # site's limit and refuses past twice it (its default is 89 million pixels).
        PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
