"""The demo regency's discipline cases: six cases at different stages, written through the real services.

Run after the ladder part (``story_discipline_ladder``), as the system actor ("demo_seed"), with every date
counted back from the demo's ``today`` in the tenant's working days so each step obeys the procedure rules:

1. from an open ladder warning (else by hand): opened, summons I sent, the examination still ahead;
2. berat, with a Tim Pemeriksa of the direct superior, an Inspektorat member who has a user account (he sees
   this case, and only this one, and can record its BAP: the examination day has come) and BKPSDM;
3. sedang, decided by the competent official, delivered, and effective (the nightly advance ran);
4. sedang, delivered, with a keberatan pending;
5. ringan, decided, waiting to be handed to the employee (the delivery deadline shows);
6. closed without a sanction, with the reason.

Examinees are staff (not heads) whose direct superior ranks at or above them, chosen with the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction

from pamong.access.models import RoleAssignment, User
from pamong.access.roles import Role
from pamong.attendance.selectors.excuse_superiors import direct_superior
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.discipline.choices import WarningStatus
from pamong.discipline.models import Case, Warning
from pamong.discipline.rules.sanctions import Level
from pamong.discipline.selectors.calendar import calendar_around
from pamong.discipline.services.appeals import appeal_file
from pamong.discipline.services.case_steps import (
    competent_for,
    decision_delivered,
    decision_record,
    examination_record,
    grade_ordinal,
    summons_issue,
    team_set,
)
from pamong.discipline.services.cases import case_close, case_open, cases_advance
from pamong.org.choices import OrgUnitKind
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

ANSWERS = [
    {"question": "Apakah Saudara mengetahui jam kerja yang berlaku?", "answer": "Ya, 07.30 sampai 16.00 WITA."},
    {
        "question": "Mengapa Saudara tidak masuk kerja pada tanggal-tanggal tersebut?",
        "answer": "Mengurus usaha keluarga.",
    },
    {"question": "Apakah Saudara mengajukan izin kepada atasan?", "answer": "Tidak."},
]
CLOSE_REASON = (
    "Setelah klarifikasi, pegawai terbukti sedang dinas luar ke kecamatan dengan SPT yang sah; dugaan pelanggaran "
    "tidak terbukti."
)


def _staff(tenant: Tenant, rng: random.Random, taken: set[int], limit: int = 200) -> list[Employee]:
    heads = Employee.objects.filter(tenant=tenant, position__is_head=True).values("pk")
    pool = list(
        Employee.objects.filter(tenant=tenant, is_active=True, kind="pns", position__isnull=False)
        .exclude(pk__in=heads)
        .exclude(grade="")
        .select_related("org_unit", "position")
        .order_by("pk")[:2000]
    )
    rng.shuffle(pool)
    return [e for e in pool if e.pk not in taken][:limit]


def _with_superior(
    tenant: Tenant, candidates: list[Employee], day: dt.date, ok: Callable[[Employee], bool]
) -> Employee | None:
    for employee in candidates:
        if not ok(employee):
            continue
        superior = direct_superior(
            tenant_id=tenant.pk, employee_id=employee.pk, unit_path=employee.org_unit.path, day=day
        )
        if superior is None:
            continue
        boss = Employee.objects.get(pk=superior.employee_id)
        if (grade_ordinal(boss.grade) or 0) >= (grade_ordinal(employee.grade) or 99):
            return employee
    return None


def story(tenant: Tenant, *, today: dt.date, seed: int) -> dict[str, int]:
    """Write the case story of ``tenant`` as on ``today``; return the counts the seed command prints."""
    rng = random.Random(seed * 13 + 7)
    system = SystemActor(tenant_id=tenant.pk, label="demo_seed")
    cal = calendar_around(tenant, today - dt.timedelta(days=120), today)

    def back(n: int) -> dt.date:
        return cal.shift(today, -n)

    taken: set[int] = set(Case.objects.filter(tenant=tenant).values_list("employee_id", flat=True))
    made: list[Case] = []

    def pick(ok: Callable[[Employee], bool] = lambda e: True) -> Employee | None:
        found = _with_superior(tenant, _staff(tenant, rng, taken), today, ok)
        if found is not None:
            taken.add(found.pk)
        return found

    def summon(case: Case, received: dt.date, number: str) -> dt.date:
        exam = cal.shift(received, 7)
        summons_issue(
            actor=system,
            case=case,
            letter_number=f"800.1.6/{number}/PGL/{received.year}",
            issued_on=received,
            received_on=received,
            exam_on=exam,
            exam_place="Ruang rapat kantor",
        )
        return exam

    def decide(case: Case, level: Level, sanction: str, signed: dt.date) -> None:
        official, _chain = competent_for(case, level, signed)
        decision_record(
            actor=system,
            case=case,
            sanctions=[sanction],
            decided_by=Employee.objects.get(pk=official.ref) if official else None,
            letter_number=f"800.1.6/{case.number[-4:]}/HD/{signed.year}",
            signed_on=signed,
            considerations="Terbukti tidak masuk kerja tanpa alasan yang sah dan tidak menunjukkan itikad memperbaiki",
            today=today,
        )

    def examine(case: Case, held: dt.date, recommended: str) -> None:
        examination_record(
            actor=system,
            case=case,
            held_on=held,
            place="Ruang rapat kantor",
            answers=ANSWERS,
            findings="Pelanggaran terbukti berdasarkan rekap kehadiran dan pengakuan terperiksa.",
            recommended=recommended,
            examinee_signed=True,
            today=today,
        )

    def manual(employee: Employee, level: str, opened: dt.date, summary: str, code: str = "4f") -> Case:
        return case_open(
            actor=system,
            employee=employee,
            level=level,
            summary=summary,
            violations=[(code, opened - dt.timedelta(days=30), opened - dt.timedelta(days=3), "Hasil sidak")],
            today=opened,
        )

    with transaction.atomic():
        # 1. From a ladder warning still open, else by hand.
        warning = (
            Warning.objects.filter(tenant=tenant, status=WarningStatus.OPEN, case__isnull=True)
            .select_related("employee")
            .order_by("-total_days", "pk")
            .first()
        )
        opened: Case | None = None
        if warning is not None:
            opened = case_open(actor=system, employee=warning.employee, summary="", warning=warning, today=back(3))
            taken.add(warning.employee_id)
        else:
            first = pick()
            opened = manual(first, "ringan", back(3), "Sering terlambat tanpa keterangan.") if first else None
        if opened is not None:
            summon(opened, back(1), "01")
            made.append(opened)

        # 2. Berat with a Tim Pemeriksa; the Inspektorat member has an account.
        inspectors = _unit_people(tenant, OrgUnitKind.INSPECTORATE, with_user=True, role=Role.VERIFIER)
        personnel = _unit_people(
            tenant, OrgUnitKind.BADAN, with_user=True, name="Kepegawaian", role=Role.HR_ADMIN
        ) or _unit_people(tenant, OrgUnitKind.BADAN, with_user=False, name="Kepegawaian")
        if inspectors and personnel:
            lowest = min(grade_ordinal(inspectors[0].grade) or 0, grade_ordinal(personnel[0].grade) or 0)
            # Not from the examiners' own units: the examinee, his superior and the members are three people.
            examiner_units = {inspectors[0].org_unit_id, personnel[0].org_unit_id}
            examinee = pick(lambda e: (grade_ordinal(e.grade) or 99) <= lowest and e.org_unit_id not in examiner_units)
            if examinee is not None:
                case: Case = manual(
                    examinee,
                    "berat",
                    back(20),
                    "Tidak masuk kerja tanpa keterangan 28 hari kerja dalam setahun (rekap presensi dan sidak).",
                )
                superior = Employee.objects.get(pk=case.superior_id or 0)  # pick() chose one with a superior
                team_set(
                    actor=system,
                    case=case,
                    members=[(superior, "superior"), (inspectors[0], "supervision"), (personnel[0], "personnel")],
                )
                summon(case, back(9), "02")  # the examination day (7 working days on) is two days ago
                made.append(case)

        # 3. Sedang, decided, delivered, effective.
        employee = pick()
        if employee is not None:
            case = manual(employee, "sedang", back(45), "Tidak masuk kerja tanpa keterangan 12 hari kerja.")
            examine(case, summon(case, back(42), "03"), "S1")
            decide(case, Level.SEDANG, "S1", back(33))
            decision_delivered(actor=system, case=case, received_on=back(31), today=today)
            made.append(case)

        # 4. Sedang, delivered, keberatan pending.
        employee = pick()
        if employee is not None:
            case = manual(employee, "sedang", back(30), "Menggunakan kendaraan dinas untuk keperluan pribadi.", "5d")
            examine(case, summon(case, back(28), "04"), "S2")
            decide(case, Level.SEDANG, "S2", back(12))
            decision_delivered(actor=system, case=case, received_on=back(10), today=today)
            appeal_file(
                actor=system,
                case=case,
                kind="keberatan",
                filed_on=back(2),
                grounds="Kendaraan dipakai mengantar dokumen dinas; mohon hukuman ditinjau kembali.",
                today=today,
            )
            made.append(case)

        # 5. Ringan, decided, waiting to be handed over.
        employee = pick()
        if employee is not None:
            case = manual(employee, "ringan", back(25), "Terlambat masuk kerja berulang kali pada bulan lalu.")
            examine(case, summon(case, back(22), "05"), "R2")
            decide(case, Level.RINGAN, "R2", back(3))
            made.append(case)

        # 6. Closed without a sanction.
        employee = pick()
        if employee is not None:
            case = manual(employee, "ringan", back(15), "Tidak di tempat saat sidak tanpa keterangan.")
            case_close(actor=system, case=case, reason=CLOSE_REASON, today=back(10))
            made.append(case)

        advanced = cases_advance(tenant=tenant, today=today)
    return {"cases": len(made), "cases_effective": advanced["effective"]}


def _unit_people(tenant: Tenant, kind: str, *, with_user: bool, name: str = "", role: str = "") -> list[Employee]:
    """Employees of the OPD of ``kind`` (and ``name``): the holders of demo login ``role`` first (the verifier of
    the Inspektorat, the BKPSDM admin), then best ranked; only those with a user account if asked."""
    units = OrgUnit.objects.filter(tenant=tenant, kind=kind, closed_on__isnull=True)
    if name:
        units = units.filter(name__icontains=name)
    unit = units.order_by("path").first()
    if unit is None:
        return []
    people = Employee.objects.filter(
        tenant=tenant, is_active=True, kind="pns", org_unit__path__startswith=unit.path
    ).exclude(grade="")
    if with_user:
        people = people.filter(pk__in=User.objects.filter(tenant=tenant, is_active=True).values("employee_id"))
    preferred = (
        set(
            RoleAssignment.objects.filter(user__tenant=tenant, role=role, user__employee__isnull=False).values_list(
                "user__employee_id", flat=True
            )
        )
        if role
        else set()
    )
    return sorted(people, key=lambda e: (e.pk not in preferred, -(grade_ordinal(e.grade) or 0)))
