"""The demo's planning cascade: the plan (no database), then the loaded rows against the planning app's own rules."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from pamong.access.models import User
from pamong.core.audit import verify_chain
from pamong.core.models import AuditEvent, Tenant
from pamong.demo.dto import RegionPlan
from pamong.demo.generator import plan_city, plan_regency
from pamong.demo.planning_plan import MAXIMIZE, MINIMIZE, OPD, REGIONAL, IndicatorPlan, PlanningPlan
from pamong.performance.rules.aggregation import Aggregation, check_trajectory
from pamong.performance.rules.periods import PeriodKind
from pamong.planning import services
from pamong.planning.choices import PERIODS_PER_YEAR, LowerIsBetterFormula, PeriodStatus, ProgramKind
from pamong.planning.models import Indicator, PlanPeriod, PriorityProgram, StrategicTarget
from pamong.planning.selectors import orphan_indicators, plan_tree
from pamong.planning.services.indicators import check_definition, check_targets

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def region() -> RegionPlan:
    return plan_regency(seed=2026, employees=400, today=TODAY)


@pytest.fixture(scope="module")
def plan(region: RegionPlan) -> PlanningPlan:
    assert region.planning is not None
    return region.planning


def _check(indicator: IndicatorPlan | Indicator, trajectory: dict[int, Decimal], annual: Decimal) -> None:
    check_trajectory(
        trajectory,
        kind=PeriodKind(indicator.period_kind),
        method=Aggregation(indicator.aggregation),
        annual_target=annual,
    )


# --- the plan --------------------------------------------------------------------------------


def test_same_seed_gives_the_same_plan_and_another_seed_other_figures() -> None:
    first = plan_regency(seed=7, employees=400, today=TODAY).planning
    assert first is not None
    assert first == plan_regency(seed=7, employees=400, today=TODAY).planning
    other = plan_regency(seed=8, employees=400, today=TODAY).planning
    assert other is not None
    assert [i.name for i in other.indicators] == [i.name for i in first.indicators]  # the same RPJMD text
    assert [i.trajectory for i in other.indicators] != [i.trajectory for i in first.indicators]
    assert plan_city(seed=7, today=TODAY).planning is None  # Kota Teluk Sunyi has no plan in the demo


def test_the_rpjmd_has_five_missions_goals_targets_and_iku(plan: PlanningPlan) -> None:
    assert plan.name == "RPJMD 2025–2030" and (plan.start_year, plan.end_year) == (2025, 2030)
    assert [m.number for m in plan.missions] == [1, 2, 3, 4, 5]
    goals_per_mission = Counter(g.mission_number for g in plan.goals)
    assert all(2 <= goals_per_mission[m.number] <= 3 for m in plan.missions)
    assert 14 <= len(plan.targets) <= 18
    assert {t.goal_code for t in plan.targets} == {g.code for g in plan.goals}  # every goal has a target
    iku = Counter(i.regional_target_code for i in plan.indicators if i.level == REGIONAL)
    assert all(1 <= iku[t.code] <= 2 for t in plan.targets)


def test_seven_program_pokok_and_two_gerakan_each_owned_by_an_opd(region: RegionPlan, plan: PlanningPlan) -> None:
    kinds = Counter(p.kind for p in plan.programs)
    assert kinds == {ProgramKind.PROGRAM: 7, ProgramKind.MOVEMENT: 2}
    units = {u.code: u for u in region.units}
    owners = {p.name: units[p.owner_unit_code] for p in plan.programs}
    assert all(u.depth == 1 for u in owners.values())
    assert owners["Gerakan Disiplin ASN"].short_name == "BKPSDM"
    assert owners["Tanah Bunga Sehat"].short_name == "Dinkes"
    assert owners["Tanah Bunga Prima"].short_name == "DPMPTSP-Naker"


def test_every_opd_and_kecamatan_has_a_renstra(region: RegionPlan, plan: PlanningPlan) -> None:
    strategic = defaultdict(list)
    for s in plan.strategic:
        strategic[s.unit_code].append(s)
    per_target = Counter((i.unit_code, i.strategic_target_code) for i in plan.indicators if i.level == OPD)
    opds = [u for u in region.units if u.depth == 1]
    assert len(opds) == 40
    for unit in opds:
        assert 2 <= len(strategic[unit.code]) <= 3, unit.name
        for s in strategic[unit.code]:
            assert 3 <= per_target[(unit.code, s.code)] <= 5, (unit.name, s.code)
            assert s.regional_target_code or s.program_code  # only the deliberate orphans hang under nothing
    regional_codes, program_codes = {t.code for t in plan.targets}, {p.code for p in plan.programs}
    assert {s.regional_target_code for s in plan.strategic} - {None} <= regional_codes
    assert {s.program_code for s in plan.strategic} - {None} <= program_codes
    orphans = [i for i in plan.indicators if i.is_orphan]
    assert 2 <= len(orphans) <= 3


def test_indicators_keep_the_planning_rules(region: RegionPlan, plan: PlanningPlan) -> None:
    strategic = {(s.unit_code, s.code) for s in plan.strategic}
    assert len({(i.unit_code, i.code) for i in plan.indicators}) == len(plan.indicators)  # codes unique per unit
    for i in plan.indicators:
        if i.level == REGIONAL:
            assert i.unit_code == region.root.code and i.regional_target_code
            assert i.strategic_target_code is None and i.program_code is None
        else:
            assert i.regional_target_code is None
            assert i.strategic_target_code is None or (i.unit_code, i.strategic_target_code) in strategic
        if i.polarity == MINIMIZE:
            assert i.lower_is_better_formula in LowerIsBetterFormula.values
        else:
            assert i.polarity == MAXIMIZE and i.lower_is_better_formula == ""
        assert i.weight > 0 and i.baseline >= 0 and i.year == 2026
        assert len(i.trajectory) == PERIODS_PER_YEAR[i.period_kind]  # type: ignore[index]
    mixed = Counter((i.polarity, i.aggregation, i.period_kind) for i in plan.indicators)
    assert {p for p, _, _ in mixed} == {MAXIMIZE, MINIMIZE}
    assert {a for _, a, _ in mixed} == {"cumulative", "latest", "average"}
    assert {k for _, _, k in mixed} == {"monthly", "quarterly"}
    names = {i.name: i for i in plan.indicators}
    assert names["Rata-rata lama waktu pelayanan perizinan"].unit_of_measure == "hari"
    assert names["Rata-rata lama waktu pelayanan perizinan"].polarity == MINIMIZE
    assert names["Angka kematian bayi"].polarity == names["Persentase penduduk miskin"].polarity == MINIMIZE


def test_every_trajectory_agrees_with_its_annual_target(plan: PlanningPlan) -> None:
    for i in plan.indicators:
        _check(i, dict(enumerate(i.trajectory, start=1)), i.annual_target)


# --- loaded ----------------------------------------------------------------------------------


@pytest.fixture
def seeded(db: None) -> Tenant:
    call_command("demo_seed", "--employees", "300", "--seed", "11", stdout=io.StringIO())
    return Tenant.objects.get(region_code="73.90")


def _user(username: str) -> User:
    return User.objects.select_related("tenant").get(username=username)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_loaded_rows_pass_the_services_own_checks(seeded: Tenant) -> None:
    [period] = PlanPeriod.objects.filter(tenant=seeded)
    assert period.status == PeriodStatus.ACTIVE and period.name == "RPJMD 2025–2030"
    assert not PlanPeriod.objects.filter(tenant__region_code="91.79").exists()
    indicators = list(
        Indicator.objects.filter(tenant=seeded)
        .select_related(
            "org_unit",
            "period",
            "regional_target__goal__mission",
            "strategic_target",
            "priority_program",
            "responsible_position",
        )
        .prefetch_related("annual_targets", "period_targets")
    )
    assert indicators
    for i in indicators:
        data = services.IndicatorData(
            code=i.code,
            name=i.name,
            unit_of_measure=i.unit_of_measure,
            polarity=i.polarity,
            lower_is_better_formula=i.lower_is_better_formula,
            baseline=i.baseline,
            aggregation=i.aggregation,
            period_kind=i.period_kind,
            weight=i.weight,
            data_source=i.data_source,
            responsible_position=i.responsible_position,
            regional_target=i.regional_target,
            strategic_target=i.strategic_target,
            priority_program=i.priority_program,
        )
        assert check_definition(period=i.period, org_unit=i.org_unit, level=i.level, data=data) == {}
        [annual] = i.annual_targets.all()
        trajectory = {t.period_no: t.target for t in i.period_targets.all()}
        assert (
            check_targets(
                period=i.period,
                period_kind=i.period_kind,
                aggregation=i.aggregation,
                year=annual.year,
                annual_target=annual.annual_target,
                period_targets=trajectory,
            )
            == {}
        )
        _check(i, trajectory, annual.annual_target)
        assert i.responsible_position is not None and i.responsible_position.is_head


def test_the_bupati_sees_the_whole_tree_with_the_orphan_warning(seeded: Tenant, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    bupati = _user("bupati")
    period = PlanPeriod.objects.get(tenant=seeded)
    with django_assert_num_queries(7):  # the actor's roles, then one query per level of the cascade
        tree = plan_tree(actor=bupati, period=period)
    assert len(tree.missions) == 5 and len(tree.programs) == 9
    assert tree.indicator_count == Indicator.objects.filter(tenant=seeded).count()
    assert 2 <= len(tree.orphans) <= 3 and not tree.unlinked_strategic
    orphans = list(orphan_indicators(actor=bupati, period=period))
    assert {o.pk for o in orphans} == {o.pk for o in tree.orphans}
    assert {o.org_unit.short_name for o in orphans} == {"Dispusip", "Disparpora", "Kesbangpol"}
    discipline = next(p for p in tree.programs if p.program.name == "Gerakan Disiplin ASN")
    assert discipline.indicators and {i.org_unit.short_name for i in discipline.indicators} == {"BKPSDM"}
    client = _client(bupati)
    page = client.get("/perencanaan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Indikator yatim" in html and "Tanah Bunga Mekar" in html and "Gerakan Disiplin ASN" in html


def test_a_kepala_opd_sees_only_his_renstra_and_the_planner_all(seeded: Tenant) -> None:
    period = PlanPeriod.objects.get(tenant=seeded)
    kadis = _user("kadis.pendidikan")
    tree = plan_tree(actor=kadis, period=period)
    units = {
        n.target.org_unit.short_name for m in tree.missions for g in m.goals for t in g.targets for n in t.strategic
    }
    assert units == {"Disdikbud"}
    assert not tree.orphans and not orphan_indicators(actor=kadis, period=period).exists()
    assert len(tree.missions) == 5  # the RPJMD itself is tenant-wide
    planner = _user("perencana.bappeda")
    assert Indicator.objects.visible_to(planner, "planning.manage").count() == Indicator.objects.count()
    assert StrategicTarget.objects.visible_to(planner, "planning.view").count() == StrategicTarget.objects.count()
    assert PriorityProgram.objects.visible_to(planner, "planning.view").count() == 9
    page = _client(planner).get("/perencanaan/")
    assert page.status_code == 200 and "Tambah misi" in page.content.decode()


def test_audit_chain_verifies_and_the_seed_event_counts_the_plan(seeded: Tenant) -> None:
    checked, problem = verify_chain(seeded.pk)
    assert problem is None and checked >= 2
    event = AuditEvent.objects.get(tenant=seeded, action="demo.seeded")
    assert event.after["missions"] == 5 and event.after["priority_programs"] == 9
    assert event.after["indicators"] == Indicator.objects.filter(tenant=seeded).count()
    assert not AuditEvent.objects.filter(tenant=seeded, action__startswith="planning.").exists()
