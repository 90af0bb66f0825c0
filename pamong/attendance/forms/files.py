"""Forms of the punch-file pages: the upload, the batch-history filters, the manual punch.

Choices are restricted with ``visible_to``: the upload offers only units and devices where the user holds
``attendance.import``. The services check again (404 out of scope, 403 in scope but not allowed).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.access.roles import ATTENDANCE_IMPORT, ATTENDANCE_VIEW
from pamong.org.forms import style_widgets
from pamong.org.models import OrgUnit

from ..choices import BatchSource
from ..models import Device
from ..punch_files import MAX_BYTES

STATUS_CHOICES = (
    (0, _("Masuk (0)")),
    (1, _("Pulang (1)")),
    (2, _("Istirahat keluar (2)")),
    (3, _("Istirahat kembali (3)")),
)


class PunchFileForm(forms.Form):
    """The file, the unit it belongs to and (required for a ``.dat``) the device it came from."""

    file = forms.FileField(
        label=_("Berkas (.dat mesin ZKTeco, .csv atau .xlsx; paling besar 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".dat,.txt,.csv,.xlsx"}),
    )
    device = forms.ModelChoiceField(
        label=_("Mesin asal berkas"),
        queryset=Device.objects.none(),
        required=False,
        empty_label=_("— tanpa mesin (CSV/Excel dari aplikasi lain) —"),
        help_text=_(
            "Wajib untuk berkas .dat dari flashdisk: presensi yang juga sudah dikirim mesin tidak tercatat dua kali."
        ),
    )
    org_unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("— unit mesin yang dipilih —"),
        help_text=_("Untuk CSV/Excel: hanya pegawai unit ini (dan unit di bawahnya) yang diterima."),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = (  # type: ignore[attr-defined]
            Device.objects.visible_to(actor, ATTENDANCE_IMPORT).select_related("org_unit").order_by("name")
        )
        self.fields["org_unit"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.visible_to(actor, ATTENDANCE_IMPORT).filter(closed_on__isnull=True).order_by("path")
        )
        style_widgets(self)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Ukuran berkas melebihi batas %(limit)d MB.") % {"limit": MAX_BYTES // 1024 // 1024}
            )
        return upload


class BatchFilterForm(forms.Form):
    """Filters of the batch history (all optional, read from the query string)."""

    source = forms.ChoiceField(
        label=_("Sumber"), choices=[("", _("Semua sumber")), *BatchSource.choices], required=False
    )
    org_unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("Semua unit")
    )
    device = forms.ModelChoiceField(
        label=_("Mesin"), queryset=Device.objects.none(), required=False, empty_label=_("Semua mesin")
    )
    day_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    day_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.visible_to(actor, ATTENDANCE_VIEW).filter(closed_on__isnull=True).order_by("path")
        )
        self.fields["device"].queryset = Device.objects.visible_to(actor, ATTENDANCE_VIEW).order_by("name")  # type: ignore[attr-defined]
        style_widgets(self)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``selectors.batches.batch_list`` (invalid filters are dropped)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "source": data.get("source") or "",
            "org_unit_id": data["org_unit"].pk if data.get("org_unit") else None,
            "device_id": data["device"].pk if data.get("device") else None,
            "day_from": data.get("day_from"),
            "day_to": data.get("day_to"),
        }


class ManualPunchForm(forms.Form):
    """One punch typed in by the BKPSDM attendance officer, with the reason."""

    nip = forms.CharField(label=_("NIP pegawai"), max_length=24)
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Jam (waktu setempat)"), widget=forms.TimeInput(attrs={"type": "time", "step": 1}))
    status = forms.TypedChoiceField(label=_("Jenis"), choices=STATUS_CHOICES, coerce=int, initial=0)
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib: mis. mesin rusak, listrik padam, nomor surat keterangan kepala OPD."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_nip(self) -> str:
        return "".join(self.cleaned_data["nip"].split())
