"""The Bupati's directives (arahan): numbered items addressed to all or some OPDs, and each OPD's compliance
report per period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.models import ScopedModel, TimeStampedModel
from pamong.core.scope import Scope
from pamong.org.models import OrgUnit

from ..choices import ComplianceStatus, FrequencyChoice
from .meetings import Meeting


class Directive(ScopedModel):
    """A set of directives given at once (e.g. "21 arahan Bupati" at a first meeting), reported on each period."""

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("diterbitkan oleh")
    )
    title = models.CharField(_("judul"), max_length=200)
    issued_on = models.DateField(_("tanggal"))
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("rapat")
    )
    reporting = models.CharField(_("periode laporan"), max_length=12, choices=FrequencyChoice.choices)
    is_active = models.BooleanField(_("berlaku"), default=True)

    scope_path_field = None  # addressed to the whole tenant or to OPDs: read by anyone holding meetings.view
    view_action = MEETINGS_VIEW

    class Meta:
        ordering = ["tenant_id", "-issued_on"]
        verbose_name = _("arahan")
        verbose_name_plural = _("arahan")

    def __str__(self) -> str:
        return self.title

    def scope_path(self) -> None:
        return None

    @classmethod
    def scope_named_q(cls, scope: Scope, action: str) -> Q | None:
        """Addressed to the whole tenant: whoever holds ``meetings.view`` anywhere in it reads the directives
        (an OPD head reads those he reports on), as ``authorize_at`` treats tenant-wide rows."""
        return Q(tenant_id=scope.tenant_id) if action == MEETINGS_VIEW and scope.can(action) else None


class DirectiveItem(TimeStampedModel):
    """One numbered directive; addressed to every OPD when ``units`` is empty."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="items", verbose_name=_("arahan"))
    number = models.PositiveSmallIntegerField(_("nomor"))
    text = models.TextField(_("isi arahan"))
    units = models.ManyToManyField(OrgUnit, related_name="+", blank=True, verbose_name=_("ditujukan kepada"))

    class Meta:
        ordering = ["directive_id", "number"]
        verbose_name = _("butir arahan")
        verbose_name_plural = _("butir arahan")
        constraints = [models.UniqueConstraint(fields=["directive", "number"], name="meetings_directive_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class DirectiveReport(ScopedModel):
    """An OPD's compliance with one directive item in one period (``period_start``: the month or quarter)."""

    item = models.ForeignKey(DirectiveItem, on_delete=models.CASCADE, related_name="reports", verbose_name=_("butir"))
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    period_start = models.DateField(_("periode"))
    status = models.CharField(
        _("status"), max_length=14, choices=ComplianceStatus.choices, default=ComplianceStatus.NOT_REPORTED
    )
    note = models.TextField(_("uraian"), blank=True)
    evidence_link = models.URLField(_("tautan bukti"), blank=True)
    reported_at = models.DateTimeField(_("dilaporkan pada"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )

    scope_path_field = "org_unit__path"
    view_action = MEETINGS_VIEW

    class Meta:
        ordering = ["item_id", "org_unit__path", "-period_start"]
        verbose_name = _("laporan pelaksanaan arahan")
        verbose_name_plural = _("laporan pelaksanaan arahan")
        constraints = [
            models.UniqueConstraint(fields=["item", "org_unit", "period_start"], name="meetings_directive_report_once"),
            models.CheckConstraint(
                condition=Q(status=ComplianceStatus.NOT_REPORTED) | Q(reported_at__isnull=False),
                name="meetings_directive_reported_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.org_unit_id} {self.period_start}"

    def scope_path(self) -> str:
        return self.org_unit.path
