"""A discipline case and its steps: violations, summonses, the examination (BAP, team), the decision, appeals.

One row per step, each dated; the case's ``status`` says where it stands and only ``services.cases`` moves
it. A case is scoped to the examinee's unit at opening; the members of its examination team and the
superior who opened it see it too (``scope_named_q``), so an Inspektorat examiner sees that case only.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.models import User
from pamong.access.roles import DISCIPLINE_VIEW
from pamong.core.models import ScopedModel, TimeStampedModel
from pamong.core.scope import Scope
from pamong.org.choices import PositionTypeChoice
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import (
    AppealKind,
    AppealOutcome,
    CaseOrigin,
    CaseStatus,
    ExaminerKind,
    LevelChoice,
    SanctionChoice,
    TeamRoleChoice,
)


class Case(ScopedModel):
    """One discipline case (kasus hukuman disiplin) of one PNS, from opening to the sanction served or closed.

    ``position_type`` and ``grade`` are the examinee's at opening (they decide the PYBMH and the team's rank
    rule); ``superior`` is the direct superior who acts on it. ``level`` is the level the case is pursued at
    (it decides who examines); the decision's sanction may be lighter.
    """

    number = models.CharField(_("nomor register"), max_length=32)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    position_type = models.CharField(
        _("jenis jabatan"), max_length=20, choices=PositionTypeChoice.choices, default=PositionTypeChoice.PELAKSANA
    )
    ahli_utama = models.BooleanField(_("JF Ahli Utama"), default=False)
    grade = models.CharField(_("golongan/ruang"), max_length=8, blank=True)
    origin = models.CharField(_("asal"), max_length=8, choices=CaseOrigin.choices)
    level = models.CharField(_("tingkat yang diperiksa"), max_length=8, choices=LevelChoice.choices)
    summary = models.TextField(_("uraian dugaan pelanggaran"))
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPENED)
    superior = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("atasan langsung")
    )
    opened_on = models.DateField(_("tanggal dibuka"))
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuka oleh"))
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    closed_reason = models.TextField(_("alasan ditutup tanpa hukuman"), blank=True)

    scope_path_field = "org_unit__path"
    scope_self_field = "employee"
    view_action = DISCIPLINE_VIEW

    class Meta:
        ordering = ["tenant_id", "-opened_on", "-id"]
        verbose_name = _("kasus disiplin")
        verbose_name_plural = _("kasus disiplin")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="discipline_case_number"),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLOSED) | ~Q(closed_reason=""), name="discipline_case_closed_reason"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "status", "org_unit"], name="discipline_case_status")]

    def __str__(self) -> str:
        return self.number

    def scope_path(self) -> str:
        return self.org_unit.path

    def scope_employee_id(self) -> int:
        return self.employee_id

    @classmethod
    def scope_named_q(cls, scope: Scope, action: str) -> Q | None:
        """The examination team's members and the acting superior see the case (and only it)."""
        if action != DISCIPLINE_VIEW or scope.employee_id is None:
            return None
        members = TeamMember.objects.filter(employee_id=scope.employee_id).values("case_id")
        return Q(pk__in=members) | Q(superior_id=scope.employee_id)


class CaseViolation(TimeStampedModel):
    """One suspected violation of a case: an obligation or prohibition of PP 94/2021 (``rules.catalogue``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="violations", verbose_name=_("kasus"))
    code = models.CharField(_("pasal"), max_length=8)
    occurred_from = models.DateField(_("sejak"), null=True, blank=True)
    occurred_to = models.DateField(_("sampai"), null=True, blank=True)
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        ordering = ["case_id", "id"]
        verbose_name = _("pelanggaran")
        verbose_name_plural = _("pelanggaran")

    def __str__(self) -> str:
        return f"{self.case_id} {self.code}"


class Summons(TimeStampedModel):
    """A written summons (panggilan I or II) to the examination; ``attended`` once the day has passed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="summonses", verbose_name=_("kasus"))
    sequence = models.PositiveSmallIntegerField(_("panggilan ke"))
    letter_number = models.CharField(_("nomor surat"), max_length=100)
    issued_on = models.DateField(_("tanggal surat"))
    received_on = models.DateField(_("tanggal diterima"))
    exam_on = models.DateField(_("tanggal pemeriksaan"))
    exam_place = models.CharField(_("tempat / tautan pemeriksaan"), max_length=255)
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuat oleh"))
    attended = models.BooleanField(_("hadir"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "sequence"]
        verbose_name = _("surat panggilan")
        verbose_name_plural = _("surat panggilan")
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="discipline_summons_sequence"),
            models.CheckConstraint(condition=Q(sequence__in=[1, 2]), name="discipline_summons_one_or_two"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.sequence}"


class TeamMember(TimeStampedModel):
    """A member of a case's Tim Pemeriksa, with the element he represents and his golongan at appointment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team", verbose_name=_("kasus"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai"))
    role = models.CharField(_("unsur"), max_length=12, choices=TeamRoleChoice.choices)
    grade = models.CharField(_("golongan/ruang"), max_length=8, blank=True)

    class Meta:
        ordering = ["case_id", "id"]
        verbose_name = _("anggota tim pemeriksa")
        verbose_name_plural = _("anggota tim pemeriksa")
        constraints = [models.UniqueConstraint(fields=["case", "employee"], name="discipline_team_member_once")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.employee_id} {self.role}"


class Examination(TimeStampedModel):
    """The examination and its Berita Acara Pemeriksaan (BAP): questions and answers, signatures or a refusal.

    ``examiner`` NONE records a decision on the evidence after the examinee ignored summons II.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="examination", verbose_name=_("kasus"))
    examiner = models.CharField(_("pemeriksa"), max_length=10, choices=ExaminerKind.choices)
    held_on = models.DateField(_("tanggal pemeriksaan"))
    place = models.CharField(_("tempat / tautan"), max_length=255, blank=True)
    answers = models.JSONField(_("tanya jawab"), default=list, blank=True)  # [{"question": ..., "answer": ...}]
    findings = models.TextField(_("kesimpulan pemeriksa"), blank=True)
    recommended = models.CharField(_("usul hukuman"), max_length=2, choices=SanctionChoice.choices, blank=True)
    examinee_signed = models.BooleanField(_("ditandatangani terperiksa"), default=False)
    refused_to_sign = models.BooleanField(_("terperiksa menolak menandatangani"), default=False)
    refusal_note = models.CharField(_("catatan penolakan"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("dicatat oleh"))

    class Meta:
        verbose_name = _("pemeriksaan")
        verbose_name_plural = _("pemeriksaan")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(examinee_signed=True) & Q(refused_to_sign=True)), name="discipline_bap_signed_or_refused"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.held_on}"


class Decision(TimeStampedModel):
    """The signed decision (SK hukuman disiplin): the sanction, who decided, and its dates.

    ``decided_by`` None: the PPK (Bupati/Wali Kota). ``executed`` is the text actually executed (the sedang
    substitute during the transition). ``content_hash`` is the SHA-256 of the decision's content at signing.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="decision", verbose_name=_("kasus"))
    sanction = models.CharField(_("hukuman"), max_length=2, choices=SanctionChoice.choices)
    decided_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("diputus oleh")
    )
    decided_by_label = models.CharField(_("pejabat yang memutus"), max_length=255)
    letter_number = models.CharField(_("nomor keputusan"), max_length=100)
    signed_on = models.DateField(_("tanggal ditetapkan"))
    considerations = models.TextField(_("pertimbangan"))
    executed = models.CharField(_("yang dijalankan"), max_length=255)
    received_on = models.DateField(_("tanggal diterima"), null=True, blank=True)
    sent_on = models.DateField(_("tanggal dikirim (tidak hadir menerima)"), null=True, blank=True)
    effective_on = models.DateField(_("tanggal berlaku"), null=True, blank=True)
    ends_on = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    content_hash = models.CharField(_("sidik isi"), max_length=64)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("dicatat oleh"))

    class Meta:
        verbose_name = _("keputusan hukuman disiplin")
        verbose_name_plural = _("keputusan hukuman disiplin")

    def __str__(self) -> str:
        return self.letter_number


class Appeal(TimeStampedModel):
    """An upaya administratif (PP 79/2021): keberatan to the superior of the official who decided, or banding to
    BPASN (dismissals), and its outcome."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals", verbose_name=_("kasus"))
    kind = models.CharField(_("jenis"), max_length=10, choices=AppealKind.choices)
    filed_on = models.DateField(_("tanggal diajukan"))
    addressed_to = models.CharField(_("ditujukan kepada"), max_length=255)
    grounds = models.TextField(_("alasan"))
    outcome = models.CharField(_("hasil"), max_length=10, choices=AppealOutcome.choices, default=AppealOutcome.PENDING)
    decided_on = models.DateField(_("tanggal diputus"), null=True, blank=True)
    outcome_note = models.TextField(_("pertimbangan"), blank=True)
    new_sanction = models.CharField(_("hukuman baru"), max_length=2, choices=SanctionChoice.choices, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("dicatat oleh"))

    class Meta:
        ordering = ["case_id", "filed_on", "id"]
        verbose_name = _("upaya administratif")
        verbose_name_plural = _("upaya administratif")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"
