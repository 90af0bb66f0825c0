"""Forms of the action-item pages: they parse; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import EvidenceKind, ItemStatusChoice, MeetingKind
from ..models import MeetingDecision
from ..selectors.actions import OVERDUE

STATUS_FILTER = [("", _("Semua status")), (OVERDUE, _("Terlambat")), *ItemStatusChoice.choices]


class ItemFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)
    unit = forms.IntegerField(label=_("Unit"), required=False, widget=forms.HiddenInput)
    rapat = forms.IntegerField(label=_("Rapat"), required=False, widget=forms.HiddenInput)
    dari = forms.DateField(label=_("Batas dari"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("Batas sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class",
                "form-select form-select-sm"
                if isinstance(field, forms.ChoiceField)
                else "form-control form-control-sm",
            )


class ItemCreateForm(forms.Form):
    owner_unit = forms.ModelChoiceField(
        label=_("Unit penanggung jawab"), queryset=OrgUnit.objects.none(), required=False
    )
    owner = forms.ModelChoiceField(
        label=_("Penanggung jawab (opsional)"), queryset=Employee.objects.none(), required=False
    )
    decision = forms.ModelChoiceField(
        label=_("Keputusan rapat"), queryset=MeetingDecision.objects.none(), required=False
    )
    title = forms.CharField(label=_("Tindak lanjut"), max_length=255, required=False)
    due_on = forms.DateField(label=_("Batas waktu"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    expected_evidence = forms.CharField(label=_("Bukti yang diharapkan"), max_length=255, required=False)
    evidence_kind = forms.ChoiceField(label=_("Jenis bukti"), choices=EvidenceKind.choices)
    kind = forms.ChoiceField(
        label=_("Dibahas lagi pada"), choices=[("", _("Jenis rapat ini")), *MeetingKind.choices], required=False
    )

    def __init__(self, *args: Any, units: Any, employees: Any, decisions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["owner"].queryset = employees  # type: ignore[attr-defined]
        self.fields["decision"].queryset = decisions  # type: ignore[attr-defined]
        for field in self.fields.values():
            select = isinstance(field, forms.ChoiceField)
            field.widget.attrs.setdefault("class", "form-select" if select else "form-control")


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Berkas"), required=False)
    link = forms.CharField(label=_("Tautan"), max_length=200, required=False)
    note = forms.CharField(label=_("Keterangan / data"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProgressForm(NoteForm):
    to_status = forms.CharField(required=False)
