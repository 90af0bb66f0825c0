"""Forms of the employee pages. They parse input; services.py validates NIP, grade and periods.

Unit and position choices are restricted with the actor's scope (``visible_to``);
the services authorise again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.org.choices import OPD_KINDS
from pamong.org.forms import DateInput, UnitLabelChoiceField, style_widgets
from pamong.org.models import OrgUnit, Position

from .choices import AssignmentKind, EmployeeKindChoice

VIEW = "people.view"
MANAGE = "people.manage"

KIND_FILTER_CHOICES = [("", _("PNS & PPPK")), *EmployeeKindChoice.choices]


class EmployeeFilterForm(forms.Form):
    """Search and filters of the employee list. ``unit`` offers the OPD-level units in sight.

    A sub-unit linked from its page (``?unit=<id>``) is accepted and offered as well.
    The units are read once, in one query; the chosen one is taken from that list.
    """

    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100, widget=forms.SearchInput)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Jenis pegawai"), choices=KIND_FILTER_CHOICES, required=False)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        raw = str(self.data.get("unit", "")) if self.is_bound else ""
        condition = Q(kind__in=OPD_KINDS)
        if raw.isdigit():
            condition |= Q(pk=int(raw))
        units = OrgUnit.objects.visible_to(actor, VIEW).filter(condition).only("pk", "name", "path").order_by("name")
        self.units = {unit.pk: unit for unit in units}
        unit_field: forms.TypedChoiceField = self.fields["unit"]  # type: ignore[assignment]
        unit_field.choices = [("", _("Semua unit")), *((pk, u.name) for pk, u in self.units.items())]
        style_widgets(self)
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("mis. Budi atau 19720202 199704"), "autocomplete": "off"}
        )

    def clean_unit(self) -> OrgUnit | None:
        pk = self.cleaned_data.get("unit")
        return self.units.get(pk) if pk is not None else None


class EmployeeCreateForm(forms.Form):
    org_unit = UnitLabelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), empty_label=_("— pilih unit —"))
    kind = forms.ChoiceField(label=_("Jenis pegawai"), choices=EmployeeKindChoice.choices)
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        help_text=_(
            "18 digit: tanggal lahir (8) · TMT CPNS tahun-bulan (6) · jenis kelamin 1/2 (1) · nomor urut (3). "
            "Spasi boleh, mis. 19870131 200912 1 006."
        ),
    )
    name = forms.CharField(label=_("Nama (tanpa gelar)"), max_length=200)
    front_title = forms.CharField(label=_("Gelar depan"), max_length=40, required=False)
    back_title = forms.CharField(label=_("Gelar belakang"), max_length=60, required=False)
    grade = forms.CharField(
        label=_("Golongan/ruang"), max_length=8, required=False, help_text=_("PNS mis. III/a; PPPK mis. IX.")
    )
    nip_lama = forms.CharField(label=_("NIP lama (9 digit)"), max_length=9, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=20, required=False, widget=forms.TelInput)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.visible_to(actor, MANAGE).filter(closed_on__isnull=True).only("pk", "name", "depth", "path")
        )
        style_widgets(self)
        self.fields["nip"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "class": "form-control nip"}
        )


class EmployeeUpdateForm(forms.Form):
    name = forms.CharField(label=_("Nama (tanpa gelar)"), max_length=200)
    front_title = forms.CharField(label=_("Gelar depan"), max_length=40, required=False)
    back_title = forms.CharField(label=_("Gelar belakang"), max_length=60, required=False)
    grade = forms.CharField(label=_("Golongan/ruang"), max_length=8, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=20, required=False, widget=forms.TelInput)
    reason = forms.CharField(label=_("Alasan perubahan"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("actor", None)
        super().__init__(*args, **kwargs)
        style_widgets(self)


class PositionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Position) -> str:
        head = _(" (kepala)") if obj.is_head else ""
        return f"{obj.name}{head} — {obj.org_unit.name}"


class AssignmentStartForm(forms.Form):
    """Appoint to a post. The position list shows one OPD at a time (small pages on slow links)."""

    unit = forms.ModelChoiceField(
        label=_("OPD / unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Semua unit yang Anda kelola"),
        help_text=_("Pilih OPD untuk menyaring daftar jabatan."),
    )
    position = PositionChoiceField(
        label=_("Jabatan"), queryset=Position.objects.none(), empty_label=_("— pilih jabatan —")
    )
    kind = forms.ChoiceField(label=_("Jenis penugasan"), choices=AssignmentKind.choices)
    starts_on = forms.DateField(label=_("Mulai"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Selesai"), required=False, widget=DateInput(), help_text=_("Kosongkan bila belum ditentukan.")
    )
    decree_number = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)
    decree_date = forms.DateField(label=_("Tanggal SK"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Catatan"), max_length=255, required=False)

    def __init__(self, *args: Any, actor: Any, unit: OrgUnit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(actor, MANAGE).filter(closed_on__isnull=True)
        self.fields["unit"].queryset = units.filter(kind__in=OPD_KINDS).only("pk", "name")  # type: ignore[attr-defined]
        positions = Position.objects.visible_to(actor, MANAGE).filter(closed_on__isnull=True).select_related("org_unit")
        if unit is not None:
            positions = positions.filter(org_unit__path__startswith=unit.path)
        self.fields["position"].queryset = positions.order_by("org_unit__path", "-is_head", "name")  # type: ignore[attr-defined]
        style_widgets(self)


class AssignmentEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Tanggal selesai (hari terakhir menjabat)"), widget=DateInput())
    reason = forms.CharField(label=_("Alasan"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("actor", None)
        super().__init__(*args, **kwargs)
        style_widgets(self)
