"""Forms of the excuse and outage pages: types and choices only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW
from pamong.org.models import OrgUnit

from ..choices import ExcuseKind, ExcuseStatus
from ..rules.leave import LEAVE_RULES

_INPUT = {"class": "form-control"}
_SELECT = {"class": "form-select"}

LEAVE_CHOICES = [("", "—")] + [(k.value, r.label_id) for k, r in LEAVE_RULES.items() if r.requestable]


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d")


def _time() -> forms.TimeInput:
    return forms.TimeInput(attrs={**_INPUT, "type": "time"}, format="%H:%M")


class ExcuseRequestForm(forms.Form):
    """A request for oneself; operators and BKPSDM fill ``nip`` to request for a member of staff."""

    nip = forms.CharField(
        label=_("NIP pegawai"),
        required=False,
        max_length=18,
        help_text=_("Kosongkan untuk diri sendiri."),
        widget=forms.TextInput(attrs={**_INPUT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=ExcuseKind.choices, widget=forms.Select(attrs=_SELECT))
    leave_kind = forms.ChoiceField(
        label=_("Jenis cuti"), choices=LEAVE_CHOICES, required=False, widget=forms.Select(attrs=_SELECT)
    )
    starts_on = forms.DateField(label=_("Mulai"), widget=_date())
    ends_on = forms.DateField(label=_("Sampai"), widget=_date())
    start_time = forms.TimeField(
        label=_("Jam mulai"), required=False, widget=_time(), help_text=_("Hanya untuk izin per jam.")
    )
    end_time = forms.TimeField(label=_("Jam selesai"), required=False, widget=_time())
    reason = forms.CharField(
        label=_("Alasan/keperluan"), max_length=2000, widget=forms.Textarea(attrs={**_INPUT, "rows": 2})
    )
    document = forms.FileField(
        label=_("Dokumen pendukung (PDF/JPG/PNG, maks. 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={**_INPUT, "accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    child_number = forms.IntegerField(
        label=_("Anak ke- (cuti melahirkan)"),
        required=False,
        min_value=1,
        max_value=20,
        widget=forms.NumberInput(attrs=_INPUT),
    )
    religious_duty = forms.BooleanField(label=_("Cuti besar untuk ibadah keagamaan (haji pertama)"), required=False)
    miscarriage = forms.BooleanField(label=_("Cuti sakit karena gugur kandungan"), required=False)
    work_accident = forms.BooleanField(label=_("Cuti sakit karena kecelakaan kerja"), required=False)

    def __init__(self, *args: Any, for_others: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not for_others:
            del self.fields["nip"]
        for name in ("religious_duty", "miscarriage", "work_accident"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class DecisionForm(forms.Form):
    """The reason (or note) of a decision; required for a rejection or a revocation (the service says so)."""

    reason = forms.CharField(
        label=_("Alasan/catatan"), required=False, max_length=2000, widget=forms.TextInput(attrs=_INPUT)
    )


class ExcuseFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), required=False, widget=forms.Select(attrs=_SELECT)
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=[("", _("Semua"))] + ExcuseKind.choices, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Semua"))] + ExcuseStatus.choices, required=False)
    month = forms.CharField(label=_("Bulan"), required=False, widget=forms.DateInput(attrs={**_INPUT, "type": "month"}))

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.visible_to(actor, ATTENDANCE_VIEW).filter(depth__lte=2).order_by("path")
        )
        for name in ("kind", "status"):
            self.fields[name].widget.attrs.update(_SELECT)

    def month_value(self) -> tuple[int, int] | None:
        text = (self.cleaned_data.get("month") or "").strip() if self.is_valid() else ""
        try:
            year, month = (int(part) for part in text.split("-")[:2])
        except ValueError:
            return None
        return (year, month) if 1 <= month <= 12 and 2000 <= year <= 2100 else None


class OutageForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=_date())
    start_time = forms.TimeField(label=_("Mulai"), widget=_time())
    end_time = forms.TimeField(label=_("Selesai"), widget=_time())
    org_unit = forms.ModelChoiceField(
        label=_("Unit (kosongkan untuk seluruh daerah)"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.Select(attrs=_SELECT),
    )
    reason = forms.CharField(label=_("Gangguan yang terjadi"), max_length=2000, widget=forms.TextInput(attrs=_INPUT))

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.visible_to(actor, ATTENDANCE_MANAGE).filter(depth__lte=2).order_by("path")
        )
