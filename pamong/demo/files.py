"""Small but real files for the demo's evidence (bukti dukung): a one-page PDF of text and a PNG picture.

The reports app checks an evidence file by its content (``pamong.reports.evidence_files``), so the demo's
files must be what their names say: a PDF that a viewer opens and pypdf reads, a PNG that a browser shows.
Both are built here byte by byte (no WeasyPrint, which would take half a second per page): the PDF is a
single page of Helvetica text with a correct cross-reference table; the PNG a small striped banner.
Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from functools import cache

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LEFT, TOP, LEADING = 56, 780, 16
MAX_LINES = 44


def _pdf_text(line: str) -> str:
    """A line as a PDF string literal in WinAnsi (Latin-1 here): escapes, and '?' for what it cannot hold."""
    text = line.replace("–", "-").replace("—", "-").replace("“", '"').replace("”", '"').replace("’", "'")
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def tiny_pdf(title: str, lines: Sequence[str]) -> bytes:
    """A one-page A4 PDF: ``title`` in bold, then ``lines`` (at most ``MAX_LINES``)."""
    ops = ["BT", f"/F2 14 Tf {LEFT} {TOP} Td ({_pdf_text(title)}) Tj", f"/F1 10 Tf 0 -{LEADING * 2} Td"]
    for line in list(lines)[:MAX_LINES]:
        ops.append(f"({_pdf_text(line)}) Tj 0 -{LEADING} Td")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@cache
def tiny_png(colour: tuple[int, int, int], width: int = 160, height: int = 90) -> bytes:
    """A small RGB PNG: diagonal stripes of ``colour`` on white (a stand-in for a photo of an activity)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type: none
        for x in range(width):
            rows += bytes(colour) if (x + y) // 12 % 2 == 0 else b"\xff\xff\xff"
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _chunk(b"IEND", b"")
    )
