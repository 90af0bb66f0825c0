"""The demo plan, without a database: determinism, sizes, NIPs, grades, acting heads, history."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

import pytest

from pamong.demo.dto import AssignmentPlan, RegionPlan
from pamong.demo.generator import MIN_EMPLOYEES, plan_city, plan_regency
from pamong.org.choices import OPD_KINDS
from pamong.people.rules.grades import grade_by_code, pppk_grade_by_code
from pamong.people.rules.kinds import EmployeeKind
from pamong.people.rules.nip import parse_nip

TODAY = dt.date(2026, 11, 22)
STRUCTURAL = ("jpt_pratama", "administrator", "pengawas")
# rules.md §9.3 (PP 13/2002) as narrowed by the demo: eselon -> lowest and highest PNS grade.
ESELON_GRADES = {
    "II.a": ("IV/c", "IV/d"),
    "II.b": ("IV/b", "IV/d"),
    "III.a": ("IV/a", "IV/b"),
    "III.b": ("III/d", "IV/a"),
    "IV.a": ("III/c", "III/d"),
    "IV.b": ("III/b", "III/c"),
}
JENJANG_GRADES = {
    "Ahli Madya": ("IV/a", "IV/c"),
    "Ahli Muda": ("III/c", "III/d"),
    "Ahli Pertama": ("III/a", "III/b"),
    "Penyelia": ("III/c", "III/d"),
    "Mahir": ("III/a", "III/b"),
    "Terampil": ("II/c", "II/d"),
}
# The eselon III figure asked for (~240); the catalogue gives 234 (see the docstring of pamong.demo.regions).
ESELON_III = 240


@pytest.fixture(scope="module")
def plan() -> RegionPlan:
    return plan_regency(seed=2026, employees=3000, today=TODAY)


def _ordinal(code: str) -> int:
    return grade_by_code(code).ordinal


def _overlap(a: AssignmentPlan, b: AssignmentPlan) -> bool:
    a_end = a.ends_on or dt.date.max
    b_end = b.ends_on or dt.date.max
    return a.starts_on <= b_end and b.starts_on <= a_end


def test_same_seed_gives_the_same_plan() -> None:
    first = plan_regency(seed=7, employees=400, today=TODAY)
    assert first == plan_regency(seed=7, employees=400, today=TODAY)
    other = plan_regency(seed=8, employees=400, today=TODAY)
    assert [e.nip for e in other.employees] != [e.nip for e in first.employees]
    assert first.units == other.units  # the organisation is the catalogue's, only people vary


def test_sizes_of_the_regency(plan: RegionPlan) -> None:
    counts = plan.counts()
    assert counts["opd"] == 40
    assert counts["kecamatan"] == 12
    assert counts["eselon_ii"] == 34
    assert 0.9 * ESELON_III <= counts["eselon_iii"] <= 1.1 * ESELON_III
    assert counts["eselon_iv"] > counts["eselon_iii"]
    assert counts["employees"] == 3000
    assert 0.18 <= counts["pppk"] / counts["employees"] <= 0.22
    kinds = Counter(u.kind for u in plan.units)
    assert (kinds["dinas"], kinds["badan"], kinds["hospital"]) == (17, 7, 1)
    assert plan.time_zone == "Asia/Makassar"


def test_units_form_a_tree_with_bidang_and_kelurahan(plan: RegionPlan) -> None:
    by_code = {u.code: u for u in plan.units}
    assert [u.code for u in plan.units if u.parent_code is None] == [plan.root.code]
    for unit in plan.units[1:]:
        parent = by_code[unit.parent_code or ""]
        assert unit.depth == parent.depth + 1
        assert unit.code.startswith(parent.code + ".")
    children = defaultdict(list)
    for unit in plan.units:
        children[unit.parent_code].append(unit)
    for unit in plan.units:
        if unit.kind in ("dinas", "badan"):
            bidang = [c for c in children[unit.code] if c.kind == "bidang" and c.name.startswith("Bidang")]
            assert 3 <= len(bidang) <= 5, unit.name
            assert all(any(s.kind == "seksi" for s in children[b.code]) for b in bidang)
        if unit.kind == "kecamatan":
            assert 3 <= sum(1 for c in children[unit.code] if c.kind == "kelurahan") <= 8
    setda = next(u for u in plan.units if u.kind == "secretariat")
    assert len([c for c in children[setda.code] if c.kind == "bagian"]) == 10
    assert sum(1 for u in plan.units if u.kind == "upt" and u.name.startswith("Puskesmas")) >= 12


def test_administrator_posts_of_a_tipe_a_regency(plan: RegionPlan) -> None:
    units = {u.code: u for u in plan.units}
    posts = [p for p in plan.positions if p.eselon]
    by_name = {p.name: p for p in posts}
    assert by_name["Sekretaris Dinas Sosial"].eselon == "III.a"
    assert by_name["Kepala Bidang Kebudayaan"].eselon == "III.b"
    assert sum(1 for p in posts if p.name.startswith("Wakil Direktur")) == 2
    assert sum(1 for p in posts if p.name.startswith("Inspektur Pembantu")) == 5
    lurah = [p for p in posts if p.name.startswith("Lurah ")]
    assert len(lurah) == 56 and {(p.eselon, p.position_type) for p in lurah} == {("III.b", "administrator")}
    seklur = [p for p in posts if p.name.startswith("Sekretaris Kelurahan")]
    assert {p.eselon for p in seklur} == {"IV.a"}
    assert all(units[p.unit_code].kind == "kelurahan" for p in lurah + seklur)
    city = plan_city(seed=2026, today=TODAY)
    assert {p.eselon for p in city.positions if p.name.startswith("Lurah ")} == {"IV.a"}


def test_asisten_clusters_follow_rules_10_3(plan: RegionPlan) -> None:
    cluster_of = {u.short_name or u.name: u.cluster_code for u in plan.units if u.cluster_code}
    assert {c.code for c in plan.clusters} == {"AS-I", "AS-II", "AS-III"}
    assert cluster_of["Disdukcapil"] == cluster_of["Satpol PP dan Damkar"] == cluster_of["Kesbangpol"] == "AS-I"
    assert cluster_of["Melati"] == "AS-I"  # kecamatan
    assert cluster_of["Dinas PUPRPKP"] == cluster_of["DLH"] == cluster_of["DPMPTSP-Naker"] == "AS-II"
    assert cluster_of["BKPSDM"] == cluster_of["BPKAD"] == cluster_of["Setwan"] == "AS-III"
    assert cluster_of["Bagian Hukum"] == "AS-I"
    assert cluster_of["Bagian Organisasi"] == "AS-III"
    inspectorate = next(u for u in plan.units if u.kind == "inspectorate")
    assert inspectorate.cluster_code is None  # answers to the Bupati


def test_every_opd_has_one_head_post(plan: RegionPlan) -> None:
    heads = Counter(p.unit_code for p in plan.positions if p.is_head)
    assert all(count == 1 for count in heads.values())
    for unit in plan.units:
        if unit.kind in OPD_KINDS:
            assert heads[unit.code] == 1, unit.name
    sekda = next(p for p in plan.positions if p.name == "Sekretaris Daerah")
    assert (sekda.eselon, sekda.position_type) == ("II.a", "jpt_pratama")


def test_every_nip_is_valid_unique_and_matches_the_person(plan: RegionPlan) -> None:
    nips = [e.nip for e in plan.employees]
    assert len(set(nips)) == len(nips)
    for e in plan.employees:
        info = parse_nip(e.nip, kind=EmployeeKind(e.kind), today=TODAY)
        assert info.warnings == (), e.nip
        assert info.birth_date == e.birth_date
        assert info.gender.value == e.gender
        assert info.appointment_year == e.appointment_year
        assert info.appointment_month == e.appointment_month
        assert info.is_pppk_marker == (e.kind == "pppk")
        if e.kind == "pppk":
            assert e.nip[12:14] == "21"


def test_city_nips_are_valid_too() -> None:
    city = plan_city(seed=2026, today=TODAY)
    assert city.time_zone == "Asia/Jayapura"
    assert city.counts()["employees"] == 50
    for e in city.employees:
        parse_nip(e.nip, kind=EmployeeKind(e.kind), today=TODAY)


def test_grades_fit_the_posts(plan: RegionPlan) -> None:
    positions = {p.code: p for p in plan.positions}
    for e in plan.employees:
        if not e.is_active:
            continue
        post = positions[e.position_code or ""]
        if e.kind == "pppk":
            assert post.position_type not in STRUCTURAL
            assert 5 <= pppk_grade_by_code(e.grade).ordinal <= 11, e
            continue
        grade = _ordinal(e.grade)
        if post.eselon:
            low, high = ESELON_GRADES[post.eselon]
        elif post.position_type == "pelaksana":
            low, high = "II/a", "III/b"
        else:
            low, high = next(band for jenjang, band in JENJANG_GRADES.items() if post.name.endswith(jenjang))
        assert _ordinal(low) <= grade <= _ordinal(high), (post.name, e.grade)


def test_ages_and_service_are_plausible(plan: RegionPlan) -> None:
    for e in plan.employees:
        age = TODAY.year - e.birth_date.year
        assert e.appointment_year - e.birth_date.year >= 19
        assert e.appointment_year <= TODAY.year
        if e.is_active:
            assert 19 <= age <= 60
        else:
            assert e.position_code is None  # retired: no current post
        assert re.fullmatch(r"08\d{10}", e.phone)
        assert e.name and len(e.front_title) <= 40 and len(e.back_title) <= 60


def test_acting_heads_and_history(plan: RegionPlan) -> None:
    positions = {p.code: p for p in plan.positions}
    current = [a for a in plan.assignments if a.starts_on <= TODAY and (a.ends_on is None or a.ends_on >= TODAY)]
    plt = [a for a in current if a.kind == "plt"]
    assert 3 <= len(plt) <= 6
    assert all(positions[a.position_code].is_head for a in plt)
    definitive_posts = {a.position_code for a in current if a.kind == "definitive"}
    assert not definitive_posts.intersection(a.position_code for a in plt)  # a Plt only in a vacant post
    assert 1 <= sum(1 for a in plan.assignments if a.kind == "plh") <= 2
    pupr = next(p for p in plan.positions if p.name.startswith("Kepala Dinas Pekerjaan Umum"))
    pupr_plt = next(a for a in plt if a.position_code == pupr.code)
    assert 140 <= (TODAY - pupr_plt.starts_on).days <= 165
    assert any(positions[a.position_code].name.startswith("Camat") for a in plt)
    moved = [a for a in plan.assignments if a.kind == "definitive" and a.ends_on is not None]
    assert len(moved) >= 6
    # Whoever headed PUPR before the Plt is still in service, now as Asisten.
    before = next(
        a for a in moved if a.position_code == pupr.code and a.ends_on == pupr_plt.starts_on - dt.timedelta(1)
    )
    successor = plan.employees[before.employee_index]
    assert successor.is_active and positions[successor.position_code or ""].name.startswith("Asisten")


def test_assignments_keep_the_service_invariants(plan: RegionPlan) -> None:
    positions = {p.code: p for p in plan.positions}
    by_post: dict[str, list[AssignmentPlan]] = defaultdict(list)
    by_person: dict[int, list[AssignmentPlan]] = defaultdict(list)
    for a in plan.assignments:
        assert a.ends_on is None or a.ends_on >= a.starts_on
        by_post[a.position_code].append(a)
        if a.kind == "definitive":
            by_person[a.employee_index].append(a)
    for code, rows in by_post.items():
        if positions[code].position_type not in STRUCTURAL:
            assert all(a.kind == "definitive" for a in rows)
            continue
        definitive = [a for a in rows if a.kind == "definitive"]
        acting = [a for a in rows if a.kind != "definitive"]
        assert not any(_overlap(a, b) for i, a in enumerate(definitive) for b in definitive[i + 1 :]), code
        assert not any(_overlap(a, b) for i, a in enumerate(acting) for b in acting[i + 1 :]), code
        for a in acting:
            if a.kind == "plt":
                assert not any(_overlap(a, d) for d in definitive), code
    for index, rows in by_person.items():
        assert not any(_overlap(a, b) for i, a in enumerate(rows) for b in rows[i + 1 :]), index
        employee = plan.employees[index]
        open_rows = [a for a in rows if a.ends_on is None]
        if employee.is_active:
            assert [a.position_code for a in open_rows] == [employee.position_code]
            assert positions[employee.position_code or ""].unit_code == employee.unit_code


def test_demo_logins_one_per_role(plan: RegionPlan) -> None:
    users = {u.username: u for u in plan.users}
    assert {u.role for u in plan.users} == {
        "head_of_region",
        "deputy_head",
        "regional_secretary",
        "assistant",
        "opd_head",
        "camat",
        "verifier",
        "hr_admin",
        "asn",
        "planner",
        "performance_operator",
        "platform_admin",
    }
    positions = {p.code: p for p in plan.positions}
    units = {u.code: u for u in plan.units}

    def post_of(username: str) -> str:
        index = users[username].employee_index
        assert index is not None
        return positions[plan.employees[index].position_code or ""].name

    assert post_of("sekda") == "Sekretaris Daerah"
    assert post_of("asisten1") == "Asisten Pemerintahan dan Kesejahteraan Rakyat"
    assert post_of("kadis.pendidikan") == "Kepala Dinas Pendidikan dan Kebudayaan"
    assert post_of("camat.melati") == "Camat Melati"
    assert post_of("kadis.kesehatan") == "Kepala Dinas Kesehatan"
    assert post_of("operator.pendidikan") == "Perencana Ahli Pertama"
    operator = plan.employees[users["operator.pendidikan"].employee_index or 0]
    assert operator.unit_code == users["operator.pendidikan"].unit_code == users["kadis.pendidikan"].unit_code
    assert post_of("asn.pendidikan") == "Guru Ahli Pertama"
    assert post_of("perencana.bappeda") == "Perencana Ahli Madya"
    assert users["perencana.bappeda"].unit_code == plan.root.code  # the RPJMD is tenant-wide
    assert users["asisten1"].cluster_code == "AS-I"
    assert users["admin.bkpsdm"].needs_totp and users["admin"].is_platform_admin
    assert users["bupati"].employee_index is None
    staff = plan.employees[users["asn.pendidikan"].employee_index or 0]
    assert units[staff.unit_code].opd_code == users["asn.pendidikan"].unit_code


def test_size_limits() -> None:
    small = plan_regency(seed=1, employees=MIN_EMPLOYEES, today=TODAY)
    assert small.counts()["employees"] == MIN_EMPLOYEES
    assert any(a.kind == "plt" for a in small.assignments)
    with pytest.raises(ValueError, match="Jumlah pegawai demo"):
        plan_regency(seed=1, employees=MIN_EMPLOYEES - 1, today=TODAY)
