"""The body of ``POST /api/attendance/checkins/``: read by ``parse_checkin``, documented by the serializer.

The check-in is the busiest request of the system (every ASN between 07:00 and 08:00), so its nine fields
are read by a plain function instead of a DRF serializer, which deep-copies its fields on every request
(a quarter of the view's time). ``CheckinInputSerializer`` describes the same body for the OpenAPI schema
only; a test keeps the two in step. The service checks what needs the tenant: the clock, the fences.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import serializers

from pamong.core.errors import ValidationFailed

#: ``kind`` values: a press of Masuk or Pulang.
KINDS = ("in", "out")


class CheckinInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The request body as the OpenAPI schema shows it (``parse_checkin`` reads it)."""

    client_id = serializers.UUIDField(help_text="Made by the phone when the button is pressed; a resend repeats it.")
    punched_at = serializers.DateTimeField(help_text="Device time of the press, ISO 8601 with offset.")
    sent_at = serializers.DateTimeField(help_text="Device clock when sending, ISO 8601 with offset.")
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    accuracy_m = serializers.FloatField(required=False, allow_null=True, default=None, min_value=0)
    is_mock = serializers.BooleanField(required=False, default=False)
    client_device = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    kind = serializers.ChoiceField(choices=list(KINDS), required=False, default="in")


def _uuid(value: Any) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ValueError(_("Harus berupa UUID.")) from None


def _datetime(value: Any) -> dt.datetime:
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(_("Harus berupa waktu ISO 8601 dengan zona waktu, mis. 2026-11-23T07:29:00+08:00."))
    return parsed


def _number(low: float | None, high: float | None) -> Callable[[Any], float]:
    def parse(value: Any) -> float:
        number: float | None = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                number = None
        if number is None or not math.isfinite(number):
            raise ValueError(_("Harus berupa angka."))
        if (low is not None and number < low) or (high is not None and number > high):
            if high is None:
                raise ValueError(_("Tidak boleh kurang dari %(low)s.") % {"low": f"{low:g}"})
            raise ValueError(_("Harus di antara %(low)s dan %(high)s.") % {"low": f"{low:g}", "high": f"{high:g}"})
        return number

    return parse


def _boolean(value: Any) -> bool:
    if value in (True, False):
        return bool(value)
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    raise ValueError(_("Harus true atau false."))


def _device(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("Harus berupa teks."))
    if len(value) > 64:
        raise ValueError(_("Paling banyak 64 karakter."))
    return value


def _kind(value: Any) -> str:
    if value not in KINDS:
        raise ValueError(_("Harus in (masuk) atau out (pulang)."))
    return str(value)


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    parse: Callable[[Any], Any]
    required: bool = True
    default: Any = None
    nullable: bool = False


#: The body's fields, in the serializer's order; optional ones with the serializer's defaults.
FIELDS: tuple[_Field, ...] = (
    _Field("client_id", _uuid),
    _Field("punched_at", _datetime),
    _Field("sent_at", _datetime),
    _Field("latitude", _number(-90, 90)),
    _Field("longitude", _number(-180, 180)),
    _Field("accuracy_m", _number(0, None), required=False, nullable=True),
    _Field("is_mock", _boolean, required=False, default=False),
    _Field("client_device", _device, required=False, default=""),
    _Field("kind", _kind, required=False, default="in"),
)
_MISSING = object()


def parse_checkin(data: Any) -> dict[str, Any]:
    """The keyword arguments of ``checkin_record`` from a JSON body; ``ValidationFailed`` with every field's
    message (``fields``) when one is missing or malformed. Unknown keys are ignored, as a serializer would."""
    if not isinstance(data, Mapping):
        raise ValidationFailed(_("Isi permintaan harus berupa objek JSON."))
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field in FIELDS:
        value = data.get(field.name, _MISSING)
        if value is _MISSING or (value is None and field.nullable):
            if field.required:
                errors[field.name] = [_("Wajib diisi.")]
            values[field.name] = field.default
            continue
        if value is None:
            errors[field.name] = [_("Tidak boleh kosong.")]
            continue
        try:
            values[field.name] = field.parse(value)
        except ValueError as exc:
            errors[field.name] = [str(exc)]
    if errors:
        raise ValidationFailed(_("Input tidak sah."), field_errors=errors)
    return values
