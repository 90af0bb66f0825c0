"""Decimal arithmetic shared by the performance rules: input checks, the fixed context, rounding, formatting.

Not a regulation; these are this product's conventions [M]:

- Inputs are ``Decimal`` (``int`` is accepted; ``float``, ``bool`` and text are refused, because binary
  floats cannot hold 0.1 exactly and a form or import must parse text first). NaN and infinities are
  refused; so are magnitudes of 10^18 and more (no target or realisation of a kabupaten comes near).
- Intermediate results use one fixed context, ``CONTEXT`` (50 significant digits, ``ROUND_HALF_EVEN``),
  whatever the caller's thread context is, so a result never depends on who called.
- Percentages shown to people (capaian, index) are rounded once, at the end, ``ROUND_HALF_UP`` to 2 decimal
  places (``round_percent``): 111.105 → 111.11, the way a reader rounds by hand and a spreadsheet's ROUND
  does. A negative zero becomes ``0.00``.
- Messages spell numbers the Indonesian way (``1.234,5``) in ``message_id`` and the English way
  (``1,234.5``) in ``message_en``.

Pure module: no Django, no clock, no I/O.
"""

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

from pamong.performance.rules.errors import PerformanceRuleError

CONTEXT = Context(prec=50, rounding=ROUND_HALF_EVEN)
TWO_PLACES = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
MAX_MAGNITUDE = Decimal(10) ** 18


def as_decimal(
    value: object,
    *,
    field: str,
    label_id: str,
    label_en: str,
    error: type[PerformanceRuleError] = PerformanceRuleError,
) -> Decimal:
    """``value`` as a finite ``Decimal`` of magnitude below 10^18, or ``error`` naming the input.

    ``label_id`` / ``label_en`` name the input in messages ("Target", "Realisasi").
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        shown = type(value).__name__
        raise error(
            "not_a_number",
            f"{label_id} harus berupa angka desimal, bukan {shown}.",
            f"{label_en} must be a decimal number, not {shown}.",
            field,
        )
    number = Decimal(value)
    if not number.is_finite():
        raise error(
            "not_finite",
            f"{label_id} harus berupa angka yang terhingga, bukan {number}.",
            f"{label_en} must be a finite number, not {number}.",
            field,
        )
    if abs(number) >= MAX_MAGNITUDE:
        raise error(
            "out_of_range",
            f"{label_id} terlalu besar: nilainya harus kurang dari 10^18.",
            f"{label_en} is too large: it must be less than 10^18 in magnitude.",
            field,
        )
    return number


def round_percent(value: Decimal) -> Decimal:
    """``value`` rounded ``ROUND_HALF_UP`` to 2 decimal places; never a negative zero."""
    rounded = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP, context=CONTEXT)
    return rounded if rounded != 0 else ZERO


def fmt_id(value: Decimal) -> str:
    """``1234.5`` → ``1.234,5`` (Indonesian grouping and decimal comma)."""
    return fmt_en(value).replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_en(value: Decimal) -> str:
    """``1234.5`` → ``1,234.5``."""
    return f"{value:,f}"
