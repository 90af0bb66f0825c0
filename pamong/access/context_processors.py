"""Navigation by role: menu entries the user's scope allows (menus only, never data)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pamong.core.scope import scope_of

from .roles import (
    ACCESS_MANAGE,
    ATTENDANCE_CHECKIN,
    ATTENDANCE_IMPORT,
    ATTENDANCE_MANAGE,
    ATTENDANCE_ROSTER,
    ATTENDANCE_VIEW,
    AUDIT_VIEW,
    COCKPIT_VIEW,
    DISCIPLINE_ACT,
    DISCIPLINE_MANAGE,
    DISCIPLINE_REPORT,
    DISCIPLINE_REVIEW,
    DISCIPLINE_VIEW,
    EXCUSES_APPROVE,
    IMPORTS_RUN,
    MEETINGS_MANAGE,
    MEETINGS_VIEW,
    ORG_VIEW,
    PEOPLE_VIEW,
    PERFORMANCE_VIEW,
    PLANNING_VIEW,
    Role,
)

#: An action held through a role (a grant over some unit), not merely on one's own records.
GRANTED = "granted:"

#: (url name, label, icon, action). An entry whose URL does not resolve is not shown. Inside a group, an entry
#: without a URL name is a section header, shown only when an entry under it is.
MENU = (
    ("core:home", _("Beranda"), "house", None),
    (
        "organisation",
        _("Organisasi"),
        "diagram-3",
        (
            ("org:tree", _("Struktur organisasi"), "diagram-3", ORG_VIEW),
            ("people:employee_list", _("Pegawai"), "people", PEOPLE_VIEW),
        ),
    ),
    ("planning:tree", _("Perencanaan"), "bullseye", PLANNING_VIEW),
    (
        "performance",
        _("Kinerja"),
        "speedometer2",
        (
            ("performance:cockpit", _("Kokpit kinerja"), "speedometer2", COCKPIT_VIEW),
            ("performance:unit_list", _("Kinerja OPD"), "building", PERFORMANCE_VIEW),
            ("agreements:agreement_list", _("Perjanjian kinerja"), "file-earmark-check", PERFORMANCE_VIEW),
            ("reports:report_list", _("Laporan berkala"), "journal-check", PERFORMANCE_VIEW),
            ("performance:consequence_list", _("Register konsekuensi"), "exclamation-diamond", PERFORMANCE_VIEW),
        ),
    ),
    (
        "attendance",
        _("Presensi"),
        "fingerprint",
        (
            ("attendance:checkin", _("Absen"), "geo-alt", ATTENDANCE_CHECKIN),
            ("attendance:my_days", _("Presensi saya"), "calendar-check", ATTENDANCE_CHECKIN),
            ("attendance:excuse_mine", _("Izin & cuti saya"), "envelope-paper", ATTENDANCE_CHECKIN),
            (
                "attendance:excuse_inbox",
                _("Persetujuan izin"),
                "check2-square",
                f"{EXCUSES_APPROVE}|{ATTENDANCE_MANAGE}",
            ),
            ("attendance:board", _("Presensi hari ini"), "clock", GRANTED + ATTENDANCE_VIEW),
            ("attendance:team", _("Presensi tim"), "people", GRANTED + ATTENDANCE_VIEW),
            ("attendance:recap", _("Rekap bulanan"), "table", GRANTED + ATTENDANCE_VIEW),
            (None, _("Kelola presensi"), None, None),
            ("attendance:excuse_list", _("Daftar izin & cuti"), "list-check", ATTENDANCE_MANAGE),
            ("attendance:schedule_list", _("Jadwal kerja"), "calendar-week", GRANTED + ATTENDANCE_VIEW),
            ("attendance:holiday_list", _("Hari libur"), "calendar-x", GRANTED + ATTENDANCE_VIEW),
            ("attendance:roster_pick", _("Jadwal dinas (shift)"), "calendar3", ATTENDANCE_ROSTER),
            ("attendance:device_list", _("Mesin presensi"), "hdd-network", ATTENDANCE_IMPORT),
            ("attendance:pin_list", _("PIN mesin"), "123", ATTENDANCE_IMPORT),
            ("attendance:device_refusals", _("Mesin ditolak"), "slash-circle", ATTENDANCE_MANAGE),
            ("attendance:batch_list", _("Riwayat kiriman presensi"), "inboxes", GRANTED + ATTENDANCE_VIEW),
            ("attendance:punch_file_upload", _("Unggah berkas presensi"), "cloud-upload", ATTENDANCE_IMPORT),
            ("attendance:punch_manual", _("Presensi manual"), "pencil-square", ATTENDANCE_MANAGE),
            ("attendance:geofence_list", _("Titik lokasi presensi"), "pin-map", ATTENDANCE_MANAGE),
            ("attendance:outage_list", _("Gangguan sistem"), "exclamation-octagon", ATTENDANCE_MANAGE),
            ("attendance:anomaly_list", _("Anomali presensi"), "shield-exclamation", GRANTED + ATTENDANCE_VIEW),
            ("attendance:month_close", _("Tutup bulan"), "lock", ATTENDANCE_MANAGE),
        ),
    ),
    (
        "discipline",
        _("Disiplin"),
        "shield-check",
        (
            ("discipline:my", _("Disiplin saya"), "person-check", ATTENDANCE_CHECKIN),
            ("discipline:team", _("Disiplin tim"), "people", GRANTED + DISCIPLINE_VIEW),
            ("discipline:warning_list", _("Peringatan"), "bell", f"{GRANTED + DISCIPLINE_VIEW}|{DISCIPLINE_ACT}"),
            ("discipline:case_list", _("Kasus disiplin"), "folder2-open", DISCIPLINE_VIEW),
            (
                "discipline:report_list",
                _("Laporan pengawasan (GDN)"),
                "clipboard-check",
                f"{DISCIPLINE_REPORT}|{GRANTED + DISCIPLINE_VIEW}",
            ),
            ("discipline:review_list", _("Telaah laporan klaster"), "diagram-2", DISCIPLINE_REVIEW),
            (None, _("Kelola disiplin"), None, None),
            ("discipline:ladder_run", _("Hitung ulang ambang"), "arrow-repeat", DISCIPLINE_MANAGE),
        ),
    ),
    (
        "meetings",
        _("Rapat"),
        "people-fill",
        (
            ("meetings:calendar", _("Kalender rapat"), "calendar3", MEETINGS_VIEW),
            ("meetings:meeting_list", _("Daftar rapat"), "list-ul", MEETINGS_VIEW),
            ("meetings:item_list", _("Tindak lanjut"), "check2-square", MEETINGS_VIEW),
            ("meetings:follow_through", _("Tingkat tindak lanjut OPD"), "graph-up", MEETINGS_VIEW),
            ("meetings:directive_list", _("Arahan Bupati"), "megaphone", MEETINGS_VIEW),
            ("meetings:visit_list", _("Kunjungan kerja"), "geo", MEETINGS_VIEW),
            (None, _("Kelola rapat"), None, None),
            ("meetings:series_list", _("Jadwal rapat berulang"), "arrow-repeat", MEETINGS_MANAGE),
        ),
    ),
    (
        "admin",
        _("Administrasi"),
        "sliders",
        (
            ("imports:batch_list", _("Impor data"), "upload", IMPORTS_RUN),
            ("access:user_list", _("Pengguna & peran"), "person-badge", ACCESS_MANAGE),
            ("core:audit_list", _("Jejak audit"), "shield-check", AUDIT_VIEW),
        ),
    ),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    scope = scope_of(user)

    def allowed(action: str | None) -> bool:
        if action is None:
            return True
        if "|" in action:  # any of several actions
            return any(allowed(one) for one in action.split("|"))
        if action.startswith(GRANTED):
            return bool(scope.grants_for(action.removeprefix(GRANTED)))
        return scope.can(action)

    items: list[dict[str, Any]] = []
    for name, label, icon, action in MENU:
        if isinstance(action, tuple):  # a group: shown when one of its entries is
            children: list[dict[str, Any]] = []
            header: dict[str, Any] | None = None
            for c_name, c_label, c_icon, c_action in action:
                if c_name is None:
                    header = {"header": c_label}
                elif allowed(c_action):
                    if header is not None:
                        children.append(header)
                        header = None
                    children.append({"url_name": c_name, "label": c_label, "icon": c_icon})
            if children:
                namespaces = sorted({str(c["url_name"]).split(":")[0] for c in children if "url_name" in c})
                items.append(
                    {
                        "namespace": name,
                        "label": label,
                        "icon": icon,
                        "children": children,
                        "child_namespaces": namespaces,
                    }
                )
        elif allowed(action):
            items.append({"url_name": name, "label": label, "icon": icon})
    labels = dict(Role.choices)
    return {"nav_items": items, "user_roles": sorted(str(labels.get(role, role)) for role in scope.roles)}
