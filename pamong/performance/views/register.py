"""The consequences register: the list, an entry with its history, and the steps people take on it."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pamong.access.models import User
from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.views import ScopedDetailView, ScopedListView, ServiceFormView
from pamong.performance import services
from pamong.performance.choices import ACTIVE_STATUSES, ConsequenceKind, ConsequenceStatus
from pamong.performance.forms import AssignForm, NoteForm
from pamong.performance.models import Consequence
from pamong.performance.rules.register import OWNER_STEPS, TRANSITIONS, Step
from pamong.performance.selectors.units import visible_units

STEP_LABELS = {
    Step.PROGRESS: _("Catat kemajuan"),
    Step.RESOLVE: _("Nyatakan selesai"),
    Step.REOPEN: _("Buka kembali"),
    Step.CLOSE: _("Tutup"),
    Step.DISMISS: _("Batalkan"),
}
STATUS_FILTERS = (("aktif", _("Masih aktif")), ("semua", _("Semua")), *ConsequenceStatus.choices)


def consequence_filters(request: HttpRequest) -> dict[str, str]:
    status = request.GET.get("status", "aktif")
    kind = request.GET.get("jenis", "")
    unit = request.GET.get("unit", "")
    return {
        "status": status if status in dict(STATUS_FILTERS) else "aktif",
        "kind": kind if kind in ConsequenceKind.values else "",
        "unit": unit if unit.isdigit() else "",
    }


def filtered(queryset: QuerySet[Consequence], filters: dict[str, str]) -> QuerySet[Consequence]:
    if filters["status"] == "aktif":
        queryset = queryset.filter(status__in=ACTIVE_STATUSES)
    elif filters["status"] != "semua":
        queryset = queryset.filter(status=filters["status"])
    if filters["kind"]:
        queryset = queryset.filter(kind=filters["kind"])
    if filters["unit"]:
        queryset = queryset.filter(org_unit_id=int(filters["unit"]))
    return queryset


class ConsequenceListView(ScopedListView):
    model = Consequence
    template_name = "performance/consequence_list.html"
    paginate_by = 50

    def base_queryset(self) -> QuerySet[Consequence]:
        self.filters = consequence_filters(self.request)
        return (
            filtered(Consequence.objects.all(), self.filters)
            .select_related("org_unit", "owner_user__employee", "owner_unit")
            .order_by("due_on", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filters=self.filters,
            status_filters=STATUS_FILTERS,
            kinds=ConsequenceKind.choices,
            units=visible_units(actor=self.request.user).filter(depth__lte=1).order_by("depth", "sort_order", "name"),
            query_string=query.urlencode(),
        )
        return context


def available_steps(user: Any, entry: Consequence) -> list[tuple[str, Any]]:
    manager, owner = services.can_manage(user, entry), services.is_owner(user, entry)
    steps = []
    for step, label in STEP_LABELS.items():
        sources, _target = TRANSITIONS[step]
        if entry.status in sources and (manager or (owner and step in OWNER_STEPS)):
            steps.append((step.value, label))
    return steps


class ConsequenceDetailView(ScopedDetailView):
    model = Consequence
    template_name = "performance/consequence_detail.html"
    context_object_name = "entry"

    def base_queryset(self) -> QuerySet[Consequence]:
        return Consequence.objects.select_related(
            "org_unit", "indicator", "report", "employee", "owner_unit", "owner_user__employee"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entry = self.object
        context.update(
            events=list(entry.events.select_related("actor", "owner_user__employee").order_by("created_at", "pk")),
            steps=available_steps(self.request.user, entry),
            can_assign=services.can_manage(self.request.user, entry) and entry.status in ACTIVE_STATUSES,
        )
        return context


class EntryFormView(ServiceFormView):
    """A form about one register entry: 404 if it is out of sight, 403 if the step is not the user's."""

    template_name = "performance/consequence_form.html"
    page_title: ClassVar[Any] = ""
    entry: Consequence

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.entry = get_object_or_404(
            Consequence.objects.visible_to(request.user, PERFORMANCE_VIEW).select_related("org_unit"), pk=kwargs["pk"]
        )
        self.check()
        return super().dispatch(request, *args, **kwargs)

    def check(self) -> None:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(entry=self.entry, page_title=self.page_title, cancel_url=self.get_success_url())
        return context

    def get_success_url(self) -> str:
        return reverse("performance:consequence_detail", args=[self.entry.pk])


class ConsequenceAssignView(EntryFormView):
    form_class = AssignForm
    page_title = _("Tunjuk penanggung jawab")
    success_message = _("Penanggung jawab telah ditunjuk dan diberi tahu.")

    def check(self) -> None:
        if not services.can_manage(self.request.user, self.entry):
            raise PermissionDenied

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["users"] = (
            User.objects.filter(
                tenant_id=self.entry.tenant_id,
                is_active=True,
                employee__org_unit__path__startswith=self.entry.org_unit.path,
            )
            .select_related("employee")
            .order_by("employee__name")
        )
        return kwargs

    def perform(self, form: AssignForm) -> Consequence:
        d = form.cleaned_data
        return services.consequence_assign(
            actor=self.request.user, consequence=self.entry, owner_user=d["owner_user"], note=d["note"]
        )


class ConsequenceStepView(EntryFormView):
    form_class = NoteForm
    success_message = _("Tindak lanjut telah diperbarui.")

    @property
    def page_title(self) -> Any:
        return STEP_LABELS[self.step]

    def check(self) -> None:
        try:
            self.step = Step(self.kwargs["step"])
        except ValueError:
            raise PermissionDenied from None
        if self.step not in STEP_LABELS:
            raise PermissionDenied
        manager, owner = (
            services.can_manage(self.request.user, self.entry),
            services.is_owner(self.request.user, self.entry),
        )
        if not (manager or (owner and self.step in OWNER_STEPS)):
            raise PermissionDenied

    def perform(self, form: NoteForm) -> Consequence:
        return services.consequence_step(
            actor=self.request.user, consequence=self.entry, step=self.step, note=form.cleaned_data["note"]
        )
