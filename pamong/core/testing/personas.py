"""The fixed cast of personas every permission test runs over.

One tenant with a small but complete structure, plus a second tenant, built
through the real services (so the cast also exercises them). Each persona is a
user with the roles its name says; ``Cast.client_for(name)`` logs one in.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from pamong.access.models import User
from pamong.access.roles import Role
from pamong.access.second_factor import requires_second_factor
from pamong.access.services import role_assign
from pamong.core.models import Tenant, TimeZoneChoice
from pamong.core.scope import SystemActor, forget_scope
from pamong.org.choices import OrgUnitKind
from pamong.org.models import Cluster, OrgUnit, Position
from pamong.org.services import position_create, unit_create
from pamong.people.choices import AssignmentKind
from pamong.people.models import Employee
from pamong.people.services import assignment_start, employee_create

TODAY = dt.date(2026, 11, 2)

PERSONAS = (
    "bupati",
    "sekda",
    "asisten",
    "kepala_opd",
    "camat",
    "verifier",
    "hr_admin",
    "asn",
    "asn_other_opd",
    "planner",
    "other_tenant",
)


@dataclass
class Cast:
    tenant: Tenant
    other_tenant: Tenant
    units: dict[str, OrgUnit] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    employees: dict[str, Employee] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            user = self.users[persona]
            client.force_login(user)
            # Every persona whose roles demand TOTP (hr_admin, and other_tenant's admin) is already past it.
            needs_totp = requires_second_factor(user)
            forget_scope(user)  # computing it must not leave a cached scope on the shared user object
            if needs_totp:
                _mark_verified(client, user)
        return client


def _mark_verified(client: Client, user: User) -> None:
    """Give a logged-in admin-level test user a confirmed TOTP device and a verified session."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


#: Password of every persona (test data only).
PERSONA_PASSWORD = "persona-pass-123"  # noqa: S105


def _nip(birth: str, tmt: str, seq: int, gender: str = "1") -> str:
    return f"{birth}{tmt}{gender}{seq:03d}"


def build_cast() -> Cast:
    tenant = Tenant.objects.create(name="Kabupaten Uji", region_code="73.99", time_zone=TimeZoneChoice.WITA)
    other = Tenant.objects.create(name="Kota Lain", region_code="74.99", time_zone=TimeZoneChoice.WIT)
    cast = Cast(tenant=tenant, other_tenant=other)
    # Sequence numbers restart with every cast: NIPs are the same in every test (and never run out).
    nip_seq = itertools.count(1)
    system = SystemActor(tenant_id=tenant.pk, label="cast")

    cluster_1 = Cluster.objects.create(tenant=tenant, code="AS-I", name="Asisten I", sort_order=1)
    cluster_2 = Cluster.objects.create(tenant=tenant, code="AS-II", name="Asisten II", sort_order=2)
    cast.clusters = {"asisten_1": cluster_1, "asisten_2": cluster_2}

    root = unit_create(actor=system, parent=None, code="ROOT", name="Pemerintah Kabupaten Uji", kind=OrgUnitKind.REGION)
    units = {"root": root}
    units["setda"] = unit_create(
        actor=system, parent=root, code="SETDA", name="Sekretariat Daerah", kind=OrgUnitKind.SECRETARIAT
    )
    units["disdik"] = unit_create(
        actor=system, parent=root, code="DISDIK", name="Dinas Pendidikan", kind=OrgUnitKind.DINAS, cluster=cluster_1
    )
    units["disdik_bidang"] = unit_create(
        actor=system, parent=units["disdik"], code="DISDIK-SD", name="Bidang Pembinaan SD", kind=OrgUnitKind.BIDANG
    )
    units["dinkes"] = unit_create(
        actor=system, parent=root, code="DINKES", name="Dinas Kesehatan", kind=OrgUnitKind.DINAS, cluster=cluster_2
    )
    units["kec"] = unit_create(
        actor=system, parent=root, code="KEC-A", name="Kecamatan Anggrek", kind=OrgUnitKind.KECAMATAN, cluster=cluster_1
    )
    units["inspektorat"] = unit_create(
        actor=system, parent=root, code="INSP", name="Inspektorat", kind=OrgUnitKind.INSPECTORATE
    )
    units["bkpsdm"] = unit_create(actor=system, parent=root, code="BKPSDM", name="BKPSDM", kind=OrgUnitKind.BADAN)
    cast.units = units

    def post(key: str, unit: str, name: str, ptype: str, eselon: str = "", head: bool = False) -> Position:
        cast.positions[key] = position_create(
            actor=system,
            org_unit=units[unit],
            code=key.upper(),
            name=name,
            position_type=ptype,
            eselon=eselon,
            is_head=head,
        )
        return cast.positions[key]

    post("sekda", "setda", "Sekretaris Daerah", "jpt_pratama", "II.a", head=True)
    post("kadisdik", "disdik", "Kepala Dinas Pendidikan", "jpt_pratama", "II.b", head=True)
    post("kabid_sd", "disdik_bidang", "Kepala Bidang Pembinaan SD", "administrator", "III.b", head=True)
    post("guru", "disdik_bidang", "Pengelola Data", "pelaksana")
    post("kadinkes", "dinkes", "Kepala Dinas Kesehatan", "jpt_pratama", "II.b", head=True)
    post("perawat", "dinkes", "Perawat Terampil", "fungsional")
    post("camat", "kec", "Camat Anggrek", "administrator", "III.a", head=True)
    post("inspektur", "inspektorat", "Inspektur", "jpt_pratama", "II.b", head=True)
    post("analis_sdm", "bkpsdm", "Analis SDM Aparatur", "fungsional")

    def person(key: str, unit: str, name: str, position: str, birth: str, tmt: str, kind: str = "pns") -> Employee:
        employee = employee_create(
            actor=system,
            org_unit=units[unit],
            nip=_nip(birth, tmt, next(nip_seq)),
            name=name,
            kind=kind,
            today=TODAY,
            grade="III/a",
        )
        assignment_start(
            actor=system,
            employee=employee,
            position=cast.positions[position],
            kind=AssignmentKind.DEFINITIVE,
            starts_on=dt.date(2024, 1, 2),
        )
        employee.refresh_from_db()
        cast.employees[key] = employee
        return employee

    person("sekda", "setda", "Andi Sekda", "sekda", "19700101", "199503")
    person("kepala_opd", "disdik", "Budi Kadisdik", "kadisdik", "19720202", "199704")
    person("asn", "disdik_bidang", "Citra Staf", "guru", "19900303", "201505")
    person("asn_other_opd", "dinkes", "Dewi Perawat", "perawat", "19910404", "201606")
    person("camat", "kec", "Eko Camat", "camat", "19800505", "200507")
    person("verifier", "inspektorat", "Fajar Inspektur", "inspektur", "19750606", "200008")
    person("hr_admin", "bkpsdm", "Gita Analis", "analis_sdm", "19850707", "201009")

    def user(key: str, tenant_obj: Tenant, employee: Employee | None = None) -> User:
        u: User = User.objects.create_user(
            username=key, password=PERSONA_PASSWORD, tenant=tenant_obj, employee=employee
        )
        cast.users[key] = u
        return u

    def grant(key: str, role: str, unit: OrgUnit | None = None, cluster: Cluster | None = None) -> None:
        role_assign(actor=system, user=cast.users[key], role=role, org_unit=unit, cluster=cluster)

    user("bupati", tenant)
    grant("bupati", Role.HEAD_OF_REGION, root)
    user("sekda", tenant, cast.employees["sekda"])
    grant("sekda", Role.REGIONAL_SECRETARY, root)
    user("asisten", tenant)
    grant("asisten", Role.ASSISTANT, cluster=cluster_1)
    user("kepala_opd", tenant, cast.employees["kepala_opd"])
    grant("kepala_opd", Role.OPD_HEAD, units["disdik"])
    user("camat", tenant, cast.employees["camat"])
    grant("camat", Role.CAMAT, units["kec"])
    user("verifier", tenant, cast.employees["verifier"])
    grant("verifier", Role.VERIFIER, root)
    user("hr_admin", tenant, cast.employees["hr_admin"])
    grant("hr_admin", Role.HR_ADMIN, root)
    user("asn", tenant, cast.employees["asn"])
    grant("asn", Role.ASN, units["disdik"])
    user("asn_other_opd", tenant, cast.employees["asn_other_opd"])
    grant("asn_other_opd", Role.ASN, units["dinkes"])
    # A Bappeda planner without an employee record in the cast (keeps unit and staff counts of other tests).
    user("planner", tenant)
    grant("planner", Role.PLANNER, root)

    other_system = SystemActor(tenant_id=other.pk, label="cast")
    other_root = unit_create(
        actor=other_system, parent=None, code="ROOT", name="Pemerintah Kota Lain", kind=OrgUnitKind.REGION
    )
    units["other_root"] = other_root
    user("other_tenant", other)
    role_assign(actor=other_system, user=cast.users["other_tenant"], role=Role.HR_ADMIN, org_unit=other_root)
    return cast


def expectations(default: Any, **overrides: Any) -> dict[str, Any]:
    """An expectation per persona: ``default`` unless overridden by name."""
    unknown = set(overrides) - set(PERSONAS) - {"anonymous"}
    if unknown:
        raise KeyError(f"unknown personas: {sorted(unknown)}")
    result = dict.fromkeys(PERSONAS, default)
    result.update(overrides)
    return result
