"""Forms of the month pages: closing a month, correcting a closed month's recap (types only; rules in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..selectors.days import ADJUSTABLE_FIELDS


class MonthCloseForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    month = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)
    note = forms.CharField(
        label=_("Catatan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "data-testid": "close-note"}),
    )


class RecapAdjustForm(forms.Form):
    field = forms.ChoiceField(label=_("Angka yang dikoreksi"), choices=ADJUSTABLE_FIELDS)
    new_value = forms.IntegerField(label=_("Nilai baru"), min_value=0, max_value=100000)
    reason = forms.CharField(
        label=_("Alasan koreksi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib: dasar koreksi (mis. nomor surat keputusan atau bukti yang diterima)."),
    )
