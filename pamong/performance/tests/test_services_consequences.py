"""The consequences register: triggers (red streak, late and missing reports, yearly threshold → improvement
period), no duplicates, and the steps people take with their refusals."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.notices.models import Notice
from pamong.performance import services
from pamong.performance.models import Consequence, ConsequenceEvent, IndicatorScore
from pamong.performance.testing import TODAY, YEAR

pytestmark = pytest.mark.django_db


def evaluate(cast, scenario, today=TODAY):
    return services.consequences_evaluate(actor=scenario.system, tenant_id=cast.tenant.pk, today=today)


def entry(kind, **filters):
    return Consequence.objects.get(kind=kind, **filters)


def test_the_triggers_of_2_november(cast, scored):
    rows = {c.kind: c for c in Consequence.objects.all()}
    assert sorted(rows) == ["red_streak", "report_late", "report_missing"]
    # KC1 red in Q1, Q2 and Q3 (50.00 each): a streak of 3 ≥ 2
    red = rows["red_streak"]
    assert (red.indicator_id, red.org_unit_id, red.period_no, red.facts["red_periods"]) == (
        scored.kc1.pk,
        cast.units["kec"].pk,
        3,
        3,
    )
    # Disdik Q3: deadline 10 October, submitted 15 October → late 5 days, linked to the report
    late = rows["report_late"]
    assert (late.report_id, late.facts["days_late"], late.org_unit_id) == (scored.late.pk, 5, cast.units["disdik"].pk)
    assert "terlambat 5 hari" in late.title
    # Dinkes September: never opened, deadline 10 October passed → missing, without a report row
    missing = rows["report_missing"]
    assert (missing.report_id, missing.period_kind, missing.period_no, missing.org_unit_id) == (
        None,
        "monthly",
        9,
        cast.units["dinkes"].pk,
    )
    # opened today, due in 30 days, owned by the unit, with its first history row and audit event
    assert (late.opened_on, late.due_on, late.owner_unit_id, late.status) == (
        TODAY,
        dt.date(2026, 12, 2),
        cast.units["disdik"].pk,
        "open",
    )
    assert ConsequenceEvent.objects.filter(consequence=late, step="opened", to_status="open").count() == 1
    assert AuditEvent.objects.filter(action="performance.consequence.opened", target_id=str(late.pk)).exists()


def test_the_heads_are_notified(cast, scored):
    budi = Notice.objects.filter(recipient=cast.users["kepala_opd"], kind="consequence")
    assert [n.title for n in budi] == [f"Tindak lanjut baru: {entry('report_late').title}"]
    assert Notice.objects.filter(recipient=cast.users["camat"], kind="consequence").count() == 1


def test_evaluating_again_opens_nothing_new(cast, scored):
    assert Consequence.objects.count() == 3
    again = evaluate(cast, scored)
    assert (again.fired, again.opened) == (3, [])
    assert Consequence.objects.count() == 3


def test_a_dismissed_trigger_is_not_reopened_but_a_new_period_is(cast, scored):
    red = entry("red_streak")
    services.consequence_step(
        actor=cast.users["sekda"], consequence=red, step="dismiss", note="Data Q1 salah input, sudah dikoreksi"
    )
    assert evaluate(cast, scored).opened == []
    # In January 2027 Q4 has ended (no report: 15 / 40 = 37.50, red again): a new trigger, a new entry; IK1 and
    # IK2 (red in Q3 and Q4) now have a streak of two as well
    services.scores_refresh(actor=scored.system, tenant_id=cast.tenant.pk, year=YEAR, today=dt.date(2027, 1, 15))
    opened = evaluate(cast, scored, today=dt.date(2027, 1, 15)).opened
    assert sorted(c.trigger_key for c in opened if c.kind == "red_streak") == sorted(
        f"red_streak:{i.pk}:2026:4" for i in (scored.kc1, scored.ik1, scored.ik2)
    )


def test_one_active_entry_per_subject_is_a_database_constraint(cast, scored):
    red = entry("red_streak")
    with pytest.raises(IntegrityError), transaction.atomic():
        Consequence.objects.create(
            **{
                f.attname: getattr(red, f.attname)
                for f in Consequence._meta.concrete_fields
                if f.attname not in ("id", "trigger_key")
            },
            trigger_key="another",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Consequence.objects.create(
            **{f.attname: getattr(red, f.attname) for f in Consequence._meta.concrete_fields if f.attname != "id"}
            | {"status": "dismissed", "ended_on": TODAY}
        )


def test_yearly_index_below_the_threshold_gives_an_improvement_period(cast, scenario):
    january = dt.date(2027, 1, 15)
    services.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=YEAR, today=january)
    # not before December's reports are due (10 January 2027)
    evaluate(cast, scenario, today=dt.date(2027, 1, 10))
    assert not Consequence.objects.filter(kind="yearly_below").exists()
    evaluate(cast, scenario, today=january)
    # Disdik in December: IK1 50 / 100 and IK2 50 / 100 → index 50.00 < 70 → six months from 15 January
    row = entry("yearly_below")
    assert (row.org_unit_id, row.year, row.employee_id) == (
        cast.units["disdik"].pk,
        2026,
        cast.employees["kepala_opd"].pk,
    )
    assert (row.improvement_starts_on, row.improvement_ends_on, row.due_on) == (
        january,
        dt.date(2027, 7, 15),
        dt.date(2027, 7, 15),
    )
    assert row.facts["yearly_index"] == "50.00" and row.facts["threshold"] == "70"
    # Dinkes (80.00) and the kecamatan (not an OPD head's post) get none
    assert Consequence.objects.filter(kind="yearly_below").count() == 1


def test_owner_assignment_progress_resolution_and_closing(cast, scored):
    late = entry("report_late")
    sekda, budi = cast.users["sekda"], cast.users["kepala_opd"]
    services.consequence_assign(actor=sekda, consequence=late, owner_user=budi, note="Mohon dijelaskan di rakor")
    late.refresh_from_db()
    assert late.owner_user == budi
    assert Notice.objects.filter(recipient=budi, title__startswith="Anda ditunjuk").count() == 1
    with pytest.raises(Conflict):
        services.consequence_assign(actor=sekda, consequence=late, owner_user=budi)
    # the owner reports progress and resolves; he may not close his own entry
    services.consequence_step(actor=budi, consequence=late, step="progress", note="Operator baru sudah dilatih")
    services.consequence_step(actor=budi, consequence=late, step="resolve", note="Laporan Q3 sudah diajukan ulang")
    with pytest.raises(Forbidden):
        services.consequence_step(actor=budi, consequence=late, step="close")
    # a manager reopens, the owner resolves again, the manager closes
    services.consequence_step(actor=sekda, consequence=late, step="reopen", note="Lampirkan bukti pelatihan")
    services.consequence_step(actor=budi, consequence=late, step="resolve", note="Bukti pelatihan sudah dilampirkan")
    services.consequence_step(actor=sekda, consequence=late, step="close", today=TODAY)
    late.refresh_from_db()
    assert (late.status, late.ended_on) == ("closed", TODAY)
    steps = list(late.events.order_by("created_at", "pk").values_list("step", "from_status", "to_status"))
    assert steps == [
        ("opened", "", "open"),
        ("assign", "open", "open"),
        ("progress", "open", "in_progress"),
        ("resolve", "in_progress", "resolved"),
        ("reopen", "resolved", "in_progress"),
        ("resolve", "in_progress", "resolved"),
        ("close", "resolved", "closed"),
    ]
    actions = AuditEvent.objects.filter(target_id=str(late.pk), action__startswith="performance.consequence.")
    assert list(actions.order_by("seq").values_list("action", flat=True)) == [
        "performance.consequence.opened",
        "performance.consequence.assigned",
        "performance.consequence.progressed",
        "performance.consequence.resolved",
        "performance.consequence.reopened",
        "performance.consequence.resolved",
        "performance.consequence.closed",
    ]
    # a closed entry is final
    with pytest.raises(Conflict):
        services.consequence_step(
            actor=sekda, consequence=late, step="dismiss", note="tidak perlu lagi ditindaklanjuti"
        )


def test_refusals(cast, scored):
    late = entry("report_late")  # Dinas Pendidikan
    with pytest.raises(ValidationFailed) as info:
        services.consequence_step(actor=cast.users["sekda"], consequence=late, step="dismiss", note="ok")
    assert "note" in info.value.field_errors
    with pytest.raises(ValidationFailed) as info:
        services.consequence_assign(actor=cast.users["sekda"], consequence=late, owner_user=cast.users["asn"])
    assert "owner_user" in info.value.field_errors  # Citra cannot see the unit's performance
    with pytest.raises(Forbidden):  # the verifier sees it, may not manage it
        services.consequence_step(
            actor=cast.users["verifier"], consequence=late, step="progress", note="sudah dicek ya"
        )
    with pytest.raises(Forbidden):  # the head of the unit, not (yet) its owner
        services.consequence_step(
            actor=cast.users["kepala_opd"], consequence=late, step="progress", note="sudah dicek ya"
        )
    for outsider in ("camat", "asn_other_opd", "other_tenant"):
        with pytest.raises(NotFoundError):
            services.consequence_step(actor=cast.users[outsider], consequence=late, step="progress", note="sudah dicek")
    with pytest.raises(ValidationFailed):
        services.consequence_step(actor=cast.users["sekda"], consequence=late, step="terbang", note="sudah dicek ya")
    # the Asisten of cluster I manages Dinas Pendidikan's entries, not Dinas Kesehatan's
    services.consequence_step(actor=cast.users["asisten"], consequence=late, step="progress", note="Dibahas di rakor")
    with pytest.raises(NotFoundError):
        services.consequence_step(
            actor=cast.users["asisten"], consequence=entry("report_missing"), step="progress", note="Dibahas di rakor"
        )
    assert not Notice.objects.filter(recipient=cast.users["asn"], kind="consequence").exists()


def test_likelihood_rating(cast, scored):
    row = services.likelihood_rate(
        actor=cast.users["sekda"],
        indicator=scored.ik1,
        year=YEAR,
        month=9,
        rating="amber_green",
        reason="Realisasi Q3 menunggu verifikasi, tren membaik",
    )
    assert (row.computed_colour, row.org_unit_id, row.rated_by) == ("red", cast.units["disdik"].pk, cast.users["sekda"])
    assert AuditEvent.objects.filter(action="performance.likelihood.rated", target_id=str(row.pk)).exists()
    program = services.likelihood_rate(
        actor=cast.users["asisten"],
        program=scored.plan.program,
        year=YEAR,
        month=9,
        rating="red",
        reason="Anggaran perubahan belum disahkan",
    )
    assert program.computed_colour == "red" and program.org_unit_id == cast.units["disdik"].pk
    with pytest.raises(ValidationFailed) as info:
        services.likelihood_rate(
            actor=cast.users["sekda"], indicator=scored.ik1, year=YEAR, month=9, rating="red", reason=""
        )
    assert "reason" in info.value.field_errors
    with pytest.raises(ValidationFailed) as info:
        services.likelihood_rate(
            actor=cast.users["sekda"],
            indicator=scored.ik1,
            year=YEAR,
            month=13,
            rating="ungu",
            reason="alasan panjang sekali",
        )
    assert set(info.value.field_errors) == {"month", "rating"}
    with pytest.raises(Forbidden):  # sees it, may not rate
        services.likelihood_rate(
            actor=cast.users["kepala_opd"],
            indicator=scored.ik1,
            year=YEAR,
            month=9,
            rating="green",
            reason="pasti tercapai",
        )
    with pytest.raises(NotFoundError):  # cluster II is not his
        services.likelihood_rate(
            actor=cast.users["asisten"],
            indicator=scored.iky,
            year=YEAR,
            month=9,
            rating="green",
            reason="pasti tercapai",
        )
    with pytest.raises(ValidationFailed):
        services.likelihood_rate(actor=cast.users["sekda"], year=YEAR, month=9, rating="green", reason="pasti tercapai")
    # a rating never touches the computed score
    assert IndicatorScore.objects.get(indicator=scored.ik1, year=YEAR, month=9).colour == "red"
