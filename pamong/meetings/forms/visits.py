"""Forms of the field visit pages: types only; the rules live in ``services.visits``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import MEETINGS_MANAGE
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import EvidenceKind
from .directives import style


class VisitForm(forms.Form):
    place = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Lokasi (unit yang dikunjungi)"))
    visited_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Judul"), max_length=200)
    led_by = forms.ModelChoiceField(queryset=Employee.objects.none(), label=_("Dipimpin oleh"), required=False)
    participants = forms.ModelMultipleChoiceField(
        queryset=Employee.objects.none(),
        label=_("Peserta"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    findings = forms.CharField(label=_("Temuan"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.visible_to(actor, MEETINGS_MANAGE).filter(closed_on__isnull=True).order_by("path")
        )
        tenant_id = getattr(actor, "tenant_id", None)
        people = Employee.objects.filter(tenant_id=tenant_id).order_by("name") if tenant_id else Employee.objects.none()
        self.fields["led_by"].queryset = people  # type: ignore[attr-defined]
        self.fields["participants"].queryset = people  # type: ignore[attr-defined]
        style(self)


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_("Foto (JPG atau PNG)"), widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"})
    )
    caption = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class VisitItemForm(forms.Form):
    """An action item following from a visit's findings."""

    owner_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit penanggung jawab"))
    title = forms.CharField(label=_("Tindak lanjut"), max_length=255)
    due_on = forms.DateField(label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"}))
    expected_evidence = forms.CharField(label=_("Bukti yang diharapkan"), max_length=255)
    evidence_kind = forms.ChoiceField(label=_("Jenis bukti"), choices=EvidenceKind.choices)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.visible_to(actor, MEETINGS_MANAGE).filter(closed_on__isnull=True).order_by("path")
        )
        style(self)
