"""Forms of the organisation pages. They parse input; the services in services.py decide.

Choice fields that point at units or clusters are restricted with the actor's
scope (``visible_to``), so nobody can even pick a place outside their reach; the
service re-checks anyway.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.core.scope import scope_of

from .choices import EselonChoice, OrgUnitKind, PositionTypeChoice
from .models import Cluster, OrgUnit

MANAGE = "org.manage"


class DateInput(forms.DateInput):
    """The browser's date picker; its value is always ISO (YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")


def style_widgets(form: forms.Form) -> None:
    """Bootstrap classes on every widget (no template tag library needed)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class UnitLabelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Units indented by depth, so a long select still reads as a tree."""

    def label_from_instance(self, obj: OrgUnit) -> str:
        return "\u00a0\u00a0" * obj.depth + obj.name


def managed_units(actor: Any) -> Any:
    return OrgUnit.objects.visible_to(actor, MANAGE).filter(closed_on__isnull=True).only("pk", "name", "depth", "path")


def tenant_clusters(actor: Any) -> Any:
    """Clusters are tenant-wide data (not placed in the tree): the actor's tenant only."""
    tenant_id = scope_of(actor).tenant_id
    return Cluster.objects.filter(tenant_id=tenant_id) if tenant_id is not None else Cluster.objects.none()


SUB_UNIT_KINDS = [
    ("", _("— pilih jenis —")),
    *((v, label) for v, label in OrgUnitKind.choices if v != OrgUnitKind.REGION),
]
NO_CLUSTER = _("— tanpa klaster —")


class TreeFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari unit"), required=False, max_length=100, widget=forms.SearchInput)
    tutup = forms.BooleanField(label=_("Tampilkan unit tutup"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)
        self.fields["q"].widget.attrs.update({"placeholder": _("Nama atau kode unit"), "autocomplete": "off"})


class HeadsOnDateForm(forms.Form):
    pada = forms.DateField(label=_("Tanggal"), widget=DateInput())


class UnitCreateForm(forms.Form):
    parent = UnitLabelChoiceField(label=_("Unit induk"), queryset=OrgUnit.objects.none())
    code = forms.CharField(label=_("Kode unit"), max_length=64, help_text=_("Kode unor dari SIASN/SIMPEG."))
    name = forms.CharField(label=_("Nama unit"), max_length=255)
    short_name = forms.CharField(label=_("Nama singkat"), max_length=80, required=False)
    kind = forms.ChoiceField(label=_("Jenis unit"), choices=SUB_UNIT_KINDS)
    cluster = forms.ModelChoiceField(
        label=_("Klaster Asisten"), queryset=Cluster.objects.none(), required=False, empty_label=NO_CLUSTER
    )
    opened_on = forms.DateField(label=_("Tanggal pembentukan"), required=False, widget=DateInput())

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = managed_units(actor)  # type: ignore[attr-defined]
        self.fields["cluster"].queryset = tenant_clusters(actor)  # type: ignore[attr-defined]
        style_widgets(self)


class UnitUpdateForm(forms.Form):
    name = forms.CharField(label=_("Nama unit"), max_length=255)
    short_name = forms.CharField(label=_("Nama singkat"), max_length=80, required=False)
    kind = forms.ChoiceField(label=_("Jenis unit"), choices=OrgUnitKind.choices)
    cluster = forms.ModelChoiceField(
        label=_("Klaster Asisten"), queryset=Cluster.objects.none(), required=False, empty_label=NO_CLUSTER
    )
    sort_order = forms.IntegerField(label=_("Urutan"), min_value=0, required=False)
    reason = forms.CharField(label=_("Alasan perubahan"), max_length=500, required=False)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = tenant_clusters(actor)  # type: ignore[attr-defined]
        style_widgets(self)


class UnitCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Tanggal penutupan"), widget=DateInput())
    reason = forms.CharField(
        label=_("Alasan penutupan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mis. penggabungan OPD menurut Perda SOTK nomor …"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("actor", None)
        super().__init__(*args, **kwargs)
        style_widgets(self)


ESELON_CHOICES = [("", _("— tanpa eselon —")), *EselonChoice.choices]


class PositionForm(forms.Form):
    """Fields shared by creating and editing a position; the service checks type/eselon/class."""

    name = forms.CharField(label=_("Nama jabatan"), max_length=255)
    position_type = forms.ChoiceField(label=_("Jenis jabatan"), choices=PositionTypeChoice.choices)
    eselon = forms.ChoiceField(label=_("Eselon"), choices=ESELON_CHOICES, required=False)
    job_class = forms.IntegerField(label=_("Kelas jabatan"), required=False, help_text=_("1 sampai 17."))
    duties = forms.CharField(
        label=_("Tugas pokok dan fungsi"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("actor", None)
        super().__init__(*args, **kwargs)
        style_widgets(self)


class PositionCreateForm(PositionForm):
    code = forms.CharField(label=_("Kode jabatan"), max_length=64)
    is_head = forms.BooleanField(label=_("Jabatan kepala unit"), required=False)

    field_order = ["code", "name", "position_type", "eselon", "job_class", "is_head", "duties"]


class PositionUpdateForm(PositionForm):
    reason = forms.CharField(label=_("Alasan perubahan"), max_length=500, required=False)


class ClusterForm(forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=32, help_text=_("Mis. AS-I; tidak dapat diubah setelah dibuat."))
    name = forms.CharField(
        label=_("Nama"), max_length=200, help_text=_("Mis. Asisten Pemerintahan dan Kesejahteraan Rakyat")
    )
    sort_order = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=99, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("actor", None)
        super().__init__(*args, **kwargs)
        style_widgets(self)
