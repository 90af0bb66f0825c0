"""GDN supervision reports: the OPD head prepares, completes and submits the month's report; the Asisten (or the
Sekda) reviews it; the Asisten forwards his cluster's summary to the Sekda.

- ``report_prepare`` creates the month's report of an OPD, or refreshes its figures while it is a draft, from
  the attendance recap of the OPD's subtree and the cases and warnings of the month
  (``selectors.supervision_figures``); due on ``report_due_day`` of the following month (``rules.supervision``).
- ``report_update`` records the inspections held (sidak), findings and follow-up of a draft.
- ``report_submit`` (the unit's head: ``discipline.report``) refreshes the figures one last time, sends it to the
  cluster's Asisten (the Sekda for an OPD without one) and flags it late after the due day.
- ``report_review`` (``discipline.review``: the Asisten over the cluster, or the Sekda) closes it with a note.
- ``summary_forward`` (the cluster's Asisten) adds up the cluster's reports into one summary per month.

Every function is atomic, locks what it changes, writes an audit event, and writes its notices with the change
(``notices.services.notify``: rolled back with it, mail sent on commit).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.models import RoleAssignment
from pamong.access.roles import DISCIPLINE_REPORT, DISCIPLINE_REVIEW, DISCIPLINE_VIEW
from pamong.attendance.rules.workdays import month_bounds
from pamong.core import audit
from pamong.core.authz import authorize, authorize_at, require_tenant
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import Tenant
from pamong.notices.services import notify
from pamong.org.models import Cluster, OrgUnit
from pamong.reports.recipients import holders

from ..choices import ReportStatus
from ..models import ClusterSummary, SupervisionReport
from ..rules.supervision import is_late, report_due_on, summary_due_on
from ..selectors import supervision as selectors
from ..selectors import supervision_figures as figures_of
from ..tenant_settings import discipline_settings

SNAPSHOT = ("status", "inspections_held", "findings", "follow_up", "due_on", "submitted_at", "reviewed_at")
MAX_INSPECTIONS = 999
MAX_TEXT = 5000


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def _user(actor: Any) -> Any:
    return actor if isinstance(actor, get_user_model()) else None


def _url(report: SupervisionReport) -> str:
    return reverse("discipline:report_detail", args=[report.pk])


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Figures equal apart from when they were computed."""
    return {k: v for k, v in a.items() if k != "computed_at"} == {k: v for k, v in b.items() if k != "computed_at"}


def _check_month(year: int, month: int, today: dt.date) -> None:
    if not 1 <= month <= 12:
        raise _invalid("month", _("Bulan harus 1 sampai 12."))
    if not 2000 <= year <= 2100:
        raise _invalid("year", _("Tahun tidak valid."))
    if (year, month) > (today.year, today.month):
        raise _invalid("month", _("Laporan untuk bulan yang belum dimulai belum dapat disiapkan."))


def _sekda_users(tenant_id: int, day: dt.date) -> list[Any]:
    """Whoever reviews discipline over the whole tenant (the Sekda): review roles held at the root's subtree."""
    rows = (
        RoleAssignment.objects.filter(
            tenant_id=tenant_id,
            role__in=selectors.review_roles(),
            cluster__isnull=True,
            org_unit__depth=0,
            include_descendants=True,
            user__is_active=True,
        )
        .valid_on(day)
        .select_related("user")
    )
    return [row.user for row in rows]


def _asisten_users(tenant_id: int, cluster_id: int, day: dt.date) -> list[Any]:
    rows = (
        RoleAssignment.objects.filter(
            tenant_id=tenant_id, role__in=selectors.review_roles(), cluster_id=cluster_id, user__is_active=True
        )
        .valid_on(day)
        .select_related("user")
    )
    return [row.user for row in rows]


def reviewers_of(report: SupervisionReport, day: dt.date) -> list[Any]:
    """Who reviews ``report``: the cluster's Asisten; the Sekda for an OPD without one (or a vacant Asisten)."""
    users = _asisten_users(report.tenant_id, report.cluster_id, day) if report.cluster_id else []
    return users or _sekda_users(report.tenant_id, day)


def heads_of(report: SupervisionReport, day: dt.date) -> list[Any]:
    """Who files ``report``: the holders of ``discipline.report`` over its unit."""
    return holders(tenant_id=report.tenant_id, path=report.org_unit.path, actions=[DISCIPLINE_REPORT], day=day)


def _label(report: SupervisionReport) -> str:
    return selectors.month_label(report.year, report.month)


@transaction.atomic
def report_prepare(
    *, actor: Any, org_unit: OrgUnit, year: int, month: int, today: dt.date | None = None
) -> SupervisionReport:
    """Create the OPD's report for the month with its figures, or refresh the figures of the draft."""
    authorize_at(
        actor,
        DISCIPLINE_REPORT,
        tenant_id=org_unit.tenant_id,
        path=org_unit.path,
        visible_action=DISCIPLINE_VIEW,
        denied=_("Laporan pengawasan disiplin disiapkan oleh kepala unit."),
    )
    tenant = Tenant.objects.get(pk=org_unit.tenant_id)
    today = today or tenant.today()
    _check_month(year, month, today)
    if not selectors.may_file_for(actor, org_unit):
        raise _invalid(
            "org_unit",
            _("Laporan pengawasan disiplin dibuat per OPD atau kecamatan, bukan untuk %(unit)s.")
            % {"unit": org_unit.name},
        )
    settings = discipline_settings(tenant).supervision
    figures = figures_of.month_figures(tenant_id=tenant.pk, unit_path=org_unit.path, year=year, month=month)
    report: SupervisionReport | None = (
        SupervisionReport.objects.select_for_update()
        .filter(tenant_id=tenant.pk, org_unit=org_unit, year=year, month=month)
        .first()
    )
    if report is None:
        try:
            with transaction.atomic():
                report = SupervisionReport.objects.create(
                    tenant_id=tenant.pk,
                    org_unit=org_unit,
                    cluster_id=org_unit.cluster_id,
                    year=year,
                    month=month,
                    figures=figures,
                    due_on=report_due_on(year, month, settings),
                )
        except IntegrityError as exc:  # prepared by someone else a moment ago
            raise Conflict(_("Laporan bulan ini baru saja disiapkan; muat ulang halaman.")) from exc
        audit.record(
            actor=actor,
            tenant_id=tenant.pk,
            action="discipline.report.prepare",
            target=report,
            org_unit_path=org_unit.path,
            after={**audit.model_snapshot(report, SNAPSHOT), "year": year, "month": month, "figures": figures},
        )
        return report
    if report.status != ReportStatus.DRAFT:
        raise Conflict(
            _("Laporan %(month)s sudah dikirim; angkanya tidak diperbarui lagi.") % {"month": _label(report)}
        )
    if _same(report.figures, figures) and report.cluster_id == org_unit.cluster_id:
        return report  # nothing changed: nothing written, nothing recorded
    before = {"figures": report.figures, "cluster": report.cluster_id}
    report.figures = figures
    report.cluster_id = org_unit.cluster_id
    report.save(update_fields=["figures", "cluster", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="discipline.report.refresh",
        target=report,
        org_unit_path=org_unit.path,
        before=before,
        after={"figures": figures, "cluster": report.cluster_id},
    )
    return report


def _lock_draft(actor: Any, report: SupervisionReport, action: str, denied: str) -> SupervisionReport:
    authorize(actor, action, report, denied=denied)
    locked: SupervisionReport = (
        SupervisionReport.objects.select_for_update().select_related("org_unit", "tenant").get(pk=report.pk)
    )
    return locked


@transaction.atomic
def report_update(
    *, actor: Any, report: SupervisionReport, inspections_held: int, findings: str, follow_up: str
) -> SupervisionReport:
    """Record the inspections, findings and follow-up of a draft report."""
    report = _lock_draft(actor, report, DISCIPLINE_REPORT, _("Laporan ini diisi oleh kepala unitnya."))
    if report.status != ReportStatus.DRAFT:
        raise Conflict(_("Laporan yang sudah dikirim tidak dapat diubah."))
    errors: dict[str, list[str]] = {}
    if not isinstance(inspections_held, int) or not 0 <= inspections_held <= MAX_INSPECTIONS:
        errors["inspections_held"] = [_("Jumlah sidak harus 0 sampai %(max)d.") % {"max": MAX_INSPECTIONS}]
    findings, follow_up = (findings or "").strip(), (follow_up or "").strip()
    for name, text in (("findings", findings), ("follow_up", follow_up)):
        if len(text) > MAX_TEXT:
            errors[name] = [_("Paling banyak %(max)d karakter.") % {"max": MAX_TEXT}]
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    before = audit.model_snapshot(report, SNAPSHOT)
    if (report.inspections_held, report.findings, report.follow_up) == (inspections_held, findings, follow_up):
        return report
    report.inspections_held, report.findings, report.follow_up = inspections_held, findings, follow_up
    report.save(update_fields=["inspections_held", "findings", "follow_up", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=report.tenant_id,
        action="discipline.report.update",
        target=report,
        org_unit_path=report.org_unit.path,
        before=before,
        after=audit.model_snapshot(report, SNAPSHOT),
    )
    return report


@transaction.atomic
def report_submit(*, actor: Any, report: SupervisionReport, now: dt.datetime | None = None) -> SupervisionReport:
    """Send a completed draft to the Asisten (late after the due day), with its figures refreshed.

    ``now`` (default: the clock) is when it is sent; its date in the tenant's zone decides lateness."""
    report = _lock_draft(actor, report, DISCIPLINE_REPORT, _("Laporan ini dikirim oleh kepala unitnya."))
    tenant: Tenant = report.tenant
    now = now or timezone.now()
    today = tenant.localtime(now).date()
    if report.status != ReportStatus.DRAFT:
        raise Conflict(_("Laporan ini sudah dikirim."))
    _first, last = month_bounds(report.year, report.month)
    if today <= last:
        raise _invalid(
            "month",
            _("Laporan %(month)s dapat dikirim setelah bulannya berakhir (mulai %(day)s).")
            % {"month": _label(report), "day": (last + dt.timedelta(days=1)).strftime("%d-%m-%Y")},
        )
    errors: dict[str, list[str]] = {}
    if not report.findings.strip():
        errors["findings"] = [_("Tuliskan temuan pengawasan bulan ini (tulis “Nihil” bila tidak ada).")]
    if not report.follow_up.strip():
        errors["follow_up"] = [_("Tuliskan tindak lanjutnya (tulis “Nihil” bila tidak ada).")]
    if errors:
        raise ValidationFailed(_("Lengkapi laporan sebelum dikirim."), field_errors=errors)
    before = audit.model_snapshot(report, SNAPSHOT)
    report.figures = figures_of.month_figures(
        tenant_id=tenant.pk, unit_path=report.org_unit.path, year=report.year, month=report.month
    )
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = now
    report.submitted_by = _user(actor)
    report.save(update_fields=["figures", "status", "submitted_at", "submitted_by", "updated_at"])
    late = is_late(report.due_on, today, today)
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="discipline.report.submit",
        target=report,
        org_unit_path=report.org_unit.path,
        before=before,
        after={**audit.model_snapshot(report, SNAPSHOT), "late": late, "figures": report.figures},
    )
    title = _("Laporan pengawasan disiplin %(unit)s %(month)s menunggu telaah Anda") % {
        "unit": report.org_unit.name,
        "month": _label(report),
    }
    if late:
        title += " " + _("(terlambat %(days)d hari)") % {"days": (today - report.due_on).days}
    notify(
        tenant_id=tenant.pk,
        recipients=reviewers_of(report, today),
        title=title,
        body=report.findings[:300],
        url=_url(report),
        dedupe_key=f"discipline-report:{report.pk}:submit",
    )
    return report


@transaction.atomic
def report_review(
    *, actor: Any, report: SupervisionReport, note: str, now: dt.datetime | None = None
) -> SupervisionReport:
    """Close a submitted report as reviewed, with the reviewer's note, and tell the unit's head."""
    report = _lock_draft(
        actor, report, DISCIPLINE_REVIEW, _("Laporan ditelaah oleh Asisten koordinator atau Sekretaris Daerah.")
    )
    if report.status == ReportStatus.DRAFT:
        raise Conflict(_("Laporan ini belum dikirim oleh kepala unit."))
    if report.status == ReportStatus.REVIEWED:
        raise Conflict(_("Laporan ini sudah ditelaah."))
    note = (note or "").strip()
    if len(note) > MAX_TEXT:
        raise _invalid("note", _("Paling banyak %(max)d karakter.") % {"max": MAX_TEXT})
    before = audit.model_snapshot(report, SNAPSHOT)
    report.status = ReportStatus.REVIEWED
    now = now or timezone.now()
    report.reviewed_at = now
    report.reviewed_by = _user(actor)
    report.review_note = note
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=report.tenant_id,
        action="discipline.report.review",
        target=report,
        org_unit_path=report.org_unit.path,
        before=before,
        after={**audit.model_snapshot(report, SNAPSHOT), "note": note},
    )
    recipients = heads_of(report, report.tenant.localtime(now).date())
    if report.submitted_by_id is not None:
        recipients.append(report.submitted_by)
    notify(
        tenant_id=report.tenant_id,
        recipients=recipients,
        title=_("Laporan pengawasan disiplin %(month)s telah ditelaah") % {"month": _label(report)},
        body=note[:300],
        url=_url(report),
        dedupe_key=f"discipline-report:{report.pk}:review",
    )
    return report


def _authorize_forward(actor: Any, cluster: Cluster, today: dt.date) -> None:
    tenant_id = require_tenant(actor)
    if cluster.tenant_id != tenant_id:
        raise NotFoundError(_("Klaster tidak ditemukan."))
    if selectors.is_system(actor) or cluster.pk in selectors.reviewer_cluster_ids(actor=actor, today=today):
        return
    if selectors.reviews_tenant_wide(actor):
        raise Forbidden(_("Ringkasan klaster diteruskan oleh Asisten koordinatornya, bukan oleh Anda."))
    raise NotFoundError(_("Klaster tidak ditemukan."))


@transaction.atomic
def summary_forward(
    *, actor: Any, cluster: Cluster, year: int, month: int, summary: str, now: dt.datetime | None = None
) -> ClusterSummary:
    """Forward the cluster's month to the Sekda: its reports' figures added up, with the Asisten's summary."""
    tenant = Tenant.objects.get(pk=cluster.tenant_id)
    now = now or timezone.now()
    today = tenant.localtime(now).date()
    _authorize_forward(actor, cluster, today)
    _check_month(year, month, today)
    _first, last = month_bounds(year, month)
    if today <= last:
        raise _invalid("month", _("Ringkasan diteruskan setelah bulannya berakhir."))
    summary = (summary or "").strip()
    if not summary:
        raise _invalid("summary", _("Tuliskan ringkasan pengawasan disiplin klaster untuk Sekda."))
    if len(summary) > MAX_TEXT:
        raise _invalid("summary", _("Paling banyak %(max)d karakter.") % {"max": MAX_TEXT})
    units = list(
        OrgUnit.objects.filter(selectors.opd_level_q(), tenant_id=tenant.pk, cluster=cluster).order_by(
            "sort_order", "name"
        )
    )
    reports = {
        r.org_unit_id: r
        for r in SupervisionReport.objects.select_for_update().filter(
            tenant_id=tenant.pk, year=year, month=month, org_unit__in=units
        )
    }
    waiting = [u.name for u in units if u.pk in reports and reports[u.pk].status == ReportStatus.SUBMITTED]
    if waiting:
        raise _invalid(
            "summary",
            _("Telaah dulu laporan %(units)s sebelum meneruskan ringkasan.") % {"units": ", ".join(waiting)},
        )
    if ClusterSummary.objects.filter(tenant_id=tenant.pk, cluster=cluster, year=year, month=month).exists():
        raise Conflict(_("Ringkasan %(month)s sudah diteruskan.") % {"month": selectors.month_label(year, month)})
    filed = [r for r in reports.values() if r.status != ReportStatus.DRAFT]
    settings = discipline_settings(tenant).supervision
    due_on = report_due_on(year, month, settings)
    rows = [selectors.opd_row(u, reports.get(u.pk), due_on=due_on, zone=tenant.zone, today=today) for u in units]
    figures = figures_of.add_up(r.figures for r in filed)
    figures |= {
        "opds": len(units),
        "reported": len(filed),
        "late": [row.unit.name for row in rows if row.late],
        "not_reported": [row.unit.name for row in rows if not row.reported],
    }
    try:
        with transaction.atomic():
            created = ClusterSummary.objects.create(
                tenant_id=tenant.pk,
                cluster=cluster,
                year=year,
                month=month,
                figures=figures,
                summary=summary,
                due_on=summary_due_on(year, month, settings),
                forwarded_at=now,
                forwarded_by=_user(actor) or _system_sender(tenant.pk, cluster, today),
            )
    except IntegrityError as exc:
        raise Conflict(_("Ringkasan bulan ini baru saja diteruskan.")) from exc
    audit.record(
        actor=actor,
        tenant_id=tenant.pk,
        action="discipline.summary.forward",
        target=created,
        after={"cluster": cluster.pk, "year": year, "month": month, "summary": summary, "figures": figures},
    )
    notify(
        tenant_id=tenant.pk,
        recipients=_sekda_users(tenant.pk, today),
        title=_("Ringkasan pengawasan disiplin %(cluster)s %(month)s")
        % {
            "cluster": cluster.name,
            "month": selectors.month_label(year, month),
        },
        body=summary[:300],
        url=reverse("discipline:review_list") + f"?tahun={year:d}&bulan={month:d}",
        dedupe_key=f"discipline-summary:{created.pk}",
    )
    return created


def _system_sender(tenant_id: int, cluster: Cluster, day: dt.date) -> Any:
    """``forwarded_by`` must be a person: a system run (the demo) records the cluster's Asisten."""
    users = _asisten_users(tenant_id, cluster.pk, day)
    if not users:
        raise ValidationFailed(_("Klaster ini belum memiliki Asisten; ringkasan tidak dapat diteruskan."))
    return users[0]
