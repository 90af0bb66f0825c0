"""Action item services: creation refused without owner/due date/evidence, transitions and history, evidence by
content, who verifies, carry-over to the next meeting of the kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.meetings.choices import EvidenceKind, MeetingKind
from pamong.meetings.models import ActionEvidence, ActionItem, ActionItemEvent, AgendaItem
from pamong.meetings.services.actions import (
    ItemDraft,
    item_create,
    item_drop,
    item_move,
    item_return,
    item_verify,
    items_carry_over,
    items_create_many,
)
from pamong.meetings.services.actions_evidence import evidence_submit

from . import actions_world
from .actions_world import JPEG, PDF, PNG, make_meeting, new_item

world = actions_world.world

DAY = dt.date(2026, 11, 10)


def pdf(name="bukti.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_an_item_without_owner_unit_or_due_date_or_evidence_is_refused_with_nothing_saved(world):
    cast = world.cast
    before = ActionItem.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        item_create(
            actor=cast.users["sekda"],
            meeting=world.rakor,
            owner_unit=None,
            title="Tanpa pemilik",
            due_on=None,
            expected_evidence=" ",
            evidence_kind=EvidenceKind.DOCUMENT,
        )
    assert set(exc.value.field_errors) == {"owner_unit", "due_on", "expected_evidence"}
    assert "unit penanggung jawab" in exc.value.field_errors["owner_unit"][0]
    assert ActionItem.objects.count() == before


def test_an_owner_unit_not_invited_to_the_meeting_is_refused(world):
    with pytest.raises(ValidationFailed) as exc:
        new_item(world.cast, world.rakor, "kec", due=DAY)
    assert "diundang" in exc.value.field_errors["owner_unit"][0]


def test_a_batch_is_all_or_nothing(world):
    cast = world.cast
    before = ActionItem.objects.count()
    good = ItemDraft(cast.units["disdik"], "A", DAY, "SK", EvidenceKind.DOCUMENT)
    bad = ItemDraft(cast.units["dinkes"], "B", None, "SK", EvidenceKind.DOCUMENT)
    with pytest.raises(ValidationFailed) as exc:
        items_create_many(actor=cast.users["sekda"], meeting=world.rakor, drafts=[good, bad])
    assert "1-due_on" in exc.value.field_errors
    assert ActionItem.objects.count() == before
    made = items_create_many(actor=cast.users["sekda"], meeting=world.rakor, drafts=[good, good])
    assert len(made) == 2 and ActionItem.objects.count() == before + 2
    assert {i.kind for i in made} == {MeetingKind.MONTHLY_RAKOR}


def test_creating_for_a_meeting_needs_to_manage_it(world):
    with pytest.raises(Forbidden):
        new_item_as(world, "kepala_opd")
    with pytest.raises(NotFoundError):
        new_item_as(world, "asn")


def new_item_as(world, persona):
    return item_create(
        actor=world.cast.users[persona],
        meeting=world.rakor,
        owner_unit=world.cast.units["disdik"],
        title="X",
        due_on=DAY,
        expected_evidence="SK",
        evidence_kind=EvidenceKind.DOCUMENT,
    )


def test_transitions_write_history_and_refused_moves_say_what_is_allowed(world):
    cast, item = world.cast, world.disdik_item
    head = cast.users["kepala_opd"]
    item = item_move(actor=head, item=item, to_status="in_progress", note="Sedang rekap")
    with pytest.raises(Conflict) as exc:
        item_move(actor=head, item=item, to_status="open")
    assert "Yang dibolehkan" in exc.value.message and "Selesai, menunggu verifikasi" in exc.value.message
    with pytest.raises(Conflict):
        item_move(actor=head, item=item, to_status="done")  # done comes with evidence
    evidence_submit(actor=head, item=item, kind=EvidenceKind.DOCUMENT, file=pdf(), today=DAY)
    item.refresh_from_db()
    assert item.status == "done" and item.done_on == DAY
    item = item_verify(actor=cast.users["sekda"], item=item, note="Cukup", today=DAY)
    assert item.status == "verified" and item.verified_by == cast.users["sekda"]
    steps = list(ActionItemEvent.objects.filter(item=item).values_list("from_status", "to_status"))
    assert steps == [("", "open"), ("open", "in_progress"), ("in_progress", "done"), ("done", "verified")]
    with pytest.raises(Conflict):
        item_drop(actor=cast.users["sekda"], item=item, reason="Tidak relevan")


def test_evidence_is_checked_by_content_and_stored_with_its_hash(world):
    head, item = world.cast.users["kepala_opd"], world.disdik_item
    with pytest.raises(ValidationFailed) as exc:
        evidence_submit(actor=head, item=item, kind=EvidenceKind.DOCUMENT, file=pdf("foto.png", PNG))
    assert "meminta bukti PDF" in exc.value.field_errors["file"][0] and "PNG" in exc.value.field_errors["file"][0]
    with pytest.raises(ValidationFailed) as exc:
        evidence_submit(actor=head, item=item, kind=EvidenceKind.DOCUMENT, file=pdf("catatan.pdf", b"hanya teks"))
    assert "bukan PDF, JPG atau PNG" in exc.value.field_errors["file"][0]
    with pytest.raises(ValidationFailed) as exc:
        evidence_submit(actor=head, item=item, kind=EvidenceKind.PHOTO, file=pdf("a.jpg", JPEG))
    assert "kind" in exc.value.field_errors
    assert not ActionEvidence.objects.filter(item=item).exists()
    evidence = evidence_submit(actor=head, item=item, kind=EvidenceKind.DOCUMENT, file=pdf("SK Kadis.pdf"))
    assert evidence.original_name == "SK Kadis.pdf" and evidence.content_type == "application/pdf"
    assert "SK Kadis" not in evidence.file.name and evidence.file.name.endswith(".pdf")
    assert len(evidence.sha256) == 64 and evidence.size == len(PDF)


def test_a_photo_item_takes_jpeg_or_png_and_a_link_item_a_link(world):
    cast = world.cast
    photo = new_item(cast, world.rakor, "disdik", due=DAY, kind=EvidenceKind.PHOTO)
    head = cast.users["kepala_opd"]
    with pytest.raises(ValidationFailed):
        evidence_submit(actor=head, item=photo, kind=EvidenceKind.PHOTO, file=pdf("x.jpg", PDF))
    evidence_submit(actor=head, item=photo, kind=EvidenceKind.PHOTO, file=pdf("x.png", PNG))
    link = new_item(cast, world.rakor, "disdik", due=DAY, kind=EvidenceKind.LINK)
    with pytest.raises(ValidationFailed):
        evidence_submit(actor=head, item=link, kind=EvidenceKind.LINK, link="bukan tautan")
    evidence_submit(actor=head, item=link, kind=EvidenceKind.LINK, link="https://data.example.go.id/apk")
    assert ActionItem.objects.get(pk=link.pk).status == "done"


def test_the_owner_unit_head_may_not_verify_his_own_item_of_a_rakor(world):
    cast, item = world.cast, world.disdik_item
    evidence_submit(actor=cast.users["kepala_opd"], item=item, kind=EvidenceKind.DOCUMENT, file=pdf())
    with pytest.raises(Forbidden):
        item_verify(actor=cast.users["kepala_opd"], item=item)
    with pytest.raises(NotFoundError):
        item_verify(actor=cast.users["asn_other_opd"], item=item)
    with pytest.raises(ValidationFailed):
        item_return(actor=cast.users["sekda"], item=item, note=" ")
    item = item_return(actor=cast.users["sekda"], item=item, note="Lampirkan SK yang ditandatangani")
    assert item.status == "in_progress" and item.done_on is None


def test_an_opd_head_verifies_the_items_of_his_own_units_meeting(world):
    cast = world.cast
    internal = make_meeting(
        cast, day=DAY, kind=MeetingKind.INTERNAL, units=("disdik_bidang",), org="disdik", chair=None
    )
    item = item_create(
        actor=cast.users["kepala_opd"],
        meeting=internal,
        owner_unit=cast.units["disdik_bidang"],
        title="Rekap BOS",
        due_on=DAY,
        expected_evidence="Rekap",
        evidence_kind=EvidenceKind.DATA,
    )
    evidence_submit(actor=cast.users["kepala_opd"], item=item, kind=EvidenceKind.DATA, note="95 sekolah")
    assert item_verify(actor=cast.users["kepala_opd"], item=item).status == "verified"


def test_dropping_needs_a_reason(world):
    cast, item = world.cast, world.dinkes_item
    with pytest.raises(ValidationFailed) as exc:
        item_drop(actor=cast.users["sekda"], item=item, reason="")
    assert "reason" in exc.value.field_errors
    item = item_drop(actor=cast.users["sekda"], item=item, reason="Digabung dengan keputusan rakor lintas sektor")
    assert item.status == "dropped" and item.drop_reason.startswith("Digabung")


def test_unsettled_items_come_back_on_the_next_meeting_of_the_kind_once(world):
    cast = world.cast
    verified = new_item(cast, world.rakor, "disdik", due=DAY, title="Sudah diverifikasi")
    evidence_submit(actor=cast.users["kepala_opd"], item=verified, kind=EvidenceKind.DOCUMENT, file=pdf())
    item_verify(actor=cast.users["sekda"], item=verified)
    dropped = new_item(cast, world.rakor, "dinkes", due=DAY, title="Dibatalkan")
    item_drop(actor=cast.users["sekda"], item=dropped, reason="Tidak berlaku")
    done = new_item(cast, world.rakor, "dinkes", due=DAY, title="Menunggu verifikasi")
    evidence_submit(
        actor=cast.users["kepala_opd"],
        item=world.disdik_item,
        kind=EvidenceKind.DOCUMENT,
        file=pdf(),
    )
    other_kind = make_meeting(cast, day=DAY, kind=MeetingKind.LIMITED)
    assert items_carry_over(meeting=other_kind) == []
    only_disdik = make_meeting(cast, day=DAY, units=("disdik",))
    carried = items_carry_over(meeting=only_disdik)
    assert {a.carried_item_id for a in carried} == {world.disdik_item.pk}
    nxt = make_meeting(cast, day=DAY + dt.timedelta(days=30))
    AgendaItem.objects.create(meeting=nxt, order=1, title="Pembukaan")
    carried = items_carry_over(meeting=nxt)
    assert {a.carried_item_id for a in carried} == {world.disdik_item.pk, world.dinkes_item.pk, done.pk}
    assert [a.order for a in carried] == [2, 3, 4]
    assert items_carry_over(meeting=nxt) == []
    assert AgendaItem.objects.filter(meeting=nxt, carried_item__isnull=False).count() == 3


def test_scheduling_the_next_meeting_of_the_kind_brings_unverified_items_back_on_its_agenda(world):
    """The carry-over runs when the meeting is scheduled: the open item returns, a verified one does not."""
    from pamong.meetings.models import AgendaItem
    from pamong.meetings.services.meetings import meeting_schedule

    cast = world.cast
    world.dinkes_item.status = "verified"
    world.dinkes_item.save(update_fields=["status"])
    now = timezone.make_aware(dt.datetime(2026, 11, 2, 8, 0))
    starts = timezone.make_aware(dt.datetime(2026, 11, 9, 9, 0))
    meeting = meeting_schedule(
        actor=cast.users["sekda"],
        org_unit=cast.units["setda"],
        kind="monthly_rakor",
        title="Rakor November",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        invited_units=[cast.units["disdik"], cast.units["dinkes"]],
        now=now,
    )
    carried = list(AgendaItem.objects.filter(meeting=meeting).values_list("carried_item_id", flat=True))
    assert carried == [world.disdik_item.pk]
