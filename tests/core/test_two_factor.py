"""Two-factor sign-in (TOTP, django-otp) for everyone who can use the admin.

Production requires it (TOTP codes computed here from the device's key, as an authenticator
app does); the test settings do not, so the other admin tests sign in with a password only.
"""

import datetime
import io
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from core.editorial import EDITORS, MODERATORS

PASSWORD = "mat-khau-dung-2"
VERIFY = "/admin/xac-thuc-hai-buoc/"
ENROL = "/admin/xac-thuc-hai-buoc/cai-dat/"
ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/search-terms/", "/admin/images/"]


@pytest.fixture
def required(db, settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def user_in(group_name, username):
    user = User.objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return user_in(EDITORS, "bien-tap")


def code(device, *, offset=0):
    """The code the user's app shows now (offset: that many 30-second steps away)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in_with_password(username):
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password alone is accepted as the first step"
    return client


def with_device(user):
    return TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_without_a_device_only_enrolment_is_reachable(required, group):
    user_in(group, "nguoi-dung")
    client = sign_in_with_password("nguoi-dung")
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(f"{ENROL}?next="), url
    assert client.get(VERIFY).url.startswith(ENROL)  # nothing to verify against yet
    enrol = client.get(ENROL)
    assert enrol.status_code == 200
    html = enrol.content.decode()
    assert "<svg" in html and "otp_token" in html  # the QR code and the code field


def test_enrolling_a_device_lets_the_user_in(required, editor, clock):
    client = sign_in_with_password("bien-tap")
    client.get(f"{ENROL}?next=/admin/pages/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.get(ENROL).status_code == 200
    assert TOTPDevice.objects.get(user=editor).pk == device.pk  # a reload keeps the QR code

    wrong = client.post(ENROL, {"otp_token": code(device, offset=5), "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    clock.shift(datetime.timedelta(seconds=2))  # past the back-off of one wrong code
    right = client.post(ENROL, {"otp_token": code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right.url == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url


def test_with_a_device_a_wrong_code_is_refused_and_the_right_one_lets_in(required, editor, clock):
    device = with_device(editor)
    client = sign_in_with_password("bien-tap")
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(f"{VERIFY}?next="), url
    assert client.get(ENROL).url.startswith(VERIFY)  # no new device before this one's code

    wrong = client.post(VERIFY, {"otp_token": code(device, offset=-10)})
    assert wrong.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    # Straight after a wrong code even the right one waits: guessing is slowed down.
    too_soon = client.post(VERIFY, {"otp_token": code(device)})
    assert too_soon.status_code == 200
    assert "Vui lòng thử lại sau 1 giây" in too_soon.content.decode()

    clock.shift(datetime.timedelta(seconds=2))
    right = client.post(VERIFY, {"otp_token": code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right.url == "/admin/pages/"
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url

    # The next sign-in asks again, and a code already used does not work twice.
    used = code(device)
    again = sign_in_with_password("bien-tap")
    assert again.get("/admin/").url.startswith(VERIFY)
    assert again.post(VERIFY, {"otp_token": used}).status_code == 200
    assert again.get("/admin/").status_code == 302


def test_the_code_page_speaks_english_to_an_english_speaking_editor(required, editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    with_device(editor)
    client = sign_in_with_password("bien-tap")
    html = client.get(VERIFY).content.decode()
    assert "Enter your authentication code" in html and "Nhập mã xác thực" not in html


def test_optional_when_not_required(editor, clock):
    # Development and the test settings: only those who enrolled are asked for a code.
    client = sign_in_with_password("bien-tap")
    assert client.get("/admin/").status_code == 200
    assert client.get(ENROL).status_code == 200  # anyone may enrol

    device = with_device(editor)
    client = sign_in_with_password("bien-tap")
    assert client.get("/admin/").url.startswith(VERIFY)
    assert client.post(VERIFY, {"otp_token": code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_visitors_and_public_pages_are_untouched(required, site_tree):
    assert Client().get("/").status_code == 200
    assert Client().get("/admin/").url.startswith("/admin/login/")


def test_a_lost_phone_is_reset_from_the_command_line(required, editor):
    with_device(editor)
    out = io.StringIO()
    call_command("reset_two_factor", "bien-tap", stdout=out)
    assert "Removed 1 two-factor device(s) of bien-tap." in out.getvalue()
    client = sign_in_with_password("bien-tap")
    assert client.get("/admin/").url.startswith(ENROL)  # enrols a new one
    with pytest.raises(CommandError, match="No user named 'khong-co'"):
        call_command("reset_two_factor", "khong-co")


def test_production_always_requires_it():
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "spcncl.example.vn",
        "DATABASE_URL": "postgres://u@127.0.0.1:1/db",
        "TWO_FACTOR_REQUIRED": "false",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TWO_FACTOR_REQUIRED)",
        ],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
