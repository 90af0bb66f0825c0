"""Template filters of the report pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import get_format, number_format

register = template.Library()


@register.filter
def num(value: Any) -> str:
    """A decimal without trailing zeros, in the active language's format (``74,5``, ``1.074,25``); "—" if empty."""
    if value is None or value == "":
        return "—"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(number.normalize(), "f")
    places = len(text.split(".")[1]) if "." in text else 0
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def num_input(value: Any) -> str:
    """The same for an input field: no thousands separator, so that what is shown reads back the same."""
    if value is None or value == "":
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return format(number.normalize(), "f").replace(".", str(get_format("DECIMAL_SEPARATOR")))
