"""Forms of the meeting pages: types and choices only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import MEETINGS_MANAGE
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import AttendanceLevel, FrequencyChoice, MeetingKind

_INPUT = {"class": "form-control"}
_SELECT = {"class": "form-select"}


def _units(actor: Any) -> Any:
    tenant_id: int = getattr(actor, "tenant_id", None) or 0
    return OrgUnit.objects.filter(tenant_id=tenant_id, closed_on__isnull=True).order_by("path")


class MeetingFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("Waktu"),
        required=False,
        choices=[("upcoming", _("Akan datang")), ("past", _("Sudah lewat"))],
        widget=forms.Select(attrs=_SELECT),
    )
    kind = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=[("", _("Semua")), *MeetingKind.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=OrgUnit.objects.none(), widget=forms.Select(attrs=_SELECT)
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(actor)  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    org_unit = forms.ModelChoiceField(
        label=_("Penyelenggara"), queryset=OrgUnit.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    kind = forms.ChoiceField(label=_("Jenis rapat"), choices=MeetingKind.choices, widget=forms.Select(attrs=_SELECT))
    title = forms.CharField(label=_("Judul"), max_length=200, widget=forms.TextInput(attrs=_INPUT))
    starts_at = forms.DateTimeField(
        label=_("Mulai (waktu setempat)"),
        widget=forms.DateTimeInput(attrs={**_INPUT, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Selesai (waktu setempat)"),
        widget=forms.DateTimeInput(attrs={**_INPUT, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    venue = forms.CharField(label=_("Tempat"), required=False, max_length=255, widget=forms.TextInput(attrs=_INPUT))
    video_link = forms.URLField(
        label=_("Tautan video"), required=False, assume_scheme="https", widget=forms.URLInput(attrs=_INPUT)
    )
    chair = forms.ModelChoiceField(
        label=_("Pimpinan rapat"), required=False, queryset=Employee.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    secretary = forms.ModelChoiceField(
        label=_("Sekretaris rapat"),
        required=False,
        queryset=Employee.objects.none(),
        widget=forms.Select(attrs=_SELECT),
    )
    invited_units = forms.ModelMultipleChoiceField(
        label=_("Unit diundang"),
        required=False,
        queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={**_SELECT, "size": 8}),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisers = OrgUnit.objects.visible_to(actor, MEETINGS_MANAGE).filter(closed_on__isnull=True)
        self.fields["org_unit"].queryset = organisers.order_by("path")  # type: ignore[attr-defined]
        self.fields["invited_units"].queryset = _units(actor)  # type: ignore[attr-defined]
        tenant_id: int = getattr(actor, "tenant_id", None) or 0
        people = Employee.objects.filter(tenant_id=tenant_id).order_by("name")
        self.fields["chair"].queryset = people  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = people  # type: ignore[attr-defined]


class SeriesForm(forms.Form):
    org_unit = forms.ModelChoiceField(
        label=_("Penyelenggara"), queryset=OrgUnit.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    kind = forms.ChoiceField(label=_("Jenis rapat"), choices=MeetingKind.choices, widget=forms.Select(attrs=_SELECT))
    title = forms.CharField(label=_("Nama rapat"), max_length=200, widget=forms.TextInput(attrs=_INPUT))
    frequency = forms.ChoiceField(
        label=_("Frekuensi"), choices=FrequencyChoice.choices, widget=forms.Select(attrs=_SELECT)
    )
    weekday = forms.TypedChoiceField(
        label=_("Hari"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (0, _("Senin")), (1, _("Selasa")), (2, _("Rabu")), (3, _("Kamis")), (4, _("Jumat"))],
        widget=forms.Select(attrs=_SELECT),
    )
    week_of_month = forms.TypedChoiceField(
        label=_("Minggu ke-"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, "1"), (2, "2"), (3, "3"), (4, "4"), (-1, _("terakhir"))],
        widget=forms.Select(attrs=_SELECT),
    )
    day_of_month = forms.IntegerField(
        label=_("atau tanggal tetap"), required=False, min_value=1, max_value=28, widget=forms.NumberInput(attrs=_INPUT)
    )
    starts_at = forms.TimeField(label=_("Jam mulai"), widget=forms.TimeInput(attrs={**_INPUT, "type": "time"}))
    duration_minutes = forms.IntegerField(
        label=_("Durasi (menit)"), initial=120, min_value=15, max_value=600, widget=forms.NumberInput(attrs=_INPUT)
    )
    venue = forms.CharField(label=_("Tempat"), required=False, max_length=255, widget=forms.TextInput(attrs=_INPUT))
    invited_units = forms.ModelMultipleChoiceField(
        label=_("Unit diundang"),
        required=False,
        queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={**_SELECT, "size": 8}),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisers = OrgUnit.objects.visible_to(actor, MEETINGS_MANAGE).filter(closed_on__isnull=True)
        self.fields["org_unit"].queryset = organisers.order_by("path")  # type: ignore[attr-defined]
        self.fields["invited_units"].queryset = _units(actor)  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=255, widget=forms.TextInput(attrs=_INPUT))


class HoldForm(forms.Form):
    held_on = forms.DateField(
        label=_("Tanggal terlaksana"), widget=forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d")
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pimpinan rapat"), required=False, widget=forms.Textarea(attrs={**_INPUT, "rows": 4})
    )


ATTENDANCE_CHOICES = AttendanceLevel.choices
