"""Writes the demo's performance year (``story``'s plan) in bulk: the heads' accounts, PKs, reports, evidence.

The same bargain as ``loader`` and ``planning_loader``: a seed, so the rows bypass the services that would
lock, re-validate and audit each one (``agreement_submit``/``agreement_sign`` for 43 versions,
``report_submit``/``report_verify`` for some 450 reports, ``evidence_upload`` for 500 files), but every
row is in a state those services produce, and the demo tests prove it: the content hash of every PK and
integrity pact is computed by the agreements app's own ``snapshot`` from the rows just written (so the
verification page and the PDF agree with it), every signature carries the hash of what it signed, every
report's history steps match its status and dates, the verifier is never the submitter, and every evidence
file is what its name says (``pamong.reports.evidence_files.check_evidence``) and is stored where
``evidence_upload`` stores one. The counts join the tenant's ``demo.seeded`` audit event.

The heads' accounts (some 40) are written in bulk too, all with one argon2 hash of the demo password:
``user_create`` hashes each password anew, a third of a second apiece. Their roles go through
``role_assign`` (audited), like every demo login's.

Queries: a fixed number per table (users, roles one by one, agreements, items, targets, budget lines,
pacts, signatures, reports, values, steps, sections, evidence), whatever the number of rows; the evidence
files are written to the default storage one by one (a few milliseconds each).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db.models import Prefetch

from pamong.access.models import User
from pamong.access.services import role_assign
from pamong.agreements.models import (
    AgreementBudgetLine,
    AgreementItem,
    AgreementItemTarget,
    AgreementSignature,
    IntegrityPact,
    PerformanceAgreement,
)
from pamong.agreements.rules.texts import PACT_FORM, PK_FORM, pact_statements, region_name
from pamong.agreements.snapshot import content_hash, pact_hash
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.org.models import OrgUnit
from pamong.planning.models import Indicator, PlanPeriod
from pamong.reports.models import Evidence, GovernanceSection, Report, ReportStep, ReportValue

from .dto import RegionPlan
from .files import tiny_pdf, tiny_png
from .planning_plan import OPD, PlanningPlan
from .story_dto import AgreementPlan, EvidencePlan, ReportPlan

BATCH = 2000
NIGHTLY = "system:reports_open"  # how the nightly job's steps are labelled (``SystemActor(label="reports_open")``)
PDF, PNG = "application/pdf", "image/png"
PENDING_HASH = "0" * 64


def write_accounts(
    tenant: Tenant,
    plan: RegionPlan,
    units: Mapping[str, OrgUnit],
    employee_ids: Mapping[int, int],
    password: str,
) -> None:
    """The heads' logins (bulk, one shared hash of ``password``) and every role the story gives (the service)."""
    if plan.accounts:
        # The demo logins just created hold a hash of the same password: reuse one (argon2 takes a third of a second).
        existing = User.objects.filter(tenant=tenant).exclude(password="").values_list("password", flat=True).first()
        hashed = existing or make_password(password)
        User.objects.bulk_create(
            [
                User(
                    username=a.username,
                    tenant=tenant,
                    employee_id=employee_ids[a.employee_index],
                    password=hashed,
                    is_active=a.active,
                )
                for a in plan.accounts
            ]
        )
    users = User.objects.filter(tenant=tenant).in_bulk(field_name="username")
    system = SystemActor(tenant_id=tenant.pk, label="demo_seed")
    for role in plan.roles:
        role_assign(
            actor=system,
            user=users[role.username],
            role=role.role,
            org_unit=units[role.unit_code],
            valid_from=role.valid_from,
            valid_to=role.valid_to,
            note=role.note,
        )


class StoryWriter:
    """Writes one tenant's story; ``write()`` returns nothing, the counts are the plan's."""

    def __init__(
        self,
        tenant: Tenant,
        plan: RegionPlan,
        units: Mapping[str, OrgUnit],
        employee_ids: Mapping[int, int],
        period: PlanPeriod,
    ) -> None:
        assert plan.story is not None and plan.planning is not None
        self.tenant, self.story, self.planning = tenant, plan.story, plan.planning
        self.units, self.employee_ids, self.period = units, employee_ids, period
        self.users: dict[str, User] = {
            u.username: u for u in User.objects.filter(tenant=tenant).select_related("employee")
        }
        code_of = {u.pk: code for code, u in units.items()}
        self.indicators: dict[tuple[str, str], int] = {
            (code_of[unit_id], code): pk
            for pk, unit_id, code in Indicator.objects.filter(tenant=tenant, period=period).values_list(
                "pk", "org_unit_id", "code"
            )
        }

    def user_id(self, username: str | None) -> int | None:
        return self.users[username].pk if username else None

    def label(self, username: str | None) -> str:
        return str(self.users[username])[:200] if username else NIGHTLY

    def write(self) -> None:
        self._agreements()
        self._reports()

    # --- agreements --------------------------------------------------------------------------

    def _agreement_row(self, a: AgreementPlan, previous: PerformanceAgreement | None) -> PerformanceAgreement:
        unit = self.units[a.unit_code]
        return PerformanceAgreement(
            tenant=self.tenant,
            org_unit=unit,
            year=a.year,
            version=a.version,
            status=a.status,
            plan_period=self.period,
            previous=previous,
            revision_reason=a.revision_reason,
            form=PK_FORM,
            tenant_name=self.tenant.name,
            unit_code=unit.code,
            unit_name=unit.name,
            place=a.place,
            agreement_date=a.agreement_date,
            head_employee_id=self.employee_ids[a.head_index] if a.head_index is not None else None,
            head_name=a.head_name,
            head_nip=a.head_nip,
            head_title=a.head_title,
            head_rank=a.head_rank,
            head_acting=a.head_acting,
            region_head_name=a.region_head_name,
            region_head_title=a.region_head_title,
            submitted_at=a.submitted_at,
            signed_at=a.signed_at,
            superseded_at=a.superseded_at,
            created_by_id=self.user_id(a.created_by),
            # Replaced below by the hash of the rows once they are written (the check constraint wants one now).
            content_hash=PENDING_HASH if a.agreement_date is not None else "",
        )

    def _agreements(self) -> None:
        plans = self.story.agreements
        firsts = PerformanceAgreement.objects.bulk_create(
            [self._agreement_row(a, None) for a in plans if a.version == 1]
        )
        by_unit = {row.unit_code: row for row in firsts}
        later = PerformanceAgreement.objects.bulk_create(
            [self._agreement_row(a, by_unit[a.unit_code]) for a in plans if a.version > 1]
        )
        rows = {(r.unit_code, r.version): r for r in [*firsts, *later]}
        pairs = [(a, rows[(a.unit_code, a.version)]) for a in plans]
        self._items(pairs)
        AgreementBudgetLine.objects.bulk_create(
            [
                AgreementBudgetLine(tenant=self.tenant, agreement=row, number=n, program=program, ceiling=ceiling)
                for a, row in pairs
                for n, (program, ceiling) in enumerate(a.budget, start=1)
            ]
        )
        sent = [row.pk for a, row in pairs if a.agreement_date is not None]
        hashed = list(
            PerformanceAgreement.objects.filter(pk__in=sent).prefetch_related(
                Prefetch("items", queryset=AgreementItem.objects.prefetch_related("targets")), "budget_lines"
            )
        )
        for agreement in hashed:
            agreement.content_hash = content_hash(agreement)
        PerformanceAgreement.objects.bulk_update(hashed, ["content_hash"], batch_size=BATCH)
        by_pk = {row.pk: row for row in hashed}
        pacts = []
        for a, row in pairs:
            agreement = by_pk.get(row.pk)
            if agreement is None:
                continue
            pact = IntegrityPact(
                tenant=self.tenant,
                agreement=agreement,
                form=PACT_FORM,
                statements=list(pact_statements(agreement.unit_name, region_name(self.tenant.name))),
                place=agreement.place,
                pact_date=a.agreement_date,
            )
            pact.content_hash = pact_hash(agreement, pact)
            pacts.append(pact)
        IntegrityPact.objects.bulk_create(pacts)
        pact_of = {p.agreement_id: p for p in pacts}
        AgreementSignature.objects.bulk_create(
            [
                AgreementSignature(
                    tenant=self.tenant,
                    agreement=by_pk[row.pk],
                    document=s.document,
                    party=s.party,
                    user_id=self.user_id(s.username),
                    employee_id=self.employee_ids[s.employee_index] if s.employee_index is not None else None,
                    signer_name=s.name,
                    signer_nip=s.nip,
                    signer_title=s.title,
                    signer_rank=s.rank,
                    signed_at=s.at,
                    signed_on=s.at.date(),
                    content_hash=(
                        pact_of[row.pk].content_hash if s.document == "integrity_pact" else by_pk[row.pk].content_hash
                    ),
                )
                for a, row in pairs
                for s in a.signatures
            ]
        )

    def _items(self, pairs: list[tuple[AgreementPlan, PerformanceAgreement]]) -> None:
        """The unit's indicators as ``agreement_draft`` copies them: by code, with the sasaran as the goal."""
        planning: PlanningPlan = self.planning
        strategic = {(s.unit_code, s.code): s.text for s in planning.strategic}
        programs = {p.code: p.name for p in planning.programs}
        mine = sorted((i for i in planning.indicators if i.level == OPD), key=lambda i: (i.unit_code, i.code))
        items: list[tuple[AgreementItem, tuple[Any, ...]]] = []
        for a, row in pairs:
            number = 0
            for indicator in mine:
                if indicator.unit_code != a.unit_code:
                    continue
                number += 1
                goal = (
                    strategic[(indicator.unit_code, indicator.strategic_target_code)]
                    if indicator.strategic_target_code
                    else programs.get(indicator.program_code or "", indicator.name)
                )
                item = AgreementItem(
                    tenant=self.tenant,
                    agreement=row,
                    number=number,
                    indicator_id=self.indicators[(indicator.unit_code, indicator.code)],
                    goal=goal,
                    indicator_code=indicator.code,
                    indicator_name=indicator.name,
                    unit_of_measure=indicator.unit_of_measure,
                    polarity=indicator.polarity,
                    period_kind=indicator.period_kind,
                    annual_target=indicator.annual_target,
                )
                items.append((item, indicator.trajectory))
        created = AgreementItem.objects.bulk_create([item for item, _t in items], batch_size=BATCH)
        AgreementItemTarget.objects.bulk_create(
            [
                AgreementItemTarget(tenant=self.tenant, item=item, period_no=n, target=target)
                for item, (_i, trajectory) in zip(created, items, strict=True)
                for n, target in enumerate(trajectory, start=1)
            ],
            batch_size=BATCH,
        )

    # --- reports -----------------------------------------------------------------------------

    def _report_row(self, r: ReportPlan) -> Report:
        return Report(
            tenant=self.tenant,
            org_unit=self.units[r.unit_code],
            kind=r.kind,
            year=r.year,
            period_kind=r.period_kind,
            period_no=r.period_no,
            status=r.status,
            deadline=r.deadline,
            first_submitted_on=r.first_submitted_on,
            submitted_at=r.submitted_at,
            submitted_by_id=self.user_id(r.submitted_by),
            verified_at=r.verified_at,
            verified_by_id=self.user_id(r.verified_by),
            return_count=r.return_count,
            problems=r.problems,
            causes=r.causes,
            solutions=r.solutions,
            follow_up=r.follow_up,
        )

    def _reports(self) -> None:
        plans = self.story.reports
        rows = Report.objects.bulk_create([self._report_row(r) for r in plans], batch_size=BATCH)
        pairs = list(zip(plans, rows, strict=True))
        values = ReportValue.objects.bulk_create(
            [
                ReportValue(
                    tenant=self.tenant,
                    report=row,
                    indicator_id=self.indicators[(r.unit_code, v.indicator_code)],
                    actual=v.actual,
                    note=v.note,
                )
                for r, row in pairs
                for v in r.values
            ],
            batch_size=BATCH,
        )
        value_of = {(v.report_id, v.indicator_id): v for v in values}
        ReportStep.objects.bulk_create(
            [
                ReportStep(
                    tenant=self.tenant,
                    report=row,
                    kind=s.kind,
                    from_status=s.from_status,
                    to_status=s.to_status,
                    actor_id=self.user_id(s.actor),
                    actor_label=self.label(s.actor),
                    at=s.at,
                    reason=s.reason,
                )
                for r, row in pairs
                for s in r.steps
            ],
            batch_size=BATCH,
        )
        sections = GovernanceSection.objects.bulk_create(
            [
                GovernanceSection(
                    tenant=self.tenant,
                    report=row,
                    topic=s.topic,
                    position=s.position,
                    summary=s.summary,
                    problems=s.problems,
                    follow_up=s.follow_up,
                    figures=dict(s.figures),
                )
                for r, row in pairs
                for s in r.sections
            ],
            batch_size=BATCH,
        )
        section_of = {(s.report_id, s.topic): s for s in sections}
        evidence = []
        for r, row in pairs:
            for e in r.evidence:
                value = (
                    value_of[(row.pk, self.indicators[(r.unit_code, e.indicator_code)])] if e.indicator_code else None
                )
                section = section_of[(row.pk, e.topic)] if e.topic else None
                evidence.append(self._evidence(row, e, value, section))
        Evidence.objects.bulk_create(evidence, batch_size=BATCH)

    def _evidence(
        self, report: Report, e: EvidencePlan, value: ReportValue | None, section: GovernanceSection | None
    ) -> Evidence:
        content = tiny_pdf(e.title, e.lines) if e.kind == "pdf" else tiny_png(e.colour)
        row = Evidence(
            tenant=self.tenant,
            report=report,
            value=value,
            section=section,
            original_name=e.name[:255],
            content_type=PDF if e.kind == "pdf" else PNG,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            description=e.description[:200],
            uploaded_by_id=self.user_id(e.uploaded_by),
            uploaded_by_label=self.label(e.uploaded_by),
        )
        row.file.save(e.name, ContentFile(content), save=False)  # where evidence_upload stores it
        return row
