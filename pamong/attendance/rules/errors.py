"""The errors that the attendance calendar and hours rules raise, each with a stable code and two texts.

Not a regulation: this module only carries messages. Rules cannot use gettext (that is Django), so every
error holds ``message_id`` (Bahasa Indonesia, shown to users) and ``message_en``; ``str()`` is the
Indonesian text, like ``pamong.performance.rules.errors.PerformanceRuleError``. ``field`` names the input
at fault where there is one (``year``, ``end``, ``break_start``...), so a service can turn the error into
``ValidationFailed(field_errors=...)``.

Pure module: no Django, no clock, no I/O.
"""


class AttendanceRuleError(ValueError):
    """An attendance rule refused its input. ``code`` is stable; ``str()`` is the Indonesian text."""

    def __init__(self, code: str, message_id: str, message_en: str, field: str | None = None) -> None:
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.field = field
        super().__init__(message_id)

    def __reduce__(self) -> tuple[type["AttendanceRuleError"], tuple[str, str, str, str | None]]:
        # Keep the exception picklable (task queues) although __init__ takes several arguments.
        return (type(self), (self.code, self.message_id, self.message_en, self.field))


class CalendarError(AttendanceRuleError):
    """A day, a date range, a work week or a holiday table is unusable (``rules.holidays``, ``rules.workdays``)."""


class ScheduleError(AttendanceRuleError):
    """Daily hours, a week schedule or a dated override is inconsistent (``rules.hours``)."""


class DayStatusError(AttendanceRuleError):
    """One employee-day's punches, excuses or tolerances are unusable (``rules.daystatus``)."""


class LeaveRuleError(AttendanceRuleError):
    """A leave request or a leave balance input is malformed (``rules.leave``); a refusal is not an error."""
