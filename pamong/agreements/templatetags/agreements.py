"""Template filters of the agreement pages: targets and Rupiah as the documents print them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from pamong.performance.rules.errors import PerformanceRuleError
from pamong.performance.rules.periods import quarter_numeral

from ..rules.items import period_name
from ..rules.texts import number_id, rupiah

register = template.Library()


@register.filter
def target(value: Any) -> str:
    """``Decimal("97.8000")`` → ``97,8``; ``Decimal("12500")`` → ``12.500`` (no trailing zeros)."""
    if value is None or value == "":
        return ""
    try:
        return number_id(value if isinstance(value, Decimal) else Decimal(str(value)))
    except (ValueError, ArithmeticError):
        return str(value)


@register.filter
def rp(value: Any) -> str:
    """Whole Rupiah: ``12500000000`` → ``Rp 12.500.000.000``."""
    try:
        return rupiah(int(value))
    except (TypeError, ValueError):
        return str(value)


@register.filter
def quarter(value: Any) -> str:
    """``3`` → ``III``."""
    try:
        return quarter_numeral(int(value))
    except (TypeError, ValueError, PerformanceRuleError):
        return str(value)


@register.filter
def month_abbr(value: Any) -> str:
    """``3`` → ``Mar`` (Indonesian, as on the document)."""
    try:
        return period_name("monthly", int(value))[:3]
    except (TypeError, ValueError, IndexError):
        return str(value)
