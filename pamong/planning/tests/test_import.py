"""SIPD import: a good RPJMD and Renstra, bad JSON, missing fields with their path, non-numeric targets, re-import."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pamong.core.errors import Forbidden, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.planning.choices import IndicatorLevel, PeriodStatus, Polarity
from pamong.planning.models import Indicator, IndicatorTarget, Mission, PlanPeriod, RegionalTarget, StrategicTarget
from pamong.planning.services import planning_import_sipd

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
RPJMD = (SAMPLES / "rpjmd.json").read_bytes()
RENSTRA = (SAMPLES / "renstra.json").read_bytes()


def rows():
    return [
        m.objects.count() for m in (PlanPeriod, Mission, RegionalTarget, StrategicTarget, Indicator, IndicatorTarget)
    ]


def test_rpjmd_then_renstra_build_the_tree(cast):
    planner = cast.users["planner"]
    result = planning_import_sipd(actor=planner, payload=RPJMD, kind="rpjmd")
    assert result.created == {
        "periods": 1,
        "missions": 2,
        "goals": 2,
        "regional_targets": 2,
        "indicators": 2,
        "annual_targets": 10,
    }
    iku = Indicator.objects.get(code="IKU-02")
    assert iku.level == IndicatorLevel.REGIONAL and iku.org_unit == cast.units["root"]
    assert iku.polarity == Polarity.MINIMIZE and iku.lower_is_better_formula == "majalengka"
    assert Indicator.objects.get(code="IKU-01").baseline == Decimal("7.8")
    assert IndicatorTarget.objects.get(indicator=iku, year=2035).annual_target == Decimal("4")  # target_5
    result = planning_import_sipd(actor=cast.users["kepala_opd"], payload=RENSTRA, kind="renstra")
    strategic = StrategicTarget.objects.get(code="DISDIK-SS1")
    assert strategic.regional_target.code == "1.1.1" and strategic.org_unit == cast.units["disdik"]
    assert AuditEvent.objects.filter(action__startswith="planning.import.").count() == 2


def test_reimport_changes_nothing(cast):
    planner = cast.users["planner"]
    planning_import_sipd(actor=planner, payload=RPJMD, kind="rpjmd")
    before = rows()
    again = planning_import_sipd(actor=planner, payload=RPJMD, kind="rpjmd")
    assert not again.changed and rows() == before
    changed = json.loads(RPJMD)
    changed["misi"][0]["misi_teks"] = "Misi yang direvisi"
    result = planning_import_sipd(actor=planner, payload=json.dumps(changed).encode(), kind="rpjmd")
    assert result.updated == {"missions": 1} and rows() == before


def test_bad_json_names_line_and_column(cast):
    with pytest.raises(ValidationFailed) as failure:
        planning_import_sipd(actor=cast.users["planner"], payload=b'{\n  "visi": "x",\n  "misi": [\n}', kind="rpjmd")
    assert "baris 4 kolom 1" in failure.value.message
    assert rows() == [0] * 6


def test_missing_fields_and_non_numeric_targets_are_listed_with_their_path(cast):
    data = json.loads(RPJMD)
    del data["misi"][0]["tujuan"][0]["sasaran"][0]["sasaran_teks"]
    data["misi"][1]["tujuan"][0]["sasaran"][0]["indikator"][0]["target_3"] = "enam"
    with pytest.raises(ValidationFailed) as failure:
        planning_import_sipd(actor=cast.users["planner"], payload=json.dumps(data).encode(), kind="rpjmd")
    errors = failure.value.field_errors
    assert "misi[0].tujuan[0].sasaran[0].sasaran_teks" in errors
    assert errors["misi[1].tujuan[0].sasaran[0].indikator[0].target_3"] == ['Harus berupa angka, bukan "enam".']
    assert rows() == [0] * 6 and not AuditEvent.objects.filter(action__startswith="planning.import").exists()


def test_renstra_refuses_unknown_links_and_other_opds(cast):
    planning_import_sipd(actor=cast.users["planner"], payload=RPJMD, kind="rpjmd")
    data = json.loads(RENSTRA)
    data["renstra"][0]["sasaran"][0]["id_sasaran_rpjmd"] = "9.9.9"
    with pytest.raises(ValidationFailed) as failure:
        planning_import_sipd(actor=cast.users["kepala_opd"], payload=json.dumps(data).encode(), kind="renstra")
    assert "renstra[0].sasaran[0].id_sasaran_rpjmd" in failure.value.field_errors
    with pytest.raises(Forbidden):
        planning_import_sipd(actor=cast.users["asn"], payload=RENSTRA, kind="renstra")
    with pytest.raises(Forbidden):
        planning_import_sipd(actor=cast.users["kepala_opd"], payload=RPJMD, kind="rpjmd")
    assert StrategicTarget.objects.count() == 0


def test_the_samples_are_a_period_of_their_own_and_leave_the_plan_in_force_alone(cast, plan):
    """The sample files (2030–2035) must not overwrite the RPJMD 2025–2030 of the demo (or of the cast)."""
    before = PlanPeriod.objects.values().get(pk=plan.period.pk)
    result = planning_import_sipd(actor=cast.users["planner"], payload=RPJMD, kind="rpjmd")
    assert result.period.pk != plan.period.pk
    assert (result.period.name, result.period.status) == ("Contoh RPJMD 2030–2035", PeriodStatus.DRAFT)
    assert PlanPeriod.objects.values().get(pk=plan.period.pk) == before
    assert Mission.objects.filter(period=plan.period).count() == 1
    planning_import_sipd(actor=cast.users["kepala_opd"], payload=RENSTRA, kind="renstra")
    assert StrategicTarget.objects.get(code="DISDIK-SS1").period == result.period
