"""Coordination meetings: recurring series, meetings, invitations with attendance, agenda, decisions."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.models import ScopedModel, TimeStampedModel
from pamong.core.scope import Scope
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import AttendanceLevel, FrequencyChoice, MeetingKind, MeetingStatus


class MeetingSeries(ScopedModel):
    """A recurring meeting (e.g. the monthly rakor on the second Tuesday at 09.00, ``rules.recurrence``): the
    job creates its next meetings with the series' chair, secretary, venue and invited units."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("penyelenggara"))
    kind = models.CharField(_("jenis"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("nama rapat"), max_length=200)
    frequency = models.CharField(_("frekuensi"), max_length=12, choices=FrequencyChoice.choices)
    weekday = models.PositiveSmallIntegerField(_("hari (0 = Senin)"), null=True, blank=True)
    week_of_month = models.SmallIntegerField(_("minggu ke- (-1 = terakhir)"), null=True, blank=True)
    day_of_month = models.PositiveSmallIntegerField(_("tanggal"), null=True, blank=True)
    first_month = models.PositiveSmallIntegerField(_("bulan awal siklus"), default=1)
    starts_at = models.TimeField(_("jam mulai"))
    duration_minutes = models.PositiveSmallIntegerField(_("durasi (menit)"), default=120)
    venue = models.CharField(_("tempat"), max_length=255, blank=True)
    video_link = models.URLField(_("tautan video"), blank=True)
    chair = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("pimpinan rapat")
    )
    secretary = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sekretaris rapat")
    )
    invited_units = models.ManyToManyField(OrgUnit, related_name="+", blank=True, verbose_name=_("unit diundang"))
    is_active = models.BooleanField(_("aktif"), default=True)

    scope_path_field = "org_unit__path"
    view_action = MEETINGS_VIEW

    class Meta:
        ordering = ["tenant_id", "kind", "title"]
        verbose_name = _("jadwal rapat berulang")
        verbose_name_plural = _("jadwal rapat berulang")

    def __str__(self) -> str:
        return self.title

    def scope_path(self) -> str:
        return self.org_unit.path


class Meeting(ScopedModel):
    """One meeting: when and where, who chairs and takes the minutes, its status and memo clock.

    ``pre_read_at`` is 48 hours before ``starts_at`` (``rules.timing``); ``memo_due_on`` the last day of the
    commitments memo, set when the meeting is held.
    """

    series = models.ForeignKey(
        MeetingSeries, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("seri")
    )
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("penyelenggara"))
    kind = models.CharField(_("jenis"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    venue = models.CharField(_("tempat"), max_length=255, blank=True)
    video_link = models.URLField(_("tautan video"), blank=True)
    chair = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("pimpinan rapat")
    )
    secretary = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sekretaris rapat")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    pre_read_at = models.DateTimeField(_("bahan rapat dikirim pada"))
    briefs_sent_at = models.DateTimeField(_("bahan dikirim"), null=True, blank=True)
    held_on = models.DateField(_("tanggal terlaksana"), null=True, blank=True)
    memo_due_on = models.DateField(_("batas memo komitmen"), null=True, blank=True)
    memo_sent_at = models.DateTimeField(_("memo komitmen dikirim"), null=True, blank=True)
    cancel_reason = models.CharField(_("alasan dibatalkan"), max_length=255, blank=True)

    scope_path_field = "org_unit__path"
    view_action = MEETINGS_VIEW

    class Meta:
        ordering = ["tenant_id", "-starts_at"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meetings_meeting_ends_after"),
            models.UniqueConstraint(
                fields=["series", "starts_at"], condition=Q(series__isnull=False), name="meetings_series_once"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "starts_at"], name="meetings_meeting_start")]

    def __str__(self) -> str:
        return self.title

    def scope_path(self) -> str:
        return self.org_unit.path

    @classmethod
    def scope_named_q(cls, scope: Scope, action: str) -> Q | None:
        """Beyond the organiser's subtree: the chair and the secretary, and every unit invited (its head and
        staff in scope of it see the meeting; each OPD its own brief is the views' business)."""
        if action != MEETINGS_VIEW:
            return None
        named = Q()
        if scope.employee_id is not None:
            named |= Q(chair_id=scope.employee_id) | Q(secretary_id=scope.employee_id)
        units = Q()
        for grant in scope.grants_for(action):
            if grant.path is not None:
                units |= Q(org_unit__path__startswith=grant.path) if grant.descendants else Q(org_unit__path=grant.path)
        if units:
            named |= Q(pk__in=Invitation.objects.filter(units).values("meeting_id"))
        return named or None


class Invitation(TimeStampedModel):
    """An invited unit of a meeting: its pre-read brief, its note, and who came for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("rapat"))
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    attendance = models.CharField(
        _("kehadiran"), max_length=8, choices=AttendanceLevel.choices, default=AttendanceLevel.UNKNOWN
    )
    attendee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("yang hadir")
    )
    attendee_name = models.CharField(_("nama yang hadir"), max_length=200, blank=True)
    brief = models.JSONField(_("bahan rapat"), default=dict, blank=True)  # the figures at the time it was made
    brief_made_at = models.DateTimeField(_("bahan dibuat"), null=True, blank=True)
    note = models.TextField(_("catatan OPD sebelum rapat"), blank=True)

    class Meta:
        ordering = ["meeting_id", "org_unit__path"]
        verbose_name = _("undangan unit")
        verbose_name_plural = _("undangan unit")
        constraints = [models.UniqueConstraint(fields=["meeting", "org_unit"], name="meetings_invitation_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.org_unit_id}"


class AgendaItem(TimeStampedModel):
    """An agenda item and its discussion notes; ``carried_item`` marks an action item brought back."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("rapat"))
    order = models.PositiveSmallIntegerField(_("urutan"))
    title = models.CharField(_("acara"), max_length=255)
    notes = models.TextField(_("catatan pembahasan"), blank=True)
    carried_item = models.ForeignKey(
        "meetings.ActionItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tindak lanjut yang dibahas lagi"),
    )

    class Meta:
        ordering = ["meeting_id", "order", "id"]
        verbose_name = _("acara rapat")
        verbose_name_plural = _("acara rapat")

    def __str__(self) -> str:
        return self.title


class MeetingDecision(TimeStampedModel):
    """A decision (kesimpulan/keputusan) recorded under an agenda item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("rapat"))
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions", verbose_name=_("acara")
    )
    text = models.TextField(_("keputusan"))

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = _("keputusan rapat")
        verbose_name_plural = _("keputusan rapat")

    def __str__(self) -> str:
        return self.text[:60]
