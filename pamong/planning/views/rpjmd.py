"""Forms of the RPJMD (tenant-wide: the Bappeda planner) and of the OPDs' strategic targets."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from pamong.access.roles import PLANNING_VIEW
from pamong.org.models import OrgUnit

from .. import services
from ..choices import PeriodStatus
from ..forms import CodedTextForm, MissionForm, PeriodForm, PeriodStatusForm, ProgramForm, StrategicTargetForm
from ..models import Goal, Mission, PlanPeriod
from .base import PlanFormView, UnitPlanFormView, manageable_units


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
        kwargs["units"] = OrgUnit.objects.visible_to(self.request.user, PLANNING_VIEW).filter(
            depth=1, closed_on__isnull=True
        )
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
