"""Forms of the access app: login and second factor, and the BKPSDM pages that manage accounts and roles.

Unit and employee choices are restricted with the actor's scope (``visible_to``);
the services check permissions, passwords and dates again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from pamong.org.forms import DateInput, UnitLabelChoiceField, style_widgets, tenant_clusters
from pamong.org.models import Cluster, OrgUnit
from pamong.people.models import Employee

from .roles import ACCESS_MANAGE, Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Setelah 5 kali gagal, akun dikunci 30 menit."),
        "inactive": _("Akun ini tidak aktif."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].widget.attrs.update({"class": "form-control", "autofocus": True})
        self.fields["password"].widget.attrs.update({"class": "form-control"})


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode 6 digit dari aplikasi autentikator"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"class": "form-control", "autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


# --- account management (BKPSDM) ------------------------------------------------------------------------

ROLE_CHOICES = [(value, label) for value, label in Role.choices if value != Role.PLATFORM_ADMIN]


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cari nama pengguna, nama atau NIP"), required=False, max_length=100, widget=forms.SearchInput
    )
    role = forms.ChoiceField(label=_("Peran"), choices=[("", _("Semua peran")), *ROLE_CHOICES], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("mis. budi atau 19720202 199704"), "autocomplete": "off"}
        )


class UserCreateForm(forms.Form):
    """A new login. The service checks the password's strength and that the username is free."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Huruf, angka dan @ . + - _ saja; disimpan dengan huruf kecil. NIP boleh dipakai."),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 10 karakter, tidak umum dan tidak mirip nama pengguna."),
    )
    password_confirm = forms.CharField(
        label=_("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    employee = forms.CharField(
        label=_("NIP pegawai"),
        max_length=30,
        required=False,
        help_text=_("Kosongkan untuk akun tanpa data pegawai (mis. Bupati atau admin)."),
    )
    full_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        required=False,
        help_text=_("Untuk akun tanpa data pegawai; akun pegawai memakai nama dari data pegawai."),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        style_widgets(self)
        self.fields["username"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "none"})
        self.fields["employee"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "class": "form-control nip"}
        )

    def clean_employee(self) -> Employee | None:
        """The employee with that NIP among those the actor may see (spaces ignored)."""
        raw = self.cleaned_data.get("employee", "")
        nip = "".join(raw.split())
        if not nip:
            return None
        employees = Employee.objects.visible_to(self.actor, "people.view").select_related("org_unit")
        employee: Employee | None = employees.filter(nip=nip).first()
        if employee is None:
            raise forms.ValidationError(_("Pegawai dengan NIP %(nip)s tidak ditemukan."), params={"nip": raw.strip()})
        return employee

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password, confirm = data.get("password"), data.get("password_confirm")
        if password and confirm is not None and password != confirm:
            self.add_error("password_confirm", _("Kedua kata sandi tidak sama."))
        return data


class RoleAssignForm(forms.Form):
    """A role over one unit (with or without its sub-units) or over an Asisten cluster, never both."""

    role = forms.ChoiceField(label=_("Peran"), choices=[("", _("— pilih peran —")), *ROLE_CHOICES])
    org_unit = UnitLabelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("— pilih unit —")
    )
    cluster = forms.ModelChoiceField(
        label=_("atau klaster Asisten"),
        queryset=Cluster.objects.none(),
        required=False,
        empty_label=_("— pilih klaster —"),
        help_text=_("Untuk Asisten Sekda: semua OPD dalam klasternya."),
    )
    include_descendants = forms.BooleanField(label=_("Termasuk sub-unit"), required=False, initial=True)
    valid_from = forms.DateField(label=_("Berlaku mulai"), required=False, widget=DateInput())
    valid_to = forms.DateField(
        label=_("Berlaku sampai"), required=False, widget=DateInput(), help_text=_("Kosongkan bila tanpa batas.")
    )
    note = forms.CharField(
        label=_("Catatan"), max_length=255, required=False, help_text=_("Mis. nomor SK Plt atau surat penugasan.")
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(actor, ACCESS_MANAGE).filter(closed_on__isnull=True)
        self.fields["org_unit"].queryset = units.only("pk", "name", "depth", "path")  # type: ignore[attr-defined]
        self.fields["cluster"].queryset = tenant_clusters(actor)  # type: ignore[attr-defined]
        style_widgets(self)


class RoleEndForm(forms.Form):
    valid_to = forms.DateField(
        label=_("Berlaku sampai"),
        widget=DateInput(),
        help_text=_("Hari terakhir peran berlaku; sejak hari berikutnya peran tidak lagi memberi akses."),
    )
    reason = forms.CharField(label=_("Alasan"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("actor", None)
        super().__init__(*args, **kwargs)
        style_widgets(self)


class TotpResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mis. ponsel hilang atau diganti; identitas pemohon sudah diperiksa."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("actor", None)
        super().__init__(*args, **kwargs)
        style_widgets(self)
