"""Signing: the head signs the agreement and the integrity pact, the head of region signs the agreement.

Each signature records who (the user and a snapshot of the person: name, NIP, post, rank), when, and the
SHA-256 of exactly the content signed, recomputed from the stored rows at that moment. A signature is
refused when the signer is not the party (not the unit's head on the signing day, or not the head of
region), when the party already signed, when the stored content no longer hashes to what went out for
signature, when the signer confirmed another hash than the stored one, or when the other party signed
other content. When the last of the three signatures is given the version comes into force and the
version it revises is superseded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import Conflict, Forbidden, ValidationFailed
from pamong.notices.choices import NoticeKind
from pamong.notices.services import notify
from pamong.people.rules.dates import date_id

from .. import facts, snapshot
from ..authz import authorize_sign, signs_for_region
from ..choices import AgreementStatus, SignedDocument, SignerParty
from ..models import AgreementSignature, PerformanceAgreement
from ..rules import workflow
from .common import locked, refuse, tenant_today


def _head_of(actor: Any, agreement: PerformanceAgreement, day: dt.date) -> facts.HeadParty:
    """The actor as the unit's head on ``day``, and the head the document names; else refuse."""
    heads = facts.signing_heads_on(unit=agreement.org_unit, day=day)
    employee_id = getattr(actor, "employee_id", None)
    mine = next((h for h in heads if employee_id is not None and h.employee_id == employee_id), None)
    if mine is None:
        raise Forbidden(
            _(
                "Anda bukan kepala %(unit)s (definitif atau Plt) pada %(date)s; hanya kepala unit yang "
                "menandatangani sebagai pihak pertama."
            )
            % {"unit": agreement.unit_name, "date": date_id(day)},
            code="not_head",
        )
    if mine.employee_id != agreement.head_employee_id:
        raise Conflict(
            _(
                "Perjanjian ini menyebut %(name)s sebagai pihak pertama; kembalikan ke draf dan ajukan ulang "
                "agar memuat kepala unit saat ini."
            )
            % {"name": agreement.head_name},
            code="head_changed",
        )
    return mine


def _region_signer(actor: Any) -> tuple[str, str]:
    """The signing head of region's name and NIP (an elected head has none; an acting one may)."""
    employee = getattr(actor, "employee", None) if getattr(actor, "employee_id", None) else None
    if employee is not None:
        return employee.full_name, employee.nip
    name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return (name or str(getattr(actor, "username", ""))), ""


def _finish_if_complete(actor: Any, agreement: PerformanceAgreement, signed: set[tuple[str, str]]) -> bool:
    """Put the version in force when all signatures are there; supersede the one it revises."""
    if not workflow.is_complete(signed):
        return False
    now = timezone.now()
    older = list(
        PerformanceAgreement.objects.select_for_update()
        .filter(org_unit_id=agreement.org_unit_id, year=agreement.year, status=AgreementStatus.SIGNED)
        .exclude(pk=agreement.pk)
    )
    for old in older:
        old.status = AgreementStatus.SUPERSEDED
        old.superseded_at = now
        old.save(update_fields=["status", "superseded_at", "updated_at"])
        audit.record(
            actor=actor,
            tenant_id=old.tenant_id,
            action="agreements.agreement.supersede",
            target=old,
            org_unit_path=agreement.org_unit.path,
            before={"status": AgreementStatus.SIGNED},
            after={"status": AgreementStatus.SUPERSEDED, "superseded_by_version": agreement.version},
        )
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_at = now
    agreement.save(update_fields=["status", "signed_at", "updated_at"])
    if agreement.created_by_id is not None:
        notify(
            tenant_id=agreement.tenant_id,
            recipients=[agreement.created_by],
            kind=NoticeKind.GENERAL,
            title=_("Perjanjian kinerja %(unit)s %(year)s berlaku")
            % {"unit": agreement.unit_name, "year": agreement.year},
            body=_("Versi %(version)d telah ditandatangani kedua pihak.") % {"version": agreement.version},
            url=reverse("agreements:agreement_detail", args=[agreement.pk]),
            dedupe_key=f"agreement-in-force:{agreement.pk}",
        )
    return True


def _signed(agreement: PerformanceAgreement) -> set[tuple[str, str]]:
    return {(s.document, s.party) for s in agreement.signatures.all() if s.revoked_at is None}


def _record(
    *,
    actor: Any,
    agreement: PerformanceAgreement,
    document: str,
    party: str,
    digest: str,
    day: dt.date,
    employee_id: int | None,
    name: str,
    nip: str,
    title: str,
    rank: str,
) -> AgreementSignature:
    signature: AgreementSignature = AgreementSignature.objects.create(
        tenant_id=agreement.tenant_id,
        agreement=agreement,
        document=document,
        party=party,
        user=actor if getattr(actor, "pk", None) else None,
        employee_id=employee_id,
        signer_name=name,
        signer_nip=nip,
        signer_title=title,
        signer_rank=rank,
        signed_at=timezone.now(),
        signed_on=day,
        content_hash=digest,
    )
    return signature


@transaction.atomic
def agreement_sign(
    *,
    actor: Any,
    agreement: PerformanceAgreement,
    party: str,
    content_hash: str,
    today: dt.date | None = None,
) -> AgreementSignature:
    """Sign the agreement as ``party`` (``head`` or ``region_head``), confirming the hash one was shown."""
    authorize_sign(actor, agreement)
    if party not in SignerParty.values:
        raise ValidationFailed(_("Pilih pihak yang menandatangani."), field_errors={"party": [_("Pihak tidak sah.")]})
    agreement = locked(agreement)
    day = tenant_today(agreement.tenant, today)
    head: facts.HeadParty | None = None
    if party == SignerParty.HEAD:
        head = _head_of(actor, agreement, day)
    elif not signs_for_region(actor, agreement.tenant_id):
        raise Forbidden(_("Hanya Bupati/Wali Kota yang menandatangani sebagai pihak kedua."), code="not_region_head")
    signed = _signed(agreement)
    try:
        workflow.check_sign(
            workflow.Status(agreement.status),
            signed,
            workflow.Document.AGREEMENT,
            workflow.Party(party),
            version=agreement.version,
        )
        workflow.check_hashes(
            stored=agreement.content_hash,
            recomputed=snapshot.content_hash(agreement),
            presented=content_hash,
            others=[
                s.content_hash
                for s in agreement.signatures.all()
                if s.revoked_at is None and s.document == SignedDocument.AGREEMENT
            ],
        )
    except workflow.WorkflowError as exc:
        refuse(exc)
    if head is not None:
        signature = _record(
            actor=actor,
            agreement=agreement,
            document=SignedDocument.AGREEMENT,
            party=party,
            digest=agreement.content_hash,
            day=day,
            employee_id=head.employee_id,
            name=head.party.name,
            nip=head.party.nip,
            title=head.party.title,
            rank=head.party.rank,
        )
    else:
        name, nip = _region_signer(actor)
        signature = _record(
            actor=actor,
            agreement=agreement,
            document=SignedDocument.AGREEMENT,
            party=party,
            digest=agreement.content_hash,
            day=day,
            employee_id=getattr(actor, "employee_id", None),
            name=name,
            nip=nip,
            title=agreement.region_head_title,
            rank="",
        )
    in_force = _finish_if_complete(actor, agreement, signed | {(SignedDocument.AGREEMENT, party)})
    audit.record(
        actor=actor,
        tenant_id=agreement.tenant_id,
        action="agreements.agreement.sign",
        target=agreement,
        org_unit_path=agreement.org_unit.path,
        after={
            "party": party,
            "content_hash": signature.content_hash,
            "signer_name": signature.signer_name,
            "signer_nip": signature.signer_nip,
            "signer_title": signature.signer_title,
            "signed_on": day,
            "status": agreement.status,
            "in_force": in_force,
        },
    )
    return signature


@transaction.atomic
def integrity_pact_sign(
    *, actor: Any, agreement: PerformanceAgreement, content_hash: str, today: dt.date | None = None
) -> AgreementSignature:
    """The head signs the integrity pact of a version awaiting signatures, confirming the pact's hash."""
    authorize_sign(actor, agreement)
    agreement = locked(agreement)
    day = tenant_today(agreement.tenant, today)
    head = _head_of(actor, agreement, day)
    signed = _signed(agreement)
    try:
        workflow.check_sign(
            workflow.Status(agreement.status),
            signed,
            workflow.Document.INTEGRITY_PACT,
            workflow.Party.HEAD,
            version=agreement.version,
        )
        pact = agreement.integrity_pact
        # The pact names the agreement's hash: both must still be what went out for signature.
        workflow.check_hashes(
            stored=agreement.content_hash,
            recomputed=snapshot.content_hash(agreement),
            presented=agreement.content_hash,
            others=(),
        )
        workflow.check_hashes(
            stored=pact.content_hash,
            recomputed=snapshot.pact_hash(agreement, pact),
            presented=content_hash,
            others=(),
        )
    except workflow.WorkflowError as exc:
        refuse(exc)
    signature = _record(
        actor=actor,
        agreement=agreement,
        document=SignedDocument.INTEGRITY_PACT,
        party=SignerParty.HEAD,
        digest=pact.content_hash,
        day=day,
        employee_id=head.employee_id,
        name=head.party.name,
        nip=head.party.nip,
        title=head.party.title,
        rank=head.party.rank,
    )
    in_force = _finish_if_complete(actor, agreement, signed | {(SignedDocument.INTEGRITY_PACT, SignerParty.HEAD)})
    audit.record(
        actor=actor,
        tenant_id=agreement.tenant_id,
        action="agreements.integrity_pact.sign",
        target=agreement,
        org_unit_path=agreement.org_unit.path,
        after={
            "content_hash": signature.content_hash,
            "agreement_hash": agreement.content_hash,
            "signer_name": signature.signer_name,
            "signer_nip": signature.signer_nip,
            "signed_on": day,
            "status": agreement.status,
            "in_force": in_force,
        },
    )
    return signature
