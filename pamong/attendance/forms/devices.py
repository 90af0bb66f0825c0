"""Forms of the device pages: registry, allow/block, command queue, PIN map. Types only; rules live in services.

Unit and employee choices are restricted with ``visible_to`` (``attendance.manage``), so nobody can even pick
a place outside their reach.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_MANAGE
from pamong.org.forms import UnitLabelChoiceField, style_widgets
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..rules.adms import CommandKind


def _units(actor: Any) -> Any:
    return (
        OrgUnit.objects.visible_to(actor, ATTENDANCE_MANAGE)
        .filter(closed_on__isnull=True)
        .only("pk", "name", "depth", "path")
    )


class _Styled(forms.Form):
    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        style_widgets(self)


class DeviceForm(_Styled):
    org_unit = UnitLabelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    serial_number = forms.CharField(
        label=_("Nomor seri (SN)"), max_length=64, help_text=_("Lihat di menu Info Sistem pada mesin.")
    )
    name = forms.CharField(label=_("Nama mesin"), max_length=120)
    location = forms.CharField(label=_("Lokasi"), max_length=200, required=False)

    def __init__(self, *args: Any, actor: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["org_unit"].queryset = _units(actor)  # type: ignore[attr-defined]
        if editing:
            del self.fields["serial_number"]


class DeviceAllowForm(_Styled):
    is_allowed = forms.BooleanField(label=_("Diizinkan mengirim data"), required=False)
    reason = forms.CharField(
        label=_("Alasan"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


COMMAND_CHOICES = [
    (CommandKind.USER_UPDATE.value, _("Tambah/ubah pengguna di mesin")),
    (CommandKind.USER_DELETE.value, _("Hapus pengguna dari mesin")),
    (CommandKind.CHECK.value, _("Minta kirim ulang data presensi")),
    (CommandKind.INFO.value, _("Minta info mesin")),
    (CommandKind.REBOOT.value, _("Nyalakan ulang mesin")),
]


class CommandForm(_Styled):
    kind = forms.ChoiceField(label=_("Perintah"), choices=COMMAND_CHOICES)
    pin = forms.CharField(label=_("PIN"), max_length=24, required=False, help_text=_("Untuk perintah pengguna."))
    user_name = forms.CharField(label=_("Nama di mesin"), max_length=24, required=False)
    purpose = forms.CharField(label=_("Keperluan"), max_length=200, required=False)

    def fields_for_command(self) -> dict[str, str]:
        data = self.cleaned_data
        if data["kind"] == CommandKind.USER_UPDATE.value:
            return {"PIN": data["pin"].strip(), "Name": data["user_name"].strip()}
        if data["kind"] == CommandKind.USER_DELETE.value:
            return {"PIN": data["pin"].strip()}
        return {}


class EmployeeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Employee) -> str:
        return f"{obj.name} ({obj.nip})"


class PinForm(_Styled):
    employee = EmployeeChoiceField(label=_("Pegawai"), queryset=Employee.objects.none())
    pin = forms.CharField(label=_("PIN mesin"), max_length=24, help_text=_("ID pengguna pegawai itu di mesin."))

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["employee"].queryset = (  # type: ignore[attr-defined]
            Employee.objects.visible_to(actor, ATTENDANCE_MANAGE)
            .filter(is_active=True)
            .only("pk", "name", "nip")
            .order_by("name")
        )


class PinDefaultForm(_Styled):
    org_unit = UnitLabelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["org_unit"].queryset = _units(actor)  # type: ignore[attr-defined]


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"class": "form-control form-control-sm"})
