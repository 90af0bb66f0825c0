"""Pages about employees: the list, a profile with its assignment history, and the forms that change them.

Reads go through ``visible_to`` (out of scope is 404) or the selectors; every
change calls one service through ``ServiceFormView``. Management pages answer
404 for an object out of sight and 403 for one in sight that the user may not
change; pages that create (no object yet) answer 403 to users who may not
manage employees anywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from pamong.core.authz import allows
from pamong.core.i18n import localized
from pamong.core.scope import scope_of
from pamong.core.views import HomePanel, HtmxTemplateMixin, ObjectFormView, ServiceFormView, tenant_today
from pamong.org.choices import OPD_KINDS
from pamong.org.models import OrgUnit

from . import selectors, services, staffing
from .choices import AssignmentKind, EmployeeKindChoice
from .forms import AssignmentEndForm, AssignmentStartForm, EmployeeCreateForm, EmployeeFilterForm, EmployeeUpdateForm
from .models import Assignment, Employee
from .rules.grades import GradeError, grade_by_code, pppk_grade_by_code

VIEW = "people.view"
MANAGE = "people.manage"
ACCESS_MANAGE = "access.manage"


def grade_label(employee: Employee) -> str:
    """``III/a — Penata Muda`` for PNS, ``Golongan IX`` for PPPK, the raw code if unknown."""
    if not employee.grade:
        return ""
    try:
        if employee.kind == EmployeeKindChoice.PPPK:
            return str(pppk_grade_by_code(employee.grade))
        grade = grade_by_code(employee.grade)
    except GradeError:
        return employee.grade
    return f"{grade.code} — {grade.pangkat}"


def _days_so_far(assignment: Assignment, today: dt.date) -> int | None:
    """Days held up to today or to its end, both inclusive; None for one that has not started."""
    if assignment.starts_on > today:
        return None
    last = min(today, assignment.ends_on) if assignment.ends_on else today
    return (last - assignment.starts_on).days + 1


class EmployeeListView(HtmxTemplateMixin, ListView):  # type: ignore[type-arg]
    """Employees in sight, searchable; the filter form swaps only the results over HTMX."""

    template_name = "people/employee_list.html"
    partial_template_name = "people/partials/employee_results.html"
    partial_target = "employee-results"
    paginate_by = 25
    context_object_name = "employees"

    def get_queryset(self) -> QuerySet[Employee]:
        self.form = EmployeeFilterForm(self.request.GET, actor=self.request.user)
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return selectors.employee_list(
            actor=self.request.user,
            search=data.get("q") or "",
            unit=data.get("unit"),
            kind=data.get("kind") or "",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            form=self.form,
            query_string=params.urlencode(),
            can_create=scope_of(self.request.user).can(MANAGE),
        )
        return context


class EmployeeDetailView(DetailView):  # type: ignore[type-arg]
    """An employee's profile: identity decoded from the NIP, grade, post, and assignment history."""

    template_name = "people/employee_detail.html"
    context_object_name = "employee"

    def get_queryset(self) -> QuerySet[Employee]:
        return Employee.objects.visible_to(self.request.user, VIEW).select_related("org_unit", "position")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, employee = self.request.user, self.object
        today = tenant_today(user)
        history = [
            {
                "assignment": a,
                "is_current": a.is_current(today),
                "is_open": a.ends_on is None or a.ends_on >= today,
                "duration_days": _days_so_far(a, today),
                "is_acting": a.kind != AssignmentKind.DEFINITIVE,
            }
            for a in selectors.assignment_history(actor=user, employee=employee)
        ]
        appointment = dt.date(employee.appointment_year, employee.appointment_month or 1, 1)
        context.update(
            today=today,
            history=history,
            grade_label=grade_label(employee),
            appointment=appointment,
            can_manage=allows(user, MANAGE, employee),
            # "Buat akun" on the profile of an employee without a login (one query, access managers only).
            can_create_account=allows(user, ACCESS_MANAGE, employee) and not hasattr(employee, "user"),
        )
        return context


def _require_manage_somewhere(request: HttpRequest) -> None:
    """Pages that create have no object to hide: users who may manage no one get 403."""
    if not scope_of(request.user).grants_for(MANAGE):
        raise PermissionDenied(_("Anda tidak berwenang mengelola data pegawai."))


class EmployeeCreateView(ServiceFormView):
    template_name = "people/employee_create.html"
    form_class = EmployeeCreateForm
    success_message = _("Pegawai baru telah didaftarkan.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require_manage_somewhere(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs

    def get_form(self, form_class: Any = None) -> EmployeeCreateForm:
        form: EmployeeCreateForm = super().get_form(form_class)
        # Live decoding of the NIP while it is typed (and again when the kind changes).
        check = {"hx-get": reverse("people:nip_check"), "hx-target": "#nip-check", "hx-sync": "closest form:replace"}
        form.fields["nip"].widget.attrs.update(
            check, **{"hx-trigger": "input changed delay:400ms", "hx-include": "[name=kind]"}
        )
        form.fields["kind"].widget.attrs.update(check, **{"hx-trigger": "change", "hx-include": "[name=nip]"})
        return form

    def get_initial(self) -> dict[str, Any]:
        unit = self.request.GET.get("unit", "")
        return {"org_unit": int(unit)} if unit.isdigit() else {}

    def perform(self, form: EmployeeCreateForm) -> Employee:
        data = form.cleaned_data
        return services.employee_create(
            actor=self.request.user,
            org_unit=data["org_unit"],
            nip=data["nip"],
            name=data["name"],
            kind=data["kind"],
            today=tenant_today(self.request.user),
            grade=data["grade"],
            front_title=data["front_title"].strip(),
            back_title=data["back_title"].strip(),
            nip_lama=data["nip_lama"].strip(),
            email=data["email"],
            phone=data["phone"].strip(),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Tambah pegawai"),
            submit_label=_("Simpan"),
            cancel_url=reverse("people:employee_list"),
        )
        return context

    def get_success_url(self) -> str:
        return reverse("people:employee_detail", args=[self.result.pk])


class NipCheckView(View):
    """Decodes a NIP as it is typed (HTMX fragment): the parts, or what is wrong with each part."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _require_manage_somewhere(request)
        raw = request.GET.get("nip", "")[:40]
        kind = request.GET.get("kind", "")
        if kind not in EmployeeKindChoice.values:
            kind = EmployeeKindChoice.PNS
        info, errors = (
            (None, []) if not raw.strip() else services.decode_nip(raw, kind=kind, today=tenant_today(request.user))
        )
        context: dict[str, Any] = {"raw": raw, "info": info, "errors": errors}
        if info is not None:
            context["appointment"] = dt.date(info.appointment_year, info.appointment_month or 1, 1)
            context["warnings"] = [localized(w) for w in info.warnings]
        return render(request, "people/partials/nip_check.html", context)


class EmployeeFormView(ObjectFormView):
    """A form about one employee (or one assignment); the page names the employee."""

    manage_action = MANAGE
    template_name = "people/form_page.html"
    subject_url_name = "people:employee_detail"
    subject_context_name = "employee"

    def subject(self) -> Employee:
        return self.target if isinstance(self.target, Employee) else self.target.employee

    def employee(self) -> Employee:
        return self.subject()


class EmployeeUpdateView(EmployeeFormView):
    target_model = Employee
    form_class = EmployeeUpdateForm
    page_title = _("Ubah data pegawai")
    success_message = _("Data pegawai telah disimpan.")

    def target_queryset(self) -> QuerySet[Any]:
        return super().target_queryset().select_related("org_unit")

    def get_initial(self) -> dict[str, Any]:
        e = self.target
        return {
            "name": e.name,
            "front_title": e.front_title,
            "back_title": e.back_title,
            "grade": e.grade,
            "email": e.email,
            "phone": e.phone,
        }

    def perform(self, form: EmployeeUpdateForm) -> Employee:
        data = form.cleaned_data
        return services.employee_update(
            actor=self.request.user,
            employee=self.target,
            name=data["name"],
            front_title=data["front_title"],
            back_title=data["back_title"],
            grade=data["grade"],
            email=data["email"],
            phone=data["phone"].strip(),
            reason=data["reason"],
        )


class AssignmentStartView(EmployeeFormView):
    """Appoint the employee to a post; the position list follows the chosen OPD (HTMX swaps just that field)."""

    target_model = Employee
    form_class = AssignmentStartForm
    template_name = "people/assignment_start.html"
    page_title = _("Tugaskan ke jabatan")
    submit_label = _("Tugaskan")
    success_message = _("Penugasan telah dicatat.")

    def target_queryset(self) -> QuerySet[Any]:
        return super().target_queryset().select_related("org_unit")

    @cached_property
    def unit(self) -> OrgUnit | None:
        """The OPD whose positions the form lists: the one picked, else the employee's own."""
        raw = self.request.POST.get("unit") if self.request.method == "POST" else self.request.GET.get("unit")
        units = OrgUnit.objects.visible_to(self.request.user, MANAGE)
        if raw is not None:
            return units.filter(pk=int(raw)).first() if raw.isdigit() else None
        # Default: the OPD the employee belongs to (the deepest OPD-level unit on its path).
        own = self.target.org_unit
        return units.filter(pk__in=[*own.ancestor_ids(), own.pk], kind__in=OPD_KINDS).order_by("-depth").first()

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["unit"] = self.unit
        return kwargs

    def get_form(self, form_class: Any = None) -> AssignmentStartForm:
        form: AssignmentStartForm = super().get_form(form_class)
        # Choosing an OPD reloads only the position field (hx-select picks it from the page).
        form.fields["unit"].widget.attrs.update(
            {
                "hx-get": reverse("people:assignment_start", args=[self.target.pk]),
                "hx-trigger": "change",
                "hx-target": "#position-field",
                "hx-select": "#position-field",
                "hx-swap": "outerHTML",
            }
        )
        return form

    def get_initial(self) -> dict[str, Any]:
        return {"kind": AssignmentKind.DEFINITIVE, "starts_on": tenant_today(self.request.user), "unit": self.unit}

    def perform(self, form: AssignmentStartForm) -> Assignment:
        data = form.cleaned_data
        return services.assignment_start(
            actor=self.request.user,
            employee=self.target,
            position=data["position"],
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            decree_number=data["decree_number"].strip(),
            decree_date=data["decree_date"],
            note=data["note"],
        )


class AssignmentEndView(EmployeeFormView):
    target_model = Assignment
    form_class = AssignmentEndForm
    template_name = "people/assignment_end.html"
    page_title = _("Akhiri penugasan")
    submit_label = _("Akhiri penugasan")
    success_message = _("Penugasan telah diakhiri.")

    def target_queryset(self) -> QuerySet[Any]:
        return super().target_queryset().select_related("employee", "position__org_unit")

    def get_initial(self) -> dict[str, Any]:
        return {"ends_on": tenant_today(self.request.user)}

    def perform(self, form: AssignmentEndForm) -> Assignment:
        return services.assignment_end(
            actor=self.request.user,
            assignment=self.target,
            ends_on=form.cleaned_data["ends_on"],
            reason=form.cleaned_data["reason"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["assignment"] = self.target
        return context


def home_panels(request: HttpRequest) -> list[HomePanel]:
    """The home page's overview for the user's scope (see core.views.HomeView)."""
    user = request.user
    scope = scope_of(user)
    if scope.tenant_id is None:
        return []
    data = staffing.overview(actor=user, day=tenant_today(user))
    context = {
        "overview": data,
        "own_employee_id": scope.employee_id,
        "can_see_org": scope.can("org.view"),
        "can_create": bool(scope.grants_for(MANAGE)),
    }
    return [HomePanel(template_name="people/partials/home_overview.html", context=context, order=10)]
