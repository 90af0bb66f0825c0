"""Agreement services: drafting, submitting, signing in either order, revisions, and every refusal.

Refusals write nothing (no row, no audit event); every change writes its audit event.
"""

import datetime as dt
from decimal import Decimal

import pytest

from pamong.agreements import selectors, services
from pamong.agreements.choices import AgreementStatus
from pamong.agreements.models import (
    AgreementItem,
    AgreementItemTarget,
    AgreementSignature,
    IntegrityPact,
    PerformanceAgreement,
)
from pamong.agreements.testing import REGION_HEAD_NAME, drafted, signed, submitted
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.notices.models import Notice
from pamong.people.choices import AssignmentKind
from pamong.people.models import Assignment
from pamong.people.services import assignment_end, assignment_start
from pamong.planning import services as planning
from pamong.planning.models import IndicatorTarget, PeriodTarget

pytestmark = pytest.mark.django_db


def events(action):
    return AuditEvent.objects.filter(action=action).count()


def sign_all(cast, agreement, *, bupati_first=False):
    head, bupati = cast.users["kepala_opd"], cast.users["bupati"]
    pact = IntegrityPact.objects.get(agreement=agreement)
    steps = [
        lambda: services.agreement_sign(
            actor=bupati, agreement=agreement, party="region_head", content_hash=agreement.content_hash
        ),
        lambda: services.agreement_sign(
            actor=head, agreement=agreement, party="head", content_hash=agreement.content_hash
        ),
        lambda: services.integrity_pact_sign(actor=head, agreement=agreement, content_hash=pact.content_hash),
    ]
    if not bupati_first:
        steps = steps[1:] + steps[:1]
    for step in steps:
        step()
    return PerformanceAgreement.objects.get(pk=agreement.pk)


# -- drafting -------------------------------------------------------------------------------------------


def test_draft_snapshots_the_units_indicators_with_targets_and_trajectory(cast, aplan):
    agreement = drafted(cast)
    assert agreement.status == AgreementStatus.DRAFT and agreement.version == 1
    assert agreement.unit_name == "Dinas Pendidikan" and agreement.tenant_name == "Kabupaten Uji"
    items = list(agreement.items.order_by("number"))
    assert [i.indicator_code for i in items] == ["IK1", "IK2"]
    assert items[0].annual_target == Decimal("100") and items[0].goal == "Meningkatnya partisipasi sekolah"
    assert [t.target for t in items[0].targets.all()] == [Decimal(v) for v in ("25", "50", "75", "100")]
    assert items[1].targets.count() == 12
    assert agreement.budget_lines.get().ceiling == 12_500_000_000
    assert agreement.place == "Uji" and agreement.content_hash == ""
    event = AuditEvent.objects.get(action="agreements.agreement.draft")
    assert event.org_unit_path == cast.units["disdik"].path
    assert [i["code"] for i in event.after["items"]] == ["IK1", "IK2"]


def test_later_planning_edits_never_change_a_drafted_snapshot(cast, aplan):
    agreement = drafted(cast)
    planning.indicator_set_targets(
        actor=cast.users["planner"],
        indicator=aplan.plan.indicator,
        year=2026,
        annual_target=Decimal("99"),
        period_targets={1: Decimal("96"), 2: Decimal("97"), 3: Decimal("98"), 4: Decimal("99")},
    )
    assert agreement.items.get(indicator_code="IK1").annual_target == Decimal("100")
    # ... until the draft is refreshed on purpose (it is still a draft)
    agreement = services.agreement_update(actor=cast.users["planner"], agreement=agreement)
    assert agreement.items.get(indicator_code="IK1").annual_target == Decimal("99")
    assert events("agreements.agreement.update") == 1


def test_draft_with_chosen_indicators_and_a_kecamatan(cast, aplan):
    agreement = services.agreement_draft(
        actor=cast.users["kepala_opd"],
        org_unit=cast.units["disdik"],
        year=2026,
        indicator_ids=[aplan.plan.indicator.pk],
    )
    assert [i.indicator_code for i in agreement.items.all()] == ["IK1"]
    kec = services.agreement_draft(actor=cast.users["camat"], org_unit=cast.units["kec"], year=2026)
    assert kec.items.get().goal == "Uji Cerdas"  # linked to a priority program, no strategic target


def test_second_current_agreement_is_refused(cast, aplan):
    drafted(cast)
    with pytest.raises(Conflict) as failure:
        drafted(cast)
    assert "sudah memiliki perjanjian kinerja 2026" in failure.value.message
    assert PerformanceAgreement.objects.count() == 1 and events("agreements.agreement.draft") == 1


def test_database_holds_one_pending_and_one_in_force_per_unit_and_year(cast, aplan):
    from django.db import IntegrityError, transaction

    agreement = drafted(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        PerformanceAgreement.objects.create(
            tenant=cast.tenant,
            org_unit=agreement.org_unit,
            year=2026,
            version=2,
            plan_period=agreement.plan_period,
            tenant_name="x",
            unit_code="x",
            unit_name="x",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        PerformanceAgreement.objects.filter(pk=agreement.pk).update(version=1)
        PerformanceAgreement.objects.create(
            tenant=cast.tenant,
            org_unit=agreement.org_unit,
            year=2026,
            version=1,
            status=AgreementStatus.CANCELLED,
            plan_period=agreement.plan_period,
            tenant_name="x",
            unit_code="x",
            unit_name="x",
        )


def test_draft_without_items_names_the_problem(cast, aplan):
    with pytest.raises(ValidationFailed) as failure:
        services.agreement_draft(actor=cast.users["planner"], org_unit=cast.units["dinkes"], year=2026)
    # Dinas Kesehatan's only indicator has no 2026 targets: named, period by period.
    messages = failure.value.field_errors["indicators"]
    assert "Indikator IKX Waktu tunggu pasien belum memiliki target tahunan 2026." in messages
    assert "Indikator IKX Waktu tunggu pasien: target Maret 2026 belum diisi." in messages
    with pytest.raises(ValidationFailed) as failure:
        services.agreement_draft(actor=cast.users["planner"], org_unit=cast.units["inspektorat"], year=2026)
    assert "belum memiliki indikator" in failure.value.message
    with pytest.raises(ValidationFailed):
        services.agreement_draft(
            actor=cast.users["planner"], org_unit=cast.units["disdik"], year=2026, indicator_ids=[]
        )
    assert not PerformanceAgreement.objects.exists() and not AgreementItem.objects.exists()
    assert events("agreements.agreement.draft") == 0


def test_missing_trajectory_period_is_named_and_nothing_is_saved(cast, aplan):
    PeriodTarget.objects.filter(indicator=aplan.disdik_monthly, year=2026, period_no=7).delete()
    with pytest.raises(ValidationFailed) as failure:
        drafted(cast)
    assert failure.value.field_errors["indicators"] == [
        "Indikator IK2 Jumlah guru tersertifikasi: target Juli 2026 belum diisi."
    ]
    IndicatorTarget.objects.filter(indicator=aplan.plan.indicator, year=2026).delete()
    with pytest.raises(ValidationFailed) as failure:
        drafted(cast)
    assert (
        "Indikator IK1 Angka partisipasi murni SD belum memiliki target tahunan 2026."
        in (failure.value.field_errors["indicators"])
    )
    assert not PerformanceAgreement.objects.exists() and not AgreementItemTarget.objects.exists()


def test_draft_refuses_bad_units_years_budgets_and_foreign_indicators(cast, aplan):
    planner = cast.users["planner"]
    with pytest.raises(ValidationFailed):
        services.agreement_draft(actor=planner, org_unit=cast.units["disdik_bidang"], year=2026)
    with pytest.raises(ValidationFailed):
        services.agreement_draft(actor=planner, org_unit=cast.units["disdik"], year=2040)  # no RPJMD covers it
    with pytest.raises(ValidationFailed) as failure:
        services.agreement_draft(
            actor=planner,
            org_unit=cast.units["disdik"],
            year=2026,
            budget_lines=[services.BudgetLineData("", -5)],
        )
    assert len(failure.value.field_errors["budget_lines"]) == 2
    with pytest.raises(ValidationFailed):
        services.agreement_draft(
            actor=planner, org_unit=cast.units["disdik"], year=2026, indicator_ids=[aplan.kec_indicator.pk]
        )
    assert not PerformanceAgreement.objects.exists()


def test_who_may_draft(cast, aplan):
    unit = cast.units["disdik"]
    for persona in ("sekda", "asisten", "verifier", "hr_admin", "bupati"):
        with pytest.raises(Forbidden):
            services.agreement_draft(actor=cast.users[persona], org_unit=unit, year=2026)
    for persona in ("camat", "asn", "asn_other_opd", "other_tenant"):
        with pytest.raises(NotFoundError):
            services.agreement_draft(actor=cast.users[persona], org_unit=unit, year=2026)
    assert not PerformanceAgreement.objects.exists()


def test_performance_operator_drafts_for_their_own_unit(cast, aplan):
    from pamong.access.models import User
    from pamong.access.roles import Role
    from pamong.access.services import role_assign

    operator = User.objects.create_user(username="operator", password="x", tenant=cast.tenant)
    system = SystemActor(tenant_id=cast.tenant.pk)
    role_assign(actor=system, user=operator, role=Role.PERFORMANCE_OPERATOR, org_unit=cast.units["disdik"])
    agreement = services.agreement_draft(actor=operator, org_unit=cast.units["disdik"], year=2026)
    services.agreement_submit(actor=operator, agreement=agreement)
    with pytest.raises(NotFoundError):
        services.agreement_draft(actor=operator, org_unit=cast.units["kec"], year=2026)
    with pytest.raises(Forbidden):  # an operator prepares, never signs
        services.agreement_sign(actor=operator, agreement=agreement, party="head", content_hash=agreement.content_hash)


# -- submitting ------------------------------------------------------------------------------------------


def test_submit_names_the_parties_hashes_and_notifies_both_signers(cast, aplan):
    agreement = submitted(cast)
    assert agreement.status == AgreementStatus.AWAITING
    assert agreement.head_name == "Budi Kadisdik" and agreement.head_title == "Kepala Dinas Pendidikan"
    assert agreement.head_nip == cast.employees["kepala_opd"].nip and agreement.head_acting == ""
    assert agreement.head_rank == "Penata Muda (III/a)"
    assert agreement.region_head_name == REGION_HEAD_NAME and agreement.region_head_title == "Bupati Uji"
    assert agreement.content_hash == selectors.content_hash(agreement) and len(agreement.content_hash) == 64
    pact = IntegrityPact.objects.get(agreement=agreement)
    assert len(pact.statements) == 7 and "Dinas Pendidikan Uji" in pact.statements[5]
    assert pact.content_hash == selectors.pact_hash(agreement, pact) != agreement.content_hash
    recipients = set(Notice.objects.filter(kind="agreement_sign").values_list("recipient__username", flat=True))
    assert recipients == {"kepala_opd", "bupati"}
    assert events("agreements.agreement.submit") == 1


def test_submit_without_a_head_is_refused(cast, aplan):
    agreement = drafted(cast)
    held = Assignment.objects.get(employee=cast.employees["kepala_opd"])
    assignment_end(actor=SystemActor(tenant_id=cast.tenant.pk), assignment=held, ends_on=dt.date(2026, 1, 31))
    with pytest.raises(ValidationFailed) as failure:
        services.agreement_submit(actor=cast.users["planner"], agreement=agreement, today=dt.date(2026, 3, 2))
    assert "tidak memiliki kepala definitif atau Plt pada 2 Maret 2026" in failure.value.message
    assert PerformanceAgreement.objects.get(pk=agreement.pk).status == AgreementStatus.DRAFT


def test_an_acting_head_plt_is_named_and_signs(cast, aplan):
    system = SystemActor(tenant_id=cast.tenant.pk)
    held = Assignment.objects.get(employee=cast.employees["kepala_opd"])
    assignment_end(actor=system, assignment=held, ends_on=dt.date(2026, 1, 31))
    # Eko Camat acts as head of Dinas Pendidikan (Plt) from February.
    assignment_start(
        actor=system,
        employee=cast.employees["camat"],
        position=cast.positions["kadisdik"],
        kind=AssignmentKind.PLT,
        starts_on=dt.date(2026, 2, 1),
    )
    day = dt.date(2026, 3, 2)
    agreement = services.agreement_submit(actor=cast.users["planner"], agreement=drafted(cast), today=day)
    assert agreement.head_name == "Eko Camat" and agreement.head_title == "Plt. Kepala Dinas Pendidikan"
    assert agreement.head_acting == "plt"
    with pytest.raises(Forbidden) as failure:  # Budi no longer heads it
        services.agreement_sign(
            actor=cast.users["kepala_opd"],
            agreement=agreement,
            party="head",
            content_hash=agreement.content_hash,
            today=day,
        )
    assert "Anda bukan kepala Dinas Pendidikan (definitif atau Plt) pada 2 Maret 2026" in failure.value.message
    # The Plt receives the head's role over Dinas Pendidikan, and signs.
    from pamong.access.roles import Role
    from pamong.access.services import role_assign

    role_assign(actor=system, user=cast.users["camat"], role=Role.OPD_HEAD, org_unit=cast.units["disdik"])
    signature = services.agreement_sign(
        actor=cast.users["camat"], agreement=agreement, party="head", content_hash=agreement.content_hash, today=day
    )
    assert signature.signer_title == "Plt. Kepala Dinas Pendidikan" and signature.employee == cast.employees["camat"]


def test_head_changed_after_submission_cannot_sign_for_the_named_head(cast, aplan):
    agreement = services.agreement_submit(
        actor=cast.users["planner"], agreement=drafted(cast), today=dt.date(2026, 1, 5)
    )
    system = SystemActor(tenant_id=cast.tenant.pk)
    held = Assignment.objects.get(employee=cast.employees["kepala_opd"])
    assignment_end(actor=system, assignment=held, ends_on=dt.date(2026, 1, 31))
    assignment_start(
        actor=system,
        employee=cast.employees["camat"],
        position=cast.positions["kadisdik"],
        kind=AssignmentKind.PLT,
        starts_on=dt.date(2026, 2, 1),
    )
    # The camat (who also holds agreements.sign only over his kecamatan) cannot even reach Disdik's agreement.
    with pytest.raises(NotFoundError):
        services.agreement_sign(
            actor=cast.users["camat"], agreement=agreement, party="head", content_hash=agreement.content_hash
        )


# -- signing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bupati_first", [False, True], ids=["head-first", "bupati-first"])
def test_both_parties_sign_in_either_order_and_it_comes_into_force(cast, aplan, bupati_first):
    agreement = sign_all(cast, submitted(cast), bupati_first=bupati_first)
    assert agreement.status == AgreementStatus.SIGNED and agreement.signed_at is not None
    signatures = {(s.document, s.party): s for s in AgreementSignature.objects.filter(agreement=agreement)}
    assert set(signatures) == {("agreement", "head"), ("agreement", "region_head"), ("integrity_pact", "head")}
    head = signatures[("agreement", "head")]
    assert head.user == cast.users["kepala_opd"] and head.employee == cast.employees["kepala_opd"]
    assert head.signer_name == "Budi Kadisdik" and head.signer_nip == cast.employees["kepala_opd"].nip
    assert head.content_hash == agreement.content_hash
    assert signatures[("agreement", "region_head")].signer_name == "bupati"  # the account has no full name
    assert signatures[("integrity_pact", "head")].content_hash == agreement.integrity_pact.content_hash
    assert events("agreements.agreement.sign") == 2 and events("agreements.integrity_pact.sign") == 1
    assert Notice.objects.filter(recipient=cast.users["planner"], kind="general").count() == 1


def test_signing_refusals(cast, aplan):
    agreement = submitted(cast)
    head, bupati = cast.users["kepala_opd"], cast.users["bupati"]
    digest = agreement.content_hash
    with pytest.raises(Forbidden) as failure:
        services.agreement_sign(actor=head, agreement=agreement, party="region_head", content_hash=digest)
    assert "Hanya Bupati" in failure.value.message
    with pytest.raises(Forbidden) as failure:
        services.agreement_sign(actor=bupati, agreement=agreement, party="head", content_hash=digest)
    assert "Anda bukan kepala Dinas Pendidikan" in failure.value.message
    for persona in ("sekda", "asisten", "verifier", "hr_admin", "planner"):
        with pytest.raises(Forbidden):
            services.agreement_sign(actor=cast.users[persona], agreement=agreement, party="head", content_hash=digest)
    for persona in ("camat", "asn", "asn_other_opd", "other_tenant"):
        with pytest.raises(NotFoundError):
            services.agreement_sign(actor=cast.users[persona], agreement=agreement, party="head", content_hash=digest)
    with pytest.raises(Conflict) as failure:  # confirmed another hash than the stored one
        services.agreement_sign(actor=head, agreement=agreement, party="head", content_hash="0" * 64)
    assert failure.value.code == "stale_hash"
    with pytest.raises(ValidationFailed):
        services.agreement_sign(actor=head, agreement=agreement, party="witness", content_hash=digest)
    assert not AgreementSignature.objects.exists() and events("agreements.agreement.sign") == 0
    services.agreement_sign(actor=head, agreement=agreement, party="head", content_hash=digest)
    with pytest.raises(Conflict) as failure:
        services.agreement_sign(actor=head, agreement=agreement, party="head", content_hash=digest)
    assert failure.value.code == "already_signed"
    assert AgreementSignature.objects.count() == 1


def test_signing_a_draft_is_refused(cast, aplan):
    agreement = drafted(cast)
    with pytest.raises(Conflict) as failure:
        services.agreement_sign(actor=cast.users["bupati"], agreement=agreement, party="region_head", content_hash="")
    assert failure.value.code == "draft"


def test_tampered_content_is_refused_at_signing(cast, aplan):
    agreement = submitted(cast)
    services.agreement_sign(
        actor=cast.users["kepala_opd"], agreement=agreement, party="head", content_hash=agreement.content_hash
    )
    # Someone edits a stored target behind the application's back.
    AgreementItemTarget.objects.filter(item__agreement=agreement, period_no=4, item__indicator_code="IK1").update(
        target=Decimal("90")
    )
    with pytest.raises(Conflict) as failure:
        services.agreement_sign(
            actor=cast.users["bupati"], agreement=agreement, party="region_head", content_hash=agreement.content_hash
        )
    assert failure.value.code == "content_changed"
    assert AgreementSignature.objects.count() == 1


def test_other_party_signed_different_content_is_refused(cast, aplan):
    agreement = submitted(cast)
    head = cast.users["kepala_opd"]
    services.agreement_sign(actor=head, agreement=agreement, party="head", content_hash=agreement.content_hash)
    AgreementSignature.objects.update(content_hash="f" * 64)
    with pytest.raises(Conflict) as failure:
        services.agreement_sign(
            actor=cast.users["bupati"], agreement=agreement, party="region_head", content_hash=agreement.content_hash
        )
    assert failure.value.code == "other_party_hash"


def test_pact_signing_needs_the_pact_hash(cast, aplan):
    agreement = submitted(cast)
    head = cast.users["kepala_opd"]
    with pytest.raises(Conflict):
        services.integrity_pact_sign(actor=head, agreement=agreement, content_hash=agreement.content_hash)
    with pytest.raises(Forbidden):
        services.integrity_pact_sign(
            actor=cast.users["bupati"], agreement=agreement, content_hash=agreement.integrity_pact.content_hash
        )
    services.integrity_pact_sign(actor=head, agreement=agreement, content_hash=agreement.integrity_pact.content_hash)
    with pytest.raises(Conflict):
        services.integrity_pact_sign(
            actor=head, agreement=agreement, content_hash=agreement.integrity_pact.content_hash
        )
    assert AgreementSignature.objects.get().document == "integrity_pact"


# -- editing, returning, cancelling ----------------------------------------------------------------------


def test_signed_or_awaiting_versions_are_never_edited(cast, aplan):
    agreement = submitted(cast)
    with pytest.raises(Conflict) as failure:
        services.agreement_update(actor=cast.users["planner"], agreement=agreement, place="Lain")
    assert failure.value.code == "awaiting"
    agreement = sign_all(cast, agreement)
    with pytest.raises(Conflict) as failure:
        services.agreement_update(actor=cast.users["planner"], agreement=agreement, place="Lain")
    assert "sudah ditandatangani dan tidak dapat diubah" in failure.value.message
    with pytest.raises(Conflict):
        services.agreement_submit(actor=cast.users["planner"], agreement=agreement)
    with pytest.raises(Conflict):
        services.agreement_cancel(actor=cast.users["planner"], agreement=agreement, reason="x")
    assert PerformanceAgreement.objects.get(pk=agreement.pk).place == "Uji"


def test_reopen_revokes_signatures_and_a_resubmission_needs_them_again(cast, aplan):
    agreement = submitted(cast)
    first_hash = agreement.content_hash
    services.agreement_sign(actor=cast.users["kepala_opd"], agreement=agreement, party="head", content_hash=first_hash)
    with pytest.raises(ValidationFailed):
        services.agreement_reopen(actor=cast.users["planner"], agreement=agreement, reason="  ")
    agreement = services.agreement_reopen(
        actor=cast.users["planner"], agreement=agreement, reason="Salah tempat penandatanganan"
    )
    assert agreement.status == AgreementStatus.DRAFT and agreement.content_hash == ""
    revoked = AgreementSignature.objects.get()
    assert revoked.revoked_at is not None and revoked.revoke_reason == "Salah tempat penandatanganan"
    agreement = services.agreement_update(actor=cast.users["planner"], agreement=agreement, place="Kota Uji")
    agreement = services.agreement_submit(actor=cast.users["planner"], agreement=agreement)
    assert agreement.content_hash != first_hash
    agreement = sign_all(cast, agreement)
    assert agreement.status == AgreementStatus.SIGNED
    assert AgreementSignature.objects.filter(revoked_at__isnull=True).count() == 3
    assert AuditEvent.objects.get(action="agreements.agreement.reopen").after["signatures_revoked"] == 1


def test_cancel_keeps_the_version_on_record_and_frees_the_year(cast, aplan):
    agreement = drafted(cast)
    agreement = services.agreement_cancel(actor=cast.users["planner"], agreement=agreement, reason="Salah unit")
    assert agreement.status == AgreementStatus.CANCELLED and agreement.cancel_reason == "Salah unit"
    assert AuditEvent.objects.get(action="agreements.agreement.cancel").reason == "Salah unit"
    again = drafted(cast)
    assert again.version == 2 and again.previous is None


# -- revisions -------------------------------------------------------------------------------------------


def test_revision_is_a_new_version_that_supersedes_the_old_once_signed(cast, aplan):
    v1 = signed(cast)
    planner = cast.users["planner"]
    with pytest.raises(ValidationFailed):
        services.agreement_revise(actor=planner, agreement=v1, reason="")
    planning.indicator_set_targets(
        actor=planner,
        indicator=aplan.plan.indicator,
        year=2026,
        annual_target=Decimal("98"),
        period_targets={1: Decimal("95"), 2: Decimal("96"), 3: Decimal("97"), 4: Decimal("98")},
    )
    v2 = services.agreement_revise(actor=planner, agreement=v1, reason="Perubahan APBD 2026")
    assert v2.version == 2 and v2.previous == v1 and v2.status == AgreementStatus.DRAFT
    assert v2.items.get(indicator_code="IK1").annual_target == Decimal("98")
    assert v2.budget_lines.get().ceiling == 12_500_000_000  # carried over
    assert PerformanceAgreement.objects.get(pk=v1.pk).status == AgreementStatus.SIGNED  # still in force
    with pytest.raises(Conflict) as failure:
        services.agreement_revise(actor=planner, agreement=v1, reason="lagi")
    assert failure.value.code == "pending_exists"
    with pytest.raises(Conflict):
        services.agreement_revise(actor=planner, agreement=v2, reason="dari draf")
    v2 = services.agreement_submit(actor=planner, agreement=v2)
    v2 = sign_all(cast, v2, bupati_first=True)
    assert v2.status == AgreementStatus.SIGNED
    v1.refresh_from_db()
    assert v1.status == AgreementStatus.SUPERSEDED and v1.superseded_at is not None
    assert events("agreements.agreement.revise") == 1 and events("agreements.agreement.supersede") == 1
    assert AuditEvent.objects.get(action="agreements.agreement.revise").reason == "Perubahan APBD 2026"
    assert selectors.agreement_in_force(tenant_id=cast.tenant.pk, org_unit_id=v1.org_unit_id, year=2026) == v2
