"""Forms of the directive pages: types only; the rules live in ``services.directives``."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import MEETINGS_VIEW
from pamong.org.models import OrgUnit

from ..choices import ComplianceStatus, FrequencyChoice
from ..models import Meeting
from ..selectors.directives import opd_units

#: "12. Text @DISDIK,DINKES": an optional number, the text, optional unit codes the item is addressed to.
_LINE = re.compile(r"^\s*(?:(?P<number>\d{1,3})[.)]\s*)?(?P<text>.*?)\s*(?:@(?P<codes>[\w\-, ]+))?\s*$")


def style(form: forms.Form) -> None:
    """Bootstrap classes on every widget."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.CheckboxInput | forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control")


class DirectiveForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Diterbitkan oleh"))
    issued_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    reporting = forms.ChoiceField(label=_("Periode laporan"), choices=FrequencyChoice.choices)
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label=_("Rapat"), required=False)
    items = forms.CharField(
        label=_("Butir arahan"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Satu butir per baris, boleh diawali nomor (“1.”). Untuk butir yang hanya ditujukan kepada OPD "
            "tertentu, akhiri baris dengan @KODE, misalnya “@DISDIK,DINKES”; tanpa @ berarti semua OPD."
        ),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = opd_units(actor)
        self.fields["org_unit"].queryset = self.units  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = Meeting.objects.visible_to(actor, MEETINGS_VIEW).order_by("-id")[:50]  # type: ignore[attr-defined]
        style(self)

    def clean_items(self) -> list[tuple[int, str, list[OrgUnit]]]:
        by_code = {unit.code.upper(): unit for unit in self.units}
        result: list[tuple[int, str, list[OrgUnit]]] = []
        number = 0
        for line in self.cleaned_data["items"].splitlines():
            if not line.strip():
                continue
            match = _LINE.match(line)
            assert match is not None  # the pattern matches any line
            number = int(match["number"]) if match["number"] else number + 1
            units: list[OrgUnit] = []
            for code in filter(None, (c.strip().upper() for c in (match["codes"] or "").split(","))):
                if code not in by_code:
                    raise forms.ValidationError(
                        _("Kode OPD %(code)s pada butir %(number)d tidak dikenal.") % {"code": code, "number": number}
                    )
                units.append(by_code[code])
            result.append((number, match["text"], units))
        return result


class ReportForm(forms.Form):
    """One item's compliance for the current period."""

    item = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in ComplianceStatus if s != ComplianceStatus.NOT_REPORTED],
    )
    note = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_link = forms.URLField(label=_("Tautan bukti"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)
