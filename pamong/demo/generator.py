"""Plans the demo regions: a fictional kabupaten of ~40 OPDs and a small kota, as dataclasses.

``plan_regency(seed=..., employees=..., today=...)`` returns a ``RegionPlan`` that
depends on nothing but its arguments: the same seed, size and day give the same
plan, row for row (one ``random.Random(seed)``, consumed in a fixed order; no set
or clock is read). Nothing here touches the database; ``loader`` writes a plan.

Sizing: every structural post is filled first (eselon II, then III, then IV),
keeping at least a fifth of the employees as staff; the rest are pelaksana and
fungsional placed by share (half in education, mostly teachers in the UPTD; a
fifth in health) and by job weight. About 20 % are PPPK, mostly teachers and
health workers. A few retired former heads are added (inactive) for the history.
"""

from __future__ import annotations

import datetime as dt
import random

from .catalog import RESERVED_JOBS, RegionSpec
from .dto import RegionPlan, UserPlan
from .history import TANAH_BUNGA_HISTORY, Scenario, apply_history
from .planning_catalog import TARGET_YEAR
from .planning_plan import PlanningPlan, plan_planning
from .regions import TANAH_BUNGA, TELUK_SUNYI
from .roster import PPPK_SHARE, Roster
from .story import plan_story
from .story_accounts import AccountPlan, RolePlan
from .story_dto import StoryPlan
from .structure import build_structure

DEFAULT_EMPLOYEES = 3000
MIN_EMPLOYEES = 100
MAX_EMPLOYEES = 200_000
CITY_EMPLOYEES = 50

#: Where the staff behind the demo logins work (a unit tag per reserved job).
TANAH_BUNGA_RESERVED = {
    "asn.pendidikan": "uptd:disdik:1",
    "asn.kesehatan": "puskesmas:1",
    "verifikator.bappeda": "bidang:bappeda:4",
    "perencana.bappeda": "bidang:bappeda:1",
    "verifikator.inspektorat": "irban:1",
    "admin.bkpsdm": "bidang:bkpsdm:1",
    "operator.pendidikan": "opd:disdik",
}
TELUK_SUNYI_RESERVED = {"admin.teluksunyi": "opd:bkpsdm"}


def _fill(
    spec: RegionSpec,
    rng: random.Random,
    employees: int,
    today: dt.date,
    reserved: dict[str, str],
    scenario: Scenario,
    heads_settled_by: dt.date | None = None,
) -> tuple[Roster, dict[str, int]]:
    # The organisation depends on the catalogue only (its own generator); the seed varies the people.
    structure = build_structure(spec, random.Random(spec.region_code))
    roster = Roster(rng=rng, today=today, structure=structure, heads_settled_by=heads_settled_by)
    vacant = {structure.tags[tag] for tag in scenario.vacant_tags() if tag in structure.tags}
    structural = sorted((p for p in structure.positions if p.code not in vacant), key=lambda p: structure.rank[p.code])
    staff_min = max(len(reserved), employees // 5)
    for position in structural[: max(employees - staff_min, 0)]:
        roster.fill_structural(position)
    staff = employees - len(roster.employees)
    linked: dict[str, int] = {}
    for username, unit_tag in reserved.items():
        linked[username] = roster.fill_staff(structure.unit_tags[unit_tag], RESERVED_JOBS[username], pppk=False)
    slots = roster.staff_slots(staff - len(reserved))
    pppk = roster.choose_pppk(slots, round(employees * PPPK_SHARE))
    for (unit_code, job), is_pppk in zip(slots, pppk, strict=True):
        roster.fill_staff(unit_code, job, pppk=is_pppk)
    apply_history(roster, scenario)
    return roster, linked


def _plan(
    spec: RegionSpec,
    roster: Roster,
    seed: int,
    today: dt.date,
    users: list[UserPlan],
    planning: PlanningPlan | None = None,
) -> RegionPlan:
    s = roster.structure
    positions = tuple(s.positions) + tuple(roster.staff_positions)
    story: StoryPlan | None = None
    accounts: tuple[AccountPlan, ...] = ()
    roles: tuple[RolePlan, ...] = ()
    if planning is not None:
        story, accounts, roles = plan_story(
            seed=seed,
            today=today,
            tenant_name=spec.name,
            time_zone=spec.time_zone,
            place=spec.seat,
            units=s.units,
            unit_tags=s.unit_tags,
            positions=positions,
            assignments=roster.assignments,
            employees=roster.employees,
            planning=planning,
            users=users,
        )
    return RegionPlan(
        name=spec.name,
        region_code=spec.region_code,
        time_zone=spec.time_zone,
        seed=seed,
        today=today,
        clusters=tuple(s.clusters),
        units=tuple(s.units),
        positions=positions,
        employees=tuple(roster.employees),
        assignments=tuple(roster.assignments),
        users=tuple(users),
        planning=planning,
        story=story,
        accounts=accounts,
        roles=roles,
    )


def _check_size(employees: int, low: int) -> None:
    if not low <= employees <= MAX_EMPLOYEES:
        raise ValueError(f"Jumlah pegawai demo harus {low}–{MAX_EMPLOYEES}, bukan {employees}.")


def plan_regency(*, seed: int, employees: int = DEFAULT_EMPLOYEES, today: dt.date) -> RegionPlan:
    """Kabupaten Tanah Bunga (WITA) with ``employees`` active ASN, as on ``today``."""
    _check_size(employees, MIN_EMPLOYEES)
    spec = TANAH_BUNGA
    rng = random.Random(seed)
    # Heads of OPDs and kecamatan were in office when the performance year began (its PKs name them).
    settled = dt.date(TARGET_YEAR, 1, 1)
    roster, linked = _fill(spec, rng, employees, today, TANAH_BUNGA_RESERVED, TANAH_BUNGA_HISTORY, settled)
    tags, units = roster.structure.tags, roster.structure.unit_tags

    def holder(tag: str) -> int | None:
        return roster.holders.get(tags[tag])

    root = units["root"]
    camat_kec = 2  # Kecamatan Melati: its camat came from Cempaka in a rotation (see history)
    camat_name = spec.kecamatan[camat_kec - 1][0].lower().replace(" ", "")
    users = [
        # Elected officials are not ASN: their logins have no employee record, only a name.
        UserPlan("bupati", "head_of_region", root, None, None, first_name="H. Andi Baso Mappatunru, S.E., M.Si."),
        UserPlan("wabup", "deputy_head", root, None, None, first_name="Hj. Sitti Nurhaedah, S.H."),
        UserPlan("sekda", "regional_secretary", root, None, holder("sekda")),
        UserPlan("asisten1", "assistant", None, "AS-I", holder("asisten:AS-I")),
        UserPlan("kadis.pendidikan", "opd_head", units["opd:disdik"], None, holder("head:disdik")),
        UserPlan(
            "operator.pendidikan", "performance_operator", units["opd:disdik"], None, linked["operator.pendidikan"]
        ),
        *(
            [UserPlan("kadis.kesehatan", "opd_head", units["opd:dinkes"], None, holder("head:dinkes"))]
            if holder("head:dinkes") is not None
            else []
        ),
        UserPlan(f"camat.{camat_name}", "camat", units[f"kec:{camat_kec}"], None, holder(f"camat:{camat_kec}")),
        UserPlan("verifikator.bappeda", "verifier", root, None, linked["verifikator.bappeda"]),
        UserPlan("perencana.bappeda", "planner", root, None, linked["perencana.bappeda"]),
        UserPlan("verifikator.inspektorat", "verifier", root, None, linked["verifikator.inspektorat"]),
        UserPlan("admin.bkpsdm", "hr_admin", root, None, linked["admin.bkpsdm"], needs_totp=True),
        UserPlan("asn.pendidikan", "asn", units["opd:disdik"], None, linked["asn.pendidikan"]),
        UserPlan("asn.kesehatan", "asn", units["opd:dinkes"], None, linked["asn.kesehatan"]),
        UserPlan(
            "admin", "platform_admin", None, None, None, "Admin", "Platform", needs_totp=True, is_platform_admin=True
        ),
    ]
    planning = plan_planning(seed=seed, units=roster.structure.units, unit_tags=units, position_tags=tags)
    return _plan(spec, roster, seed, today, users, planning)


def plan_city(*, seed: int, employees: int = CITY_EMPLOYEES, today: dt.date) -> RegionPlan:
    """Kota Teluk Sunyi (WIT): a handful of units and ``employees`` ASN, to show tenant isolation."""
    _check_size(employees, 20)
    spec = TELUK_SUNYI
    rng = random.Random(seed + 1)
    roster, linked = _fill(spec, rng, employees, today, TELUK_SUNYI_RESERVED, Scenario())
    users = [
        UserPlan(
            "admin.teluksunyi",
            "hr_admin",
            roster.structure.unit_tags["root"],
            None,
            linked["admin.teluksunyi"],
            needs_totp=True,
        ),
    ]
    return _plan(spec, roster, seed, today, users)
