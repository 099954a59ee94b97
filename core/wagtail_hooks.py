from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    # Admin URLs: Wagtail requires a signed-in admin user before these views run.
    return [
        path("xac-thuc-hai-buoc/", views.two_factor_verify, name="two_factor_verify"),
        path("xac-thuc-hai-buoc/cai-dat/", views.two_factor_enrol, name="two_factor_enrol"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_enrol"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Cài đặt hoặc thay ứng dụng tạo mã đăng nhập."),
    }
