"""The errors that the performance rules raise, each with a stable code and an Indonesian and English text.

Not a regulation: this module only carries messages. Rules cannot use gettext (that is Django), so every
error holds ``message_id`` (Bahasa Indonesia, shown to users) and ``message_en``; ``str()`` is the
Indonesian text, like ``pamong.people.rules.grades.GradeError``. ``field`` names the input at fault where
there is one (``target``, ``actual``, ``weight``...), so a service can turn the error into
``ValidationFailed(field_errors=...)``.

Pure module: no Django, no clock, no I/O.
"""


class PerformanceRuleError(ValueError):
    """A performance rule refused its input. ``code`` is stable; ``str()`` is the Indonesian text."""

    def __init__(self, code: str, message_id: str, message_en: str, field: str | None = None) -> None:
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.field = field
        super().__init__(message_id)

    def __reduce__(self) -> tuple[type["PerformanceRuleError"], tuple[str, str, str, str | None]]:
        # Keep the exception picklable (task queues) although __init__ takes several arguments.
        return (type(self), (self.code, self.message_id, self.message_en, self.field))


class NumberError(PerformanceRuleError):
    """A value is not a usable number (not a Decimal, not finite, out of range)."""


class AchievementError(PerformanceRuleError):
    """Capaian cannot be computed from this target and actual (``rules.achievement``)."""


class PeriodError(PerformanceRuleError):
    """A reporting period number or a month is out of range (``rules.periods``)."""


class AggregationError(PerformanceRuleError):
    """Period values or a target trajectory cannot be aggregated (``rules.aggregation``)."""


class ScoreIndexError(PerformanceRuleError):
    """A weighted index or a ranking cannot be computed (``rules.index``)."""


class BandError(PerformanceRuleError):
    """A value is outside a band scale, or a scale/threshold definition is invalid (``rules.bands``)."""


class AkipError(PerformanceRuleError):
    """AKIP component scores are incomplete or out of range (``rules.akip``)."""


class LikelihoodError(PerformanceRuleError):
    """A human likelihood-of-delivery rating is unknown or lacks its reason (``rules.likelihood``)."""


class ConsequenceError(PerformanceRuleError):
    """A consequence trigger got inconsistent dates or parameters (``rules.consequences``)."""
