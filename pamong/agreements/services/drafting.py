"""Drafting a performance agreement: the first version, changes to a draft, and a revision (PK perubahan)
of the version in force.

Items are copied from planning (the unit's OPD indicators of the RPJMD period covering the year, with the
year's annual target and trajectory) whenever a draft is written, and never read from planning again:
later planning edits do not change a version, let alone a signed one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from pamong.access.models import User
from pamong.core import audit
from pamong.core.authz import require_tenant
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant
from pamong.org.models import OrgUnit
from pamong.planning.choices import IndicatorLevel
from pamong.planning.models import Indicator, IndicatorTarget, PeriodTarget, PlanPeriod

from .. import facts
from ..authz import authorize_manage
from ..choices import AgreementStatus
from ..models import (
    AgreementBudgetLine,
    AgreementItem,
    AgreementItemTarget,
    PerformanceAgreement,
)
from ..rules import workflow
from ..rules.items import IndicatorFacts, check_items
from ..rules.texts import PK_FORM
from .common import audit_snapshot, locked, refresh_names, refuse, required_reason

#: The largest budget ceiling accepted (Rupiah; a regency's whole budget is far below it).
MAX_CEILING = 10**15


@dataclass(frozen=True)
class BudgetLineData:
    """A programme line of the annex as a form or serializer hands it over."""

    program: str
    ceiling: int


def _check_budget(lines: Sequence[BudgetLineData]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.program.strip():
            errors.setdefault("budget_lines", []).append(
                _("Baris anggaran %(n)d: nama program wajib diisi.") % {"n": number}
            )
        if not isinstance(line.ceiling, int) or line.ceiling < 0 or line.ceiling >= MAX_CEILING:
            errors.setdefault("budget_lines", []).append(
                _("Baris anggaran %(n)d: pagu harus bilangan bulat Rupiah, tidak negatif.") % {"n": number}
            )
    return errors


def _period(unit: OrgUnit, year: int) -> PlanPeriod:
    period = facts.plan_period_for(tenant_id=unit.tenant_id, year=year)
    if period is None:
        raise ValidationFailed(
            _("Belum ada RPJMD yang berlaku untuk tahun %(year)s; Bappeda perlu memberlakukannya dulu.")
            % {"year": year},
            field_errors={"year": [_("Tidak ada periode RPJMD yang mencakup tahun ini.")]},
        )
    return period


def _indicators(
    unit: OrgUnit, period: PlanPeriod, year: int, indicator_ids: Iterable[int] | None
) -> tuple[list[Indicator], dict[int, Decimal], dict[int, dict[int, Decimal]]]:
    """The unit's OPD indicators of ``period`` (the chosen ones) with the year's targets: three queries."""
    rows = (
        Indicator.objects.filter(tenant_id=unit.tenant_id, org_unit=unit, period=period, level=IndicatorLevel.OPD)
        .select_related("strategic_target", "priority_program")
        .order_by("code", "pk")
    )
    indicators = list(rows)
    if indicator_ids is not None:
        wanted = {int(i) for i in indicator_ids}
        unknown = wanted - {i.pk for i in indicators}
        if unknown:
            raise ValidationFailed(
                _("Indikator yang dipilih bukan indikator unit ini pada RPJMD yang berlaku."),
                field_errors={"indicators": [_("Pilih indikator dari daftar.")]},
            )
        indicators = [i for i in indicators if i.pk in wanted]
    annual = dict(
        IndicatorTarget.objects.filter(indicator__in=indicators, year=year).values_list("indicator_id", "annual_target")
    )
    trajectory: dict[int, dict[int, Decimal]] = {}
    for indicator_id, number, target in PeriodTarget.objects.filter(indicator__in=indicators, year=year).values_list(
        "indicator_id", "period_no", "target"
    ):
        trajectory.setdefault(indicator_id, {})[number] = target
    return indicators, annual, trajectory


def _goal_of(indicator: Indicator) -> str:
    if indicator.strategic_target is not None:
        return indicator.strategic_target.text
    if indicator.priority_program is not None:
        return indicator.priority_program.name
    return indicator.name


def _write_items(agreement: PerformanceAgreement, indicator_ids: Iterable[int] | None) -> None:
    """Replace the version's items by a fresh copy of planning; refuse (naming indicator and period) if incomplete."""
    unit = agreement.org_unit
    indicators, annual, trajectory = _indicators(unit, agreement.plan_period, agreement.year, indicator_ids)
    if not indicators:
        raise ValidationFailed(
            _(
                "%(unit)s belum memiliki indikator kinerja pada Renstra %(year)s; isi Renstra di menu Perencanaan "
                "atau pilih sedikitnya satu indikator."
            )
            % {"unit": unit.name, "year": agreement.year},
            field_errors={"indicators": [_("Perjanjian kinerja harus memuat sedikitnya satu indikator.")]},
        )
    facts = [
        IndicatorFacts(i.code, i.name, i.period_kind, annual.get(i.pk), trajectory.get(i.pk, {})) for i in indicators
    ]
    problems = check_items(facts, year=agreement.year)
    if problems:
        raise ValidationFailed(
            _("Target indikator belum lengkap; lengkapi di menu Perencanaan lalu ulangi."),
            field_errors={"indicators": [localized(p) for p in problems]},
        )
    AgreementItem.objects.filter(agreement=agreement).delete()  # targets go with them (a draft's own rows)
    items = AgreementItem.objects.bulk_create(
        AgreementItem(
            tenant_id=agreement.tenant_id,
            agreement=agreement,
            number=number,
            indicator=indicator,
            goal=_goal_of(indicator),
            indicator_code=indicator.code,
            indicator_name=indicator.name,
            unit_of_measure=indicator.unit_of_measure,
            polarity=indicator.polarity,
            period_kind=indicator.period_kind,
            annual_target=annual[indicator.pk],
        )
        for number, indicator in enumerate(indicators, start=1)
    )
    AgreementItemTarget.objects.bulk_create(
        AgreementItemTarget(tenant_id=agreement.tenant_id, item=item, period_no=number, target=value)
        for item, indicator in zip(items, indicators, strict=True)
        for number, value in sorted(trajectory[indicator.pk].items())
    )


def _write_budget(agreement: PerformanceAgreement, lines: Sequence[BudgetLineData]) -> None:
    AgreementBudgetLine.objects.filter(agreement=agreement).delete()
    AgreementBudgetLine.objects.bulk_create(
        AgreementBudgetLine(
            tenant_id=agreement.tenant_id,
            agreement=agreement,
            number=number,
            program=line.program.strip(),
            ceiling=line.ceiling,
        )
        for number, line in enumerate(lines, start=1)
    )


def _next_version(unit: OrgUnit, year: int) -> int:
    highest = PerformanceAgreement.objects.filter(org_unit=unit, year=year).aggregate(v=Max("version"))["v"]
    return (highest or 0) + 1


def _create(**fields: Any) -> PerformanceAgreement:
    """Insert a version; a concurrent draft of the same unit and year loses on the named constraints."""
    try:
        with transaction.atomic():
            agreement: PerformanceAgreement = PerformanceAgreement.objects.create(**fields)
    except IntegrityError as exc:
        raise Conflict(
            _("Perjanjian kinerja unit ini untuk tahun tersebut baru saja dibuat oleh orang lain; muat ulang halaman.")
        ) from exc
    return agreement


@transaction.atomic
def agreement_draft(
    *,
    actor: Any,
    org_unit: OrgUnit,
    year: int,
    indicator_ids: Iterable[int] | None = None,
    place: str | None = None,
    budget_lines: Sequence[BudgetLineData] = (),
) -> PerformanceAgreement:
    """The first version of a unit's agreement for ``year``, in draft, its items copied from planning.

    ``indicator_ids`` chooses among the unit's indicators (all of them by default). Refused when the unit
    already has an agreement for the year (a change is a revision), when it has no indicator, or when an
    indicator lacks its annual target or a period of its trajectory.
    """
    tenant_id = require_tenant(actor)
    if org_unit.tenant_id != tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    authorize_manage(actor, org_unit)
    if not facts.owes_agreement(org_unit):
        raise ValidationFailed(
            _("Perjanjian kinerja dengan Bupati dibuat untuk OPD atau kecamatan, bukan untuk %(unit)s.")
            % {"unit": org_unit.name},
            field_errors={"org_unit": [_("Pilih OPD atau kecamatan.")]},
        )
    if not 2000 <= year <= 2100:
        raise ValidationFailed(_("Tahun tidak sah."), field_errors={"year": [_("Tahun harus antara 2000 dan 2100.")]})
    if org_unit.closed_on is not None and org_unit.closed_on <= dt.date(year, 1, 1):
        raise ValidationFailed(
            _("%(unit)s sudah ditutup sebelum tahun %(year)s.") % {"unit": org_unit.name, "year": year},
            field_errors={"org_unit": [_("Unit ini sudah ditutup.")]},
        )
    errors = _check_budget(budget_lines)
    if errors:
        raise ValidationFailed(_("Data anggaran tidak sah; periksa isian yang ditandai."), field_errors=errors)
    existing = (
        PerformanceAgreement.objects.filter(org_unit=org_unit, year=year)
        .exclude(status=AgreementStatus.CANCELLED)
        .order_by("-version")
        .first()
    )
    if existing is not None:
        raise Conflict(
            _(
                "%(unit)s sudah memiliki perjanjian kinerja %(year)s (versi %(version)d, %(status)s); "
                "perubahan dibuat sebagai PK perubahan dari versi yang berlaku."
            )
            % {
                "unit": org_unit.name,
                "year": year,
                "version": existing.version,
                "status": existing.get_status_display(),
            },
            code="agreement_exists",
        )
    period = _period(org_unit, year)
    tenant = Tenant.objects.get(pk=tenant_id)
    agreement = _create(
        tenant_id=tenant_id,
        org_unit=org_unit,
        year=year,
        version=_next_version(org_unit, year),
        plan_period=period,
        form=PK_FORM,
        tenant_name=tenant.name,
        unit_code=org_unit.code,
        unit_name=org_unit.name,
        place=(place if place is not None else facts.default_place(tenant)).strip(),
        created_by=actor if isinstance(actor, User) else None,
    )
    _write_items(agreement, indicator_ids)
    _write_budget(agreement, budget_lines)
    agreement = locked(agreement)
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="agreements.agreement.draft",
        target=agreement,
        org_unit_path=org_unit.path,
        after=audit_snapshot(agreement),
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    agreement: PerformanceAgreement,
    indicator_ids: Iterable[int] | None = None,
    place: str | None = None,
    budget_lines: Sequence[BudgetLineData] | None = None,
) -> PerformanceAgreement:
    """Change a draft: re-copy the chosen indicators from planning, the place, the budget lines."""
    authorize_manage(actor, agreement)
    agreement = locked(agreement)
    try:
        workflow.check_editable(workflow.Status(agreement.status), agreement.version)
    except workflow.WorkflowError as exc:
        refuse(exc)
    if budget_lines is not None:
        errors = _check_budget(budget_lines)
        if errors:
            raise ValidationFailed(_("Data anggaran tidak sah; periksa isian yang ditandai."), field_errors=errors)
    before = audit_snapshot(agreement)
    refresh_names(agreement, agreement.tenant)
    if place is not None:
        agreement.place = place.strip()
    agreement.save()
    _write_items(agreement, indicator_ids)
    if budget_lines is not None:
        _write_budget(agreement, budget_lines)
    agreement = locked(agreement)
    after = audit_snapshot(agreement)
    if after != before:
        audit.record(
            actor=actor,
            tenant_id=agreement.tenant_id,
            action="agreements.agreement.update",
            target=agreement,
            org_unit_path=agreement.org_unit.path,
            before=before,
            after=after,
        )
    return agreement


@transaction.atomic
def agreement_revise(
    *,
    actor: Any,
    agreement: PerformanceAgreement,
    reason: str,
    indicator_ids: Iterable[int] | None = None,
    budget_lines: Sequence[BudgetLineData] | None = None,
) -> PerformanceAgreement:
    """Start a revision (PK perubahan) of the version in force: a new draft version with a mandatory reason.

    Its items are copied afresh from planning (the indicators of the version in force that still exist,
    unless chosen anew); its budget lines and place are carried over unless given. The version in force
    stays in force until the revision is fully signed.
    """
    authorize_manage(actor, agreement)
    agreement = locked(agreement)
    pending = (
        PerformanceAgreement.objects.filter(org_unit_id=agreement.org_unit_id, year=agreement.year)
        .filter(status__in=[AgreementStatus.DRAFT, AgreementStatus.AWAITING])
        .exists()
    )
    try:
        workflow.check_revise(workflow.Status(agreement.status), has_pending=pending)
    except workflow.WorkflowError as exc:
        refuse(exc)
    text = required_reason(reason)
    if budget_lines is not None:
        errors = _check_budget(budget_lines)
        if errors:
            raise ValidationFailed(_("Data anggaran tidak sah; periksa isian yang ditandai."), field_errors=errors)
    unit = agreement.org_unit
    period = _period(unit, agreement.year)
    if indicator_ids is None:
        kept = [item.indicator_id for item in agreement.items.all() if item.indicator_id is not None]
        indicator_ids = kept or None
    lines = sorted(agreement.budget_lines.all(), key=lambda b: b.number)
    carried = [BudgetLineData(b.program, b.ceiling) for b in lines]
    revision = _create(
        tenant_id=agreement.tenant_id,
        org_unit=unit,
        year=agreement.year,
        version=_next_version(unit, agreement.year),
        plan_period=period,
        previous=agreement,
        revision_reason=text,
        form=PK_FORM,
        tenant_name=agreement.tenant.name,
        unit_code=unit.code,
        unit_name=unit.name,
        place=agreement.place,
        created_by=actor if isinstance(actor, User) else None,
    )
    _write_items(revision, indicator_ids)
    _write_budget(revision, budget_lines if budget_lines is not None else carried)
    revision = locked(revision)
    audit.record(
        actor=actor,
        tenant_id=revision.tenant_id,
        action="agreements.agreement.revise",
        target=revision,
        org_unit_path=unit.path,
        before={"version": agreement.version, "content_hash": agreement.content_hash},
        after=audit_snapshot(revision),
        reason=text,
    )
    return revision
