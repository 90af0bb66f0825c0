"""Field visits (kunjungan kerja): recording a visit with its findings, and its photos checked by content."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from pamong.access.roles import MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core import audit
from pamong.core.authz import authorize, authorize_at, require_tenant
from pamong.core.errors import NotFoundError, ValidationFailed
from pamong.org.models import OrgUnit
from pamong.people.models import Employee
from pamong.reports.choices import EvidenceContentType
from pamong.reports.evidence_files import sniff

from ..models import FieldVisit, VisitPhoto

#: The largest photo accepted (a phone photo is 2–5 MB).
PHOTO_MAX_BYTES = 8 * 1024 * 1024


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


@transaction.atomic
def visit_record(
    *,
    actor: Any,
    place: OrgUnit,
    visited_on: dt.date | None,
    title: str,
    led_by: Employee | None = None,
    participants: Sequence[Employee] = (),
    findings: str,
) -> FieldVisit:
    """Record a visit to ``place`` (``meetings.manage`` over it); the place's head then sees it."""
    tenant_id = require_tenant(actor)
    if place.tenant_id != tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    authorize_at(
        actor,
        MEETINGS_MANAGE,
        tenant_id=tenant_id,
        path=place.path,
        visible_action=MEETINGS_VIEW,
        denied=_("Kunjungan kerja dicatat oleh Sekretariat Daerah atau pimpinan unit yang dikunjungi."),
    )
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Isi judul kunjungan, misalnya “Kunjungan kerja ke Puskesmas Anggrek”.")]
    if not (findings or "").strip():
        errors["findings"] = [_("Tuliskan temuan kunjungan: apa yang dilihat dan apa yang perlu ditindaklanjuti.")]
    if visited_on is None:
        errors["visited_on"] = [_("Isi tanggal kunjungan.")]
    elif visited_on > place.tenant.today():
        errors["visited_on"] = [_("Tanggal kunjungan tidak boleh di masa depan; catat kunjungan setelah dilaksanakan.")]
    people = [p for p in [led_by, *participants] if p is not None]
    if any(person.tenant_id != tenant_id for person in people):
        errors["participants"] = [_("Peserta harus pegawai daerah ini.")]
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    assert visited_on is not None
    visit = FieldVisit.objects.create(
        tenant_id=tenant_id,
        place=place,
        visited_on=visited_on,
        title=title.strip()[:200],
        led_by=led_by,
        findings=findings.strip(),
    )
    if participants:
        visit.participants.set(participants)
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="meetings.visit.record",
        target=visit,
        org_unit_path=place.path,
        after={
            "place": place.pk,
            "visited_on": visited_on.isoformat(),
            "title": visit.title,
            "led_by": led_by.pk if led_by else None,
            "participants": sorted(p.pk for p in participants),
            "findings": visit.findings,
        },
    )
    return visit


def check_size(size: int) -> None:
    if size > PHOTO_MAX_BYTES:
        raise _refuse(
            "file",
            _("Foto %(size).1f MB melebihi batas %(limit)d MB. Perkecil ukurannya lalu unggah lagi.")
            % {"size": size / 1024 / 1024, "limit": PHOTO_MAX_BYTES // 1024 // 1024},
        )


def check_photo(content: bytes) -> str:
    """The content type of an acceptable photo (JPEG or PNG by its bytes, and whole), else ``ValidationFailed``."""
    if not content:
        raise _refuse("file", _("Berkas kosong. Pilih foto JPG atau PNG."))
    check_size(len(content))
    kind = sniff(content)  # the evidence files' one reading of magic bytes
    if kind not in (EvidenceContentType.JPEG, EvidenceContentType.PNG):
        raise _refuse("file", _("Isi berkas bukan foto JPG atau PNG (apa pun nama berkasnya). Unggah foto yang sah."))
    content_type, expected = str(kind), kind.label
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != expected:
                raise _refuse("file", _("Isi berkas bukan foto JPG atau PNG yang utuh."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _refuse("file", _("Foto rusak atau tidak lengkap; unggah ulang dari berkas aslinya.")) from exc
    return content_type


@transaction.atomic
def visit_photo_add(*, actor: Any, visit: FieldVisit, file: File | None, caption: str = "") -> VisitPhoto:  # type: ignore[type-arg]
    """Store a photo of a visit under a random name, checked by its content, with its SHA-256."""
    authorize(actor, MEETINGS_MANAGE, visit)
    if file is None:
        raise _refuse("file", _("Pilih foto untuk diunggah."))
    check_size(file.size or 0)  # before reading a large upload into memory
    file.seek(0)
    content = file.read()
    content_type = check_photo(content)
    photo = VisitPhoto(
        visit=visit,
        caption=(caption or "").strip()[:200],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    photo.file.save("foto.png" if content_type == "image/png" else "foto.jpg", ContentFile(content), save=False)
    photo.save()
    audit.record(
        actor=actor,
        tenant_id=visit.tenant_id,
        action="meetings.visit.photo_add",
        target=photo,
        org_unit_path=visit.place.path,
        after={"visit": visit.pk, "sha256": photo.sha256, "size": photo.size, "content_type": content_type},
    )
    return photo
