"""Checking an evidence file by what it contains, not by what it is called.

The type comes from the first bytes (PDF ``%PDF-``, JPEG ``FF D8 FF``, PNG's signature) and, for
the Office formats, from the parts inside the zip (``xl/workbook.xml``, ``word/document.xml``).
A file whose name promises one type but whose content is another (a renamed program, a PNG
called ``.pdf``) is refused with a message that says so.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

from pamong.core.errors import ValidationFailed

from .choices import EvidenceContentType as T

SUFFIXES: dict[str, T] = {
    ".pdf": T.PDF,
    ".jpg": T.JPEG,
    ".jpeg": T.JPEG,
    ".png": T.PNG,
    ".xlsx": T.XLSX,
    ".docx": T.DOCX,
}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"
ALLOWED = "PDF, JPG, PNG, XLSX, DOCX"


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={"file": [message]})


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def sniff(content: bytes) -> T | None:
    """The evidence type the bytes are, or None when they are none of the accepted ones."""
    if content.startswith(b"%PDF-"):
        return T.PDF
    if content.startswith(b"\xff\xd8\xff"):
        return T.JPEG
    if content.startswith(PNG_MAGIC):
        return T.PNG
    if content.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "xl/workbook.xml" in names:
            return T.XLSX
        if "word/document.xml" in names:
            return T.DOCX
    return None


def check_name(name: str) -> T:
    """The type a file name promises, or ``ValidationFailed`` when it is not an accepted kind of file."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise _refuse(
            _("Jenis berkas %(suffix)s tidak diterima. Unggah berkas %(allowed)s.")
            % {"suffix": suffix or _("tanpa ekstensi"), "allowed": ALLOWED}
        )
    return SUFFIXES[suffix]


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise _refuse(
            _("Ukuran berkas %(size)s MB melebihi batas %(limit)d MB.")
            % {"size": _megabytes(size), "limit": max_bytes // 1024 // 1024}
        )


def check_evidence(name: str, content: bytes, max_bytes: int) -> T:
    """The content type of an acceptable evidence file, else ``ValidationFailed`` on ``file`` saying why."""
    promised = check_name(name)
    if not content:
        raise _refuse(_("Berkas kosong."))
    check_size(len(content), max_bytes)
    actual = sniff(content)
    if actual is None:
        raise _refuse(
            _("Isi berkas “%(name)s” bukan %(kind)s yang sah, walaupun namanya berakhiran %(suffix)s.")
            % {"name": name, "kind": promised.label, "suffix": PurePath(name).suffix.lower()}
        )
    if actual != promised:
        raise _refuse(
            _("Berkas “%(name)s” bernama %(promised)s tetapi isinya %(actual)s. Unggah berkas yang benar.")
            % {"name": name, "promised": promised.label, "actual": actual.label}
        )
    return actual
