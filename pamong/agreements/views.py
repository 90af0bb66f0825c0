"""Pages of performance agreements: the year's list, a version, the draft forms, signing, the PDF, verifying.

Reads go through ``visible_to`` (out of sight is 404); every change calls one service. A form about one
version loads it within sight and requires the action on it before showing the form (404/403 split).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from pamong.access.roles import AGREEMENTS_MANAGE, AGREEMENTS_SIGN, PERFORMANCE_VIEW
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import HtmxTemplateMixin, ObjectFormView, ServiceFormView, raise_for_domain_error, tenant_today
from pamong.org.models import OrgUnit

from . import documents, selectors, services
from .choices import AgreementStatus, SignedDocument, SignerParty
from .forms import (
    AgreementCreateForm,
    AgreementEditForm,
    BudgetLineFormSet,
    ConfirmForm,
    ReasonForm,
    SignForm,
    VerifyCodeForm,
    VerifyFileForm,
    budget_lines,
)
from .models import PerformanceAgreement


def _require(request: HttpRequest, action: str) -> None:
    """A page without an object: whoever holds ``action`` nowhere gets 403."""
    if not scope_of(request.user).can(action):
        raise PermissionDenied


def tenant_zone(user: Any) -> str:
    """The user's tenant time zone: signatures are shown in the regency's own time (WITA is not WIB)."""
    tenant = getattr(user, "tenant", None) if getattr(user, "tenant_id", None) else None
    return str(tenant.time_zone) if tenant is not None else settings.TIME_ZONE


def _year(request: HttpRequest, default: int) -> int:
    raw = request.GET.get("tahun", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else default


class AgreementListView(HtmxTemplateMixin, TemplateView):
    """Every OPD and kecamatan in sight with its agreement of the year; units without one are flagged."""

    template_name = "agreements/agreement_list.html"
    partial_template_name = "agreements/partials/unit_table.html"
    partial_target = "agreement-table"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require(request, PERFORMANCE_VIEW)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = tenant_today(user)
        year = _year(self.request, today.year)
        state = self.request.GET.get("status", "")
        kind = self.request.GET.get("jenis", "")
        listing = selectors.year_list(
            actor=user,
            year=year,
            state=state if state in selectors.STATES else "",
            kind=kind if kind in ("opd", "kecamatan") else "",
        )
        years = selectors.year_choices(tenant_id=scope_of(user).tenant_id, today=today)
        context.update(
            listing=listing,
            year=year,
            years=sorted(set(years) | {year}),
            state=state,
            kind=kind,
            states=[
                ("missing", _("Belum ada")),
                ("draft", _("Draf")),
                ("awaiting", _("Menunggu tanda tangan")),
                ("signed", _("Berlaku")),
                ("revising", _("Berlaku, perubahan disusun")),
            ],
            can_draft=scope_of(user).can(AGREEMENTS_MANAGE),
            tenant_zone=tenant_zone(user),
        )
        return context


class AgreementDetailView(DetailView):  # type: ignore[type-arg]
    """One version: parties, items with targets and trajectory, budget, signatures, version history."""

    template_name = "agreements/agreement_detail.html"
    context_object_name = "agreement"

    def get_queryset(self) -> QuerySet[PerformanceAgreement]:
        return selectors.agreement_queryset(actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agreement: PerformanceAgreement = self.object
        user = self.request.user
        today = tenant_today(user)
        caps = selectors.capabilities(actor=user, agreement=agreement, today=today)
        signatures = list(agreement.signatures.all())
        active = {(s.document, s.party): s for s in signatures if s.revoked_at is None}
        versions = selectors.versions_of(actor=user, agreement=agreement)
        head_is_current = True
        if agreement.status == AgreementStatus.AWAITING:
            heads = selectors.signing_heads_on(unit=agreement.org_unit, day=today)
            head_is_current = agreement.head_employee_id in {h.employee_id for h in heads}
        in_force = next((v for v in versions if v.status == AgreementStatus.SIGNED), None)
        pending = next((v for v in versions if v.status in (AgreementStatus.DRAFT, AgreementStatus.AWAITING)), None)
        groups: list[dict[str, Any]] = []
        for item in agreement.items.all():
            if not groups or groups[-1]["goal"] != item.goal:
                groups.append({"number": len(groups) + 1, "goal": item.goal, "items": []})
            groups[-1]["items"].append(item)
        context.update(
            caps=caps,
            goals=groups,
            tenant_zone=tenant_zone(user),
            budget=list(agreement.budget_lines.all()),
            budget_total=sum(b.ceiling for b in agreement.budget_lines.all()),
            sig_head=active.get((SignedDocument.AGREEMENT, SignerParty.HEAD)),
            sig_region=active.get((SignedDocument.AGREEMENT, SignerParty.REGION_HEAD)),
            sig_pact=active.get((SignedDocument.INTEGRITY_PACT, SignerParty.HEAD)),
            signatures=signatures,
            versions=versions,
            in_force=in_force if in_force is not None and in_force.pk != agreement.pk else None,
            pending=pending if pending is not None and pending.pk != agreement.pk else None,
            head_is_current=head_is_current,
            pact=getattr(agreement, "integrity_pact", None) if agreement.content_hash else None,
            can_revise=caps.manage and agreement.status == AgreementStatus.SIGNED and pending is None,
        )
        return context


class AgreementCreateView(ServiceFormView):
    """A new draft for a unit and year the user manages (all its indicators; refine them on the next page)."""

    form_class = AgreementCreateForm
    template_name = "agreements/form_page.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require(request, AGREEMENTS_MANAGE)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        user = self.request.user
        today = tenant_today(user)
        managed = OrgUnit.objects.visible_to(user, AGREEMENTS_MANAGE).values("pk")
        kwargs.update(
            units=selectors.agreement_units(actor=user, year=today.year).filter(pk__in=managed),
            years=selectors.year_choices(tenant_id=scope_of(user).tenant_id, today=today),
        )
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {"year": _year(self.request, tenant_today(self.request.user).year)}
        raw = self.request.GET.get("unit", "")
        if raw.isdigit():
            initial["org_unit"] = int(raw)
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Susun perjanjian kinerja"),
            submit_label=_("Buat draf"),
            cancel_url=reverse("agreements:agreement_list"),
            intro=_(
                "Semua indikator OPD unit ini pada Renstra beserta target tahunan dan trajektorinya disalin ke draf. "
                "Anda dapat memilih indikator dan mengisi pagu program pada langkah berikutnya."
            ),
        )
        return context

    def perform(self, form: AgreementCreateForm) -> PerformanceAgreement:
        d = form.cleaned_data
        return services.agreement_draft(
            actor=self.request.user, org_unit=d["org_unit"], year=d["year"], place=d["place"] or None
        )

    def get_success_url(self) -> str:
        messages.success(self.request, _("Draf perjanjian kinerja telah dibuat."))
        return reverse("agreements:agreement_update", args=[self.result.pk])


class AgreementFormView(ObjectFormView):
    """A form about one version: within sight (else 404), ``manage_action`` on it (else 403)."""

    target_model = PerformanceAgreement
    manage_action = AGREEMENTS_MANAGE
    subject_url_name = "agreements:agreement_detail"
    subject_context_name = "agreement"
    template_name = "agreements/form_page.html"
    form_class: type[Any] = ReasonForm

    def target_queryset(self) -> QuerySet[Any]:
        return selectors.agreement_queryset(actor=self.request.user)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("actor", None)
        return kwargs


class AgreementUpdateView(AgreementFormView):
    """Change a draft: which indicators (copied afresh from planning), the place, programme ceilings."""

    form_class = AgreementEditForm
    template_name = "agreements/agreement_form.html"
    page_title = gettext_lazy("Ubah draf perjanjian kinerja")
    success_message = gettext_lazy("Draf perjanjian kinerja telah disimpan.")

    def indicator_options(self) -> list[selectors.IndicatorOption]:
        if not hasattr(self, "_options"):
            self._options = selectors.indicator_options(agreement=self.target)
        return self._options

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["indicator_choices"] = [(str(o.pk), f"{o.code} {o.name}") for o in self.indicator_options()]
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        chosen = [str(item.indicator_id) for item in self.target.items.all() if item.indicator_id]
        return {"indicators": chosen, "place": self.target.place}

    def budget_formset(self) -> Any:
        if not hasattr(self, "_formset"):
            if self.request.method == "POST":
                self._formset = BudgetLineFormSet(self.request.POST, prefix="budget")
            else:
                initial = [
                    {"program": b.program, "ceiling": f"{b.ceiling:,}".replace(",", ".")}
                    for b in self.target.budget_lines.all()
                ]
                self._formset = BudgetLineFormSet(initial=initial, prefix="budget")
        return self._formset

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.target.status != AgreementStatus.DRAFT:
            messages.warning(request, _("Hanya draf yang dapat diubah."))
            return redirect(self.subject_url())
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.target.status != AgreementStatus.DRAFT:
            messages.warning(request, _("Hanya draf yang dapat diubah."))
            return redirect(self.subject_url())
        form = self.get_form()
        formset = self.budget_formset()
        if form.is_valid() and formset.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            indicator_rows=list(zip(form["indicators"], self.indicator_options(), strict=False)),
            formset=self.budget_formset(),
        )
        return context

    def perform(self, form: AgreementEditForm) -> PerformanceAgreement:
        return services.agreement_update(
            actor=self.request.user,
            agreement=self.target,
            indicator_ids=form.indicator_ids(),
            place=form.cleaned_data["place"],
            budget_lines=budget_lines(self.budget_formset()),
        )


class BudgetRowView(View):
    """One empty budget row for the draft form (HTMX "add a row"): the next index of the formset."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _require(request, AGREEMENTS_MANAGE)
        raw = request.GET.get("index", "")
        if not raw.isdigit() or int(raw) >= 40:
            raise Http404
        formset = BudgetLineFormSet(prefix="budget")
        form = formset.empty_form
        form.prefix = f"budget-{int(raw)}"
        return render(request, "agreements/partials/budget_row.html", {"form": form, "index": int(raw)})


class AgreementSubmitView(AgreementFormView):
    form_class = ConfirmForm
    page_title = gettext_lazy("Ajukan untuk ditandatangani")
    submit_label = gettext_lazy("Ajukan")
    success_message = gettext_lazy("Perjanjian kinerja diajukan; kedua pihak telah diberi tahu.")
    intro = gettext_lazy(
        "Isi perjanjian dikunci dan dihitung hash-nya. Pihak pertama adalah kepala unit (definitif atau Plt) "
        "hari ini; pihak kedua adalah Bupati/Wali Kota. Untuk mengubahnya lagi, perjanjian harus dikembalikan "
        "ke draf dan tanda tangan yang sudah diberikan akan dicabut."
    )

    def perform(self, form: ConfirmForm) -> PerformanceAgreement:
        return services.agreement_submit(
            actor=self.request.user, agreement=self.target, today=tenant_today(self.request.user)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(intro=self.intro, **kwargs)


class AgreementReopenView(AgreementFormView):
    page_title = gettext_lazy("Kembalikan ke draf")
    submit_label = gettext_lazy("Kembalikan ke draf")
    success_message = gettext_lazy("Perjanjian kinerja dikembalikan ke draf; tanda tangan yang ada dicabut.")
    intro = gettext_lazy("Tanda tangan yang sudah diberikan pada versi ini dicabut dan harus diberikan lagi.")

    def perform(self, form: ReasonForm) -> PerformanceAgreement:
        return services.agreement_reopen(
            actor=self.request.user, agreement=self.target, reason=form.cleaned_data["reason"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(intro=self.intro, **kwargs)


class AgreementCancelView(AgreementFormView):
    page_title = gettext_lazy("Batalkan perjanjian kinerja")
    submit_label = gettext_lazy("Batalkan versi ini")
    success_message = gettext_lazy("Versi ini dibatalkan dan tetap tercatat.")

    def perform(self, form: ReasonForm) -> PerformanceAgreement:
        return services.agreement_cancel(
            actor=self.request.user, agreement=self.target, reason=form.cleaned_data["reason"]
        )


class AgreementReviseView(AgreementFormView):
    page_title = gettext_lazy("Buat PK perubahan")
    submit_label = gettext_lazy("Buat versi baru")
    success_message = gettext_lazy(
        "Draf PK perubahan telah dibuat; versi yang berlaku tetap berlaku sampai ini ditandatangani."
    )
    intro = gettext_lazy(
        "Perubahan dibuat sebagai versi baru dengan target terkini dari menu Perencanaan. Versi yang berlaku tidak "
        "diubah dan tetap berlaku sampai versi baru ditandatangani kedua pihak."
    )

    def perform(self, form: ReasonForm) -> PerformanceAgreement:
        return services.agreement_revise(
            actor=self.request.user, agreement=self.target, reason=form.cleaned_data["reason"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(intro=self.intro, **kwargs)

    def get_success_url(self) -> str:
        return reverse("agreements:agreement_update", args=[self.result.pk])


class SignView(AgreementFormView):
    """Confirm and sign: the agreement as its head or the head of region, or (``?dokumen=pakta``) the pact."""

    manage_action = AGREEMENTS_SIGN
    form_class = SignForm
    template_name = "agreements/sign.html"
    page_title = gettext_lazy("Tanda tangani")

    def is_pact(self) -> bool:
        return (self.request.GET.get("dokumen") or self.request.POST.get("dokumen")) == "pakta"

    def party(self) -> str:
        """The party the actor signs for: the head if the document names them, else the head of region."""
        if self.is_pact():
            return SignerParty.HEAD
        employee_id = scope_of(self.request.user).employee_id
        if employee_id is not None and employee_id == self.target.head_employee_id:
            return SignerParty.HEAD
        return SignerParty.REGION_HEAD

    def digest(self) -> str:
        if self.is_pact():
            pact = getattr(self.target, "integrity_pact", None)
            return pact.content_hash if pact is not None else ""
        return str(self.target.content_hash)

    def get_initial(self) -> dict[str, Any]:
        return {"party": self.party(), "content_hash": self.digest()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            tenant_zone=tenant_zone(self.request.user),
            is_pact=self.is_pact(),
            party=self.party(),
            digest=self.digest(),
            items=list(self.target.items.all()),
            pact=getattr(self.target, "integrity_pact", None) if self.target.content_hash else None,
        )
        return context

    def perform(self, form: SignForm) -> Any:
        user = self.request.user
        today = tenant_today(user)
        if self.is_pact():
            return services.integrity_pact_sign(
                actor=user, agreement=self.target, content_hash=form.cleaned_data["content_hash"], today=today
            )
        return services.agreement_sign(
            actor=user,
            agreement=self.target,
            party=form.cleaned_data["party"] or self.party(),
            content_hash=form.cleaned_data["content_hash"],
            today=today,
        )

    success_message = gettext_lazy("Tanda tangan Anda telah tercatat.")


class PdfView(View):
    """The version as an A4 PDF in the official form (shown in the browser; ``?unduh=1`` saves it)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement = get_object_or_404(selectors.agreement_queryset(actor=request.user), pk=pk)
        verify_url = request.build_absolute_uri(reverse("agreements:verify"))
        pdf = documents.agreement_pdf(agreement, verify_url=verify_url)
        response = HttpResponse(pdf, content_type="application/pdf")
        disposition = "attachment" if request.GET.get("unduh") else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{documents.pdf_filename(agreement)}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class VerifyView(View):
    """Check a printed agreement by its code (GET ``?kode=``) or an uploaded PDF (POST)."""

    template_name = "agreements/verify.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require(request, PERFORMANCE_VIEW)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get("kode", "").strip()
        code_form = VerifyCodeForm(initial={"code": code})
        result = error = None
        if code:
            code_form = VerifyCodeForm({"code": code})
            try:
                result = selectors.verify_code(actor=request.user, code=code)
            except DomainError as exc:
                error = exc.message
        return self._render(request, code_form, VerifyFileForm(), result, error)

    def post(self, request: HttpRequest) -> HttpResponse:
        file_form = VerifyFileForm(request.POST, request.FILES)
        result = error = None
        status = 200
        if file_form.is_valid():
            upload = file_form.cleaned_data["file"]
            if upload.size > selectors.max_upload_bytes():
                error = _("Berkas terlalu besar; batasnya %(mb)d MB.") % {
                    "mb": selectors.max_upload_bytes() // (1024 * 1024)
                }
            else:
                try:
                    result = selectors.verify_pdf(actor=request.user, data=upload.read())
                except DomainError as exc:
                    raise_for_domain_error(exc)
                    error = exc.message
        else:
            error = _("Pilih berkas PDF untuk diperiksa.")
        if error:
            status = 400
        return self._render(request, VerifyCodeForm(), file_form, result, error, status=status)

    def _render(
        self,
        request: HttpRequest,
        code_form: VerifyCodeForm,
        file_form: VerifyFileForm,
        result: selectors.Verification | None,
        error: str | None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "code_form": code_form,
            "file_form": file_form,
            "result": result,
            "error": error,
            "tenant_zone": tenant_zone(request.user),
        }
        return render(request, self.template_name, context, status=status)
