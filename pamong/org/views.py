"""Pages of the organisation: the tree, a unit, and the forms that change them.

Reads go through ``visible_to`` (out of scope is 404); every change calls one
service in services.py through ``ServiceFormView``. Management pages answer 404
when the object is outside the user's sight and 403 when the user can see it
but may not manage it (the same split as ``authorize``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from pamong.core.authz import allows
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import HtmxTemplateMixin, ObjectFormView, ServiceFormView, raise_for_domain_error, tenant_today
from pamong.people.selectors import heads_of_unit_on
from pamong.people.staffing import unit_staffing

from . import selectors, services
from .choices import OrgUnitKind
from .forms import (
    ClusterForm,
    HeadsOnDateForm,
    PositionCreateForm,
    PositionUpdateForm,
    TreeFilterForm,
    UnitCloseForm,
    UnitCreateForm,
    UnitUpdateForm,
)
from .models import Cluster, OrgUnit, Position

VIEW = "org.view"
MANAGE = "org.manage"


def _show_closed(request: HttpRequest) -> bool:
    return request.GET.get("tutup") in ("1", "on", "true")


class TreeView(HtmxTemplateMixin, TemplateView):
    """The unit tree as far as the user may see it; deeper levels load on demand."""

    template_name = "org/tree.html"
    partial_template_name = "org/partials/tree_results.html"
    partial_target = "tree-results"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = TreeFilterForm(self.request.GET or None)
        query, show_closed = "", False
        if form.is_valid():
            query, show_closed = form.cleaned_data["q"].strip(), form.cleaned_data["tutup"]
        today = tenant_today(user)
        context.update(form=form, query=query, show_closed=show_closed, today=today)
        if query:
            context["results"] = list(
                selectors.unit_search(actor=user, text=query, show_closed=show_closed, today=today)
            )
            context["result_limit"] = selectors.SEARCH_LIMIT
            return context
        roots = list(selectors.tree_roots(actor=user, show_closed=show_closed, today=today))
        context["roots"] = roots
        # The regency root is only a container: open it so a leader sees the OPDs at once.
        if len(roots) == 1 and roots[0].kind == OrgUnitKind.REGION and getattr(roots[0], "has_children", False):
            context["expanded"] = roots[0]
            context["expanded_children"] = list(
                selectors.unit_children(actor=user, unit=roots[0], show_closed=show_closed, today=today)
            )
        return context


class UnitChildrenView(HtmxTemplateMixin, DetailView):  # type: ignore[type-arg]
    """One level of the tree: a fragment for the expanding node, a page without JavaScript."""

    template_name = "org/unit_children.html"
    partial_template_name = "org/partials/unit_children.html"
    context_object_name = "unit"

    def get_queryset(self) -> QuerySet[OrgUnit]:
        return OrgUnit.objects.visible_to(self.request.user, VIEW)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, unit = self.request.user, self.object
        today, show_closed = tenant_today(user), _show_closed(self.request)
        context.update(
            today=today,
            show_closed=show_closed,
            children=list(selectors.unit_children(actor=user, unit=unit, show_closed=show_closed, today=today)),
        )
        if not self.wants_partial():
            context["ancestors"] = selectors.unit_ancestors(actor=user, unit=unit)
        return context


class UnitDetailView(DetailView):  # type: ignore[type-arg]
    """A unit: where it sits, its positions and who holds them today, its sub-units, its head on a date."""

    template_name = "org/unit_detail.html"
    context_object_name = "unit"

    def get_queryset(self) -> QuerySet[OrgUnit]:
        # The selector applies visible_to: a unit out of scope is a 404 like a missing one.
        return selectors.unit_with_counts(actor=self.request.user, today=tenant_today(self.request.user))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, unit = self.request.user, self.object
        today = tenant_today(user)
        staffing = unit_staffing(actor=user, unit=unit, day=today)
        openable = {
            holder.employee.pk
            for row in staffing.rows
            for holder in row.holders
            if allows(user, "people.view", holder.employee)
        }
        context.update(
            today=today,
            ancestors=selectors.unit_ancestors(actor=user, unit=unit),
            staffing=staffing,
            openable=openable,
            children=list(selectors.unit_children(actor=user, unit=unit, show_closed=True, today=today)),
            can_manage=allows(user, MANAGE, unit),
            can_see_people=allows(user, "people.view", unit),
            is_closed=unit.closed_on is not None and unit.closed_on <= today,
        )
        context.update(self._heads_on_date(unit, today))
        return context

    def _heads_on_date(self, unit: OrgUnit, today: dt.date) -> dict[str, Any]:
        if "pada" not in self.request.GET:
            return {"heads_form": HeadsOnDateForm(initial={"pada": today})}
        form = HeadsOnDateForm(self.request.GET)
        if not form.is_valid():
            return {"heads_form": form}
        day = form.cleaned_data["pada"]
        heads = heads_of_unit_on(actor=self.request.user, unit=unit, day=day)
        rows = [(head, (day - head.starts_on).days + 1) for head in heads]
        return {"heads_form": form, "heads_day": day, "heads": rows}


class OrgFormView(ObjectFormView):
    """A management form about one unit or position; the page names its unit for orientation."""

    manage_action = MANAGE
    template_name = "org/form_page.html"
    subject_url_name = "org:unit_detail"
    subject_context_name = "unit"

    def subject(self) -> OrgUnit:
        return self.target if isinstance(self.target, OrgUnit) else self.target.org_unit

    def unit(self) -> OrgUnit:
        return self.subject()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["target"] = self.target
        return context

    def get_success_url(self) -> str:
        # After creating a sub-unit or a position, go to the unit it lives in.
        result = self.result
        unit = result if isinstance(result, OrgUnit) else result.org_unit
        return reverse("org:unit_detail", args=[unit.pk])


class UnitCreateView(OrgFormView):
    target_model = OrgUnit
    form_class = UnitCreateForm
    page_title = _("Tambah sub-unit")
    success_message = _("Unit baru telah dibuat.")

    def get_initial(self) -> dict[str, Any]:
        return {"parent": self.target}

    def perform(self, form: UnitCreateForm) -> OrgUnit:
        data = form.cleaned_data
        return services.unit_create(
            actor=self.request.user,
            parent=data["parent"],
            code=data["code"].strip(),
            name=data["name"].strip(),
            kind=data["kind"],
            short_name=data["short_name"].strip(),
            cluster=data["cluster"],
            opened_on=data["opened_on"],
        )


class UnitUpdateView(OrgFormView):
    target_model = OrgUnit
    form_class = UnitUpdateForm
    page_title = _("Ubah unit")
    success_message = _("Perubahan unit telah disimpan.")

    def get_initial(self) -> dict[str, Any]:
        unit = self.target
        return {
            "name": unit.name,
            "short_name": unit.short_name,
            "kind": unit.kind,
            "cluster": unit.cluster_id,
            "sort_order": unit.sort_order,
        }

    def perform(self, form: UnitUpdateForm) -> OrgUnit:
        data = form.cleaned_data
        return services.unit_update(
            actor=self.request.user,
            unit=self.target,
            name=data["name"].strip(),
            short_name=data["short_name"].strip(),
            kind=data["kind"],
            cluster=data["cluster"],
            sort_order=data["sort_order"],
            reason=data["reason"],
        )


class UnitCloseView(OrgFormView):
    target_model = OrgUnit
    form_class = UnitCloseForm
    page_title = _("Tutup unit")
    submit_label = _("Tutup unit")
    success_message = _("Unit telah ditutup. Riwayatnya tetap tersimpan.")

    def get_initial(self) -> dict[str, Any]:
        return {"closed_on": tenant_today(self.request.user)}

    def perform(self, form: UnitCloseForm) -> OrgUnit:
        return services.unit_close(
            actor=self.request.user,
            unit=self.target,
            closed_on=form.cleaned_data["closed_on"],
            reason=form.cleaned_data["reason"],
        )


class PositionCreateView(OrgFormView):
    target_model = OrgUnit
    form_class = PositionCreateForm
    page_title = _("Tambah jabatan")
    success_message = _("Jabatan baru telah dibuat.")

    def perform(self, form: PositionCreateForm) -> Position:
        data = form.cleaned_data
        return services.position_create(
            actor=self.request.user,
            org_unit=self.target,
            code=data["code"].strip(),
            name=data["name"].strip(),
            position_type=data["position_type"],
            eselon=data["eselon"],
            job_class=data["job_class"],
            duties=data["duties"],
            is_head=data["is_head"],
        )


class PositionUpdateView(OrgFormView):
    target_model = Position
    form_class = PositionUpdateForm
    page_title = _("Ubah jabatan")
    success_message = _("Perubahan jabatan telah disimpan.")

    def target_queryset(self) -> QuerySet[Any]:
        return super().target_queryset().select_related("org_unit")

    def get_initial(self) -> dict[str, Any]:
        position = self.target
        return {
            "name": position.name,
            "position_type": position.position_type,
            "eselon": position.eselon,
            "job_class": position.job_class,
            "duties": position.duties,
        }

    def perform(self, form: PositionUpdateForm) -> Position:
        data = form.cleaned_data
        return services.position_update(
            actor=self.request.user,
            position=self.target,
            name=data["name"].strip(),
            position_type=data["position_type"],
            eselon=data["eselon"],
            job_class=data["job_class"],
            duties=data["duties"],
            reason=data["reason"],
        )


class ClusterListView(TemplateView):
    """The Asisten clusters and the OPDs each coordinates (rules.md §10.3: set by each Perbup)."""

    template_name = "org/cluster_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if not scope_of(self.request.user).can(VIEW):
            raise Http404
        context["clusters"] = selectors.clusters_with_units(actor=self.request.user)
        context["can_manage"] = scope_of(self.request.user).can(MANAGE)
        return context


class ClusterCreateView(ServiceFormView):
    template_name = "org/cluster_form.html"
    form_class = ClusterForm
    success_message = _("Klaster Asisten telah dibuat.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            services.authorize_cluster_manager(request.user)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form: ClusterForm) -> Cluster:
        data = form.cleaned_data
        return services.cluster_create(
            actor=self.request.user, code=data["code"], name=data["name"], sort_order=data["sort_order"]
        )

    def get_success_url(self) -> str:
        return reverse("org:cluster_list")
