"""The home page's performance to-do list: what waits for this user, one COUNT per item they can act on.

Each item is computed only when the user holds its action somewhere (``Scope.can``), so a plain ASN's
home page costs no query here, and a Bupati's costs the signatures and the cockpit's three figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from pamong.access.roles import (
    AGREEMENTS_SIGN,
    COCKPIT_VIEW,
    PERFORMANCE_VIEW,
    REPORTS_EDIT,
    REPORTS_VERIFY,
)
from pamong.agreements.authz import signs_for_region
from pamong.agreements.choices import AgreementStatus, SignedDocument, SignerParty
from pamong.agreements.models import AgreementSignature, PerformanceAgreement
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit
from pamong.planning.choices import MONTH_NAMES
from pamong.reports.choices import ReportStatus
from pamong.reports.models import Report
from pamong.reports.selectors import verify_queue

from ..choices import ACTIVE_STATUSES
from ..models import Consequence, IndicatorScore, UnitScore
from .periods import shown_period

#: A draft or returned report is listed once its deadline is this close (or past).
DUE_WITHIN = dt.timedelta(days=14)


@dataclass(frozen=True)
class Todo:
    """Counts for the home panel; ``None`` means the user cannot act on that item at all (not shown)."""

    reports_due: int | None = None
    reports_returned: int | None = None
    reports_overdue: int | None = None
    to_verify: int | None = None
    to_sign: int | None = None
    my_follow_ups: int | None = None
    red_indicators: int | None = None
    active_consequences: int | None = None
    shown_label: str = ""
    cockpit: bool = False
    own_unit: OrgUnit | None = None  # the one OPD or kecamatan a head/operator/ASN works for, if exactly one
    own_score: UnitScore | None = None  # its latest score this year

    @property
    def own_score_label(self) -> str:
        """ "Oktober 2026": the month the own unit's score runs to."""
        score = self.own_score
        return f"{MONTH_NAMES[score.month - 1]} {score.year}" if score else ""

    @property
    def empty(self) -> bool:
        counts = (self.reports_due, self.to_verify, self.to_sign, self.my_follow_ups, self.red_indicators)
        return not self.cockpit and self.own_unit is None and all(c is None for c in counts)


def _awaiting_my_signature(actor: Any, employee_id: int | None, region_wide: bool) -> int:
    signed = AgreementSignature.objects.filter(agreement=OuterRef("pk"), revoked_at__isnull=True)
    head_done = Exists(signed.filter(document=SignedDocument.AGREEMENT, party=SignerParty.HEAD))
    pact_done = Exists(signed.filter(document=SignedDocument.INTEGRITY_PACT, party=SignerParty.HEAD))
    region_done = Exists(signed.filter(document=SignedDocument.AGREEMENT, party=SignerParty.REGION_HEAD))
    mine: Any = Q(pk__in=[])
    if employee_id is not None:
        mine |= Q(head_employee_id=employee_id) & (~head_done | ~pact_done)
    if region_wide:
        mine |= ~region_done
    return int(
        PerformanceAgreement.objects.visible_to(actor, AGREEMENTS_SIGN)
        .filter(status=AgreementStatus.AWAITING)
        .filter(mine)
        .count()
    )


def home_todo(*, actor: Any, tenant: Tenant, today: dt.date) -> Todo:
    """What waits for ``actor`` on ``today`` (the tenant's date)."""
    scope = scope_of(actor)
    values: dict[str, Any] = {}
    if scope.can(REPORTS_EDIT):
        open_reports = Report.objects.visible_to(actor, REPORTS_EDIT).filter(
            status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED), deadline__lte=today + DUE_WITHIN
        )
        counts = open_reports.aggregate(
            due=Count("pk"),
            returned=Count("pk", filter=Q(status=ReportStatus.RETURNED)),
            overdue=Count("pk", filter=Q(deadline__lt=today)),
        )
        values.update(reports_due=counts["due"], reports_returned=counts["returned"], reports_overdue=counts["overdue"])
    if scope.can(REPORTS_VERIFY):
        values["to_verify"] = verify_queue(actor=actor).count()
    if scope.can(AGREEMENTS_SIGN):
        values["to_sign"] = _awaiting_my_signature(actor, scope.employee_id, signs_for_region(actor, tenant.pk))
    if scope.can(PERFORMANCE_VIEW):
        values["my_follow_ups"] = Consequence.objects.filter(
            tenant_id=tenant.pk, owner_user=actor, status__in=ACTIVE_STATUSES
        ).count()
    if scope.can(PERFORMANCE_VIEW) and not scope.can(COCKPIT_VIEW):
        units = list(
            OrgUnit.objects.visible_to(actor, PERFORMANCE_VIEW)
            .filter(depth=1, closed_on__isnull=True)
            .order_by("pk")[:2]
        )
        if len(units) == 1:
            values["own_unit"] = units[0]
            values["own_score"] = (
                UnitScore.objects.filter(tenant_id=tenant.pk, org_unit=units[0], year=today.year)
                .order_by("-month")
                .first()
            )
    if scope.can(COCKPIT_VIEW):
        shown = shown_period(tenant=tenant, today=today)
        values["cockpit"] = True
        values["shown_label"] = shown.label if shown.month else ""
        if shown.month:
            values["red_indicators"] = (
                IndicatorScore.objects.visible_to(actor, COCKPIT_VIEW)
                .filter(year=shown.year, month=shown.month, colour="red")
                .count()
            )
        values["active_consequences"] = (
            Consequence.objects.visible_to(actor, COCKPIT_VIEW).filter(status__in=ACTIVE_STATUSES).count()
        )
    return Todo(**values)
