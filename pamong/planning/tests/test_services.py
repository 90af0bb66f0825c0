"""Planning services: the cascade, indicator definitions, trajectories; refusals write nothing."""

from decimal import Decimal

import pytest

from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.planning import services
from pamong.planning.choices import IndicatorLevel, LowerIsBetterFormula, PeriodKind, PeriodStatus, Polarity
from pamong.planning.models import Indicator, IndicatorTarget, Mission, PeriodTarget, PlanPeriod, StrategicTarget
from pamong.planning.selectors import orphan_indicators, plan_tree

pytestmark = pytest.mark.django_db


def events(action):
    return AuditEvent.objects.filter(action=action).count()


def data(**overrides):
    values = {"code": "IKN", "name": "Indikator baru", "unit_of_measure": "%"}
    values.update(overrides)
    return services.IndicatorData(**values)


def test_plan_builds_through_the_services_with_audit(cast, plan):
    assert plan.period.status == PeriodStatus.ACTIVE
    assert events("planning.period.created") == 1 and events("planning.indicator.created") == 3
    assert IndicatorTarget.objects.get(indicator=plan.indicator).annual_target == Decimal("100")
    assert list(PeriodTarget.objects.filter(indicator=plan.indicator).values_list("period_no", flat=True)) == [
        1,
        2,
        3,
        4,
    ]


def test_period_span_is_five_years(cast):
    user = cast.users["planner"]
    with pytest.raises(ValidationFailed) as failure:
        services.period_create(actor=user, name="RPJMD", start_year=2025, end_year=2029, vision="Visi")
    assert "2030" in failure.value.field_errors["end_year"][0]
    assert not PlanPeriod.objects.exists()


def test_only_one_period_in_force(cast, plan):
    user = cast.users["planner"]
    other = services.period_create(actor=user, name="RPJMD 2030–2035", start_year=2030, end_year=2035, vision="V")
    with pytest.raises(Conflict):
        services.period_activate(actor=user, period=other)
    with pytest.raises(ValidationFailed):
        services.period_close(actor=user, period=plan.period, reason=" ")
    services.period_close(actor=user, period=plan.period, reason="Perda RPJMD 2030–2035")
    services.period_activate(actor=user, period=other)
    assert PlanPeriod.objects.get(pk=other.pk).status == PeriodStatus.ACTIVE


def test_rpjmd_rows_need_the_planner(cast, plan):
    with pytest.raises(Forbidden):
        services.mission_create(actor=cast.users["kepala_opd"], period=plan.period, number=2, text="Misi dua")
    with pytest.raises(NotFoundError):
        services.mission_create(actor=cast.users["other_tenant"], period=plan.period, number=2, text="Misi dua")
    mission = services.mission_create(actor=cast.users["planner"], period=plan.period, number=2, text="Misi dua")
    assert mission.tenant_id == cast.tenant.pk
    with pytest.raises(ValidationFailed) as failure:
        services.mission_create(actor=cast.users["planner"], period=plan.period, number=2, text="Lagi")
    assert "number" in failure.value.field_errors
    assert Mission.objects.count() == 2


def test_opd_head_maintains_only_own_renstra(cast, plan):
    head = cast.users["kepala_opd"]
    target = services.strategic_target_create(
        actor=head, org_unit=cast.units["disdik"], period=plan.period, code="SS2", text="Sasaran dua"
    )
    assert target.org_unit == cast.units["disdik"]
    with pytest.raises(Forbidden):  # an ASN of the OPD reads its plan but may not change it
        services.strategic_target_create(
            actor=cast.users["asn"], org_unit=cast.units["disdik"], period=plan.period, code="SS3", text="x"
        )
    with pytest.raises(NotFoundError):
        services.strategic_target_create(
            actor=head, org_unit=cast.units["dinkes"], period=plan.period, code="SS3", text="x"
        )
    assert StrategicTarget.objects.count() == 2


def test_minimize_requires_a_formula_and_weight_must_be_positive(cast, plan):
    before = Indicator.objects.count()
    with pytest.raises(ValidationFailed) as failure:
        services.indicator_create(
            actor=cast.users["kepala_opd"],
            org_unit=cast.units["disdik"],
            period=plan.period,
            level=IndicatorLevel.OPD,
            data=data(polarity=Polarity.MINIMIZE, weight=Decimal("0")),
        )
    assert set(failure.value.field_errors) == {"lower_is_better_formula", "weight"}
    with pytest.raises(ValidationFailed) as failure:
        services.indicator_create(
            actor=cast.users["kepala_opd"],
            org_unit=cast.units["disdik"],
            period=plan.period,
            level=IndicatorLevel.OPD,
            data=data(lower_is_better_formula=LowerIsBetterFormula.MAJALENGKA),
        )
    assert "lower_is_better_formula" in failure.value.field_errors
    assert Indicator.objects.count() == before


def test_regional_indicator_sits_on_the_root_under_a_regional_target(cast, plan):
    with pytest.raises(ValidationFailed) as failure:
        services.indicator_create(
            actor=cast.users["planner"],
            org_unit=cast.units["disdik"],
            period=plan.period,
            level=IndicatorLevel.REGIONAL,
            data=data(),
        )
    assert {"level", "regional_target"} <= set(failure.value.field_errors)


def test_missing_period_target_is_named_and_nothing_is_written(cast, plan):
    before = Indicator.objects.count(), PeriodTarget.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as failure:
        services.indicator_create(
            actor=cast.users["kepala_opd"],
            org_unit=cast.units["disdik"],
            period=plan.period,
            level=IndicatorLevel.OPD,
            data=data(period_kind=PeriodKind.MONTHLY),
            year=2026,
            annual_target=Decimal("12"),
            period_targets={n: Decimal(n) for n in range(1, 13) if n != 3},
        )
    assert failure.value.field_errors == {"period_3": ["Target Maret belum diisi."]}
    assert (Indicator.objects.count(), PeriodTarget.objects.count(), AuditEvent.objects.count()) == before


def test_set_targets_replaces_the_trajectory(cast, plan):
    head = cast.users["kepala_opd"]
    services.indicator_set_targets(
        actor=head,
        indicator=plan.indicator,
        year=2026,
        annual_target=Decimal("98.5"),
        period_targets={1: Decimal("97"), 2: Decimal("97.5"), 3: Decimal("98"), 4: Decimal("98.5")},
    )
    rows = dict(PeriodTarget.objects.filter(indicator=plan.indicator, year=2026).values_list("period_no", "target"))
    assert rows == {1: Decimal("97"), 2: Decimal("97.5"), 3: Decimal("98"), 4: Decimal("98.5")}
    event = AuditEvent.objects.filter(action="planning.indicator.targets_set").get()
    assert event.before["annual_target"] == "100.0000" and event.after["annual_target"] == "98.5"
    with pytest.raises(ValidationFailed) as failure:
        services.indicator_set_targets(
            actor=head, indicator=plan.indicator, year=2031, annual_target=None, period_targets={5: Decimal("1")}
        )
    assert {"year", "annual_target", "period_targets", "period_1"} <= set(failure.value.field_errors)
    assert PeriodTarget.objects.filter(indicator=plan.indicator).count() == 4
    with pytest.raises(NotFoundError):
        services.indicator_set_targets(
            actor=cast.users["camat"], indicator=plan.indicator, year=2026, annual_target=Decimal(1), period_targets={}
        )


def test_changing_period_kind_with_a_trajectory_is_refused(cast, plan):
    with pytest.raises(ValidationFailed) as failure:
        services.indicator_update(
            actor=cast.users["kepala_opd"],
            indicator=plan.indicator,
            data=data(code="IK1", strategic_target=plan.strategic, period_kind=PeriodKind.MONTHLY),
        )
    assert "period_kind" in failure.value.field_errors
    updated = services.indicator_update(
        actor=cast.users["kepala_opd"],
        indicator=plan.indicator,
        data=data(code="IK1", name="APM SD", strategic_target=plan.strategic, weight=Decimal("2")),
    )
    assert updated.name == "APM SD" and updated.weight == Decimal("2")


def test_tree_and_orphans(cast, plan):
    tree = plan_tree(actor=cast.users["bupati"], period=plan.period)
    node = tree.missions[0].goals[0].targets[0]
    assert node.indicators == [plan.iku]
    assert node.strategic[0].target == plan.strategic and node.strategic[0].indicators == [plan.indicator]
    assert tree.orphans == [plan.orphan]
    assert list(orphan_indicators(actor=cast.users["bupati"], period=plan.period)) == [plan.orphan]
    # the OPD head sees the RPJMD and the IKU daerah, but only their own OPD's indicators
    mine = plan_tree(actor=cast.users["kepala_opd"], period=plan.period)
    assert mine.missions[0].goals[0].targets[0].indicators == [plan.iku]
    assert mine.orphans == [] and mine.indicator_count == 2
    # linking the orphan's OPD to a program through a strategic target makes it a child, not an orphan
    services.indicator_update(
        actor=cast.users["planner"],
        indicator=plan.orphan,
        data=data(
            code="IKX",
            polarity=Polarity.MINIMIZE,
            lower_is_better_formula=LowerIsBetterFormula.MAJALENGKA,
            period_kind=PeriodKind.MONTHLY,
            priority_program=plan.program,
        ),
    )
    tree = plan_tree(actor=cast.users["bupati"], period=plan.period)
    assert tree.orphans == [] and tree.programs[0].indicators[0].pk == plan.orphan.pk


def test_a_trajectory_that_disagrees_with_the_annual_target_is_refused(cast, plan):
    """The aggregation decides: here the last quarter must reach the annual target (nothing is written otherwise)."""
    before = dict(PeriodTarget.objects.filter(indicator=plan.indicator).values_list("period_no", "target"))
    with pytest.raises(ValidationFailed) as failure:
        services.indicator_set_targets(
            actor=cast.users["kepala_opd"],
            indicator=plan.indicator,
            year=2026,
            annual_target=Decimal("98.5"),
            period_targets={1: Decimal("97"), 2: Decimal("97.5"), 3: Decimal("98"), 4: Decimal("98")},
        )
    assert "period_targets" in failure.value.field_errors
    assert "98,5" in failure.value.field_errors["period_targets"][0]
    assert dict(PeriodTarget.objects.filter(indicator=plan.indicator).values_list("period_no", "target")) == before
