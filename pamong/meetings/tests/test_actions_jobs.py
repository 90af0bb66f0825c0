"""Reminders before the due date and overdue flags, each sent once; the follow-through rate on real rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from pamong.meetings.choices import EvidenceKind
from pamong.meetings.models import ActionItem
from pamong.meetings.selectors.actions import follow_through_by_opd
from pamong.meetings.services.actions import item_drop, item_verify
from pamong.meetings.services.actions_evidence import evidence_submit
from pamong.meetings.services.actions_reminders import actions_remind
from pamong.notices.models import Notice

from . import actions_world
from .actions_world import PDF, new_item

world = actions_world.world


def keys(prefix):
    return sorted(Notice.objects.filter(dedupe_key__startswith=prefix).values_list("recipient__username", "dedupe_key"))


def test_reminders_on_the_reminder_dates_go_to_the_owner_side_once(world):
    tenant_id = world.cast.tenant.pk
    # disdik item due 20 Nov: reminders on 17 and 19 Nov.
    assert actions_remind(tenant_id=tenant_id, today=dt.date(2026, 11, 16)).reminded == 0
    first = actions_remind(tenant_id=tenant_id, today=dt.date(2026, 11, 17))
    assert first.reminded == 1 and first.notices >= 1
    reminded = keys("meetings.item.remind:")
    assert {user for user, _key in reminded} == {"kepala_opd"}
    again = actions_remind(tenant_id=tenant_id, today=dt.date(2026, 11, 17))
    assert again.reminded == 1 and again.notices == 0
    actions_remind(tenant_id=tenant_id, today=dt.date(2026, 11, 19))
    assert len(keys("meetings.item.remind:")) == 2


def test_overdue_items_are_flagged_to_owner_head_and_chair_once(world):
    cast = world.cast
    out = StringIO()
    call_command("actions_remind", "--tenant", cast.tenant.region_code, "--date", "2026-11-21", stdout=out)
    assert "overdue=1" in out.getvalue()
    flagged = keys("meetings.item.overdue:")
    assert {user for user, _key in flagged} == {"kepala_opd", "sekda"}  # the Disdik head and the rakor's chair
    call_command("actions_remind", "--tenant", cast.tenant.region_code, "--date", "2026-11-22", stdout=StringIO())
    assert keys("meetings.item.overdue:") == flagged
    # Evidence submitted (done): no longer overdue, nothing new.
    evidence_submit(
        actor=cast.users["kepala_opd"],
        item=world.disdik_item,
        kind=EvidenceKind.DOCUMENT,
        file=SimpleUploadedFile("a.pdf", PDF),
    )
    assert actions_remind(tenant_id=cast.tenant.pk, today=dt.date(2026, 11, 23)).overdue == 0


def test_follow_through_counts_verified_on_time_over_due_per_opd(world):
    cast = world.cast
    sekda, head = cast.users["sekda"], cast.users["kepala_opd"]
    rakor = world.rakor
    # Disdik: four items due by 30 Nov — one verified on time, one verified late, one done not verified,
    # one dropped (out of the count); the fixture's item is open and overdue.
    on_time = new_item(cast, rakor, "disdik", due=dt.date(2026, 11, 10))
    late = new_item(cast, rakor, "disdik", due=dt.date(2026, 11, 5))
    pending = new_item(cast, rakor, "disdik", due=dt.date(2026, 11, 12))
    dropped = new_item(cast, rakor, "disdik", due=dt.date(2026, 11, 12))
    for item, day in ((on_time, dt.date(2026, 11, 9)), (late, dt.date(2026, 11, 8)), (pending, dt.date(2026, 11, 11))):
        evidence_submit(
            actor=head, item=item, kind=EvidenceKind.DOCUMENT, file=SimpleUploadedFile("a.pdf", PDF), today=day
        )
    item_verify(actor=sekda, item=on_time, today=dt.date(2026, 11, 15))  # verified after the due date: still on time
    item_verify(actor=sekda, item=late)
    item_drop(actor=sekda, item=dropped, reason="Tidak relevan lagi")
    table = follow_through_by_opd(actor=sekda, today=dt.date(2026, 11, 30))
    rows = {row.name: row for row in table.rows}
    disdik = rows["Dinas Pendidikan"]
    assert (disdik.figures.due, disdik.figures.verified_on_time) == (4, 1)
    assert disdik.rate == Decimal("25.0")
    assert disdik.overdue == 1 and disdik.open == 2  # the open one and the one awaiting verification
    dinkes = rows["Dinas Kesehatan"]
    assert (dinkes.figures.due, dinkes.rate) == (1, Decimal("0.0"))
    assert (table.total.due, table.total.verified_on_time) == (5, 1)
    # Before any due date: nothing due, no score.
    early = follow_through_by_opd(actor=sekda, today=dt.date(2026, 11, 1))
    assert {row.name: row.rate for row in early.rows} == {"Dinas Pendidikan": None, "Dinas Kesehatan": None}
    # The Disdik head sees only his OPD.
    assert [row.name for row in follow_through_by_opd(actor=head, today=dt.date(2026, 11, 30)).rows] == [
        "Dinas Pendidikan"
    ]
    assert ActionItem.objects.filter(status="dropped").count() == 1


def test_the_rate_is_computed_in_two_queries(world, django_assert_num_queries):
    sekda = world.cast.users["sekda"]
    with django_assert_num_queries(2):
        follow_through_by_opd(actor=sekda, today=dt.date(2026, 11, 30))
