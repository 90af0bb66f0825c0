"""GDN supervision reports: each OPD head's monthly report, and each Asisten's summary of his cluster."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.access.models import User
from pamong.access.roles import DISCIPLINE_REVIEW, DISCIPLINE_VIEW
from pamong.core.models import ScopedModel
from pamong.core.scope import Scope
from pamong.org.models import Cluster, OrgUnit

from ..choices import ReportStatus


class SupervisionReport(ScopedModel):
    """One OPD's monthly discipline supervision report (laporan pengawasan disiplin, GDN).

    ``figures`` is prefilled from the month's attendance recap and the cases opened (refreshed until the
    report is submitted); the head adds the inspections held (sidak), findings and follow-up, then submits
    it to the coordinating Asisten (``cluster``), who reviews it.
    """

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("klaster Asisten")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    figures = models.JSONField(_("angka kehadiran dan kasus"), default=dict, blank=True)
    inspections_held = models.PositiveSmallIntegerField(_("sidak dilakukan"), default=0)
    findings = models.TextField(_("temuan"), blank=True)
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    due_on = models.DateField(_("batas kirim"))
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("dikirim oleh")
    )
    reviewed_at = models.DateTimeField(_("ditelaah pada"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ditelaah oleh")
    )
    review_note = models.TextField(_("catatan Asisten"), blank=True)

    scope_path_field = "org_unit__path"
    view_action = DISCIPLINE_VIEW

    class Meta:
        ordering = ["tenant_id", "-year", "-month", "org_unit__path"]
        verbose_name = _("laporan pengawasan disiplin")
        verbose_name_plural = _("laporan pengawasan disiplin")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "org_unit", "year", "month"], name="discipline_report_month"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="discipline_report_month_range"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.year}-{self.month:02d}"

    def scope_path(self) -> str:
        return self.org_unit.path


class ClusterSummary(ScopedModel):
    """An Asisten's monthly summary of his cluster's reports, forwarded to the Sekda.

    Seen by whoever reviews discipline tenant-wide (the Sekda) and by the Asisten assigned to the cluster.
    """

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+", verbose_name=_("klaster"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    figures = models.JSONField(_("rekap klaster"), default=dict, blank=True)
    summary = models.TextField(_("ringkasan Asisten"))
    due_on = models.DateField(_("batas kirim"))
    forwarded_at = models.DateTimeField(_("diteruskan pada"))
    forwarded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("diteruskan oleh")
    )

    scope_path_field = None
    view_action = DISCIPLINE_REVIEW

    class Meta:
        ordering = ["tenant_id", "-year", "-month", "cluster_id"]
        verbose_name = _("ringkasan klaster")
        verbose_name_plural = _("ringkasan klaster")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "cluster", "year", "month"], name="discipline_summary_month")
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id} {self.year}-{self.month:02d}"

    def scope_path(self) -> None:
        return None  # tenant-wide: the Sekda; the cluster's Asisten through ``scope_named_q``

    @classmethod
    def scope_named_q(cls, scope: Scope, action: str) -> Q | None:
        """The Asisten of a cluster sees its summaries: a cluster whose OPDs his grants for ``action`` cover
        (his cluster role is expanded to those OPDs' paths by the scope)."""
        units = Q()
        for grant in scope.grants_for(action):
            if grant.path is not None:
                units |= Q(path__startswith=grant.path) if grant.descendants else Q(path=grant.path)
        if not units or scope.tenant_id is None:
            return None
        clusters = OrgUnit.objects.filter(units, tenant_id=scope.tenant_id, cluster__isnull=False)
        return Q(cluster_id__in=clusters.values("cluster_id"))
