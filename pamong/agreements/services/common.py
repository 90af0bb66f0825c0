"""Helpers the agreement services share: turning rule refusals into domain errors, locking, snapshots."""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import Conflict, ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant

from ..models import AgreementItem, AgreementSignature, PerformanceAgreement
from ..rules.content import decimal_text
from ..rules.workflow import WorkflowError

AGREEMENT_FIELDS = (
    "org_unit",
    "year",
    "version",
    "status",
    "place",
    "agreement_date",
    "content_hash",
    "head_name",
    "head_nip",
    "head_title",
    "region_head_name",
    "region_head_title",
)


def refuse(exc: WorkflowError) -> NoReturn:
    """A workflow refusal as the domain error the views and API understand."""
    if exc.kind == "invalid":
        raise ValidationFailed(localized(exc), code=exc.code) from exc
    raise Conflict(localized(exc), code=exc.code) from exc


def locked(agreement: PerformanceAgreement) -> PerformanceAgreement:
    """The version re-read under ``SELECT … FOR UPDATE`` with everything its content is made of."""
    # Lock the row first (no joins: some databases refuse FOR UPDATE with outer joins), then load it whole.
    list(PerformanceAgreement.objects.select_for_update().filter(pk=agreement.pk).values_list("pk", flat=True))
    fresh: PerformanceAgreement = (
        PerformanceAgreement.objects.select_related("org_unit", "tenant", "integrity_pact")
        .prefetch_related(
            Prefetch("items", queryset=AgreementItem.objects.order_by("number").prefetch_related("targets")),
            "budget_lines",
            Prefetch("signatures", queryset=AgreementSignature.objects.filter(revoked_at__isnull=True)),
        )
        .get(pk=agreement.pk)
    )
    return fresh


def tenant_today(tenant: Tenant, today: dt.date | None) -> dt.date:
    return today if today is not None else tenant.today()


def audit_snapshot(agreement: PerformanceAgreement) -> dict[str, Any]:
    """The audited picture of a version: its fields, item codes and targets, budget total."""
    data = audit.model_snapshot(agreement, AGREEMENT_FIELDS)
    data["items"] = [
        {"code": item.indicator_code, "annual_target": decimal_text(item.annual_target)}
        for item in sorted(agreement.items.all(), key=lambda i: i.number)
    ]
    data["budget_total"] = sum(line.ceiling for line in agreement.budget_lines.all())
    return data


def refresh_names(agreement: PerformanceAgreement, tenant: Tenant) -> None:
    """The unit's and tenant's names as the document prints them (a draft follows renames; a signed one never)."""
    agreement.tenant_name = tenant.name
    agreement.unit_code = agreement.org_unit.code
    agreement.unit_name = agreement.org_unit.name


def required_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationFailed(_("Alasan wajib diisi."), field_errors={"reason": [_("Alasan wajib diisi.")]})
    return text
