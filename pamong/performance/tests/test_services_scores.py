"""scores_refresh: the score tables from a built plan and verified reports, numbers worked out by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.performance import services
from pamong.performance.models import IndicatorScore, ProgramScore, ScoreRefresh, UnitScore
from pamong.performance.testing import TODAY, YEAR
from pamong.reports.choices import ReportStatus
from pamong.reports.models import Report

pytestmark = pytest.mark.django_db
D = Decimal


def refresh(cast, scenario, today=TODAY):
    return services.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=YEAR, today=today)


def score(indicator, month):
    return IndicatorScore.objects.get(indicator=indicator, year=YEAR, month=month)


def unit(cast, key, month):
    return UnitScore.objects.get(org_unit=cast.units[key], year=YEAR, month=month)


def test_indicator_scores_for_both_polarities(cast, scenario):
    run = refresh(cast, scenario)
    assert run.months == 10  # January to October have ended on 2 November
    # IK1 (latest value, 25/50/75/100): Q1 20/25 = 80.00 yellow; Q2 50/50 = 100.00 green
    march = score(scenario.ik1, 3)
    assert (march.period_no, march.ytd_target, march.ytd_actual, march.capaian, march.colour) == (
        1,
        D(25),
        D(20),
        D("80.00"),
        "yellow",
    )
    assert (score(scenario.ik1, 6).capaian, score(scenario.ik1, 6).colour) == (D("100.00"), "green")
    # Q3 only submitted, not verified: still 50 against 75 → 66.67 red, behind, one period missing
    sept = score(scenario.ik1, 9)
    assert (sept.ytd_actual, sept.capaian, sept.colour, sept.trajectory_status, sept.missing_periods) == (
        D(50),
        D("66.67"),
        "red",
        "behind",
        1,
    )
    # IK2 cumulative: (20 + 30) / 75 = 66.67
    assert score(scenario.ik2, 9).ytd_actual == D(50) and score(scenario.ik2, 9).capaian == D("66.67")
    # IKY lower is better (Majalengka): 9 against 10 → (20 − 9) / 10 = 110.00 green, ahead
    june = score(scenario.iky, 6)
    assert (june.capaian, june.colour, june.trajectory_status) == (D("110.00"), "green", "ahead")
    # 12 against 10 → 80.00 yellow; September and October not reported: still the latest value, 12
    assert score(scenario.iky, 8).capaian == score(scenario.iky, 10).capaian == D("80.00")
    assert score(scenario.iky, 10).missing_periods == 2
    # no row before a quarter has ended
    assert not IndicatorScore.objects.filter(indicator=scenario.ik1, month__in=[1, 2]).exists()


def test_unit_index_predicate_and_league(cast, scenario):
    refresh(cast, scenario)
    # Disdik: (66.67 × 1 + 66.67 × 3) / 4 = 66.67 → red, Sedang (66–75)
    disdik = unit(cast, "disdik", 9)
    assert (disdik.index, disdik.colour, disdik.predicate_label, disdik.red, disdik.indicators) == (
        D("66.67"),
        "red",
        "Sedang",
        2,
        2,
    )
    # June: (100 + 100 × 3) / 4 = 100.00 → green; change since May (80.00 as of Q1): +20.00
    june = unit(cast, "disdik", 6)
    assert (june.index, june.colour, june.predicate_label, june.index_change) == (
        D("100.00"),
        "green",
        "Sangat Tinggi",
        D("20.00"),
    )
    # League of OPDs in September: Dinas Kesehatan 80.00 first, Dinas Pendidikan 66.67 second of two
    dinkes = unit(cast, "dinkes", 9)
    assert (dinkes.index, dinkes.rank, dinkes.ranked) == (D("80.00"), 1, 2)
    assert (disdik.rank, disdik.ranked, disdik.group) == (2, 2, "opd")
    # January: only the monthly OPD has a period, so it is first of one
    assert unit(cast, "dinkes", 1).rank == 1 and not UnitScore.objects.filter(org_unit=cast.units["disdik"], month=1)
    # Kecamatan: ranked among kecamatan only; 15 / 30 = 50.00 → Sangat Rendah
    kec = unit(cast, "kec", 9)
    assert (kec.group, kec.index, kec.rank, kec.ranked, kec.predicate_label) == (
        "kecamatan",
        D("50.00"),
        1,
        1,
        "Sangat Rendah",
    )


def test_priority_program_score(cast, scenario):
    refresh(cast, scenario)
    # PP1 holds IK2 (linked directly): 66.67 in September
    row = ProgramScore.objects.get(program=scenario.plan.program, year=YEAR, month=9)
    assert (row.index, row.colour, row.indicators, row.red) == (D("66.67"), "red", 1, 1)


def test_cap_and_formula_from_the_tenant_settings(cast, scenario):
    cast.tenant.settings = {"performance": {"cap_percent": "100", "traffic_light": {"green_from": "95"}}}
    cast.tenant.save()
    refresh(cast, scenario)
    assert score(scenario.iky, 6).capaian == D("100.00")  # 110 capped
    # Q1 80.00 is below the tenant's yellow (75 default) → still yellow; 100 ≥ 95 green
    assert score(scenario.ik1, 6).colour == "green"


def test_refresh_is_idempotent_and_counts_only_verified_values(cast, scenario):
    def tables():
        indicators = IndicatorScore.objects.order_by("indicator_id", "month")
        units = UnitScore.objects.order_by("org_unit_id", "month")
        return (
            list(indicators.values_list("indicator_id", "month", "capaian", "colour")),
            list(units.values_list("org_unit_id", "month", "index", "rank", "index_change")),
        )

    refresh(cast, scenario)
    first = tables()
    run = refresh(cast, scenario)
    assert tables() == first
    assert ScoreRefresh.objects.filter(tenant=cast.tenant, year=YEAR).count() == 1
    assert run.indicator_rows == IndicatorScore.objects.count()
    # Verifying Q3 changes September: IK1 latest 60 / 75 = 80.00; IK2 (20 + 30 + 10) / 75 = 80.00
    Report.objects.filter(pk=scenario.late.pk).update(status=ReportStatus.VERIFIED, verified_by=cast.users["verifier"])
    refresh(cast, scenario)
    assert score(scenario.ik1, 9).capaian == D("80.00") and score(scenario.ik2, 9).capaian == D("80.00")
    assert unit(cast, "disdik", 9).index == D("80.00")


def test_refresh_is_audited_once_per_run(cast, scenario):
    before = AuditEvent.objects.filter(action="performance.scores.refreshed").count()
    refresh(cast, scenario)
    event = AuditEvent.objects.filter(action="performance.scores.refreshed").latest("seq")
    assert AuditEvent.objects.filter(action="performance.scores.refreshed").count() == before + 1
    assert event.after["months"] == 10 and event.after["unit_rows"] == UnitScore.objects.count()


def test_a_year_not_begun_keeps_no_rows(cast, scenario):
    run = refresh(cast, scenario, today=dt.date(2025, 12, 1))
    assert run.months == 0 and not IndicatorScore.objects.exists()


def test_who_may_refresh(cast, scenario):
    services.scores_refresh(actor=cast.users["bupati"], tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    with pytest.raises(Forbidden):
        services.scores_refresh(actor=cast.users["asisten"], tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    with pytest.raises(NotFoundError):
        services.scores_refresh(actor=cast.users["other_tenant"], tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    with pytest.raises(ValidationFailed):
        services.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=1900, today=TODAY)


def test_invalid_tenant_settings_are_named(cast, scenario):
    cast.tenant.settings = {"performance": {"cap_percent": "80", "warna": 1}}
    cast.tenant.save()
    with pytest.raises(ValidationFailed) as info:
        refresh(cast, scenario)
    assert "tidak dikenal" in info.value.message and "100%" in info.value.message


def test_the_region_gets_no_score_until_an_iku_daerah_value_is_reported(cast, scenario):
    """IKU daerah are not reported through periodic reports: no value at all means no region score, not 0."""
    from pamong.performance.testing import report
    from pamong.planning import services as planning

    iku = scenario.plan.iku
    quarters = {1: D("2.1"), 2: D("2.1"), 3: D("2.1"), 4: D("2.1")}  # cumulative: they add up to 8.4
    planning.indicator_set_targets(
        actor=scenario.system, indicator=iku, year=YEAR, annual_target=D("8.4"), period_targets=quarters
    )
    refresh(cast, scenario)
    assert IndicatorScore.objects.filter(indicator=iku, year=YEAR).exists()
    assert not UnitScore.objects.filter(org_unit=cast.units["root"], year=YEAR).exists()
    report(cast, cast.units["root"], "quarterly", 1, {iku: D("2.1")})
    refresh(cast, scenario)
    march = UnitScore.objects.get(org_unit=cast.units["root"], year=YEAR, month=3)
    assert march.index == D("100.00") and march.rank is None
