"""Forms of the case pages: types and choices only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import DISCIPLINE_VIEW
from pamong.org.models import OrgUnit

from ..choices import AppealKind, AppealOutcome, CaseStatus, LevelChoice, SanctionChoice, TeamRoleChoice
from ..rules.catalogue import CATALOGUE

_INPUT = {"class": "form-control"}
_SELECT = {"class": "form-select"}
_CHECK = {"class": "form-check-input"}

VIOLATION_CHOICES = [("", "—")] + [(v.code, f"{v.reference_id}: {v.label_id}") for v in CATALOGUE.values()]
#: Rows offered for team members and BAP questions (the API takes any number).
TEAM_ROWS = 5
ANSWER_ROWS = 6


def _date(**kw: Any) -> forms.DateField:
    return forms.DateField(widget=forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d"), **kw)


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={**_INPUT, "rows": rows})


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari (nomor, nama, NIP)"), required=False, widget=forms.TextInput(attrs=_INPUT))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), ("active", _("Masih berjalan")), *CaseStatus.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    level = forms.ChoiceField(
        label=_("Tingkat"),
        required=False,
        choices=[("", _("Semua")), *LevelChoice.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=OrgUnit.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    year = forms.IntegerField(
        label=_("Tahun dibuka"), required=False, min_value=2000, max_value=2100, widget=forms.NumberInput(attrs=_INPUT)
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(actor, DISCIPLINE_VIEW).filter(closed_on__isnull=True).order_by("path")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class CaseOpenForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP pegawai yang diperiksa"),
        max_length=18,
        widget=forms.TextInput(attrs={**_INPUT, "inputmode": "numeric"}),
    )
    level = forms.ChoiceField(
        label=_("Tingkat pelanggaran yang diperiksa"), choices=LevelChoice.choices, widget=forms.Select(attrs=_SELECT)
    )
    summary = forms.CharField(label=_("Uraian dugaan pelanggaran"), max_length=4000, widget=_text(4))
    violation_1 = forms.ChoiceField(
        label=_("Pelanggaran"), choices=VIOLATION_CHOICES, required=False, widget=forms.Select(attrs=_SELECT)
    )
    violation_2 = forms.ChoiceField(
        label=_("Pelanggaran lain"), choices=VIOLATION_CHOICES, required=False, widget=forms.Select(attrs=_SELECT)
    )
    violation_3 = forms.ChoiceField(
        label=_("Pelanggaran lain"), choices=VIOLATION_CHOICES, required=False, widget=forms.Select(attrs=_SELECT)
    )
    occurred_from = _date(label=_("Terjadi sejak"), required=False)
    occurred_to = _date(label=_("Sampai"), required=False)
    description = forms.CharField(
        label=_("Keterangan (sumber: sidak, pengaduan, temuan)"), required=False, max_length=2000, widget=_text(2)
    )
    warning = forms.IntegerField(required=False, widget=forms.HiddenInput())


class SummonsForm(forms.Form):
    letter_number = forms.CharField(
        label=_("Nomor surat panggilan"), max_length=100, widget=forms.TextInput(attrs=_INPUT)
    )
    issued_on = _date(label=_("Tanggal surat"))
    received_on = _date(label=_("Tanggal diterima pegawai"))
    exam_on = _date(
        label=_("Tanggal pemeriksaan"), help_text=_("Paling cepat 7 hari kerja sesudah panggilan diterima.")
    )
    exam_place = forms.CharField(
        label=_("Tempat / tautan pemeriksaan"), max_length=255, widget=forms.TextInput(attrs=_INPUT)
    )


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Catatan"), required=False, max_length=2000, widget=_text(2))


class TeamForm(forms.Form):
    """Up to five members by NIP, each with the element he represents."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, TEAM_ROWS + 1):
            self.fields[f"nip_{i}"] = forms.CharField(
                label=_("NIP anggota %(n)s") % {"n": i},
                required=False,
                max_length=18,
                widget=forms.TextInput(attrs=_INPUT),
            )
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=_("Unsur"),
                required=False,
                choices=[("", "—"), *TeamRoleChoice.choices],
                widget=forms.Select(attrs=_SELECT),
            )

    def rows(self) -> list[tuple[str, str]]:
        d = self.cleaned_data
        return [
            (d[f"nip_{i}"].strip(), d[f"role_{i}"])
            for i in range(1, TEAM_ROWS + 1)
            if (d.get(f"nip_{i}") or "").strip()
        ]

    def pairs(self) -> list[tuple[Any, Any]]:
        return [(self[f"nip_{i}"], self[f"role_{i}"]) for i in range(1, TEAM_ROWS + 1)]


class ExaminationForm(forms.Form):
    held_on = _date(label=_("Tanggal pemeriksaan"))
    place = forms.CharField(
        label=_("Tempat / tautan"), required=False, max_length=255, widget=forms.TextInput(attrs=_INPUT)
    )
    findings = forms.CharField(label=_("Kesimpulan pemeriksa"), max_length=4000, widget=_text(3))
    recommended = forms.ChoiceField(
        label=_("Usul hukuman"),
        required=False,
        choices=[("", "—"), *SanctionChoice.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    signature = forms.ChoiceField(
        label=_("Tanda tangan terperiksa"),
        choices=[
            ("signed", _("Ditandatangani terperiksa")),
            ("refused", _("Terperiksa menolak menandatangani")),
            ("none", _("Belum")),
        ],
        widget=forms.RadioSelect(attrs=_CHECK),
        initial="signed",
    )
    refusal_note = forms.CharField(
        label=_("Catatan penolakan"), required=False, max_length=255, widget=forms.TextInput(attrs=_INPUT)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, ANSWER_ROWS + 1):
            self.fields[f"question_{i}"] = forms.CharField(
                label=_("Pertanyaan %(n)s") % {"n": i}, required=False, max_length=2000, widget=_text(1)
            )
            self.fields[f"answer_{i}"] = forms.CharField(
                label=_("Jawaban %(n)s") % {"n": i}, required=False, max_length=4000, widget=_text(2)
            )

    def answers(self) -> list[dict[str, str]]:
        d = self.cleaned_data
        return [
            {"question": d.get(f"question_{i}", ""), "answer": d.get(f"answer_{i}", "")}
            for i in range(1, ANSWER_ROWS + 1)
        ]

    def pairs(self) -> list[tuple[Any, Any]]:
        return [(self[f"question_{i}"], self[f"answer_{i}"]) for i in range(1, ANSWER_ROWS + 1)]


class DecisionForm(forms.Form):
    sanctions = forms.MultipleChoiceField(
        label=_("Hukuman atas setiap pelanggaran (hanya yang terberat dijatuhkan)"),
        choices=SanctionChoice.choices,
        widget=forms.CheckboxSelectMultiple(attrs=_CHECK),
    )
    decided_by = forms.ChoiceField(
        label=_("Pejabat yang menetapkan"), required=False, choices=(), widget=forms.Select(attrs=_SELECT)
    )
    letter_number = forms.CharField(label=_("Nomor keputusan"), max_length=100, widget=forms.TextInput(attrs=_INPUT))
    signed_on = _date(label=_("Tanggal ditetapkan"))
    considerations = forms.CharField(label=_("Pertimbangan"), max_length=4000, widget=_text(4))

    def __init__(self, *args: Any, officials: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].choices = [("", _("PPK (Bupati/Wali Kota)")), *officials]  # type: ignore[attr-defined]


class DeliveryForm(forms.Form):
    received_on = _date(label=_("Tanggal diterima pegawai"), required=False)
    sent_on = _date(label=_("Tanggal dikirim (bila tidak hadir menerima)"), required=False)


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=AppealKind.choices, widget=forms.Select(attrs=_SELECT))
    filed_on = _date(label=_("Tanggal diajukan"))
    grounds = forms.CharField(label=_("Alasan"), max_length=4000, widget=_text(4))


class AppealDecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hasil"),
        choices=[c for c in AppealOutcome.choices if c[0] != AppealOutcome.PENDING],
        widget=forms.Select(attrs=_SELECT),
    )
    new_sanction = forms.ChoiceField(
        label=_("Hukuman baru (diperingan/diperberat)"),
        required=False,
        choices=[("", "—"), *SanctionChoice.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    decided_on = _date(label=_("Tanggal diputus"))
    note = forms.CharField(label=_("Pertimbangan"), max_length=4000, widget=_text(3))


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Alasan ditutup tanpa hukuman"), max_length=4000, widget=_text(3))
