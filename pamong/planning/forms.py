"""Forms of the planning pages: types only (numbers with an Indonesian decimal comma); rules live in services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.org.models import OrgUnit, Position

from .choices import (
    PERIODS_PER_YEAR,
    Aggregation,
    LowerIsBetterFormula,
    PeriodKind,
    Polarity,
    ProgramKind,
    period_label,
)
from .models import PlanPeriod, PriorityProgram, RegionalTarget, StrategicTarget
from .sipd import parse_number

NUMBER_ERROR = _("Isian harus berupa angka, mis. 12,5.")


class IndonesianDecimalField(forms.DecimalField):
    """A decimal that accepts the Indonesian comma ("12,5", "1.234,5") as well as "12.5"."""

    default_error_messages = {"invalid": NUMBER_ERROR}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(max_digits=20, decimal_places=4, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        try:
            return parse_number(str(value))
        except Exception as exc:
            raise forms.ValidationError(NUMBER_ERROR, code="invalid") from exc


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class PeriodForm(StyledForm):
    name = forms.CharField(label=_("Nama"), max_length=120, initial="RPJMD 2025–2030")
    start_year = forms.IntegerField(label=_("Tahun awal"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Tahun akhir"), min_value=2000, max_value=2105)
    vision = forms.CharField(label=_("Visi"), widget=forms.Textarea(attrs={"rows": 3}))


class PeriodUpdateForm(StyledForm):
    """The name and vision of a period; its years are fixed once created (targets hang on them)."""

    name = forms.CharField(label=_("Nama"), max_length=120)
    vision = forms.CharField(label=_("Visi"), widget=forms.Textarea(attrs={"rows": 3}))


class PeriodStatusForm(StyledForm):
    reason = forms.CharField(
        label=_("Alasan / dasar"),
        max_length=500,
        required=False,
        help_text=_("Mis. nomor Perda RPJMD; wajib saat menutup periode."),
    )


class MissionForm(StyledForm):
    number = forms.IntegerField(label=_("Nomor misi"), min_value=1, max_value=99)
    text = forms.CharField(label=_("Misi"), widget=forms.Textarea(attrs={"rows": 3}))


class CodedTextForm(StyledForm):
    code = forms.CharField(label=_("Kode"), max_length=40)
    text = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 3}))


class ProgramUpdateForm(StyledForm):
    """A priority program's name, kind, owner and description (its code is its key in imports: fixed)."""

    name = forms.CharField(label=_("Nama"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=ProgramKind.choices)
    owner_unit = forms.ModelChoiceField(label=_("OPD penanggung jawab"), queryset=OrgUnit.objects.none())
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]


class ProgramForm(ProgramUpdateForm):
    code = forms.CharField(label=_("Kode"), max_length=40)
    field_order = ["code"]


class StrategicTargetUpdateForm(StyledForm):
    """A strategic target's code, text and upward links (its unit and period are fixed)."""

    code = forms.CharField(label=_("Kode"), max_length=40)
    text = forms.CharField(label=_("Sasaran strategis"), widget=forms.Textarea(attrs={"rows": 3}))
    regional_target = forms.ModelChoiceField(
        label=_("Mendukung sasaran RPJMD"), queryset=RegionalTarget.objects.none(), required=False, empty_label="—"
    )
    priority_program = forms.ModelChoiceField(
        label=_("Mendukung program prioritas"),
        queryset=PriorityProgram.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Pilih sasaran RPJMD, program prioritas, atau keduanya; tanpa keduanya indikatornya yatim."),
    )

    def __init__(self, *args: Any, period: PlanPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["regional_target"].queryset = RegionalTarget.objects.filter(goal__mission__period=period)
        fields["priority_program"].queryset = PriorityProgram.objects.filter(period=period)


class StrategicTargetForm(StrategicTargetUpdateForm):
    org_unit = forms.ModelChoiceField(label=_("OPD / kecamatan"), queryset=OrgUnit.objects.none())
    field_order = ["org_unit"]

    def __init__(self, *args: Any, units: Any, period: PlanPeriod, **kwargs: Any) -> None:
        super().__init__(*args, period=period, **kwargs)
        fields: Any = self.fields
        fields["org_unit"].queryset = units


class IndicatorForm(StyledForm):
    code = forms.CharField(label=_("Kode"), max_length=40)
    name = forms.CharField(label=_("Nama indikator"), max_length=300)
    unit_of_measure = forms.CharField(label=_("Satuan"), max_length=40)
    strategic_target = forms.ModelChoiceField(
        label=_("Sasaran strategis"), queryset=StrategicTarget.objects.none(), required=False
    )
    priority_program = forms.ModelChoiceField(
        label=_("Program prioritas"), queryset=PriorityProgram.objects.none(), required=False
    )
    regional_target = forms.ModelChoiceField(
        label=_("Sasaran RPJMD (hanya IKU daerah)"), queryset=RegionalTarget.objects.none(), required=False
    )
    polarity = forms.ChoiceField(label=_("Polaritas"), choices=Polarity.choices)
    lower_is_better_formula = forms.ChoiceField(
        label=_("Rumus capaian bila semakin rendah semakin baik"),
        choices=[("", "—"), *LowerIsBetterFormula.choices],
        required=False,
    )
    baseline = IndonesianDecimalField(label=_("Kondisi awal (baseline)"), required=False)
    aggregation = forms.ChoiceField(label=_("Cara agregasi"), choices=Aggregation.choices)
    period_kind = forms.ChoiceField(label=_("Periode pelaporan"), choices=PeriodKind.choices)
    weight = IndonesianDecimalField(label=_("Bobot"), initial=Decimal("1"))
    data_source = forms.CharField(label=_("Sumber data"), max_length=200, required=False)
    responsible_position = forms.ModelChoiceField(
        label=_("Jabatan penanggung jawab"), queryset=Position.objects.none(), required=False
    )

    def __init__(self, *args: Any, units: Any, period: PlanPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["strategic_target"].queryset = StrategicTarget.objects.filter(period=period, org_unit__in=units)
        fields["priority_program"].queryset = PriorityProgram.objects.filter(period=period)
        fields["regional_target"].queryset = RegionalTarget.objects.filter(goal__mission__period=period)
        fields["responsible_position"].queryset = Position.objects.filter(org_unit__in=units, closed_on__isnull=True)


class IndicatorCreateForm(IndicatorForm):
    org_unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    field_order = ["org_unit"]

    def __init__(self, *args: Any, units: Any, period: PlanPeriod, **kwargs: Any) -> None:
        # The unit is chosen on this form: whether a link belongs to it is checked by the service.
        super().__init__(*args, units=units, period=period, **kwargs)
        fields: Any = self.fields
        fields["org_unit"].queryset = units


class TargetsForm(StyledForm):
    """One year's annual target and one input per month or quarter."""

    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2105)
    annual_target = IndonesianDecimalField(label=_("Target tahunan"), required=False)

    def __init__(self, *args: Any, period_kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period_count = PERIODS_PER_YEAR[PeriodKind(period_kind)]
        for number in range(1, self.period_count + 1):
            self.fields[f"period_{number}"] = IndonesianDecimalField(
                label=period_label(period_kind, number), required=False
            )
            self.fields[f"period_{number}"].widget.attrs["class"] = "form-control"

    def period_fields(self) -> list[Any]:
        return [self[f"period_{n}"] for n in range(1, self.period_count + 1)]

    def period_targets(self) -> dict[int, Decimal]:
        values = {n: self.cleaned_data.get(f"period_{n}") for n in range(1, self.period_count + 1)}
        return {n: v for n, v in values.items() if v is not None}


class ImportForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=[("rpjmd", _("RPJMD (push_rpjmd)")), ("renstra", _("Renstra OPD (push_renstra)"))]
    )
    file = forms.FileField(
        label=_("Berkas JSON"), widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"})
    )
