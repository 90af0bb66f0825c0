"""API tokens: password (+ TOTP for admin roles), the login lock-out, revocation."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pamong.core.models import AuditEvent
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import PERSONA_PASSWORD, PERSONAS, expectations

pytestmark = pytest.mark.django_db

URL = "/api/auth/token/"
#: Roles that require a second factor: hr_admin in the cast tenant and the other tenant's admin.
TOTP_PERSONAS = {"hr_admin", "other_tenant"}


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def _obtain(username, password=PERSONA_PASSWORD, **extra):
    return APIClient().post(URL, {"username": username, "password": password, **extra}, format="json")


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_can_obtain_a_token_with_the_factors_their_roles_need(cast, persona):
    user = cast.users[persona]
    if persona in TOTP_PERSONAS:
        refused = _obtain(persona)
        assert refused.status_code == 400
        assert refused.json()["code"] == "otp_not_enrolled"
        device = _device(user)
        assert _obtain(persona).json()["code"] == "otp_required"
        response = _obtain(persona, otp=_code(device))
    else:
        response = _obtain(persona)
    assert response.status_code == 200, response.content
    key = response.json()["token"]
    assert Token.objects.get(user=user).key == key
    event = AuditEvent.objects.get(action="access.token.issued", actor_id=user.pk)
    assert event.tenant_id == user.tenant_id
    # the token works on its own: no session, no second factor asked again
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/units/").status_code == 200


def test_wrong_totp_code_is_refused_without_a_token(cast):
    device = _device(cast.users["hr_admin"])
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = _obtain("hr_admin", otp=wrong)
    assert response.status_code == 400
    assert response.json()["code"] == "otp_invalid"
    assert response.json()["fields"] == {"otp": ["Kode tidak cocok."]}
    assert not Token.objects.filter(user=cast.users["hr_admin"]).exists()


def test_wrong_password_is_refused_with_a_clear_message(cast):
    response = _obtain("asn", password="salah-sekali-123")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"
    assert "5 kali" in response.json()["detail"]
    assert not Token.objects.exists()


def test_five_failures_lock_the_account_even_with_the_right_password(cast):
    for _ in range(4):
        assert _obtain("asn", password="salah-sekali-123").status_code == 400
    fifth = _obtain("asn", password="salah-sekali-123")
    assert fifth.status_code == 429
    assert fifth.json()["code"] == "locked_out"
    right = _obtain("asn")
    assert right.status_code == 429
    assert not Token.objects.exists()
    # the lock-out is the one of the login page too: same username, same address
    page = cast.client_for("anonymous").post("/akun/login/", {"username": "asn", "password": PERSONA_PASSWORD})
    assert page.status_code == 429


def test_a_success_resets_the_failure_count(cast):
    for _ in range(4):
        _obtain("asn", password="salah-sekali-123")
    assert _obtain("asn").status_code == 200
    for _ in range(4):
        assert _obtain("asn", password="salah-sekali-123").status_code == 400
    assert _obtain("asn").status_code == 200


def test_missing_fields_are_named(cast):
    response = APIClient().post(URL, {"username": "asn"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"password"}


def test_revoking_needs_a_signed_in_caller(cast):
    check_matrix(cast, "delete", URL, expectations(204, anonymous=401), client_for=token_client)
    check_matrix(cast, "delete", URL, expectations(204, anonymous=401), client_for=session_client)


def test_a_revoked_token_no_longer_works(cast):
    client = token_client(cast, "kepala_opd")
    assert client.get("/api/employees/").status_code == 200
    assert client.delete(URL).status_code == 204
    response = client.get("/api/employees/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert AuditEvent.objects.filter(action="access.token.revoked", actor_id=cast.users["kepala_opd"].pk).exists()


def test_the_same_token_is_returned_until_revoked(cast):
    first = _obtain("asn").json()["token"]
    assert _obtain("asn").json()["token"] == first
    assert AuditEvent.objects.filter(action="access.token.issued").count() == 1
