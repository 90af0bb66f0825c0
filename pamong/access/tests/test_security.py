"""Authentication hardening: argon2, lock-out, TOTP for admin roles, deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from pamong.core.models import AuditEvent

pytestmark = pytest.mark.django_db
BASE_DIR = Path(settings.BASE_DIR)


def test_production_hashes_with_argon2():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("kata-sandi-panjang").startswith("argon2$")


def _login(client, username, password):
    return client.post(reverse("access:login"), {"username": username, "password": password})


def test_login_page_is_public_and_everything_else_requires_login(client):
    assert client.get(reverse("access:login")).status_code == 200
    assert client.get(reverse("core:health")).status_code == 200
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and reverse("access:login") in response["Location"]


def test_wrong_password_gives_a_clear_message(cast, client):
    response = _login(client, "asn", "salah")
    assert response.status_code == 200
    assert "salah" in response.content.decode()


def test_lockout_after_five_failures_even_with_the_right_password(cast, client):
    for _ in range(5):
        _login(client, "asn", "salah-lagi")
    response = _login(client, "asn", "persona-pass-123")
    assert response.status_code == 429
    assert "dikunci" in response.content.decode()
    # another user from the same address is not locked
    assert _login(client, "sekda", "persona-pass-123").status_code == 302


def test_plain_roles_log_in_without_second_factor(cast, client):
    assert _login(client, "kepala_opd", "persona-pass-123").status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_admin_role_must_enrol_totp_then_verify(cast, client):
    assert _login(client, "hr_admin", "persona-pass-123").status_code == 302
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"] == reverse("access:otp_setup")
    page = client.get(reverse("access:otp_setup"))
    assert page.status_code == 200 and b"totp-secret" in page.content
    device = TOTPDevice.objects.get(user=cast.users["hr_admin"], confirmed=False)
    bad = client.post(reverse("access:otp_setup"), {"token": "000000"})
    assert "tidak cocok" in bad.content.decode()
    good = client.post(reverse("access:otp_setup"), {"token": f"{totp(device.bin_key):06d}"})
    assert good.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action="access.totp.enrolled").count() == 1


def test_enrolled_admin_is_asked_for_a_code_at_each_login(cast, client):
    user = cast.users["hr_admin"]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _login(client, "hr_admin", "persona-pass-123")
    response = client.get(reverse("people:employee_list") if _has("people:employee_list") else reverse("core:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("access:otp_verify"))
    client.post(reverse("access:otp_verify"), {"token": f"{totp(device.bin_key):06d}"})
    assert client.get(reverse("core:home")).status_code == 200


def _has(name):
    try:
        reverse(name)
    except Exception:  # noqa: BLE001
        return False
    return True


def test_responses_carry_csp_and_request_id(client):
    response = client.get(reverse("access:login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert len(response["X-Request-ID"]) == 32


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "PAMONG_SECRET_KEY": "x" * 64 + "-deploy-check-not-a-real-secret",
        "PAMONG_ALLOWED_HOSTS": "pamong.example.go.id",
        "PAMONG_DATABASE_URL": "postgres://pamong:pamong@127.0.0.1:5432/pamong",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAMONG_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "PAMONG_SECRET_KEY" in result.stderr


def test_indonesian_is_the_default_whatever_the_browser_says(client):
    response = client.get(reverse("access:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert "Masuk ke Pamong" in response.content.decode()


def test_english_is_switchable(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("access:login")})
    assert response.status_code == 302
    assert client.get(reverse("access:login"))["Content-Language"] == "en"


def test_a_second_authenticator_cannot_replace_the_code_of_the_first(cast, client):
    """Password alone must not lead to a verified session by enrolling a new device."""
    TOTPDevice.objects.create(user=cast.users["hr_admin"], name="phone", confirmed=True)
    _login(client, "hr_admin", "persona-pass-123")
    response = client.get(reverse("access:otp_setup"))
    assert response.status_code == 302 and response["Location"] == reverse("access:otp_verify")
    assert client.post(reverse("access:otp_setup"), {"token": "123456"})["Location"] == reverse("access:otp_verify")
    assert not TOTPDevice.objects.filter(user=cast.users["hr_admin"], confirmed=False).exists()
    assert client.get(reverse("access:user_list")).status_code == 302
