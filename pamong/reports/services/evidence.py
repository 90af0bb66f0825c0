"""Evidence files (bukti dukung): upload, checked by content; removal, which keeps the row and the file."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import Conflict, ValidationFailed

from ..authz import authorize_edit
from ..evidence_files import check_evidence, check_name, check_size
from ..models import Evidence, GovernanceSection, Report, ReportValue
from ..rules.workflow import WorkflowError, check_editable
from ..tenant_settings import report_settings
from .common import as_conflict, label_of, locked, user_of


@transaction.atomic
def evidence_upload(
    *,
    actor: Any,
    report: Report,
    file: File | None,  # type: ignore[type-arg]
    value: ReportValue | None = None,
    section: GovernanceSection | None = None,
    description: str = "",
) -> Evidence:
    """Store one evidence file of a draft or returned report (or of one of its values or sections)."""
    authorize_edit(actor, report)
    report = locked(report)
    try:
        check_editable(report.status)
    except WorkflowError as exc:
        raise as_conflict(exc) from exc
    if file is None:
        message = _("Pilih berkas bukti dukung untuk diunggah.")
        raise ValidationFailed(message, field_errors={"file": [message]})
    if value is not None and value.report_id != report.pk:
        message = _("Indikator itu bukan bagian dari laporan ini.")
        raise ValidationFailed(message, field_errors={"target": [message]})
    if section is not None and section.report_id != report.pk:
        message = _("Bagian itu bukan bagian dari laporan ini.")
        raise ValidationFailed(message, field_errors={"target": [message]})
    if value is not None and section is not None:
        raise ValidationFailed(_("Pilih satu tempat untuk bukti dukung: indikator atau bagian."))
    limit = report_settings(report.tenant).evidence_max_bytes
    name = PurePath(str(file.name or "")).name
    check_name(name)
    check_size(file.size or 0, limit)  # before reading a large upload into memory
    file.seek(0)
    content = file.read()
    content_type = check_evidence(name, content, limit)
    evidence = Evidence(
        tenant_id=report.tenant_id,
        report=report,
        value=value,
        section=section,
        original_name=name[:255],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        description=description.strip()[:200],
        uploaded_by=user_of(actor),
        uploaded_by_label=label_of(actor),
    )
    evidence.file.save(name, ContentFile(content), save=False)
    evidence.save()
    audit.record(
        actor=actor,
        tenant_id=report.tenant_id,
        action="reports.evidence.upload",
        target=evidence,
        org_unit_path=report.org_unit.path,
        after={**evidence.snapshot(), "report": report.pk},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence) -> Evidence:
    """Withdraw an evidence file of a draft or returned report; the row and the file stay for the trail."""
    report = evidence.report
    authorize_edit(actor, report)
    report = locked(report)
    try:
        check_editable(report.status)
    except WorkflowError as exc:
        raise as_conflict(exc) from exc
    updated = Evidence.objects.filter(pk=evidence.pk, removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=user_of(actor), updated_at=timezone.now()
    )
    if not updated:
        raise Conflict(_("Bukti dukung ini sudah dihapus."))
    evidence.refresh_from_db()
    audit.record(
        actor=actor,
        tenant_id=report.tenant_id,
        action="reports.evidence.remove",
        target=evidence,
        org_unit_path=report.org_unit.path,
        before={**evidence.snapshot(), "report": report.pk},
    )
    return evidence
