"""Accounts: creating logins, resetting the second factor, bootstrapping a tenant."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from pamong.access.models import User
from pamong.access.services import totp_reset, user_create
from pamong.core.audit import verify_chain
from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent, Tenant
from pamong.core.scope import scope_of
from pamong.people.models import Employee

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "Sandi-Yang-Panjang-2026"


def test_hr_admin_creates_a_login_for_an_employee(cast):
    employee = Employee.objects.create(
        tenant=cast.tenant,
        org_unit=cast.units["disdik"],
        nip="199001012015011001",
        name="Baru",
        kind="pns",
        birth_date="1990-01-01",
        gender="male",
        appointment_year=2015,
        appointment_month=1,
    )
    user = user_create(actor=cast.users["hr_admin"], username="Baru.Disdik", password=GOOD_PASSWORD, employee=employee)
    assert user.username == "baru.disdik" and user.tenant_id == cast.tenant.pk
    assert user.check_password(GOOD_PASSWORD)
    assert AuditEvent.objects.filter(action="access.user.created", target_id=str(user.pk)).exists()
    with pytest.raises(ValidationFailed) as exc:
        user_create(actor=cast.users["hr_admin"], username="lain", password=GOOD_PASSWORD, employee=employee)
    assert "employee" in exc.value.field_errors


@pytest.mark.parametrize(("password", "fragment"), [("pendek", "password"), ("1234567890123", "password")])
def test_weak_passwords_are_refused_with_the_reason(cast, password, fragment):
    with pytest.raises(ValidationFailed) as exc:
        user_create(actor=cast.users["hr_admin"], username="lemah", password=password)
    assert fragment in exc.value.field_errors
    assert not User.objects.filter(username="lemah").exists()


def test_only_access_managers_create_logins(cast):
    with pytest.raises((Forbidden, NotFoundError)):
        user_create(actor=cast.users["kepala_opd"], username="x", password=GOOD_PASSWORD)
    with pytest.raises(NotFoundError):
        user_create(
            actor=cast.users["other_tenant"], username="y", password=GOOD_PASSWORD, employee=cast.employees["asn"]
        )


def test_totp_reset_removes_devices_and_is_audited(cast):
    user = cast.users["hr_admin"]
    TOTPDevice.objects.create(user=user, name="hp lama", confirmed=True)
    with pytest.raises(ValidationFailed):
        totp_reset(actor=cast.users["hr_admin"], user=user, reason="")
    assert totp_reset(actor=cast.users["hr_admin"], user=user, reason="HP hilang") == 1
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.get(action="access.totp.reset").reason == "HP hilang"


def test_tenant_create_command_bootstraps_a_tenant_with_an_intact_chain():
    out = StringIO()
    call_command(
        "tenant_create",
        "--name",
        "Kabupaten Contoh",
        "--region-code",
        "75.05",
        "--time-zone",
        "Asia/Makassar",
        "--admin-username",
        "admin.contoh",
        "--admin-password",
        GOOD_PASSWORD,
        stdout=out,
    )
    tenant = Tenant.objects.get(region_code="75.05")
    admin = User.objects.get(username="admin.contoh")
    assert admin.tenant_id == tenant.pk and "hr_admin" in scope_of(admin).roles
    checked, problem = verify_chain(tenant.pk)
    assert problem is None and checked == 4  # tenant, root unit, user, role
    with pytest.raises(CommandError):
        call_command(
            "tenant_create",
            "--name",
            "Lagi",
            "--region-code",
            "75.05",
            "--time-zone",
            "Asia/Makassar",
            "--admin-username",
            "admin.lagi",
            "--admin-password",
            GOOD_PASSWORD,
        )
    assert not User.objects.filter(username="admin.lagi").exists()


def test_a_login_without_employee_is_named_by_its_full_name(cast):
    user = user_create(
        actor=cast.users["hr_admin"], username="bupati2", password=GOOD_PASSWORD, full_name="H. Andi Makkasau"
    )
    assert str(user) == "H. Andi Makkasau"
