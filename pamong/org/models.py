"""The organisation of a regional government: units, Asisten clusters, positions."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.core.models import ScopedModel, TenantModel

from .choices import OPD_KINDS, EselonChoice, OrgUnitKind, PositionTypeChoice
from .querysets import OrgUnitQuerySet, PositionQuerySet

PATH_SEGMENT_WIDTH = 6
PATH_SEPARATOR = "."


def path_segment(pk: int) -> str:
    """One segment of the materialised path: the unit's id, zero-padded, then a dot."""
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}{PATH_SEPARATOR}"


class Cluster(TenantModel):
    """An Asisten's coordination cluster: the OPDs one Asisten Sekda coordinates.

    Set by each regency's Perbup on SOTK (rules.md §10.3), so it is data, not code.
    """

    code = models.CharField(_("kode"), max_length=32)
    name = models.CharField(_("nama"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["tenant_id", "sort_order", "name"]
        verbose_name = _("klaster Asisten")
        verbose_name_plural = _("klaster Asisten")
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="org_cluster_tenant_code")]

    def __str__(self) -> str:
        return self.name


class OrgUnit(ScopedModel):
    """A node of the tenant's org tree, addressed by a materialised path of ids.

    ``path`` is the chain of ancestor ids (``000001.000007.``); a subtree is
    ``path__startswith``. Units are closed, never deleted, so history stays.
    """

    code = models.CharField(
        _("kode"), max_length=64, help_text=_("Kode unit organisasi (kode unor) dari SIASN/SIMPEG.")
    )
    name = models.CharField(_("nama"), max_length=255)
    short_name = models.CharField(_("nama singkat"), max_length=80, blank=True)
    kind = models.CharField(_("jenis"), max_length=32, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("unit induk")
    )
    path = models.CharField(_("jalur"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("kedalaman"), default=0, editable=False)
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("Asisten koordinator"),
    )
    opened_on = models.DateField(_("tanggal dibentuk"), null=True, blank=True)
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("urutan"), default=0)

    objects: ClassVar[OrgUnitQuerySet] = OrgUnitQuerySet.as_manager()  # type: ignore[assignment]

    scope_path_field = "path"
    view_action = "org.view"

    class Meta:
        ordering = ["tenant_id", "path"]
        verbose_name = _("unit organisasi")
        verbose_name_plural = _("unit organisasi")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="org_unit_tenant_code"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="org_unit_closed_after_opened",
            ),
        ]
        indexes = [models.Index(fields=["tenant", "path"], name="org_unit_tenant_path_idx")]

    def __str__(self) -> str:
        return self.name

    def scope_path(self) -> str:
        return self.path

    @property
    def is_opd(self) -> bool:
        return self.kind in OPD_KINDS

    def is_open_on(self, day: dt.date) -> bool:
        return (self.opened_on is None or self.opened_on <= day) and (self.closed_on is None or self.closed_on > day)

    def ancestor_ids(self) -> list[int]:
        return [int(segment) for segment in self.path.split(PATH_SEPARATOR) if segment][:-1]


STRUCTURAL_TYPES = frozenset(
    {PositionTypeChoice.JPT_PRATAMA, PositionTypeChoice.ADMINISTRATOR, PositionTypeChoice.PENGAWAS}
)


class Position(ScopedModel):
    """A post (jabatan) in a unit: its type, echelon, class and duties.

    Whether it is vacant follows from assignments (people app), not from a flag.
    """

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit"))
    code = models.CharField(_("kode"), max_length=64)
    name = models.CharField(_("nama"), max_length=255)
    position_type = models.CharField(_("jenis jabatan"), max_length=20, choices=PositionTypeChoice.choices)
    eselon = models.CharField(_("eselon"), max_length=6, choices=EselonChoice.choices, blank=True)
    job_class = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    duties = models.TextField(_("tupoksi"), blank=True)
    is_head = models.BooleanField(_("kepala unit"), default=False)
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)

    objects: ClassVar[PositionQuerySet] = PositionQuerySet.as_manager()  # type: ignore[assignment]

    scope_path_field = "org_unit__path"
    view_action = "org.view"

    class Meta:
        ordering = ["tenant_id", "org_unit_id", "-is_head", "eselon", "name"]
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="org_position_tenant_code"),
            models.UniqueConstraint(
                fields=["org_unit"],
                condition=Q(is_head=True, closed_on__isnull=True),
                name="org_position_one_open_head_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(job_class__isnull=True) | Q(job_class__gte=1, job_class__lte=17),
                name="org_position_job_class_range",
            ),
        ]
        indexes = [models.Index(fields=["tenant", "org_unit"], name="org_position_unit_idx")]

    def __str__(self) -> str:
        return self.name

    def scope_path(self) -> str:
        return self.org_unit.path

    @property
    def is_structural(self) -> bool:
        """A structural post has one holder at a time; functional and pelaksana posts are shared by many."""
        return self.position_type in STRUCTURAL_TYPES
