"""Loading the demo into the database: counts, paths, idempotence, reset, tenants, audit, logins."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.core.paginator import Paginator
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from pamong.access.models import RoleAssignment, User
from pamong.core.audit import verify_chain
from pamong.core.models import AuditEvent, Tenant, TimeZoneChoice
from pamong.demo.loader import DEMO_PASSWORD, DemoError, demo_logins, load_demo
from pamong.org.models import OrgUnit, Position, path_segment
from pamong.people.models import Assignment, Employee
from pamong.people.selectors import employee_list, heads_of_unit_on
from pamong.reports.models import Evidence

pytestmark = pytest.mark.django_db
N = 300


def _seed(*args: str, employees: int = N) -> str:
    out = io.StringIO()
    call_command("demo_seed", "--employees", str(employees), "--seed", "11", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded() -> str:
    return _seed()


def _tenant(code: str = "73.90") -> Tenant:
    return Tenant.objects.get(region_code=code)


def _user(username: str) -> User:
    return User.objects.select_related("tenant").get(username=username)


def test_seed_writes_the_regency(seeded: str) -> None:
    tenant = _tenant()
    assert tenant.time_zone == TimeZoneChoice.WITA and tenant.settings["demo"]["employees"] == N
    employees = Employee.objects.filter(tenant=tenant)
    assert employees.filter(is_active=True).count() == N
    assert employees.filter(is_active=False).exists()  # retired former heads, for the history
    assert OrgUnit.objects.filter(tenant=tenant, kind="kecamatan").count() == 12
    assert Position.objects.filter(tenant=tenant, eselon__startswith="II.").count() == 34
    assert Assignment.objects.filter(tenant=tenant, kind="plt", ends_on__isnull=True).count() >= 3
    assert "40 OPD (12 kecamatan)" in seeded and "Data demo dimuat" in seeded


def test_unit_paths_are_materialised_like_the_services_do(seeded: str) -> None:
    units = {u.pk: u for u in OrgUnit.objects.filter(tenant=_tenant())}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        assert unit.path == (parent.path if parent else "") + path_segment(unit.pk)
        assert unit.depth == (parent.depth + 1 if parent else 0)
    for employee in Employee.objects.filter(tenant=_tenant(), is_active=True).select_related("position"):
        assert employee.position is not None and employee.position.org_unit_id == employee.org_unit_id


def test_rerun_is_idempotent_and_prints_the_logins_again(seeded: str) -> None:
    before = (Employee.objects.count(), OrgUnit.objects.count(), AuditEvent.objects.count(), User.objects.count())
    again = _seed()
    assert "sudah dimuat" in again
    assert (
        Employee.objects.count(),
        OrgUnit.objects.count(),
        AuditEvent.objects.count(),
        User.objects.count(),
    ) == before
    for username in (
        "bupati",
        "sekda",
        "asisten1",
        "kadis.pendidikan",
        "camat.melati",
        "perencana.bappeda",
        "admin.bkpsdm",
        "admin",
    ):
        assert re.search(rf"^{re.escape(username)}\s", again, re.MULTILINE), username
    assert "TOTP diminta saat masuk pertama" in again and "totp_code admin.bkpsdm" in again
    assert DEMO_PASSWORD in again


def test_reset_reloads_without_duplicates(seeded: str, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    old = _tenant().pk
    files = list(Evidence.objects.filter(tenant_id=old).values_list("file", flat=True))
    assert files and all(default_storage.exists(name) for name in files)
    other = Tenant.objects.create(name="Kabupaten Nyata", region_code="73.11", time_zone=TimeZoneChoice.WITA)
    with django_capture_on_commit_callbacks(execute=True):
        output = _seed("--reset", employees=N + 20)
    assert "Data demo dimuat" in output
    tenant = _tenant()
    assert tenant.pk != old and Tenant.objects.filter(pk=other.pk).exists()
    assert Employee.objects.filter(tenant=tenant, is_active=True).count() == N + 20
    assert not Employee.objects.filter(tenant_id=old).exists()
    assert not any(default_storage.exists(name) for name in files)  # the old evidence files went with their rows
    assert User.objects.filter(username="sekda").count() == 1
    assert AuditEvent.objects.filter(tenant=tenant, action="demo.seeded").count() == 1


def test_a_real_tenant_with_the_demo_code_is_never_touched() -> None:
    Tenant.objects.create(name="Kabupaten Sungguhan", region_code="73.90", time_zone=TimeZoneChoice.WITA)
    with pytest.raises(DemoError, match="bukan data demo"):
        load_demo(employees=N, reset=True)
    with pytest.raises(CommandError, match="bukan data demo"):
        _seed("--reset")
    assert Tenant.objects.get(region_code="73.90").name == "Kabupaten Sungguhan"


def test_invalid_size_is_refused_clearly() -> None:
    with pytest.raises(CommandError, match="Jumlah pegawai demo harus"):
        _seed(employees=10)
    assert not Tenant.objects.exists()


def test_audit_chain_verifies_with_one_seed_event_per_tenant(seeded: str) -> None:
    for code in ("73.90", "91.79"):
        tenant = _tenant(code)
        checked, problem = verify_chain(tenant.pk)
        assert problem is None and checked >= 2
        seeded_events = AuditEvent.objects.filter(tenant=tenant, action="demo.seeded")
        assert seeded_events.count() == 1
        event = seeded_events.get()
        assert event.actor_label == "system:demo_seed"
        assert event.after["employees"] == Employee.objects.filter(tenant=tenant, is_active=True).count()
        roles = RoleAssignment.objects.filter(tenant=tenant).count()
        assert AuditEvent.objects.filter(tenant=tenant, action="access.role.assigned").count() == roles


def test_second_tenant_is_isolated(seeded: str) -> None:
    city = _tenant("91.79")
    assert city.time_zone == TimeZoneChoice.WIT
    assert Employee.objects.filter(tenant=city).count() == 50
    sekda, city_admin = _user("sekda"), _user("admin.teluksunyi")
    seen_by_sekda = Employee.objects.visible_to(sekda, "people.view")
    assert seen_by_sekda.count() == Employee.objects.filter(tenant=_tenant()).count()
    assert not seen_by_sekda.filter(tenant=city).exists()
    assert set(Employee.objects.visible_to(city_admin, "people.view").values_list("tenant_id", flat=True)) == {city.pk}


def test_logins_have_their_roles_employees_and_devices(seeded: str) -> None:
    expected = {
        "bupati": (["head_of_region"], None),
        # The Sekda also heads the Setda: he submits its reports and signs its PK (the performance story).
        "sekda": (["regional_secretary", "opd_head"], "Sekretaris Daerah"),
        "asisten1": (["assistant"], "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
        "kadis.pendidikan": (["opd_head"], "Kepala Dinas Pendidikan dan Kebudayaan"),
        "operator.pendidikan": (["performance_operator"], "Perencana Ahli Pertama"),
        "kadis.kesehatan": (["opd_head"], "Kepala Dinas Kesehatan"),
        "camat.melati": (["camat"], "Camat Melati"),
        "asn.kesehatan": (["asn"], "Perawat Ahli Pertama"),
        "admin.bkpsdm": (["hr_admin"], "Analis Sumber Daya Manusia Aparatur Ahli Muda"),
        "perencana.bappeda": (["planner"], "Perencana Ahli Madya"),
    }
    for username, (roles, post) in expected.items():
        user = User.objects.select_related("employee__position").get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert list(user.role_assignments.order_by("pk").values_list("role", flat=True)) == roles
        assert (user.employee.position.name if user.employee else None) == post
    asisten = RoleAssignment.objects.select_related("cluster").get(user__username="asisten1")
    assert asisten.cluster is not None and asisten.cluster.code == "AS-I"
    admin = _user("admin")
    assert admin.is_superuser and admin.is_staff and admin.tenant_id is None
    for username in ("admin.bkpsdm", "admin", "admin.teluksunyi"):
        assert TOTPDevice.objects.filter(user__username=username, confirmed=True).count() == 1
    assert not TOTPDevice.objects.filter(user__username="sekda").exists()
    logins = {x.username: x for x in demo_logins()}
    assert logins["admin.bkpsdm"].note == "TOTP diminta saat masuk pertama" and logins["admin.bkpsdm"].totp_secret
    assert logins["asisten1"].scope.startswith("Asisten Pemerintahan")


def test_who_headed_pupr(seeded: str) -> None:
    sekda = _user("sekda")
    pupr = OrgUnit.objects.get(tenant=_tenant(), name__startswith="Dinas Pekerjaan Umum")
    today = _tenant().today()
    [acting] = heads_of_unit_on(actor=sekda, unit=pupr, day=today)
    assert acting.kind == "plt" and acting.employee.position.name.startswith("Sekretaris Dinas")
    [before] = heads_of_unit_on(actor=sekda, unit=pupr, day=acting.starts_on - dt.timedelta(days=1))
    assert before.kind == "definitive" and before.employee.position.name.startswith("Asisten")


def test_totp_code_only_in_debug(seeded: str) -> None:
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("totp_code", "admin.bkpsdm", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("totp_code", "admin.bkpsdm", stdout=out, stderr=io.StringIO())
        with pytest.raises(CommandError, match="belum memiliki perangkat TOTP"):
            call_command("totp_code", "sekda", stdout=io.StringIO(), stderr=io.StringIO())
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    assert TOTPDevice.objects.get(user__username="admin.bkpsdm").verify_token(code)


def test_employee_list_first_page_query_count(seeded: str, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    disdik = OrgUnit.objects.get(tenant=_tenant(), short_name="Disdikbud")
    sekda = _user("sekda")
    # scope (role assignments) + count + rows; the user's tenant is already loaded
    with django_assert_num_queries(3):
        page = Paginator(employee_list(actor=sekda, search="a", unit=disdik), 50).page(1)
        rows = [(e.full_name, e.org_unit.name, e.position.name if e.position else "") for e in page.object_list]
    assert rows and page.paginator.count >= len(rows)
