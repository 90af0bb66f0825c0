"""Case pages: the register (filters, Excel), opening a case, one case with its timeline and next steps, one
form page per step, and the letters as PDF.

Reads go through ``visible_to`` (out of sight: 404); a step the reader's role does not allow is 403 before
the form is shown; every change calls one service, which checks again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from pamong.access.roles import DISCIPLINE_ACT, DISCIPLINE_VIEW
from pamong.attendance.exports import xlsx_response
from pamong.core.errors import ValidationFailed
from pamong.core.scope import scope_of
from pamong.core.views import ScopedListView, ServiceFormView, tenant_today
from pamong.people.models import Employee

from ..choices import LevelChoice
from ..documents import bap_pdf, decision_pdf, pdf_filename, summons_pdf
from ..exports import register_workbook
from ..forms.cases import (
    AppealDecideForm,
    AppealForm,
    CaseFilterForm,
    CaseOpenForm,
    CloseForm,
    ConfirmForm,
    DecisionForm,
    DeliveryForm,
    ExaminationForm,
    SummonsForm,
    TeamForm,
)
from ..models import Case, Warning
from ..rules.sanctions import Level, Sanction
from ..selectors.case_access import case_access, pending_appeal, permitted, state_allows
from ..selectors.case_chain import officials_above
from ..selectors.cases import CaseFilters, case_detail_queryset, case_list, case_page
from ..services.appeals import appeal_decide, appeal_file
from ..services.case_common import STEP_DENIED
from ..services.case_steps import (
    competent_for,
    decide_without_examination,
    decision_delivered,
    decision_record,
    examination_missed,
    examination_record,
    summons_issue,
    team_set,
)
from ..services.cases import case_close, case_open


def _filters(form: CaseFilterForm) -> CaseFilters:
    if not form.is_valid():
        return CaseFilters()
    d = form.cleaned_data
    return CaseFilters(
        status=d.get("status") or "",
        level=d.get("level") or "",
        unit_path=d["unit"].path if d.get("unit") else "",
        year=d.get("year"),
        text=d.get("q") or "",
    )


class CaseListView(ScopedListView):
    """The register: an ASN sees his own cases, a head his unit's, BKPSDM and the leadership all in scope."""

    model = Case
    action = DISCIPLINE_VIEW
    template_name = "discipline/cases/list.html"

    def get_queryset(self) -> QuerySet[Case]:
        self.filter_form = CaseFilterForm(self.request.GET or None, actor=self.request.user)
        return case_list(actor=self.request.user, filters=_filters(self.filter_form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        scope = scope_of(self.request.user)
        context.update(filter_form=self.filter_form, query_string=query.urlencode(), can_open=scope.can(DISCIPLINE_ACT))
        return context


class CaseExportView(View):
    """The register as Excel, with the page's filters and scope."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not scope_of(request.user).can(DISCIPLINE_VIEW):
            raise PermissionDenied
        form = CaseFilterForm(request.GET or None, actor=request.user)
        cases = case_list(actor=request.user, filters=_filters(form))
        tenant = getattr(request.user, "tenant", None)
        heading = f"{tenant.name if tenant else ''} · {_('dicetak')} {tenant_today(request.user):%d-%m-%Y}"
        return xlsx_response(register_workbook(cases, heading=heading), "register-kasus-disiplin")


class CaseCreateView(ServiceFormView):
    """Open a case by hand, or from a ladder warning (``?warning=<pk>``, prefilled)."""

    template_name = "discipline/cases/create.html"
    form_class = CaseOpenForm
    success_message = gettext_lazy("Kasus disiplin telah dibuka.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.warning: Warning | None = None
        raw = request.GET.get("warning") or request.POST.get("warning")
        if raw:
            if not str(raw).isdigit():
                raise Http404
            self.warning = get_object_or_404(
                Warning.objects.select_related("employee").visible_to(request.user, DISCIPLINE_VIEW), pk=raw
            )
        scope = scope_of(request.user)
        addressed = self.warning is not None and self.warning.superior_id == scope.employee_id is not None
        if not (scope.can(DISCIPLINE_ACT) or addressed):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        if self.warning is None:
            return {}
        return {
            "nip": self.warning.employee.nip,
            "level": Sanction(self.warning.sanction).level.name.lower(),
            "violation_1": "4f",
            "warning": self.warning.pk,
            "summary": _("Dibuka dari peringatan ambang kehadiran %(year)s: %(days)s hari.")
            % {"year": self.warning.year, "days": self.warning.total_days},
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["warning"] = self.warning
        return context

    def perform(self, form: CaseOpenForm) -> Case:
        d = form.cleaned_data
        tenant_id = scope_of(self.request.user).tenant_id or 0
        employee = Employee.objects.filter(tenant_id=tenant_id, nip=d["nip"].strip()).first()
        if employee is None:
            raise ValidationFailed(_("Pegawai tidak ditemukan."), field_errors={"nip": [_("Pegawai tidak ditemukan.")]})
        codes = [d.get(f"violation_{i}") for i in (1, 2, 3)]
        violations = [
            (code, d.get("occurred_from"), d.get("occurred_to"), d.get("description") or "") for code in codes if code
        ]
        return case_open(
            actor=self.request.user,
            employee=employee,
            level=d["level"],
            summary=d["summary"],
            violations=violations,
            warning=self.warning,
            today=tenant_today(self.request.user),
        )

    def get_success_url(self) -> str:
        return reverse("discipline:case_detail", args=[self.result.pk])


class CaseDetailView(TemplateView):
    """One case: facts, timeline of every dated step, deadlines, and the next steps the reader may take."""

    template_name = "discipline/cases/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case = get_object_or_404(case_detail_queryset(actor=self.request.user), pk=kwargs["pk"])
        page = case_page(actor=self.request.user, case=case, today=tenant_today(self.request.user))
        context.update(page=page, case=case, levels=LevelChoice)
        return context


class CaseStepView(ServiceFormView):
    """One step's form page: 404 out of sight, 403 when the role does not allow the step, back to the case when
    its state does not (anymore)."""

    template_name = "discipline/cases/step_form.html"
    step: ClassVar[str] = ""
    page_title: ClassVar[Any] = ""
    submit_label: ClassVar[Any] = gettext_lazy("Simpan")
    success_message = gettext_lazy("Langkah kasus telah dicatat.")

    def competent_ref(self) -> int | None:
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.case = get_object_or_404(case_detail_queryset(actor=request.user), pk=kwargs["pk"])
        if request.user.is_authenticated:
            access = case_access(request.user, self.case)
            if not permitted(self.step, access, self.case, competent_ref=self.competent_ref()):
                raise PermissionDenied(STEP_DENIED.get(self.step, _("Anda tidak berwenang melakukan tindakan ini.")))
            if not state_allows(self.step, self.case):
                messages.warning(request, _("Langkah ini tidak tersedia pada status kasus sekarang."))
                return redirect("discipline:case_detail", self.case.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, page_title=self.page_title, submit_label=self.submit_label, step=self.step)
        return context

    def get_success_url(self) -> str:
        return reverse("discipline:case_detail", args=[self.case.pk])


class SummonsView(CaseStepView):
    step = "summons"
    form_class = SummonsForm
    page_title = gettext_lazy("Surat panggilan")

    def perform(self, form: SummonsForm) -> Any:
        return summons_issue(actor=self.request.user, case=self.case, **form.cleaned_data)


class MissedView(CaseStepView):
    step = "missed"
    form_class = ConfirmForm
    page_title = gettext_lazy("Terperiksa tidak hadir pada pemeriksaan")
    submit_label = gettext_lazy("Catat tidak hadir")

    def perform(self, form: ConfirmForm) -> Any:
        return examination_missed(actor=self.request.user, case=self.case, today=tenant_today(self.request.user))


class TeamView(CaseStepView):
    step = "team"
    form_class = TeamForm
    page_title = gettext_lazy("Tim Pemeriksa")
    template_name = "discipline/cases/team_form.html"

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for i, member in enumerate(self.case.team.all(), start=1):
            initial[f"nip_{i}"], initial[f"role_{i}"] = member.employee.nip, member.role
        if not initial and self.case.superior is not None:
            initial["nip_1"], initial["role_1"] = self.case.superior.nip, "superior"
        return initial

    def perform(self, form: TeamForm) -> Any:
        rows = form.rows()
        found = {
            e.nip: e for e in Employee.objects.filter(tenant_id=self.case.tenant_id, nip__in=[n for n, _r in rows])
        }
        missing = [nip for nip, _r in rows if nip not in found]
        if missing:
            message = _("Pegawai dengan NIP %(nips)s tidak ditemukan.") % {"nips": ", ".join(missing)}
            raise ValidationFailed(message)
        return team_set(actor=self.request.user, case=self.case, members=[(found[n], r) for n, r in rows])


class ExaminationView(CaseStepView):
    step = "examination"
    form_class = ExaminationForm
    page_title = gettext_lazy("Pemeriksaan dan BAP")
    template_name = "discipline/cases/examination_form.html"

    def perform(self, form: ExaminationForm) -> Any:
        d = form.cleaned_data
        return examination_record(
            actor=self.request.user,
            case=self.case,
            held_on=d["held_on"],
            place=d.get("place") or "",
            answers=form.answers(),
            findings=d["findings"],
            recommended=d.get("recommended") or "",
            examinee_signed=d["signature"] == "signed",
            refused_to_sign=d["signature"] == "refused",
            refusal_note=d.get("refusal_note") or "",
            today=tenant_today(self.request.user),
        )


class WithoutExaminationView(CaseStepView):
    step = "without_examination"
    form_class = ConfirmForm
    page_title = gettext_lazy("Diputus tanpa pemeriksaan (panggilan II tidak dipenuhi)")
    submit_label = gettext_lazy("Lanjutkan ke keputusan")

    def perform(self, form: ConfirmForm) -> Any:
        return decide_without_examination(
            actor=self.request.user,
            case=self.case,
            note=form.cleaned_data.get("note") or "",
            today=tenant_today(self.request.user),
        )


class DecisionView(CaseStepView):
    step = "decision"
    form_class = DecisionForm
    page_title = gettext_lazy("Keputusan hukuman disiplin")

    def competent_ref(self) -> int | None:
        official, _chain = competent_for(self.case, Level[self.case.level.upper()], tenant_today(self.request.user))
        return official.ref if official else None

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        chain = officials_above(
            tenant_id=self.case.tenant_id,
            employee_id=self.case.employee_id,
            unit_path=self.case.org_unit.path,
            day=tenant_today(self.request.user),
        )
        kwargs["officials"] = [(str(o.ref), f"{o.name} ({o.authority.label_id})") for o in chain]
        return kwargs

    def perform(self, form: DecisionForm) -> Any:
        d = form.cleaned_data
        decided_by = None
        if d.get("decided_by"):
            decided_by = Employee.objects.filter(tenant_id=self.case.tenant_id, pk=d["decided_by"]).first()
        return decision_record(
            actor=self.request.user,
            case=self.case,
            sanctions=d["sanctions"],
            decided_by=decided_by,
            letter_number=d["letter_number"],
            signed_on=d["signed_on"],
            considerations=d["considerations"],
            today=tenant_today(self.request.user),
        )


class DeliveryView(CaseStepView):
    step = "delivery"
    form_class = DeliveryForm
    page_title = gettext_lazy("Penyampaian keputusan")

    def perform(self, form: DeliveryForm) -> Any:
        d = form.cleaned_data
        return decision_delivered(
            actor=self.request.user,
            case=self.case,
            received_on=d.get("received_on"),
            sent_on=d.get("sent_on"),
            today=tenant_today(self.request.user),
        )


class AppealView(CaseStepView):
    step = "appeal"
    form_class = AppealForm
    page_title = gettext_lazy("Upaya administratif (keberatan / banding)")

    def perform(self, form: AppealForm) -> Any:
        return appeal_file(
            actor=self.request.user, case=self.case, today=tenant_today(self.request.user), **form.cleaned_data
        )


class AppealDecideView(CaseStepView):
    step = "appeal_decide"
    form_class = AppealDecideForm
    page_title = gettext_lazy("Hasil upaya administratif")

    def perform(self, form: AppealDecideForm) -> Any:
        d = form.cleaned_data
        appeal = pending_appeal(self.case)
        if appeal is None:
            raise ValidationFailed(_("Tidak ada upaya administratif yang menunggu keputusan."))
        return appeal_decide(
            actor=self.request.user,
            case=self.case,
            appeal=appeal,
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            note=d["note"],
            new_sanction=d.get("new_sanction") or "",
            today=tenant_today(self.request.user),
        )


class CloseView(CaseStepView):
    step = "close"
    form_class = CloseForm
    page_title = gettext_lazy("Tutup kasus tanpa hukuman")
    submit_label = gettext_lazy("Tutup kasus")

    def perform(self, form: CloseForm) -> Any:
        return case_close(
            actor=self.request.user,
            case=self.case,
            reason=form.cleaned_data["reason"],
            today=tenant_today(self.request.user),
        )


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class SummonsPdfView(View):
    def get(self, request: HttpRequest, pk: int, sequence: int) -> HttpResponse:
        case = get_object_or_404(case_detail_queryset(actor=request.user), pk=pk)
        summons = next((s for s in case.summonses.all() if s.sequence == sequence), None)
        if summons is None:
            raise Http404
        return _pdf(summons_pdf(case, summons), pdf_filename(case, f"panggilan-{sequence}"))


class BapPdfView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_object_or_404(case_detail_queryset(actor=request.user).filter(examination__isnull=False), pk=pk)
        return _pdf(bap_pdf(case), pdf_filename(case, "bap"))


class DecisionPdfView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_object_or_404(case_detail_queryset(actor=request.user).filter(decision__isnull=False), pk=pk)
        return _pdf(decision_pdf(case), pdf_filename(case, "keputusan"))
