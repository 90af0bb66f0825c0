"""Forms of the RPJMD (tenant-wide: the Bappeda planner) and of the OPDs' strategic targets."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import PLANNING_VIEW
from pamong.core.errors import DomainError
from pamong.core.views import raise_for_domain_error
from pamong.org.models import OrgUnit

from .. import services
from ..authz import authorize_unit
from ..choices import PeriodStatus
from ..forms import (
    CodedTextForm,
    MissionForm,
    PeriodForm,
    PeriodStatusForm,
    PeriodUpdateForm,
    ProgramForm,
    ProgramUpdateForm,
    StrategicTargetForm,
    StrategicTargetUpdateForm,
)
from ..models import Goal, Mission, PlanPeriod, PriorityProgram, RegionalTarget, StrategicTarget
from .base import PlanFormView, PlanRowUpdateView, UnitPlanFormView, manageable_units


def _program_owner_choices(user: Any, program: PriorityProgram | None = None) -> QuerySet[OrgUnit]:
    """Open OPD-level units in sight, plus the program's current owner (so an edit never drops it silently)."""
    keep = Q(pk=program.owner_unit_id) if program is not None else Q(pk__in=[])
    return OrgUnit.objects.visible_to(user, PLANNING_VIEW).filter(Q(depth=1, closed_on__isnull=True) | keep)


class PeriodCreateView(PlanFormView):
    form_class = PeriodForm
    page_title = _("Periode RPJMD baru")
    success_message = _("Periode RPJMD telah dibuat sebagai draf.")

    def perform(self, form: PeriodForm) -> PlanPeriod:
        d = form.cleaned_data
        return services.period_create(
            actor=self.request.user,
            name=d["name"],
            start_year=d["start_year"],
            end_year=d["end_year"],
            vision=d["vision"],
        )


class PeriodStatusView(PlanFormView):
    """Put a draft period in force, or close the period in force (the next status follows from the current one)."""

    form_class = PeriodStatusForm

    @property
    def page_title(self) -> Any:
        if self.parent.status == PeriodStatus.DRAFT:
            return _("Berlakukan periode RPJMD")
        return _("Tutup periode RPJMD")

    def perform(self, form: PeriodStatusForm) -> PlanPeriod:
        reason = form.cleaned_data["reason"].strip()
        if self.parent.status == PeriodStatus.DRAFT:
            return services.period_activate(actor=self.request.user, period=self.parent)
        return services.period_close(actor=self.request.user, period=self.parent, reason=reason)


class MissionCreateView(PlanFormView):
    form_class = MissionForm
    page_title = _("Misi baru")
    success_message = _("Misi telah ditambahkan.")

    def perform(self, form: MissionForm) -> Mission:
        d = form.cleaned_data
        return services.mission_create(actor=self.request.user, period=self.parent, number=d["number"], text=d["text"])


class GoalCreateView(PlanFormView):
    parent_model = Mission
    form_class = CodedTextForm
    page_title = _("Tujuan baru")
    success_message = _("Tujuan telah ditambahkan.")

    def period(self) -> PlanPeriod:
        return self.parent.period  # type: ignore[no-any-return]

    def perform(self, form: CodedTextForm) -> Goal:
        d = form.cleaned_data
        return services.goal_create(actor=self.request.user, mission=self.parent, code=d["code"], text=d["text"])


class RegionalTargetCreateView(PlanFormView):
    parent_model = Goal
    form_class = CodedTextForm
    page_title = _("Sasaran RPJMD baru")
    success_message = _("Sasaran RPJMD telah ditambahkan.")

    def period(self) -> PlanPeriod:
        return self.parent.mission.period  # type: ignore[no-any-return]

    def perform(self, form: CodedTextForm) -> Any:
        d = form.cleaned_data
        return services.regional_target_create(
            actor=self.request.user, goal=self.parent, code=d["code"], text=d["text"]
        )


class ProgramCreateView(PlanFormView):
    form_class = ProgramForm
    page_title = _("Program prioritas / gerakan baru")
    success_message = _("Program prioritas telah ditambahkan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["units"] = _program_owner_choices(self.request.user)
        return kwargs

    def perform(self, form: ProgramForm) -> Any:
        d = form.cleaned_data
        return services.priority_program_create(
            actor=self.request.user,
            period=self.parent,
            code=d["code"],
            name=d["name"],
            kind=d["kind"],
            owner_unit=d["owner_unit"],
            description=d["description"],
        )


class StrategicTargetCreateView(UnitPlanFormView):
    form_class = StrategicTargetForm
    page_title = _("Sasaran strategis OPD baru")
    success_message = _("Sasaran strategis telah ditambahkan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(units=manageable_units(self.request.user).filter(depth=1), period=self.parent)
        return kwargs

    def perform(self, form: StrategicTargetForm) -> Any:
        d = form.cleaned_data
        return services.strategic_target_create(
            actor=self.request.user,
            org_unit=d["org_unit"],
            period=self.parent,
            code=d["code"],
            text=d["text"],
            regional_target=d["regional_target"],
            priority_program=d["priority_program"],
        )


# -- edit pages ----------------------------------------------------------------------------------------


class PeriodUpdateView(PlanRowUpdateView):
    """The name and vision of an RPJMD period (its years are fixed; status has its own page)."""

    form_class = PeriodUpdateForm
    page_title = _("Ubah periode RPJMD")
    success_message = _("Periode RPJMD telah diperbarui.")
    initial_fields = ("name", "vision")

    def perform(self, form: PeriodUpdateForm) -> PlanPeriod:
        d = form.cleaned_data
        return services.period_update(actor=self.request.user, period=self.parent, name=d["name"], vision=d["vision"])


class MissionUpdateView(PlanRowUpdateView):
    parent_model = Mission
    form_class = MissionForm
    page_title = _("Ubah misi")
    success_message = _("Misi telah diperbarui.")
    initial_fields = ("number", "text")

    def parent_queryset(self) -> QuerySet[Any]:
        return super().parent_queryset().select_related("period")

    def period(self) -> PlanPeriod:
        return self.parent.period  # type: ignore[no-any-return]

    def perform(self, form: MissionForm) -> Mission:
        d = form.cleaned_data
        return services.mission_update(actor=self.request.user, mission=self.parent, number=d["number"], text=d["text"])


class GoalUpdateView(PlanRowUpdateView):
    parent_model = Goal
    form_class = CodedTextForm
    page_title = _("Ubah tujuan")
    success_message = _("Tujuan telah diperbarui.")
    initial_fields = ("code", "text")

    def parent_queryset(self) -> QuerySet[Any]:
        return super().parent_queryset().select_related("mission__period")

    def period(self) -> PlanPeriod:
        return self.parent.mission.period  # type: ignore[no-any-return]

    def perform(self, form: CodedTextForm) -> Goal:
        d = form.cleaned_data
        return services.goal_update(actor=self.request.user, goal=self.parent, code=d["code"], text=d["text"])


class RegionalTargetUpdateView(PlanRowUpdateView):
    parent_model = RegionalTarget
    form_class = CodedTextForm
    page_title = _("Ubah sasaran RPJMD")
    success_message = _("Sasaran RPJMD telah diperbarui.")
    initial_fields = ("code", "text")

    def parent_queryset(self) -> QuerySet[Any]:
        return super().parent_queryset().select_related("goal__mission__period")

    def period(self) -> PlanPeriod:
        return self.parent.goal.mission.period  # type: ignore[no-any-return]

    def perform(self, form: CodedTextForm) -> RegionalTarget:
        d = form.cleaned_data
        return services.regional_target_update(
            actor=self.request.user, target=self.parent, code=d["code"], text=d["text"]
        )


class ProgramUpdateView(PlanRowUpdateView):
    """A priority program or gerakan: name, kind, owning OPD, description (the code stays: imports key on it)."""

    parent_model = PriorityProgram
    form_class = ProgramUpdateForm
    page_title = _("Ubah program prioritas / gerakan")
    success_message = _("Program prioritas telah diperbarui.")
    initial_fields = ("name", "kind", "owner_unit", "description")

    def parent_queryset(self) -> QuerySet[Any]:
        return super().parent_queryset().select_related("period", "owner_unit")

    def period(self) -> PlanPeriod:
        return self.parent.period  # type: ignore[no-any-return]

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["units"] = _program_owner_choices(self.request.user, self.parent)
        return kwargs

    def perform(self, form: ProgramUpdateForm) -> PriorityProgram:
        d = form.cleaned_data
        return services.priority_program_update(
            actor=self.request.user,
            program=self.parent,
            name=d["name"],
            kind=d["kind"],
            owner_unit=d["owner_unit"],
            description=d["description"],
        )


class StrategicTargetUpdateView(PlanRowUpdateView):
    """An OPD's strategic target: code, text and what it supports upward; for the managers of its unit."""

    parent_model = StrategicTarget
    form_class = StrategicTargetUpdateForm
    page_title = _("Ubah sasaran strategis OPD")
    success_message = _("Sasaran strategis telah diperbarui.")
    initial_fields = ("code", "text", "regional_target", "priority_program")
    tenant_wide = False

    def parent_queryset(self) -> QuerySet[Any]:
        return super().parent_queryset().select_related("org_unit", "period")

    def check_permission(self) -> None:
        try:
            authorize_unit(self.request.user, self.parent.org_unit)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise

    def period(self) -> PlanPeriod:
        return self.parent.period  # type: ignore[no-any-return]

    def page_note(self) -> str:
        return f"{self.parent.org_unit.name} · {self.parent.period.name}"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["period"] = self.parent.period
        return kwargs

    def perform(self, form: StrategicTargetUpdateForm) -> StrategicTarget:
        d = form.cleaned_data
        return services.strategic_target_update(
            actor=self.request.user,
            target=self.parent,
            code=d["code"],
            text=d["text"],
            regional_target=d["regional_target"],
            priority_program=d["priority_program"],
            clear_regional_target=d["regional_target"] is None,
            clear_priority_program=d["priority_program"] is None,
        )
