# mypy: disable-error-code="django-manager-missing"
"""Performance agreements (Perjanjian Kinerja, PK) between a unit's head and the head of region, their
versions, the targets snapshotted into them, the integrity pact, and the signatures.

A version's content (parties, items, trajectories, budget ceilings) is copied from planning when it is
drafted, so later planning edits never change it; once it goes out for signature its canonical content is
hashed (``rules.content``), and every signature stores the hash of exactly what it signed. A signed version
is never edited: a revision (PK perubahan) is a new version that supersedes it once fully signed (ADR 0015).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.models import ScopedModel, TenantModel
from pamong.org.models import OrgUnit
from pamong.people.models import Employee
from pamong.planning.models import Indicator, PlanPeriod

from .choices import AgreementStatus, SignedDocument, SignerParty
from .querysets import AgreementQuerySet
from .rules.content import verification_code
from .rules.texts import PK_FORM


class PerformanceAgreement(ScopedModel):
    """One version of one unit's performance agreement for one year.

    The parties are snapshotted when the version goes out for signature (``agreement_submit``): the head of
    the unit on that day (definitive, else Plt) and the head of region as the tenant names them.
    """

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    plan_period = models.ForeignKey(
        PlanPeriod, on_delete=models.PROTECT, related_name="+", verbose_name=_("periode RPJMD")
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("versi sebelumnya"),
    )
    revision_reason = models.TextField(_("alasan perubahan"), blank=True)
    # What the document prints, copied so that renaming the unit or the tenant never changes a signed hash.
    form = models.CharField(_("naskah"), max_length=40, default=PK_FORM)
    tenant_name = models.CharField(_("nama pemerintah daerah"), max_length=200)
    unit_code = models.CharField(_("kode unit"), max_length=64)
    unit_name = models.CharField(_("nama unit"), max_length=255)
    place = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    agreement_date = models.DateField(_("tanggal perjanjian"), null=True, blank=True)
    content_hash = models.CharField(_("hash isi (SHA-256)"), max_length=64, blank=True)
    # The parties as the document names them (frozen at submission).
    head_employee = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pihak pertama")
    )
    head_name = models.CharField(_("nama pihak pertama"), max_length=260, blank=True)
    head_nip = models.CharField(_("NIP pihak pertama"), max_length=18, blank=True)
    head_title = models.CharField(_("jabatan pihak pertama"), max_length=260, blank=True)
    head_rank = models.CharField(_("pangkat pihak pertama"), max_length=80, blank=True)
    head_acting = models.CharField(_("status jabatan pihak pertama"), max_length=8, blank=True)
    region_head_name = models.CharField(_("nama pihak kedua"), max_length=260, blank=True)
    region_head_title = models.CharField(_("jabatan pihak kedua"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    signed_at = models.DateTimeField(_("berlaku sejak"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("digantikan pada"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disusun oleh"),
    )

    objects: ClassVar[AgreementQuerySet] = AgreementQuerySet.as_manager()  # type: ignore[assignment]

    scope_path_field = "org_unit__path"
    view_action = PERFORMANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "-year", "org_unit_id", "-version"]
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "version"], name="agreements_agreement_unit_year_version"
            ),
            # "One current agreement per unit and year": one version in force, one on its way to signature.
            models.UniqueConstraint(
                fields=["org_unit", "year"],
                condition=Q(status="signed"),
                name="agreements_agreement_one_in_force",
            ),
            models.UniqueConstraint(
                fields=["org_unit", "year"],
                condition=Q(status__in=["draft", "awaiting"]),
                name="agreements_agreement_one_pending",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="agreements_agreement_version_positive"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="agreements_agreement_year_range"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "cancelled"]) | ~Q(content_hash=""),
                name="agreements_agreement_hashed_when_submitted",
            ),
            models.CheckConstraint(
                condition=Q(previous__isnull=True) | ~Q(revision_reason=""),
                name="agreements_agreement_revision_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "year", "status"], name="agreements_year_status_idx"),
            models.Index(fields=["tenant", "content_hash"], name="agreements_hash_idx"),
        ]

    def __str__(self) -> str:
        return f"PK {self.year} {self.unit_name} v{self.version}"

    def scope_path(self) -> str:
        return self.org_unit.path

    @property
    def verification_code(self) -> str:
        return verification_code(self.content_hash) if self.content_hash else ""

    @property
    def is_editable(self) -> bool:
        return self.status == AgreementStatus.DRAFT


class AgreementItem(TenantModel):
    """One indicator of an agreement version with its annual target, copied from planning at drafting."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="items", verbose_name=_("perjanjian")
    )
    number = models.PositiveSmallIntegerField(_("nomor"))
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indikator asal"),
    )
    goal = models.TextField(_("sasaran"))
    indicator_code = models.CharField(_("kode indikator"), max_length=40)
    indicator_name = models.CharField(_("indikator kinerja"), max_length=300)
    unit_of_measure = models.CharField(_("satuan"), max_length=40)
    polarity = models.CharField(_("polaritas"), max_length=10)
    period_kind = models.CharField(_("periode"), max_length=10)
    annual_target = models.DecimalField(_("target tahunan"), max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["agreement_id", "number"]
        verbose_name = _("butir perjanjian kinerja")
        verbose_name_plural = _("butir perjanjian kinerja")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreements_item_agreement_number"),
        ]
        indexes = [models.Index(fields=["tenant", "indicator"], name="agreements_item_indicator_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.indicator_name}"


class AgreementItemTarget(TenantModel):
    """One point of an item's trajectory: the target for a month (1–12) or a quarter (1–4)."""

    item = models.ForeignKey(AgreementItem, on_delete=models.CASCADE, related_name="targets", verbose_name=_("butir"))
    period_no = models.PositiveSmallIntegerField(_("periode ke"))
    target = models.DecimalField(_("target"), max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["item_id", "period_no"]
        verbose_name = _("target periode perjanjian")
        verbose_name_plural = _("target periode perjanjian")
        constraints = [
            models.UniqueConstraint(fields=["item", "period_no"], name="agreements_itemtarget_unique"),
            models.CheckConstraint(
                condition=Q(period_no__gte=1, period_no__lte=12), name="agreements_itemtarget_period_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}/{self.period_no}: {self.target}"


class AgreementBudgetLine(TenantModel):
    """A programme of the agreement's annex with its budget ceiling (pagu) in whole Rupiah."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("perjanjian")
    )
    number = models.PositiveSmallIntegerField(_("nomor"))
    program = models.CharField(_("program"), max_length=300)
    ceiling = models.PositiveBigIntegerField(_("pagu (Rp)"))

    class Meta:
        ordering = ["agreement_id", "number"]
        verbose_name = _("pagu program")
        verbose_name_plural = _("pagu program")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreements_budget_agreement_number"),
        ]

    def __str__(self) -> str:
        return f"{self.program}: Rp {self.ceiling}"


class IntegrityPact(TenantModel):
    """The integrity pact (pakta integritas) the head signs with one agreement version: its own text and hash.

    Written when the version goes out for signature and rewritten if it goes out again after a return to
    draft (the revoked signature keeps the hash it signed).
    """

    agreement = models.OneToOneField(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="integrity_pact", verbose_name=_("perjanjian")
    )
    form = models.CharField(_("naskah"), max_length=40)
    statements = models.JSONField(_("pernyataan"), default=list)
    place = models.CharField(_("tempat"), max_length=100, blank=True)
    pact_date = models.DateField(_("tanggal"), null=True, blank=True)
    content_hash = models.CharField(_("hash isi (SHA-256)"), max_length=64)

    class Meta:
        ordering = ["agreement_id"]
        verbose_name = _("pakta integritas")
        verbose_name_plural = _("pakta integritas")
        indexes = [models.Index(fields=["tenant", "content_hash"], name="agreements_pact_hash_idx")]

    def __str__(self) -> str:
        return f"Pakta integritas {self.agreement_id}"

    @property
    def verification_code(self) -> str:
        return verification_code(self.content_hash)


class AgreementSignature(TenantModel):
    """One party's signature on the agreement or the integrity pact: who, when, and the hash of what.

    Never deleted: returning a version to draft revokes its signatures (``revoked_at``), which stay on record.
    """

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("perjanjian")
    )
    document = models.CharField(_("dokumen"), max_length=16, choices=SignedDocument.choices)
    party = models.CharField(_("pihak"), max_length=12, choices=SignerParty.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pengguna"),
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pegawai")
    )
    signer_name = models.CharField(_("nama"), max_length=260)
    signer_nip = models.CharField(_("NIP"), max_length=18, blank=True)
    signer_title = models.CharField(_("jabatan"), max_length=260)
    signer_rank = models.CharField(_("pangkat"), max_length=80, blank=True)
    signed_at = models.DateTimeField(_("ditandatangani pada"))
    signed_on = models.DateField(_("tanggal tanda tangan"))
    content_hash = models.CharField(_("hash isi yang ditandatangani"), max_length=64)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoke_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        ordering = ["agreement_id", "signed_at", "id"]
        verbose_name = _("tanda tangan")
        verbose_name_plural = _("tanda tangan")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "document", "party"],
                condition=Q(revoked_at__isnull=True),
                name="agreements_signature_once_per_party",
            ),
            models.CheckConstraint(
                condition=~Q(document="integrity_pact", party="region_head"),
                name="agreements_signature_pact_by_head",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()} · {self.signer_name}"
