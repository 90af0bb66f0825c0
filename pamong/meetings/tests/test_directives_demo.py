"""The directives and visits demo story on the cast: 21 items, mixed compliance, three visits with follow-up."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from pamong.core.testing.personas import Cast
from pamong.demo.story_meetings_directives import story
from pamong.meetings.models import ActionItem, Directive, DirectiveReport, FieldVisit
from pamong.meetings.selectors.directives import directive_matrix
from pamong.meetings.selectors.directives_periods import period_start, shift

pytestmark = pytest.mark.django_db


def test_story_on_the_cast(cast: Cast) -> None:
    today = cast.tenant.today()
    counts = story(cast.tenant, today=today, seed=1)
    directive = Directive.objects.get()
    assert directive.items.count() == 21 == counts["directive_items"]
    assert (today - directive.issued_on).days == 300
    assert DirectiveReport.objects.count() == counts["directive_reports"]
    # Items for the kecamatan and for Dinkes/Disdik are addressed, the rest go to every OPD.
    kec_items = directive.items.filter(units=cast.units["kec"]).count()
    assert kec_items >= 2
    last_closed = shift(period_start(today, "monthly"), "monthly", -1)
    matrix = directive_matrix(cast.users["sekda"], directive, last_closed)
    assert matrix.count("not_reported") > 0
    assert matrix.count("complied") + matrix.count("partial") + matrix.count("not_complied") > 0
    statuses = set(DirectiveReport.objects.values_list("status", flat=True))
    assert {"complied", "partial"} <= statuses
    assert FieldVisit.objects.count() == counts["visits"]
    # The cast has one kecamatan: one visit there, one to an OPD.
    assert FieldVisit.objects.filter(place=cast.units["kec"]).count() == 1
    if importlib.util.find_spec("pamong.meetings.services.actions") is not None:
        assert ActionItem.objects.filter(visit__isnull=False).count() == counts["visits"] == 2


def test_story_is_reproducible(cast: Cast) -> None:
    story(cast.tenant, today=dt.date.today(), seed=4)
    first = sorted(DirectiveReport.objects.values_list("item__number", "org_unit_id", "period_start", "status"))
    DirectiveReport.objects.all().delete()
    ActionItem.objects.all().delete()
    FieldVisit.objects.all().delete()
    Directive.objects.all().delete()
    story(cast.tenant, today=dt.date.today(), seed=4)
    second = sorted(DirectiveReport.objects.values_list("item__number", "org_unit_id", "period_start", "status"))
    assert first == second
