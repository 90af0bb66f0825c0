"""Forms of the performance pages: types only; the rules (reasons, steps) live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pamong.access.models import User
from pamong.planning.choices import MONTH_NAMES

from .choices import Likelihood


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class RatingForm(StyledForm):
    """A likelihood-of-delivery rating with its mandatory reason, for one month."""

    month = forms.TypedChoiceField(label=_("Per akhir bulan"), coerce=int)
    rating = forms.ChoiceField(label=_("Kemungkinan tercapai"), choices=Likelihood.choices)
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib: apa yang membuat target ini mungkin atau sulit dicapai."),
        max_length=2000,
    )

    def __init__(self, *args: Any, months: int = 12, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(m, MONTH_NAMES[m - 1]) for m in range(1, max(months, 1) + 1)]  # type: ignore[attr-defined]


class NoteForm(StyledForm):
    """The note of a register step (what was done, or why)."""

    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class AssignForm(NoteForm):
    """A new owner for a register entry, chosen among the people who can see the unit's performance."""

    owner_user = forms.ModelChoiceField(label=_("Penanggung jawab"), queryset=User.objects.none())

    field_order = ["owner_user", "note"]

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_user"]
        field.queryset = users  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: u.get_full_name() or (str(u.employee) if u.employee_id else u.username)  # type: ignore[attr-defined]


def _decimal_text(value: Any) -> str:
    return "" if value is None else str(value).replace(".", ",")


class SettingsForm(StyledForm):
    """The tenant's performance rules, one field per setting; the bands as lines "KODE | Label | batas bawah"."""

    lower_formula = forms.ChoiceField(label=_("Rumus indikator makin rendah makin baik"), choices=[])
    cap_percent = forms.CharField(
        label=_("Batas atas capaian (%)"), required=False, help_text=_("Kosongkan bila tanpa batas; mis. 100 atau 120.")
    )
    stabilize_tolerance = forms.CharField(label=_("Toleransi indikator stabil (%)"))
    green_from = forms.CharField(label=_("Hijau mulai capaian (%)"))
    yellow_from = forms.CharField(label=_("Kuning mulai capaian (%)"))
    capaian_predicates = forms.CharField(
        label=_("Pita predikat capaian"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Satu baris per predikat, dari yang tertinggi: KODE | Label | batas bawah. Baris terakhir mulai dari 0."
        ),
    )
    trajectory_tolerance = forms.CharField(label=_("Toleransi lintasan target (poin %)"))
    missing_periods = forms.ChoiceField(label=_("Periode tanpa realisasi terverifikasi"), choices=[])
    missing_capaian = forms.ChoiceField(label=_("Indikator tanpa capaian dalam indeks"), choices=[])
    red_streak_periods = forms.IntegerField(label=_("Konsekuensi setelah merah berturut-turut (periode)"))
    report_due_days = forms.IntegerField(label=_("Batas waktu laporan (hari setelah periode berakhir)"))
    reminder_days_before = forms.CharField(label=_("Pengingat (hari sebelum batas waktu)"), help_text=_("Mis. 3, 1"))
    improvement_threshold = forms.CharField(label=_("Ambang masa perbaikan (indeks tahunan)"))
    improvement_months = forms.IntegerField(label=_("Lama masa perbaikan (bulan)"))
    likelihood_min_reason_chars = forms.IntegerField(label=_("Panjang minimum alasan penilaian (karakter)"))
    follow_up_days = forms.IntegerField(label=_("Lama tindak lanjut konsekuensi (hari)"))
    register_min_note_chars = forms.IntegerField(label=_("Panjang minimum catatan tindak lanjut (karakter)"))
    reason = forms.CharField(label=_("Alasan perubahan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lower_formula"].choices = [  # type: ignore[attr-defined]
            ("majalengka", _("(2 × target − realisasi) ÷ target (Majalengka)")),
            ("target_over_actual", _("target ÷ realisasi")),
        ]
        self.fields["missing_periods"].choices = [  # type: ignore[attr-defined]
            ("skip", _("Dilewati: hitung dari periode yang dilaporkan")),
            ("zero", _("Dihitung 0")),
            ("refuse", _("Capaian tidak dihitung sampai semua periode dilaporkan")),
        ]
        self.fields["missing_capaian"].choices = [  # type: ignore[attr-defined]
            ("zero", _("Dihitung 0 dengan bobot penuh")),
            ("exclude", _("Tidak diikutkan")),
        ]

    @staticmethod
    def initial_from(mapping: dict[str, Any]) -> dict[str, Any]:
        initial = {k: v for k, v in mapping.items() if not isinstance(v, dict | list)}
        for key in ("cap_percent", "stabilize_tolerance", "trajectory_tolerance", "improvement_threshold"):
            initial[key] = _decimal_text(mapping[key])
        initial["green_from"] = _decimal_text(mapping["traffic_light"]["green_from"])
        initial["yellow_from"] = _decimal_text(mapping["traffic_light"]["yellow_from"])
        initial["capaian_predicates"] = "\n".join(
            f"{b['code']} | {b['label']} | {_decimal_text(b['from'])}" for b in mapping["capaian_predicates"]
        )
        initial["reminder_days_before"] = ", ".join(str(d) for d in mapping["reminder_days_before"])
        return initial

    def mapping(self) -> dict[str, Any]:
        """The JSON form ``PerformanceRules.from_mapping`` reads (numbers as text; the rules check them)."""
        d = self.cleaned_data

        def number(text: str) -> str:
            return text.strip().replace(".", "").replace(",", ".") if "," in text else text.strip()

        bands = []
        for line in d["capaian_predicates"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3:
                raise forms.ValidationError(
                    _("Setiap baris pita predikat: KODE | Label | batas bawah."), code="bad_band"
                )
            bands.append({"code": parts[0], "label": parts[1], "from": number(parts[2])})
        reminders = []
        for part in d["reminder_days_before"].replace(";", ",").split(","):
            if part.strip():
                if not part.strip().isdigit():
                    raise forms.ValidationError(_("Pengingat: daftar jumlah hari, mis. 3, 1."), code="bad_reminder")
                reminders.append(int(part.strip()))
        return {
            "lower_formula": d["lower_formula"],
            "cap_percent": number(d["cap_percent"]) or None,
            "stabilize_tolerance": number(d["stabilize_tolerance"]),
            "traffic_light": {"green_from": number(d["green_from"]), "yellow_from": number(d["yellow_from"])},
            "capaian_predicates": bands,
            "trajectory_tolerance": number(d["trajectory_tolerance"]),
            "missing_periods": d["missing_periods"],
            "missing_capaian": d["missing_capaian"],
            "red_streak_periods": d["red_streak_periods"],
            "report_due_days": d["report_due_days"],
            "reminder_days_before": reminders,
            "improvement_threshold": number(d["improvement_threshold"]),
            "improvement_months": d["improvement_months"],
            "likelihood_min_reason_chars": d["likelihood_min_reason_chars"],
            "follow_up_days": d["follow_up_days"],
            "register_min_note_chars": d["register_min_note_chars"],
        }
