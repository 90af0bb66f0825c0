"""Forms of the report pages: types only; the numbers of the value grid are parsed by ``report_fill``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.org.models import OrgUnit
from pamong.performance.rules.consequences import LateStatus

from .choices import ReportKind, ReportStatus

LATE_CHOICES = [
    ("", _("Semua")),
    (LateStatus.ON_TIME.value, _("Tepat waktu")),
    (LateStatus.LATE.value, _("Terlambat")),
    (LateStatus.MISSING.value, _("Belum diajukan, lewat batas")),
    (LateStatus.NOT_DUE.value, _("Belum jatuh tempo")),
]


class ActorForm(forms.Form):
    """A form handed the acting user by ``ObjectFormView``."""

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        self.actor = actor
        super().__init__(*args, **kwargs)


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class FilterForm(forms.Form):
    """The list's filters (GET); the units offered are those the user may see."""

    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    periode = forms.IntegerField(label=_("Periode ke"), required=False, min_value=1, max_value=12)
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("Semua"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *ReportStatus.choices])
    jenis = forms.ChoiceField(label=_("Jenis"), required=False, choices=[("", _("Semua")), *ReportKind.choices])
    ketepatan = forms.ChoiceField(label=_("Ketepatan waktu"), required=False, choices=LATE_CHOICES)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)


class ConfirmForm(ActorForm):
    """An explicit confirmation (submit, verify): the page says what will happen."""


class ReturnForm(ActorForm):
    # Not required here: the service refuses a blank reason with the message that says why it is needed.
    reason = forms.CharField(
        label=_("Alasan pengembalian"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control", "data-testid": "return-reason"}),
        help_text=_("Tulis apa yang harus diperbaiki unit: indikator, angka, atau bukti dukung yang kurang."),
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx",
                "data-testid": "evidence-file",
            }
        ),
    )
    target = forms.CharField(required=False, widget=forms.HiddenInput)
    description = forms.CharField(
        label=_("Keterangan"), required=False, max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
