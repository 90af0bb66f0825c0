"""``parse_checkin``: the check-in body read without a serializer, and the schema serializer kept in step."""

import datetime as dt

import pytest

from pamong.attendance.api.checkin_input import FIELDS, CheckinInputSerializer, parse_checkin
from pamong.core.errors import ValidationFailed

GOOD = {
    "client_id": "6f1c2a8e-3b7d-4c1e-9a55-0d2f7e8b9c10",
    "punched_at": "2026-11-23T07:29:05+08:00",
    "sent_at": "2026-11-23T07:29:06.250Z",
    "latitude": -5.0055,
    "longitude": 119.5733,
}


def test_a_minimal_body_gets_the_documented_defaults():
    assert parse_checkin(GOOD) == {
        "client_id": GOOD["client_id"],
        "punched_at": dt.datetime(2026, 11, 23, 7, 29, 5, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        "sent_at": dt.datetime(2026, 11, 23, 7, 29, 6, 250000, tzinfo=dt.UTC),
        "latitude": -5.0055,
        "longitude": 119.5733,
        "accuracy_m": None,
        "is_mock": False,
        "client_device": "",
        "kind": "in",
    }


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        ({"client_id": "6F1C2A8E3B7D4C1E9A550D2F7E8B9C10"}, "client_id", "6f1c2a8e-3b7d-4c1e-9a55-0d2f7e8b9c10"),
        ({"latitude": "-5.5"}, "latitude", -5.5),
        ({"longitude": 180}, "longitude", 180.0),
        ({"accuracy_m": None}, "accuracy_m", None),
        ({"accuracy_m": 0}, "accuracy_m", 0.0),
        ({"is_mock": "true"}, "is_mock", True),
        ({"is_mock": 0}, "is_mock", False),
        ({"client_device": "x" * 64}, "client_device", "x" * 64),
        ({"kind": "out"}, "kind", "out"),
        ({"punched_at": "2026-11-23T07:29:00"}, "punched_at", dt.datetime(2026, 11, 23, 7, 29)),  # naive: service
    ],
)
def test_accepted_values(change, field, value):
    assert parse_checkin(GOOD | change)[field] == value


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"client_id": "x"}, "client_id"),
        ({"client_id": None}, "client_id"),
        ({"punched_at": "kemarin"}, "punched_at"),
        ({"punched_at": 1763854145}, "punched_at"),
        ({"sent_at": "2026-13-01T00:00:00Z"}, "sent_at"),
        ({"latitude": 90.1}, "latitude"),
        ({"latitude": True}, "latitude"),
        ({"latitude": "NaN"}, "latitude"),
        ({"longitude": -180.5}, "longitude"),
        ({"longitude": [1]}, "longitude"),
        ({"accuracy_m": -1}, "accuracy_m"),
        ({"accuracy_m": "inf"}, "accuracy_m"),
        ({"is_mock": "ya"}, "is_mock"),
        ({"is_mock": None}, "is_mock"),
        ({"client_device": "x" * 65}, "client_device"),
        ({"client_device": 7}, "client_device"),
        ({"kind": "siang"}, "kind"),
    ],
)
def test_refused_values_name_their_field(change, field):
    with pytest.raises(ValidationFailed) as caught:
        parse_checkin(GOOD | change)
    assert list(caught.value.field_errors) == [field]
    assert caught.value.field_errors[field][0]


def test_every_missing_required_field_is_reported_at_once():
    with pytest.raises(ValidationFailed) as caught:
        parse_checkin({"kind": "in"})
    assert set(caught.value.field_errors) == {"client_id", "punched_at", "sent_at", "latitude", "longitude"}


@pytest.mark.parametrize("body", [None, [], "client_id", 7])
def test_a_body_that_is_not_an_object(body):
    with pytest.raises(ValidationFailed) as caught:
        parse_checkin(body)
    assert "objek JSON" in str(caught.value)


def test_the_schema_serializer_documents_the_same_fields():
    fields = CheckinInputSerializer().fields
    assert list(fields) == [f.name for f in FIELDS]
    for spec in FIELDS:
        doc = fields[spec.name]
        assert doc.required == spec.required, spec.name
        assert doc.allow_null == spec.nullable, spec.name
        if not spec.required:
            assert doc.default == spec.default, spec.name
