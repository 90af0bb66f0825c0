"""Forms of the geofences and the anomaly review: types only, the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.org.models import OrgUnit

from ..choices import AnomalyKind, AnomalyStatus


class _UnitField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj.name}"


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        if isinstance(field.widget, forms.CheckboxInput):
            css = "form-check-input"
        field.widget.attrs.setdefault("class", css)


class GeofenceForm(forms.Form):
    """A check-in place: the unit (among those the user may manage), a name, a point and a radius."""

    org_unit = _UnitField(label=_("Unit"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=_("Nama lokasi"), max_length=120)
    latitude = forms.DecimalField(label=_("Lintang"), max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = forms.DecimalField(label=_("Bujur"), max_digits=9, decimal_places=6, min_value=-180, max_value=180)
    radius_m = forms.IntegerField(label=_("Radius (meter)"), min_value=10, max_value=5000, initial=100)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["org_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["latitude"].widget.attrs.update({"data-geo-target": "latitude", "inputmode": "decimal"})
        self.fields["longitude"].widget.attrs.update({"data-geo-target": "longitude", "inputmode": "decimal"})
        _style(self)


class GeofenceDeactivateForm(forms.Form):
    """Confirmation of a deactivation, with the reason kept in the audit trail."""

    reason = forms.CharField(label=_("Alasan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class AnomalyFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *AnomalyStatus.choices])
    kind = forms.ChoiceField(label=_("Jenis"), required=False, choices=[("", _("Semua")), *AnomalyKind.choices])
    date = forms.DateField(label=_("Tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)


class AnomalyReviewForm(forms.Form):
    """The reviewer's verdict: dismissed ("wajar") or confirmed ("terbukti"), with a note."""

    verdict = forms.ChoiceField(
        label=_("Hasil tinjauan"),
        choices=[(AnomalyStatus.DISMISSED, _("Wajar")), (AnomalyStatus.CONFIRMED, _("Terbukti"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Catatan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs.setdefault("class", "form-control")
