"""Device pages: the registry (list, detail, register, edit, allow/block), the command queue, the refusal log and
the PIN map. Reads through ``selectors.devices`` (``visible_to``), writes through ``services.devices`` and
``services.device_pins``; the API calls the same functions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from pamong.access.roles import ATTENDANCE_MANAGE
from pamong.core.authz import allows
from pamong.core.errors import DomainError, Forbidden
from pamong.core.views import ObjectFormView, ScopedDetailView, ScopedListView, ServiceFormView, raise_for_domain_error

from ..forms.devices import CommandForm, DeviceAllowForm, DeviceForm, ListFilterForm, PinDefaultForm, PinForm
from ..models import Device, DevicePin
from ..selectors import devices as selectors
from ..services import device_pins
from ..services import devices as services


class _SeesDevices:
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not selectors.sees_devices(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]


class _ManagesDevices:
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not selectors.manages_devices(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]


class DeviceListView(_SeesDevices, ScopedListView):
    """The devices of the units in sight: last contact, clock drift, pending commands."""

    model = Device
    template_name = "attendance/devices/device_list.html"
    context_object_name = "devices"

    def get_queryset(self) -> QuerySet[Device]:
        self.filter_form = ListFilterForm(self.request.GET or None)
        q = self.filter_form.data.get("q", "") if self.filter_form.is_bound else ""
        return selectors.device_list(actor=self.request.user, q=str(q))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form, can_manage=selectors.manages_devices(self.request.user))
        return context


class DeviceDetailView(_SeesDevices, ScopedDetailView):
    model = Device
    template_name = "attendance/devices/device_detail.html"
    context_object_name = "device"

    def get_queryset(self) -> QuerySet[Device]:
        return selectors.device_visible(actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["page"] = selectors.device_page(device=self.object)
        context["can_manage"] = allows(self.request.user, ATTENDANCE_MANAGE, self.object)
        return context


class DeviceCreateView(_ManagesDevices, ServiceFormView):
    form_class = DeviceForm
    template_name = "attendance/devices/form.html"
    success_message = _("Mesin telah didaftarkan; kirimannya kini diterima.")
    extra_context = {"page_title": _("Daftarkan mesin presensi"), "submit_label": _("Daftarkan")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "cancel_url": reverse("attendance:device_list")}

    def perform(self, form: DeviceForm) -> Device:
        d = form.cleaned_data
        return services.device_create(
            actor=self.request.user,
            org_unit=d["org_unit"],
            serial_number=d["serial_number"],
            name=d["name"],
            location=d["location"],
        )

    def get_success_url(self) -> str:
        return reverse("attendance:device_detail", args=[self.result.pk])


class _DeviceFormView(ObjectFormView):
    target_model = Device
    manage_action = ATTENDANCE_MANAGE
    template_name = "attendance/devices/form.html"
    subject_url_name = "attendance:device_detail"
    subject_context_name = "device"


class DeviceUpdateView(_DeviceFormView):
    form_class = DeviceForm
    page_title = _("Ubah mesin presensi")
    success_message = _("Data mesin telah disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "editing": True}

    def get_initial(self) -> dict[str, Any]:
        return {"org_unit": self.target.org_unit_id, "name": self.target.name, "location": self.target.location}

    def perform(self, form: DeviceForm) -> Device:
        d = form.cleaned_data
        return services.device_update(
            actor=self.request.user, device=self.target, org_unit=d["org_unit"], name=d["name"], location=d["location"]
        )


class DeviceAllowView(_DeviceFormView):
    form_class = DeviceAllowForm
    page_title = _("Izinkan atau blokir mesin")
    success_message = _("Status izin mesin telah disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("actor", None)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        return {"is_allowed": self.target.is_allowed}

    def perform(self, form: DeviceAllowForm) -> Device:
        d = form.cleaned_data
        return services.device_set_allowed(
            actor=self.request.user, device=self.target, is_allowed=d["is_allowed"], reason=d["reason"]
        )


class CommandQueueView(_DeviceFormView):
    form_class = CommandForm
    page_title = _("Kirim perintah ke mesin")
    submit_label = _("Masukkan antrean")
    success_message = _("Perintah masuk antrean; mesin mengambilnya pada kontak berikutnya.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("actor", None)
        return kwargs

    def perform(self, form: CommandForm) -> Any:
        return services.command_queue(
            actor=self.request.user,
            device=self.target,
            kind=form.cleaned_data["kind"],
            fields=form.fields_for_command(),
            purpose=form.cleaned_data["purpose"],
        )


class CommandCancelView(View):
    """POST: withdraw a queued command, back to its device's page."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        command = get_object_or_404(selectors.command_visible(actor=request.user), pk=pk)
        try:
            services.command_cancel(actor=request.user, command=command, reason=request.POST.get("reason", ""))
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Perintah dibatalkan."))
        return redirect("attendance:device_detail", pk=command.device_id)


class RefusalListView(ListView):  # type: ignore[type-arg]
    """Contacts refused because the serial is unknown or blocked (platform admins; the tenant's device managers)."""

    template_name = "attendance/devices/refusal_list.html"
    context_object_name = "refusals"
    paginate_by = 50

    def get_queryset(self) -> Any:
        try:
            return selectors.refusal_list(actor=self.request.user)
        except Forbidden as exc:
            raise PermissionDenied from exc


class PinListView(ScopedListView):
    """The PIN map: each employee's user id on the devices (an employee sees their own)."""

    model = DevicePin
    template_name = "attendance/devices/pin_list.html"
    context_object_name = "pins"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[DevicePin]:
        self.filter_form = ListFilterForm(self.request.GET or None)
        q = self.filter_form.data.get("q", "") if self.filter_form.is_bound else ""
        return selectors.pin_list(actor=self.request.user, q=str(q))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form, can_manage=selectors.manages_devices(self.request.user))
        return context


class PinSetView(_ManagesDevices, ServiceFormView):
    form_class = PinForm
    template_name = "attendance/devices/form.html"
    success_message = _("PIN telah disimpan; presensi yang menunggu PIN ini sudah terhubung.")
    extra_context = {"page_title": _("Atur PIN mesin pegawai"), "submit_label": _("Simpan")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        if (employee := self.request.GET.get("pegawai", "")).isdigit():
            initial["employee"] = int(employee)
        if pin := self.request.GET.get("pin", ""):
            initial["pin"] = pin[:24]
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "cancel_url": reverse("attendance:pin_list")}

    def perform(self, form: PinForm) -> DevicePin:
        d = form.cleaned_data
        return device_pins.pin_set(actor=self.request.user, employee=d["employee"], pin=d["pin"])

    def get_success_url(self) -> str:
        return reverse("attendance:pin_list")


class PinDefaultView(_ManagesDevices, ServiceFormView):
    form_class = PinDefaultForm
    template_name = "attendance/devices/form.html"
    extra_context = {
        "page_title": _("PIN = NIP untuk pegawai tanpa PIN"),
        "submit_label": _("Buat PIN"),
        "intro": _(
            "Setiap pegawai aktif unit ini (dan unit di bawahnya) yang belum punya PIN mendapat PIN sama dengan "
            "NIP-nya. NIP yang sudah dipakai sebagai PIN pegawai lain dilewati dan disebutkan."
        ),
    }

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "cancel_url": reverse("attendance:pin_list")}

    def perform(self, form: PinDefaultForm) -> Any:
        outcome = device_pins.pins_default_nip(actor=self.request.user, org_unit=form.cleaned_data["org_unit"])
        messages.success(self.request, _("%(n)d PIN dibuat.") % {"n": outcome.created})
        if outcome.skipped:
            messages.warning(
                self.request,
                _("NIP berikut sudah dipakai sebagai PIN pegawai lain: %(nips)s.")
                % {"nips": ", ".join(outcome.skipped)},
            )
        return outcome

    def get_success_url(self) -> str:
        return reverse("attendance:pin_list")
