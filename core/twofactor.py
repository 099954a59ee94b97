"""Two-factor sign-in (TOTP) for everyone who can use the admin, on django-otp.

A password alone only half signs an admin user in: until they enter a code from their
authenticator app, every page sends them to enter one (or, with no device yet and
TWO_FACTOR_REQUIRED, to enrol one). django-otp keeps the verified device in the session, so
the next sign-in asks again. wagtail-2fa would do this, but 1.8.0 does not import under
Wagtail 8 (it needs `wagtail.users.widgets`, which Wagtail removed).
"""

import base64
import io

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

VERIFY_URL_NAME = "two_factor_verify"
ENROL_URL_NAME = "two_factor_enrol"
# What a half-signed-in user may still reach: signing out and in, the admin's own scripts and
# icons, and the two-factor pages themselves.
_ALWAYS_ALLOWED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def needs_second_factor(user) -> bool:
    """Whether *user* signs in with a second factor: anyone who can use the admin."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def has_device(user) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def mark_verified(request, device: TOTPDevice) -> None:
    """This session has passed the second factor (django-otp keeps it until sign-out)."""
    django_otp.login(request, device)


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: kept unconfirmed until its first code is entered.

    The same one on every visit of the enrolment page, so a reload does not invalidate the
    QR code just scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return device


def confirm_device(request, device: TOTPDevice) -> None:
    """Make *device* the user's only one and mark this session verified by it."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    mark_verified(request, device)


def remove_devices(user) -> int:
    """Forget all of *user*'s devices (`manage.py reset_two_factor`); returns how many."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    return removed


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG on white (no image request, no file)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for apps that cannot scan the QR code."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TwoFactorMiddleware(MiddlewareMixin):
    """Sends an admin user who has not entered a code this session to the code's page.

    After django-otp's OTPMiddleware, which sets `request.user.is_verified()`. It works on the
    resolved view (process_view), so a URL that does not exist stays a 404.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not needs_second_factor(user) or user.is_verified():
            return None
        url_name = request.resolver_match.url_name
        if url_name in _ALWAYS_ALLOWED:
            return None
        if has_device(user):
            target = VERIFY_URL_NAME
        elif settings.TWO_FACTOR_REQUIRED or url_name == VERIFY_URL_NAME:
            target = ENROL_URL_NAME
        else:
            return None  # Optional, and this user has not enrolled.
        if url_name == target:
            return None
        return redirect_to_login(request.get_full_path(), reverse(target))
