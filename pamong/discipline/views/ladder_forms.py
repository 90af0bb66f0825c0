"""Forms of the ladder pages: filters, the decline reason, the on-demand evaluation. Types only; rules live in
the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import WarningKind, WarningStatus

MIN_YEAR, MAX_YEAR = 2022, 2100


class WarningFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *WarningStatus.choices])
    kind = forms.ChoiceField(label=_("Jenis"), required=False, choices=[("", _("Semua")), *WarningKind.choices])
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if isinstance(field, forms.ChoiceField) else "form-control form-control-sm"
            )


class TeamFilterForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[("-total", _("Jumlah hari terbanyak")), ("total", _("Jumlah hari tersedikit")), ("name", _("Nama"))],
    )
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["urut"].widget.attrs["class"] = "form-select form-select-sm"


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan tidak dilanjutkan menjadi kasus"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control", "data-testid": "decline-reason"}),
    )


class LadderRunForm(forms.Form):
    year = forms.IntegerField(
        label=_("Tahun"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"class": "form-control", "data-testid": "run-year"}),
    )
