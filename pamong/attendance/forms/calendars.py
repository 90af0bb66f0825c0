"""Forms of the calendars pages: types and choices only; the rules live in the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_MANAGE
from pamong.org.models import OrgUnit

from ..choices import HolidayKind, ScheduleKind
from ..models import WorkSchedule
from ..rules.workdays import WEEKDAYS_ID

TIME = forms.TimeInput(attrs={"type": "time", "class": "form-control form-control-sm"}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DAY_PARTS = ("start", "end", "break_start", "break_end")


def _time(value: Any) -> dt.time | None:
    if not value:
        return None
    if isinstance(value, dt.time):
        return value
    hours, minutes = str(value).split(":")[:2]
    return dt.time(int(hours), int(minutes))


class WeekFieldsMixin:
    """Seven rows of fields ``d<i>_on`` (a working day) and ``d<i>_start``/``_end``/``_break_start``/``_break_end``."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_week_fields(self, week: list[Any] | None) -> None:
        for index, label in enumerate(WEEKDAYS_ID):
            entry = (week or [None] * 7)[index] if week else None
            self.fields[f"d{index}_on"] = forms.BooleanField(
                label=label,
                required=False,
                initial=bool(entry),
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            for part in DAY_PARTS:
                self.fields[f"d{index}_{part}"] = forms.TimeField(
                    label=f"{label} {part}", required=False, widget=TIME, initial=_time((entry or {}).get(part))
                )

    def week_rows(self) -> list[tuple[str, list[Any]]]:
        form: Any = self
        return [
            (label, [form[f"d{index}_on"], *(form[f"d{index}_{part}"] for part in DAY_PARTS)])
            for index, label in enumerate(WEEKDAYS_ID)
        ]

    def plain_fields(self) -> list[Any]:
        """The visible fields that are not part of the week table."""
        form: Any = self
        return [f for f in form.visible_fields() if not (f.name[:1] == "d" and f.name[1:2].isdigit())]

    def week(self) -> list[dict[str, str | None] | None]:
        data = self.cleaned_data
        week: list[dict[str, str | None] | None] = []
        for index in range(7):
            if not data.get(f"d{index}_on"):
                week.append(None)
                continue
            week.append(
                {
                    part: (f"{data[f'd{index}_{part}']:%H:%M}" if data.get(f"d{index}_{part}") else None)
                    for part in DAY_PARTS
                }
            )
        return week


def checks_text(checks: list[dict[str, Any]]) -> str:
    """The stored check windows as the lines the form shows: ``Apel pagi | 0 | 07:00 | 07:30``."""
    return "\n".join(
        f"{c['name']} | {','.join(str(d) for d in c['weekdays'])} | {c['start']} | {c['end']}" for c in checks
    )


def parse_checks(text: str) -> list[dict[str, Any]]:
    """Lines ``nama | hari (0=Senin, dipisah koma) | mulai | selesai`` as the service's check windows."""
    checks: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 4:
            raise forms.ValidationError(
                _("Baris %(n)d: tulis nama | hari | mulai | selesai, mis. Apel pagi | 0 | 07:00 | 07:30."),
                params={"n": number},
            )
        try:
            weekdays = [int(d) for d in parts[1].split(",") if d.strip()]
        except ValueError as exc:
            raise forms.ValidationError(
                _("Baris %(n)d: hari ditulis angka 0 (Senin) sampai 6 (Minggu)."), params={"n": number}
            ) from exc
        checks.append({"name": parts[0], "weekdays": weekdays, "start": parts[2], "end": parts[3]})
    return checks


class ScheduleForm(WeekFieldsMixin, forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=32)
    name = forms.CharField(label=_("Nama"), max_length=120)
    kind = forms.ChoiceField(label=_("Jenis"), choices=ScheduleKind.choices)
    is_default = forms.BooleanField(label=_("Jadikan jadwal bawaan"), required=False)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    checks = forms.CharField(
        label=_("Presensi tambahan (apel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu baris per presensi: nama | hari (0=Senin … 6=Minggu, dipisah koma) | mulai | selesai."),
    )

    def __init__(self, *args: Any, schedule: WorkSchedule | None = None, week: list[Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.schedule = schedule
        self.add_week_fields(schedule.week if schedule is not None else week)
        if schedule is not None:
            for name in ("code", "kind"):
                self.fields[name].disabled = True
                self.fields[name].required = False
            self.fields["code"].initial, self.fields["kind"].initial = schedule.code, schedule.kind
            self.fields["name"].initial, self.fields["is_active"].initial = schedule.name, schedule.is_active
            self.fields["checks"].initial = checks_text(schedule.checks or [])
            del self.fields["is_default"]
        else:
            del self.fields["is_active"]

    def clean_checks(self) -> list[dict[str, Any]]:
        return parse_checks(self.cleaned_data.get("checks") or "")


class UnitScheduleForm(forms.Form):
    org_unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    schedule = forms.ModelChoiceField(label=_("Jadwal kerja"), queryset=WorkSchedule.objects.none())
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=DATE)

    def __init__(self, *args: Any, actor: Any, tenant_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(actor, ATTENDANCE_MANAGE).filter(closed_on__isnull=True).order_by("path")
        self.fields["org_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["schedule"].queryset = WorkSchedule.objects.filter(  # type: ignore[attr-defined]
            tenant_id=tenant_id, is_active=True
        )


class OverrideForm(WeekFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=120, help_text=_("Mis. Ramadan 1447 H."))
    schedule = forms.ModelChoiceField(
        label=_("Jadwal"),
        queryset=WorkSchedule.objects.none(),
        required=False,
        empty_label=_("Semua jadwal berpola pekan tetap"),
    )
    starts_on = forms.DateField(label=_("Mulai"), widget=DATE)
    ends_on = forms.DateField(label=_("Sampai"), widget=DATE)

    def __init__(self, *args: Any, tenant_id: int, week: list[Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["schedule"].queryset = WorkSchedule.objects.filter(  # type: ignore[attr-defined]
            tenant_id=tenant_id, is_active=True, kind=ScheduleKind.FIXED_WEEK
        )
        self.add_week_fields(week)


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    name = forms.CharField(label=_("Nama"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=HolidayKind.choices, initial=HolidayKind.LOCAL)
    source = forms.CharField(
        label=_("Dasar"), max_length=200, required=False, help_text=_("Mis. Keputusan Bupati No. …")
    )


class SeedForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class ShiftForm(forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=16, help_text=_("Mis. P, S, M."))
    name = forms.CharField(label=_("Nama"), max_length=80)
    start = forms.TimeField(label=_("Mulai"), widget=TIME)
    end = forms.TimeField(
        label=_("Selesai"), widget=TIME, help_text=_("Sebelum jam mulai berarti selesai esok hari (shift malam).")
    )
    break_start = forms.TimeField(label=_("Istirahat mulai"), widget=TIME, required=False)
    break_end = forms.TimeField(label=_("Istirahat selesai"), widget=TIME, required=False)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True
            self.fields["code"].required = False
        else:
            del self.fields["is_active"]


class RosterPickForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    month = forms.CharField(label=_("Bulan"), widget=forms.DateInput(attrs={"type": "month"}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_month(self) -> tuple[int, int]:
        text = self.cleaned_data["month"]
        try:
            year, month = (int(p) for p in str(text).split("-")[:2])
            dt.date(year, month, 1)
        except ValueError as exc:
            raise forms.ValidationError(_("Tulis bulan sebagai TTTT-BB, mis. 2026-11.")) from exc
        return year, month
