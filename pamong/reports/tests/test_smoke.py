import datetime as dt
from decimal import Decimal

import pytest

from pamong.reports import services
from pamong.reports.models import Report

pytestmark = pytest.mark.django_db


def test_open_fill_submit_verify(cast, rep):
    assert Report.objects.filter(org_unit=cast.units["disdik"]).count() == 4  # Q1–Q3, and Q4 which has started
    r = services.report_fill(
        actor=cast.users["kepala_opd"], report=rep.disdik, values=[services.ValueEntry(rep.plan.indicator.pk, "74,5")]
    )
    assert r.values.get().actual == Decimal("74.5")
    services.report_submit(actor=cast.users["kepala_opd"], report=rep.disdik, today=dt.date(2026, 10, 6))
    r = services.report_verify(actor=cast.users["verifier"], report=rep.disdik, today=dt.date(2026, 10, 7))
    assert r.status == "verified"
