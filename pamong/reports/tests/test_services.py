"""Report services: opening, filling, the workflow with its refusals, lateness, the selectors other apps read."""

import datetime as dt
from decimal import Decimal

import pytest

from pamong.access.roles import Role
from pamong.access.services import role_assign
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.notices.models import Notice
from pamong.performance.rules.consequences import LateStatus
from pamong.planning import services as planning
from pamong.planning.choices import IndicatorLevel
from pamong.reports import selectors, services
from pamong.reports.choices import GovernanceTopic, ReportStatus, StepKind
from pamong.reports.models import GovernanceSection, Report, ReportStep, ReportValue
from pamong.reports.services.opening import due_periods

pytestmark = pytest.mark.django_db

OCT = {day: dt.date(2026, 10, day) for day in range(1, 32)}


def fill(cast, rep, actual="74,5", who="kepala_opd", note=""):
    return services.report_fill(
        actor=cast.users[who] if who != "operator" else rep.operator,
        report=rep.disdik,
        values=[services.ValueEntry(rep.plan.indicator.pk, actual, note)],
    )


def submit(cast, rep, day=9, report=None):
    return services.report_submit(actor=cast.users["kepala_opd"], report=report or rep.disdik, today=OCT[day])


# -- opening ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        ("quarterly", dt.date(2026, 10, 5), [(2026, 1), (2026, 2), (2026, 3), (2026, 4)]),
        ("quarterly", dt.date(2026, 1, 5), [(2025, 4), (2026, 1)]),  # last year's Q4: deadline 10 January
        ("quarterly", dt.date(2026, 1, 11), [(2026, 1)]),  # its deadline has passed: not opened any more
        ("monthly", dt.date(2026, 3, 31), [(2026, 1), (2026, 2), (2026, 3)]),
    ],
)
def test_due_periods(kind, today, expected):
    assert due_periods(kind, today, 10, range(2025, 2031)) == expected


def test_opening_gives_one_report_per_period_with_a_value_per_indicator(cast, rep):
    disdik = Report.objects.filter(org_unit=cast.units["disdik"]).order_by("period_no")
    assert [r.period_no for r in disdik] == [1, 2, 3, 4]
    assert rep.disdik.deadline == dt.date(2026, 10, 10)  # 30 September + 10 days (default report_due_days)
    assert list(rep.disdik.values.values_list("indicator__code", flat=True)) == ["IK1"]
    assert Report.objects.filter(org_unit=cast.units["dinkes"]).count() == 10  # monthly, January to October
    assert [s.topic for s in rep.kec.sections.all()] == list(GovernanceTopic.values)
    assert not Report.objects.filter(org_unit=cast.units["setda"]).exists()  # no indicators, not a kecamatan
    assert ReportStep.objects.filter(report=rep.disdik, kind=StepKind.OPEN).count() == 1
    assert AuditEvent.objects.filter(action="reports.report.open").count() == Report.objects.count()


def test_opening_again_opens_nothing_and_adds_new_indicators_to_open_reports(cast, rep):
    fill(cast, rep)
    submit(cast, rep)
    again = services.reports_open_due(actor=rep.system, today=OCT[6])
    assert again.reports == 0 and again.values == 0
    extra = planning.indicator_create(
        actor=rep.system,
        org_unit=cast.units["disdik"],
        period=rep.plan.period,
        level=IndicatorLevel.OPD,
        data=planning.IndicatorData(code="IK2", name="APK SMP", unit_of_measure="%"),
    )
    result = services.reports_open_due(actor=rep.system, today=OCT[6])
    assert result.reports == 0 and result.values == 3  # Q1, Q2, Q4 drafts; not the submitted Q3
    assert not ReportValue.objects.filter(report=rep.disdik, indicator=extra).exists()


def test_tenant_settings_decide_the_deadline(cast):
    from pamong.reports.testing import build_reports

    cast.tenant.settings = {"performance": {"report_due_days": 5}, "reports": {"governance_period_kind": "monthly"}}
    cast.tenant.save()
    rep = build_reports(cast)
    assert rep.disdik.deadline == dt.date(2026, 10, 5)
    assert Report.objects.filter(org_unit=cast.units["kec"], period_kind="monthly").count() == 10


def test_only_the_system_opens_reports(cast, rep):
    with pytest.raises(Forbidden):
        services.reports_open_due(actor=cast.users["kepala_opd"], today=OCT[5])


# -- filling ---------------------------------------------------------------------------------------


def test_text_where_a_number_belongs_names_the_indicator_and_saves_nothing(cast, rep):
    extra = planning.indicator_create(
        actor=rep.system,
        org_unit=cast.units["disdik"],
        period=rep.plan.period,
        level=IndicatorLevel.OPD,
        data=planning.IndicatorData(code="IK2", name="APK SMP", unit_of_measure="%"),
    )
    services.reports_open_due(actor=rep.system, today=OCT[5])
    with pytest.raises(ValidationFailed) as exc:
        services.report_fill(
            actor=cast.users["kepala_opd"],
            report=rep.disdik,
            values=[
                services.ValueEntry(rep.plan.indicator.pk, "80"),
                services.ValueEntry(extra.pk, "delapan puluh"),
            ],
            narrative=services.Narrative(problems="Guru kurang"),
        )
    message = exc.value.field_errors[f"value_{extra.pk}"][0]
    assert "IK2 APK SMP" in message and "angka" in message and "delapan puluh" in message
    assert not ReportValue.objects.filter(report=rep.disdik, actual__isnull=False).exists()
    assert Report.objects.get(pk=rep.disdik.pk).problems == ""
    assert not AuditEvent.objects.filter(action="reports.report.fill").exists()


def test_fill_parses_the_decimal_comma_and_records_what_changed(cast, rep):
    services.report_fill(
        actor=rep.operator,
        report=rep.disdik,
        values=[services.ValueEntry(rep.plan.indicator.pk, "1.074,25", "naik")],
        narrative=services.Narrative(problems="Data sekolah swasta terlambat", follow_up="Rapat dengan yayasan"),
    )
    value = ReportValue.objects.get(report=rep.disdik)
    assert value.actual == Decimal("1074.25") and value.note == "naik"
    event = AuditEvent.objects.get(action="reports.report.fill")
    assert event.after["value:IK1"] == {"actual": "1074.2500", "note": "naik"}
    assert event.after["problems"] == "Data sekolah swasta terlambat"
    fill(cast, rep, actual="1074,25", who="operator", note="naik")  # the same again changes nothing
    assert AuditEvent.objects.filter(action="reports.report.fill").count() == 1


def test_governance_sections_and_their_figures(cast, rep):
    with pytest.raises(ValidationFailed) as exc:
        services.report_fill(
            actor=cast.users["camat"],
            report=rep.kec,
            sections=[services.SectionEntry("order", summary="Aman", figures={"incidents": "tiga"})],
        )
    assert "Ketenteraman" in exc.value.field_errors["figure_order_incidents"][0]
    services.report_fill(
        actor=cast.users["camat"],
        report=rep.kec,
        sections=[services.SectionEntry("order", summary="Aman", figures={"incidents": "3", "enforcement": ""})],
    )
    section = GovernanceSection.objects.get(report=rep.kec, topic="order")
    assert section.summary == "Aman" and section.figures == {"incidents": "3"}


@pytest.mark.parametrize(
    ("persona", "error"), [("bupati", Forbidden), ("verifier", Forbidden), ("camat", NotFoundError)]
)
def test_who_may_fill(cast, rep, persona, error):
    with pytest.raises(error):
        fill(cast, rep, who=persona)


# -- the workflow ----------------------------------------------------------------------------------


def test_submitting_an_incomplete_report_names_the_missing_indicator(cast, rep):
    with pytest.raises(ValidationFailed) as exc:
        submit(cast, rep)
    assert "IK1 Angka partisipasi murni SD" in exc.value.message
    assert Report.objects.get(pk=rep.disdik.pk).status == ReportStatus.DRAFT
    fill(cast, rep, actual="", note="Data Dapodik belum ditutup")
    assert submit(cast, rep).status == ReportStatus.SUBMITTED  # a note saying why is enough (ADR 0017)


def test_the_operator_fills_but_only_the_head_submits(cast, rep):
    fill(cast, rep, who="operator")
    with pytest.raises(Forbidden) as exc:
        services.report_submit(actor=rep.operator, report=rep.disdik, today=OCT[9])
    assert "kepala unit" in exc.value.message


def test_submit_verify_notices_history_and_audit(cast, rep):
    fill(cast, rep)
    report = submit(cast, rep)
    assert report.first_submitted_on == OCT[9] and report.submitted_by == cast.users["kepala_opd"]
    assert Notice.objects.filter(recipient=cast.users["verifier"], kind="report_submitted").count() == 1
    with pytest.raises(Conflict):
        fill(cast, rep)  # frozen once submitted
    report = services.report_verify(actor=cast.users["verifier"], report=rep.disdik, today=OCT[11])
    assert report.status == ReportStatus.VERIFIED and report.verified_by == cast.users["verifier"]
    assert {n.recipient.username for n in Notice.objects.filter(kind="report_verified")} == {"kepala_opd", "operator"}
    steps = list(ReportStep.objects.filter(report=rep.disdik).values_list("kind", "from_status", "to_status"))
    assert steps == [("open", "", "draft"), ("submit", "draft", "submitted"), ("verify", "submitted", "verified")]
    actions = set(AuditEvent.objects.filter(target_id=str(rep.disdik.pk)).values_list("action", flat=True))
    assert {"reports.report.submit", "reports.report.verify"} <= actions
    with pytest.raises(Conflict):
        services.report_verify(actor=cast.users["verifier"], report=rep.disdik, today=OCT[11])  # already verified


def test_return_needs_a_reason_then_resubmission_keeps_the_first_date(cast, rep):
    fill(cast, rep)
    submit(cast, rep, day=9)
    with pytest.raises(ValidationFailed) as exc:
        services.report_return(actor=cast.users["verifier"], report=rep.disdik, reason="  ", today=OCT[10])
    assert exc.value.field_errors["reason"]
    assert Report.objects.get(pk=rep.disdik.pk).status == ReportStatus.SUBMITTED
    report = services.report_return(
        actor=cast.users["verifier"], report=rep.disdik, reason="Lampirkan rekap Dapodik", today=OCT[10]
    )
    assert report.status == ReportStatus.RETURNED and report.return_count == 1
    notice = Notice.objects.get(recipient=cast.users["kepala_opd"], kind="report_returned")
    assert "Lampirkan rekap Dapodik" in notice.body
    assert AuditEvent.objects.get(action="reports.report.return").reason == "Lampirkan rekap Dapodik"
    fill(cast, rep, actual="76")
    report = submit(cast, rep, day=20)
    assert report.first_submitted_on == OCT[9]  # kept through the return
    assert AuditEvent.objects.filter(action="reports.report.resubmit").count() == 1
    assert selectors.late_status(report, OCT[25]) is LateStatus.ON_TIME
    assert ReportStep.objects.filter(report=report).last().kind == StepKind.RESUBMIT


def test_verifying_a_draft_is_refused(cast, rep):
    with pytest.raises(Conflict) as exc:
        services.report_verify(actor=cast.users["verifier"], report=rep.disdik, today=OCT[9])
    assert "draf" in exc.value.message


def test_the_submitter_never_verifies_their_own_report(cast, rep):
    # Budi is also given the verifier role over his own OPD (a conflict of roles the system must stop).
    role_assign(actor=rep.system, user=cast.users["kepala_opd"], role=Role.VERIFIER, org_unit=cast.units["disdik"])
    fill(cast, rep)
    submit(cast, rep)
    with pytest.raises(Forbidden) as exc:
        services.report_verify(actor=cast.users["kepala_opd"], report=rep.disdik, today=OCT[10])
    assert "ajukan sendiri" in exc.value.message
    with pytest.raises(Forbidden):
        services.report_return(actor=cast.users["kepala_opd"], report=rep.disdik, reason="x", today=OCT[10])
    assert list(selectors.verify_queue(actor=cast.users["kepala_opd"])) == []
    assert list(selectors.verify_queue(actor=cast.users["verifier"])) == [rep.disdik]


def test_an_out_of_scope_verifier_gets_not_found(cast, rep):
    from pamong.access.models import User

    dinkes_verifier = User.objects.create_user(username="verif_dinkes", password="x", tenant=cast.tenant)
    role_assign(actor=rep.system, user=dinkes_verifier, role=Role.VERIFIER, org_unit=cast.units["dinkes"])
    fill(cast, rep)
    submit(cast, rep)
    with pytest.raises(NotFoundError):
        services.report_verify(actor=dinkes_verifier, report=rep.disdik, today=OCT[10])
    with pytest.raises(Forbidden):
        services.report_verify(actor=cast.users["bupati"], report=rep.disdik, today=OCT[10])  # sees, may not verify
    with pytest.raises(NotFoundError):
        services.report_verify(actor=cast.users["other_tenant"], report=rep.disdik, today=OCT[10])


def test_a_lost_race_is_a_conflict(cast, rep):
    fill(cast, rep)
    submit(cast, rep)
    stale = Report.objects.get(pk=rep.disdik.pk)
    services.report_verify(actor=cast.users["verifier"], report=rep.disdik, today=OCT[10])
    with pytest.raises(Conflict):
        services.report_return(actor=cast.users["verifier"], report=stale, reason="terlambat", today=OCT[10])
    assert Report.objects.get(pk=rep.disdik.pk).status == ReportStatus.VERIFIED


def test_governance_report_needs_every_section(cast, rep):
    services.report_fill(actor=cast.users["camat"], report=rep.kec, sections=[services.SectionEntry("order", "Aman")])
    with pytest.raises(ValidationFailed) as exc:
        services.report_submit(actor=cast.users["camat"], report=rep.kec, today=OCT[9])
    assert "Pelayanan publik (PATEN)" in exc.value.message and "Ketenteraman" not in exc.value.message
    services.report_fill(
        actor=cast.users["camat"],
        report=rep.kec,
        sections=[services.SectionEntry(topic, f"Uraian {topic}") for topic in GovernanceTopic.values],
    )
    assert services.report_submit(actor=cast.users["camat"], report=rep.kec, today=OCT[9]).status == "submitted"
    assert services.report_verify(actor=cast.users["verifier"], report=rep.kec, today=OCT[9]).status == "verified"


# -- lateness --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("submitted_on", "today", "late"),
    [
        (OCT[10], OCT[20], LateStatus.ON_TIME),  # on the deadline day
        (OCT[11], OCT[20], LateStatus.LATE),
        (None, OCT[10], LateStatus.NOT_DUE),
        (None, OCT[11], LateStatus.MISSING),
    ],
)
def test_lateness_and_its_database_filter_agree(cast, rep, submitted_on, today, late):
    if submitted_on:
        fill(cast, rep)
        services.report_submit(actor=cast.users["kepala_opd"], report=rep.disdik, today=submitted_on)
    report = Report.objects.get(pk=rep.disdik.pk)
    assert selectors.late_status(report, today) is late
    for status in LateStatus:
        filtered = Report.objects.filter(pk=report.pk).filter(selectors.lateness_q(status, today)).exists()
        assert filtered == (status is late), status


# -- the interface of pamong.performance ----------------------------------------------------------


def test_verified_actuals_and_deadlines(cast, rep, django_assert_num_queries):
    fill(cast, rep, actual="74")
    submit(cast, rep)
    assert selectors.verified_actuals(actor=cast.users["bupati"], year=2026) == {}  # submitted is not verified
    services.report_verify(actor=cast.users["verifier"], report=rep.disdik, today=OCT[10])
    bupati = cast.users["bupati"]
    selectors.verified_actuals(actor=bupati, year=2026)  # the scope is computed once per user
    with django_assert_num_queries(1):
        actuals = selectors.verified_actuals(actor=bupati, year=2026)
    assert actuals == {rep.plan.indicator.pk: {3: Decimal("74")}}
    assert selectors.verified_actuals(actor=cast.users["camat"], year=2026) == {}
    with django_assert_num_queries(1):
        rows = selectors.report_deadlines(actor=bupati, year=2026, today=OCT[20])
    mine = {(r.org_unit_id, r.period_no): r for r in rows if r.kind == "realisation"}
    assert mine[(cast.units["disdik"].pk, 3)].late is LateStatus.ON_TIME
    assert mine[(cast.units["dinkes"].pk, 9)].late is LateStatus.MISSING
    assert mine[(cast.units["dinkes"].pk, 9)].days_late == 10


def test_verification_rebuilds_the_years_scores_after_commit(cast, rep, django_capture_on_commit_callbacks):
    from pamong.performance.models import IndicatorScore

    fill(cast, rep)
    submit(cast, rep)
    assert not IndicatorScore.objects.filter(indicator=rep.plan.indicator, ytd_actual__isnull=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_verify(actor=cast.users["verifier"], report=rep.disdik, today=OCT[11])
    scored = IndicatorScore.objects.filter(indicator=rep.plan.indicator, year=2026, period_no=3, month=9).get()
    assert scored.period_actual == Decimal("74.5")
