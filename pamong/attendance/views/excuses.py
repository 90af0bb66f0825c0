"""Pages of excuses and outages: my requests and balance, the superior's inbox, the BKPSDM list, one excuse
with its history, decisions (HTMX rows in the inbox), the supporting document, and outages.

Reads go through ``visible_to`` (out of sight is 404); every change calls one service, which checks again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW, EXCUSES_APPROVE, EXCUSES_REQUEST
from pamong.core.errors import DomainError, ValidationFailed
from pamong.core.scope import scope_of
from pamong.core.views import ScopedListView, ServiceFormView, raise_for_domain_error, tenant_today
from pamong.people.models import Employee

from ..forms.excuses import DecisionForm, ExcuseFilterForm, ExcuseRequestForm, OutageForm
from ..models import Excuse, Outage
from ..selectors import excuses as selectors
from ..services.excuse_checks import LeaveFlags
from ..services.excuses import excuse_approve, excuse_cancel, excuse_reject, excuse_request, excuse_revoke
from ..services.outages import outage_declare, outage_revoke


def _for_others(user: Any) -> bool:
    """Whether the user files requests for staff (an operator or BKPSDM), not only for himself."""
    return bool(scope_of(user).grants_for(EXCUSES_REQUEST))


class MyExcusesView(TemplateView):
    """ "Izin & cuti saya": the annual leave balance, the request form and one's own requests."""

    template_name = "attendance/excuses/mine.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if scope_of(request.user).employee_id is None:
            raise PermissionDenied(_("Akun Anda tidak terhubung ke data pegawai."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = tenant_today(user)
        context.update(
            balance=selectors.own_balance(actor=user, year=today.year),
            excuses=list(selectors.own_excuses(actor=user)[:50]),
            form=ExcuseRequestForm(for_others=_for_others(user)),
            for_others=_for_others(user),
            can_decide=scope_of(user).can(EXCUSES_APPROVE) or scope_of(user).can(ATTENDANCE_MANAGE),
        )
        return context


class ExcuseCreateView(ServiceFormView):
    """The request form: for oneself, or (operators, BKPSDM) for a member of staff named by NIP."""

    template_name = "attendance/excuses/request_form.html"
    form_class = ExcuseRequestForm
    success_message = _("Permintaan telah diajukan ke atasan langsung.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        scope = scope_of(request.user)
        if scope.employee_id is None and not _for_others(request.user):
            raise PermissionDenied(_("Akun Anda tidak terhubung ke data pegawai."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["for_others"] = _for_others(self.request.user)
        return kwargs

    def _employee(self, nip: str) -> Employee:
        user = self.request.user
        if nip:
            found: Employee | None = Employee.objects.visible_to(user, EXCUSES_REQUEST).filter(nip=nip).first()
            if found is None:
                message = _("Pegawai dengan NIP itu tidak ditemukan di unit Anda.")
                raise ValidationFailed(message, field_errors={"nip": [message]})
            return found
        own = selectors.own_employee(actor=user)
        if own is None:
            message = _("Isi NIP pegawai yang dimintakan izin atau cuti.")
            raise ValidationFailed(message, field_errors={"nip": [message]})
        return own

    def perform(self, form: ExcuseRequestForm) -> Excuse:
        d = form.cleaned_data
        return excuse_request(
            actor=self.request.user,
            employee=self._employee((d.get("nip") or "").strip()),
            kind=d["kind"],
            leave_kind=d.get("leave_kind") or "",
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            start_time=d.get("start_time"),
            end_time=d.get("end_time"),
            reason=d["reason"],
            document=d.get("document"),
            flags=LeaveFlags(
                child_number=d.get("child_number"),
                religious_duty=bool(d.get("religious_duty")),
                miscarriage=bool(d.get("miscarriage")),
                work_accident=bool(d.get("work_accident")),
            ),
        )

    def get_success_url(self) -> str:
        from django.urls import reverse

        return reverse("attendance:excuse_detail", args=[self.result.pk])


class ExcuseInboxView(TemplateView):
    """ "Persetujuan": the requests waiting for my decision, approved or rejected inline (HTMX)."""

    template_name = "attendance/excuses/inbox.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        scope = scope_of(request.user)
        if not (scope.can(EXCUSES_APPROVE) or scope.can(ATTENDANCE_MANAGE)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.excuse_inbox(actor=self.request.user)
        return context


class ExcuseListView(ScopedListView):
    """Every excuse in the user's scope, with filters (unit, kind, status, month): BKPSDM's and the heads' list."""

    model = Excuse
    action = ATTENDANCE_VIEW
    template_name = "attendance/excuses/list.html"

    def base_queryset(self) -> QuerySet[Excuse]:
        user = self.request.user
        self.filter_form = ExcuseFilterForm(self.request.GET or None, actor=user)
        filters = selectors.ExcuseFilters()
        if self.filter_form.is_valid():
            d = self.filter_form.cleaned_data
            month = self.filter_form.month_value()
            filters = selectors.ExcuseFilters(
                org_unit_path=d["unit"].path if d.get("unit") else "",
                kind=d.get("kind") or "",
                status=d.get("status") or "",
                year=month[0] if month else None,
                month=month[1] if month else None,
            )
        return selectors.excuse_list(actor=user, filters=filters)

    def get_queryset(self) -> QuerySet[Excuse]:
        return self.base_queryset()  # already scoped by the selector

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.filter_form, query_string=query.urlencode())
        return context


class ExcuseDetailView(TemplateView):
    template_name = "attendance/excuses/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        excuse = get_object_or_404(selectors.excuse_detail(actor=user), pk=kwargs["pk"])
        context.update(page=selectors.excuse_page(actor=user, excuse=excuse), form=DecisionForm())
        return context


class ExcuseDecisionView(View):
    """POST a step on one excuse: approve, reject, revoke or cancel. From the inbox (HTMX) answers the row."""

    step: ClassVar[str] = ""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        excuse = get_object_or_404(selectors.excuse_detail(actor=user), pk=pk)
        form = DecisionForm(request.POST)
        form.is_valid()
        reason = form.cleaned_data.get("reason") or ""
        error = ""
        try:
            if self.step == "approve":
                excuse_approve(actor=user, excuse=excuse, note=reason)
            elif self.step == "reject":
                excuse_reject(actor=user, excuse=excuse, reason=reason)
            elif self.step == "revoke":
                excuse_revoke(actor=user, excuse=excuse, reason=reason)
            else:
                excuse_cancel(actor=user, excuse=excuse, reason=reason)
        except DomainError as exc:
            raise_for_domain_error(exc)
            error = exc.message
        excuse.refresh_from_db()
        if getattr(request, "htmx", False) and request.POST.get("from") == "inbox":
            context = {"excuse": excuse, "error": error, "done": not error}
            return render(request, "attendance/excuses/partials/inbox_row.html", context, status=200)
        if error:
            messages.error(request, error)
        else:
            messages.success(
                request, _("Keputusan telah disimpan: %(status)s.") % {"status": excuse.get_status_display()}
            )
        return redirect("attendance:excuse_detail", pk)


class ExcuseDocumentView(View):
    """Serve the supporting document to whoever may see the excuse (else 404), as an attachment, never sniffed."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        excuse = get_object_or_404(selectors.excuse_detail(actor=request.user).exclude(document=""), pk=pk)
        name = excuse.document.name.rsplit("/", 1)[-1]
        response = FileResponse(excuse.document.open("rb"), as_attachment=True, filename=name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class OutageListView(View):
    """Declared system outages; BKPSDM declares one here (everyone in scope excused in the window)."""

    template_name = "attendance/excuses/outages.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not scope_of(request.user).can(ATTENDANCE_VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form: OutageForm | None, status: int = 200) -> HttpResponse:
        user = self.request.user
        can_manage = scope_of(user).can(ATTENDANCE_MANAGE)
        context = {
            "outages": list(selectors.outage_list(actor=user)[:100]),
            "form": form or (OutageForm(actor=user) if can_manage else None),
            "can_manage": can_manage,
            "revoke_form": DecisionForm(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(None)

    def post(self, request: HttpRequest) -> HttpResponse:
        if not scope_of(request.user).can(ATTENDANCE_MANAGE):
            raise PermissionDenied
        form = OutageForm(request.POST, actor=request.user)
        if not form.is_valid():
            return self._render(form, status=400)
        d = form.cleaned_data
        try:
            outage_declare(
                actor=request.user,
                date=d["date"],
                start_time=d["start_time"],
                end_time=d["end_time"],
                org_unit=d.get("org_unit"),
                reason=d["reason"],
            )
        except DomainError as exc:
            raise_for_domain_error(exc)
            for field, errors in exc.field_errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.field_errors:
                form.add_error(None, exc.message)
            return self._render(form, status=400)
        messages.success(request, _("Gangguan sistem telah dinyatakan; hari-hari yang terdampak dihitung ulang."))
        return redirect("attendance:outage_list")


class OutageRevokeView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        tenant_id = scope_of(request.user).tenant_id
        outage = get_object_or_404(Outage.objects.filter(tenant_id=tenant_id or 0), pk=pk)
        form = DecisionForm(request.POST)
        form.is_valid()
        try:
            outage_revoke(actor=request.user, outage=outage, reason=form.cleaned_data.get("reason") or "")
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Pernyataan gangguan telah dibatalkan."))
        return redirect("attendance:outage_list")
