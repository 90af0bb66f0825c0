"""Forms of the GDN supervision pages: types only; the rules live in ``services.supervision``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.org.models import Cluster, OrgUnit

from ..selectors import supervision as selectors

MONTHS_OFFERED = 12


def month_choices(today: dt.date, count: int = MONTHS_OFFERED) -> list[tuple[str, str]]:
    """This month and the ``count - 1`` before it, newest first, as ``YYYY-MM``."""
    year, month = today.year, today.month
    choices = []
    for _i in range(count):
        choices.append((f"{year:04d}-{month:02d}", selectors.month_label(year, month)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return choices


def parse_month(value: str) -> tuple[int, int]:
    year, month = value.split("-")
    return int(year), int(month)


class PrepareForm(forms.Form):
    """Prepare (or refresh) a unit's report for a month."""

    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    period = forms.ChoiceField(label=_("Bulan"))

    def __init__(self, *args: Any, actor: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = selectors.reportable_units(actor=actor)
        self.fields["org_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["period"].choices = month_choices(today)  # type: ignore[attr-defined]
        year, month = selectors.reporting_month(today)
        self.fields["period"].initial = f"{year:04d}-{month:02d}"
        self.fields["org_unit"].widget.attrs["class"] = "form-select"
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk
            self.fields["org_unit"].widget = forms.HiddenInput()


class ReportForm(forms.Form):
    inspections_held = forms.IntegerField(
        label=_("Jumlah sidak / inspeksi mendadak"), min_value=0, max_value=999, initial=0
    )
    findings = forms.CharField(
        label=_("Temuan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        help_text=_(
            "Pelanggaran disiplin yang ditemukan saat sidak atau dari rekap kehadiran; tulis “Nihil” bila tidak ada."
        ),
    )
    follow_up = forms.CharField(
        label=_("Tindak lanjut"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        help_text=_("Teguran, pemanggilan, pemeriksaan atau pembinaan yang dilakukan."),
    )

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ConfirmForm(forms.Form):
    """A submit without fields (the service checks everything)."""

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan telaah"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ForwardForm(forms.Form):
    cluster = forms.ModelChoiceField(queryset=Cluster.objects.none(), label=_("Klaster"), widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    month = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)
    summary = forms.CharField(
        label=_("Ringkasan untuk Sekda"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Keadaan disiplin klaster bulan ini, OPD yang perlu perhatian, dan langkah yang diambil."),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from pamong.core.scope import scope_of

        self.fields["cluster"].queryset = Cluster.objects.filter(  # type: ignore[attr-defined]
            tenant_id=scope_of(actor).tenant_id or 0
        )


class MonthFilterForm(forms.Form):
    tahun = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    bulan = forms.IntegerField(required=False, min_value=1, max_value=12)

    def month(self, today: dt.date) -> tuple[int, int]:
        """The month asked for, else the reporting month (the one whose reports fall due now)."""
        if self.is_valid() and self.cleaned_data.get("tahun") and self.cleaned_data.get("bulan"):
            return self.cleaned_data["tahun"], self.cleaned_data["bulan"]
        return selectors.reporting_month(today)
