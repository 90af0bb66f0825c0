"""Sending a draft for signature, returning it to draft, and cancelling an unsigned version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.models import User
from pamong.core import audit
from pamong.core.errors import ValidationFailed
from pamong.notices.choices import NoticeKind
from pamong.notices.services import notify
from pamong.people.rules.dates import date_id

from .. import facts, snapshot
from ..authz import authorize_manage
from ..choices import AgreementStatus
from ..models import IntegrityPact, PerformanceAgreement
from ..rules import workflow
from ..rules.content import content_hash
from ..rules.texts import PACT_FORM, pact_statements, region_name
from .common import audit_snapshot, locked, refresh_names, refuse, required_reason, tenant_today


def _signer_users(agreement: PerformanceAgreement, day: dt.date) -> list[Any]:
    heads = list(User.objects.filter(employee_id=agreement.head_employee_id, is_active=True))
    return heads + facts.region_head_users(tenant_id=agreement.tenant_id, day=day)


@transaction.atomic
def agreement_submit(
    *, actor: Any, agreement: PerformanceAgreement, today: dt.date | None = None
) -> PerformanceAgreement:
    """Freeze a draft and send it for signature: name the parties, hash the content, write the pact, notify.

    The head is the unit's head on ``today`` (definitive, else Plt); the head of region is named from the
    tenant's settings or the holder of the role. Both signers get a notice.
    """
    authorize_manage(actor, agreement)
    agreement = locked(agreement)
    try:
        workflow.check_submit(workflow.Status(agreement.status), agreement.version, len(agreement.items.all()))
    except workflow.WorkflowError as exc:
        refuse(exc)
    tenant = agreement.tenant
    day = tenant_today(tenant, today)
    unit = agreement.org_unit
    heads = facts.signing_heads_on(unit=unit, day=day)
    if not heads:
        raise ValidationFailed(
            _(
                "%(unit)s tidak memiliki kepala definitif atau Plt pada %(date)s; tetapkan kepala unit "
                "(atau Plt) di menu Pegawai sebelum mengajukan perjanjian."
            )
            % {"unit": unit.name, "date": date_id(day)},
            code="no_head",
        )
    region_head = facts.region_head_party(tenant=tenant, day=day)
    if not region_head.name:
        raise ValidationFailed(
            _(
                "Nama %(title)s belum tercatat: berikan peran Bupati/Wali Kota kepada akunnya, atau isi "
                "pengaturan agreements.region_head_name pemerintah daerah."
            )
            % {"title": region_head.title},
            code="no_region_head",
        )
    head = heads[0]
    refresh_names(agreement, tenant)
    agreement.head_employee_id = head.employee_id
    agreement.head_name = head.party.name
    agreement.head_nip = head.party.nip
    agreement.head_title = head.party.title
    agreement.head_rank = head.party.rank
    agreement.head_acting = head.party.acting
    agreement.region_head_name = region_head.name
    agreement.region_head_title = region_head.title
    agreement.agreement_date = day
    if not agreement.place:
        agreement.place = facts.default_place(tenant)
    agreement.content_hash = content_hash(snapshot.agreement_content(agreement))
    agreement.status = AgreementStatus.AWAITING
    agreement.submitted_at = timezone.now()
    agreement.save()
    pact, _created = IntegrityPact.objects.update_or_create(
        agreement=agreement,
        defaults={
            "tenant_id": agreement.tenant_id,
            "form": PACT_FORM,
            "statements": list(pact_statements(agreement.unit_name, region_name(agreement.tenant_name))),
            "place": agreement.place,
            "pact_date": day,
            "content_hash": "",
        },
    )
    pact.content_hash = snapshot.pact_hash(agreement, pact)
    pact.save(update_fields=["content_hash", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=agreement.tenant_id,
        action="agreements.agreement.submit",
        target=agreement,
        org_unit_path=unit.path,
        after={**audit_snapshot(agreement), "pact_hash": pact.content_hash},
    )
    notify(
        tenant_id=agreement.tenant_id,
        recipients=_signer_users(agreement, day),
        kind=NoticeKind.AGREEMENT_SIGN,
        title=_("Perjanjian kinerja %(unit)s %(year)s menunggu tanda tangan Anda")
        % {"unit": agreement.unit_name, "year": agreement.year},
        body=_("Versi %(version)d, kode verifikasi %(code)s.")
        % {"version": agreement.version, "code": agreement.verification_code},
        url=reverse("agreements:agreement_detail", args=[agreement.pk]),
        dedupe_key=f"agreement-sign:{agreement.pk}:{agreement.content_hash[:16]}",
    )
    return agreement


def _revoke(agreement: PerformanceAgreement, reason: str) -> int:
    now = timezone.now()
    return agreement.signatures.filter(revoked_at__isnull=True).update(
        revoked_at=now, revoke_reason=reason, updated_at=now
    )


@transaction.atomic
def agreement_reopen(*, actor: Any, agreement: PerformanceAgreement, reason: str) -> PerformanceAgreement:
    """Return a version awaiting signatures to draft (to correct it); the signatures given so far are revoked."""
    authorize_manage(actor, agreement)
    agreement = locked(agreement)
    try:
        workflow.check_reopen(workflow.Status(agreement.status))
    except workflow.WorkflowError as exc:
        refuse(exc)
    text = required_reason(reason)
    before = audit_snapshot(agreement)
    revoked = _revoke(agreement, text)
    agreement.status = AgreementStatus.DRAFT
    agreement.content_hash = ""
    agreement.submitted_at = None
    agreement.save()
    audit.record(
        actor=actor,
        tenant_id=agreement.tenant_id,
        action="agreements.agreement.reopen",
        target=agreement,
        org_unit_path=agreement.org_unit.path,
        before=before,
        after={"status": agreement.status, "signatures_revoked": revoked},
        reason=text,
    )
    return agreement


@transaction.atomic
def agreement_cancel(*, actor: Any, agreement: PerformanceAgreement, reason: str) -> PerformanceAgreement:
    """Abandon a draft or an unsigned version; it stays on record as cancelled, its signatures revoked."""
    authorize_manage(actor, agreement)
    agreement = locked(agreement)
    try:
        workflow.check_cancel(workflow.Status(agreement.status))
    except workflow.WorkflowError as exc:
        refuse(exc)
    text = required_reason(reason)
    before = audit_snapshot(agreement)
    revoked = _revoke(agreement, text)
    agreement.status = AgreementStatus.CANCELLED
    agreement.cancelled_at = timezone.now()
    agreement.cancel_reason = text
    agreement.save()
    audit.record(
        actor=actor,
        tenant_id=agreement.tenant_id,
        action="agreements.agreement.cancel",
        target=agreement,
        org_unit_path=agreement.org_unit.path,
        before=before,
        after={"status": agreement.status, "signatures_revoked": revoked},
        reason=text,
    )
    return agreement
