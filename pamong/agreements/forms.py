"""Forms of the agreement pages: types only (Rupiah with Indonesian grouping); rules live in the services."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from pamong.org.models import OrgUnit

from .choices import SignerParty
from .services import BudgetLineData

RUPIAH_ERROR = _("Pagu harus angka Rupiah utuh, mis. 12.500.000.000.")
_RUPIAH = re.compile(r"^(rp\.?)?\s*[\d.\s]+(,0+)?$", re.IGNORECASE)


class RupiahField(forms.Field):
    """Whole Rupiah typed as ``12.500.000.000``, ``Rp 12.500.000.000`` or ``12500000000``."""

    default_error_messages = {"invalid": RUPIAH_ERROR}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "40"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip()[:40]
        if not text:
            return None
        if not _RUPIAH.match(text):
            raise forms.ValidationError(RUPIAH_ERROR, code="invalid")
        digits = re.sub(r"\D", "", text.split(",")[0])
        if not digits:
            raise forms.ValidationError(RUPIAH_ERROR, code="invalid")
        return int(digits)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class AgreementCreateForm(StyledForm):
    org_unit = forms.ModelChoiceField(label=_("OPD / kecamatan"), queryset=OrgUnit.objects.none())
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    place = forms.CharField(
        label=_("Tempat penandatanganan"),
        max_length=100,
        required=False,
        help_text=_("Kosongkan untuk memakai ibu kota kabupaten dari pengaturan."),
    )

    def __init__(self, *args: Any, units: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["org_unit"].queryset = units
        fields["year"].choices = [(y, str(y)) for y in years]


class AgreementEditForm(StyledForm):
    indicators = forms.MultipleChoiceField(
        label=_("Indikator yang diperjanjikan"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu indikator.")},
    )
    place = forms.CharField(label=_("Tempat penandatanganan"), max_length=100, required=False)

    def __init__(self, *args: Any, indicator_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["indicators"].choices = indicator_choices

    def indicator_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["indicators"]]


class BudgetLineForm(StyledForm):
    program = forms.CharField(label=_("Program"), max_length=300, required=False)
    ceiling = RupiahField(label=_("Pagu (Rp)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ceiling") is not None and not (data.get("program") or "").strip():
            self.add_error("program", _("Nama program wajib diisi bila pagu diisi."))
        if (data.get("program") or "").strip() and data.get("ceiling") is None:
            self.add_error("ceiling", _("Pagu wajib diisi bila program diisi."))
        return data


BudgetLineFormSet = formset_factory(BudgetLineForm, extra=1, max_num=40, validate_max=True)


def budget_lines(formset: Any) -> list[BudgetLineData]:
    """The filled rows of a valid budget formset, in order (empty rows are skipped)."""
    lines = []
    for form in formset.forms:
        data = form.cleaned_data
        if (data.get("program") or "").strip() and data.get("ceiling") is not None:
            lines.append(BudgetLineData(program=data["program"].strip(), ceiling=data["ceiling"]))
    return lines


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan wajib diisi.")},
    )


class ConfirmForm(StyledForm):
    confirm = forms.BooleanField(
        label=_("Saya telah memeriksa isi perjanjian ini."),
        error_messages={"required": _("Centang konfirmasi untuk melanjutkan.")},
    )


class SignForm(StyledForm):
    party = forms.ChoiceField(choices=SignerParty.choices, widget=forms.HiddenInput, required=False)
    content_hash = forms.CharField(max_length=64, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Saya telah membaca dan menyetujui isi dokumen dengan kode hash di atas, dan menandatanganinya."),
        error_messages={"required": _("Centang persetujuan untuk menandatangani.")},
    )


class VerifyCodeForm(StyledForm):
    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=100,
        help_text=_("16 karakter di kaki halaman, mis. 1A2B-3C4D-5E6F-7081."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class VerifyFileForm(StyledForm):
    file = forms.FileField(
        label=_("Berkas PDF perjanjian"),
        help_text=_("PDF yang diunduh dari Pamong; maksimal 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
