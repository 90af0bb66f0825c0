"""A human "likelihood of delivery" rating, beside the computed colour, always with a reason.

Sources (``domain/field-notes.md``, delivery units; issue 3):

- The UK Prime Minister's Delivery Unit rated each priority's likelihood of delivery in **four colours**:
  red, amber-red, amber-green, green [M] (Barber, *Instruction to Deliver*, 2007, as summarised in the
  field notes, marked unverified there). UKP4 noted ministries' explanations but kept its own judgement.
- Issue 3 asks for the rating *with a mandatory reason* beside the computed traffic light: the computed
  colour is never overwritten; the human rating is a second, explained judgement.
- The minimum length of the reason (default **10** characters after trimming and collapsing spaces) is
  this product's guard against "ok" or "-" [UNCONFIRMED]; a tenant may raise it.

Pure module: no Django, no clock, no I/O.
"""

from dataclasses import dataclass
from enum import StrEnum

from pamong.performance.rules.errors import LikelihoodError

DEFAULT_MIN_REASON_CHARS = 10


class Likelihood(StrEnum):
    """How likely the target is to be delivered, in the delivery unit's four colours."""

    GREEN = "green"  # on course; no major problems
    AMBER_GREEN = "amber_green"  # problems, solvable with attention
    AMBER_RED = "amber_red"  # serious problems; some not yet under control
    RED = "red"  # delivery unlikely without urgent action


@dataclass(frozen=True)
class LikelihoodRating:
    """A validated rating and its reason (whitespace collapsed)."""

    rating: Likelihood
    reason: str


def check_likelihood(rating: str, reason: str, *, min_reason_chars: int = DEFAULT_MIN_REASON_CHARS) -> LikelihoodRating:
    """Validate a human rating: a known value and a reason of at least ``min_reason_chars`` characters.

    ``LikelihoodError`` codes: ``unknown_rating`` (field ``rating``), ``reason_missing``,
    ``reason_too_short`` (field ``reason``).
    """
    try:
        value = Likelihood(rating)
    except ValueError:
        allowed = ", ".join(v.value for v in Likelihood)
        raise LikelihoodError(
            "unknown_rating",
            f"Penilaian kemungkinan tercapai tidak dikenal: {rating!r}. Pilih salah satu: {allowed}.",
            f"Unknown likelihood rating: {rating!r}. Choose one of: {allowed}.",
            "rating",
        ) from None
    text = " ".join(str(reason).split())
    if not text:
        raise LikelihoodError(
            "reason_missing",
            "Alasan penilaian wajib diisi.",
            "A reason for the rating is required.",
            "reason",
        )
    if len(text) < min_reason_chars:
        raise LikelihoodError(
            "reason_too_short",
            f"Alasan penilaian terlalu singkat: paling sedikit {min_reason_chars} karakter, sekarang {len(text)}.",
            f"The reason is too short: at least {min_reason_chars} characters, now {len(text)}.",
            "reason",
        )
    return LikelihoodRating(value, text)
