"""The Bupati's directives: recording a set of numbered items, and each OPD's compliance report per period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import DIRECTIVES_REPORT, MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core import audit
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.errors import NotFoundError, ValidationFailed
from pamong.org.models import OrgUnit

from ..choices import ComplianceStatus, FrequencyChoice
from ..models import Directive, DirectiveItem, DirectiveReport, Meeting
from ..selectors.directives_periods import period_start as period_of

ItemSpec = tuple[int, str, Sequence[OrgUnit]]
REPORTABLE = (ComplianceStatus.COMPLIED, ComplianceStatus.PARTIAL, ComplianceStatus.NOT_COMPLIED)


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def _user_of(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) else None


def _check_items(items: Iterable[ItemSpec], tenant_id: int) -> list[ItemSpec]:
    checked: list[ItemSpec] = []
    seen: set[int] = set()
    for number, text, units in items:
        if not isinstance(number, int) or number < 1:
            raise _refuse("items", _("Nomor butir arahan harus bilangan bulat mulai dari 1."))
        if number in seen:
            raise _refuse(
                "items",
                _("Nomor butir %(number)d dipakai dua kali. Beri setiap butir nomor sendiri.") % {"number": number},
            )
        if not (text or "").strip():
            raise _refuse(
                "items",
                _("Butir nomor %(number)d belum berisi arahan. Tuliskan isinya atau hapus nomornya.")
                % {"number": number},
            )
        if any(unit.tenant_id != tenant_id for unit in units):
            raise _refuse(
                "items", _("Butir nomor %(number)d ditujukan kepada unit di luar daerah ini.") % {"number": number}
            )
        seen.add(number)
        checked.append((number, text.strip(), list(units)))
    if not checked:
        raise _refuse("items", _("Tuliskan paling sedikit satu butir arahan."))
    return checked


@transaction.atomic
def directive_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    title: str,
    issued_on: dt.date,
    reporting: str,
    meeting: Meeting | None = None,
    items: Sequence[ItemSpec] = (),
) -> Directive:
    """Record a set of directives (all items or nothing); the secretariat holds ``meetings.manage`` tenant-wide."""
    tenant_id = require_tenant(actor)
    authorize_at(
        actor,
        MEETINGS_MANAGE,
        tenant_id=tenant_id,
        path=None,
        visible_action=MEETINGS_VIEW,
        denied=_("Arahan Bupati dicatat oleh Sekretariat Daerah (hak kelola rapat untuk seluruh daerah)."),
    )
    if org_unit.tenant_id != tenant_id:
        raise _refuse("org_unit", _("Unit penerbit tidak ditemukan di daerah ini."))
    if not (title or "").strip():
        raise _refuse("title", _("Isi judul arahan, misalnya “Arahan Bupati pada Rapat Perdana”."))
    if reporting not in FrequencyChoice.values:
        raise _refuse("reporting", _("Pilih periode laporan: bulanan, triwulanan atau semesteran."))
    if meeting is not None and meeting.tenant_id != tenant_id:
        raise _refuse("meeting", _("Rapat itu tidak ditemukan di daerah ini."))
    checked = _check_items(items, tenant_id)
    directive = Directive.objects.create(
        tenant_id=tenant_id,
        org_unit=org_unit,
        title=title.strip()[:200],
        issued_on=issued_on,
        reporting=reporting,
        meeting=meeting,
    )
    for number, text, units in checked:
        item = DirectiveItem.objects.create(directive=directive, number=number, text=text)
        if units:
            item.units.set(units)
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="meetings.directive.create",
        target=directive,
        after={
            "title": directive.title,
            "issued_on": issued_on.isoformat(),
            "reporting": reporting,
            "meeting": meeting.pk if meeting else None,
            "items": [{"number": n, "text": t, "units": [u.pk for u in us]} for n, t, us in checked],
        },
    )
    return directive


@transaction.atomic
def directive_report(
    *,
    actor: Any,
    item: DirectiveItem,
    org_unit: OrgUnit,
    period_start: dt.date,
    status: str,
    note: str = "",
    evidence_link: str = "",
) -> DirectiveReport:
    """An OPD's compliance with one item for one period; a second report for the same period replaces the first."""
    directive = item.directive
    if org_unit.tenant_id != directive.tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    authorize_at(
        actor,
        DIRECTIVES_REPORT,
        tenant_id=directive.tenant_id,
        path=org_unit.path,
        visible_action=MEETINGS_VIEW,
        denied=_("Pelaksanaan arahan dilaporkan oleh kepala OPD yang bersangkutan."),
    )
    if not directive.is_active:
        raise _refuse("item", _("Arahan ini sudah tidak berlaku; laporan tidak lagi diterima."))
    addressed = list(item.units.values_list("pk", flat=True))
    if addressed and org_unit.pk not in addressed:
        raise _refuse(
            "org_unit",
            _("Butir nomor %(number)d tidak ditujukan kepada %(unit)s; tidak perlu dilaporkan.")
            % {"number": item.number, "unit": org_unit.name},
        )
    if period_of(period_start, directive.reporting) != period_start:
        raise _refuse("period_start", _("Periode laporan harus diawali tanggal 1 bulan pertama periode."))
    if period_start < period_of(directive.issued_on, directive.reporting):
        raise _refuse("period_start", _("Periode itu sebelum arahan diterbitkan."))
    if period_start > period_of(directive.tenant.today(), directive.reporting):
        raise _refuse("period_start", _("Periode itu belum dimulai; laporkan pada periode berjalan."))
    if status not in REPORTABLE:
        raise _refuse("status", _("Pilih status: dilaksanakan, sebagian, atau belum dilaksanakan."))
    note = (note or "").strip()
    if status != ComplianceStatus.COMPLIED and not note:
        raise _refuse(
            "note", _("Jelaskan kendala dan rencana tindak lanjut bila arahan belum sepenuhnya dilaksanakan.")
        )
    report = (
        DirectiveReport.objects.select_for_update()
        .filter(item=item, org_unit=org_unit, period_start=period_start)
        .first()
    )
    before = None
    if report is None:
        report = DirectiveReport(tenant_id=directive.tenant_id, item=item, org_unit=org_unit, period_start=period_start)
    else:
        before = {"status": report.status, "note": report.note, "evidence_link": report.evidence_link}
    report.status = status
    report.note = note
    report.evidence_link = (evidence_link or "").strip()
    report.reported_at = timezone.now()
    report.reported_by = _user_of(actor)
    report.save()
    audit.record(
        actor=actor,
        tenant_id=directive.tenant_id,
        action="meetings.directive.report" if before is None else "meetings.directive.report_update",
        target=report,
        org_unit_path=org_unit.path,
        before=before,
        after={
            "item": item.pk,
            "number": item.number,
            "period_start": period_start.isoformat(),
            "status": status,
            "note": note,
            "evidence_link": report.evidence_link,
        },
    )
    return report
