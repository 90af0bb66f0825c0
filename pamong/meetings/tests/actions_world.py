"""A small world for the action-item tests: a monthly rakor chaired by the Sekda with Disdik and Dinkes invited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pamong.core.testing.personas import Cast
from pamong.meetings.choices import EvidenceKind, MeetingKind, MeetingStatus
from pamong.meetings.models import ActionItem, Invitation, Meeting
from pamong.meetings.services.actions import item_create

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


class Rewinding(SimpleUploadedFile):
    """An upload that can be posted again and again (a permission matrix sends it once per persona)."""

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        if not args and not kwargs:
            self.seek(0)
        return super().read(*args, **kwargs)  # type: ignore[no-any-return]


@dataclass
class World:
    cast: Cast
    rakor: Meeting
    disdik_item: ActionItem
    dinkes_item: ActionItem


def make_meeting(
    cast: Cast,
    *,
    day: dt.date,
    kind: str = MeetingKind.MONTHLY_RAKOR,
    units: tuple[str, ...] = ("disdik", "dinkes"),
    org: str = "setda",
    chair: str | None = "sekda",
) -> Meeting:
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    meeting = Meeting.objects.create(
        tenant=cast.tenant,
        org_unit=cast.units[org],
        kind=kind,
        title=f"Rapat {kind} {day.isoformat()}",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        pre_read_at=starts - dt.timedelta(hours=48),
        chair=cast.employees[chair] if chair else None,
        status=MeetingStatus.HELD,
        held_on=day,
    )
    Invitation.objects.bulk_create([Invitation(meeting=meeting, org_unit=cast.units[u]) for u in units])
    return meeting


def new_item(
    cast: Cast,
    meeting: Meeting | None,
    unit: str,
    *,
    due: dt.date,
    kind: str = EvidenceKind.DOCUMENT,
    title: str = "",
    **extra: Any,
) -> ActionItem:
    return item_create(
        actor=cast.users["sekda"],
        meeting=meeting,
        owner_unit=cast.units[unit],
        title=title or f"Tindak lanjut {unit}",
        due_on=due,
        expected_evidence="SK dan laporan",
        evidence_kind=kind,
        **extra,
    )


@pytest.fixture
def world(cast: Cast, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    rakor = make_meeting(cast, day=dt.date(2026, 10, 5))
    return World(
        cast=cast,
        rakor=rakor,
        disdik_item=new_item(cast, rakor, "disdik", due=dt.date(2026, 11, 20), title="Data APK SD"),
        dinkes_item=new_item(cast, rakor, "dinkes", due=dt.date(2026, 11, 25), title="Data stunting"),
    )
