"""The error that the discipline rules raise: a stable code, two texts, the field at fault and the rule's source.

Not a regulation: this module only carries messages. Rules cannot use gettext (that is Django), so every
error holds ``message_id`` (Bahasa Indonesia, shown to users) and ``message_en``; ``str()`` is the Indonesian
text. ``source`` names the regulation and article that refused the input (the issue asks that a refusal
cite its rule), so a service can show it and an API client can read it.

Pure module: no Django, no clock, no I/O.
"""


class DisciplineRuleError(ValueError):
    """A discipline rule refused its input. ``code`` is stable; ``str()`` is the Indonesian text."""

    def __init__(
        self, code: str, message_id: str, message_en: str, *, field: str | None = None, source: str = ""
    ) -> None:
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.field = field
        self.source = source
        super().__init__(message_id)

    def __reduce__(self) -> tuple[type["DisciplineRuleError"], tuple[str, str, str], dict[str, str | None]]:
        # Keep the exception picklable (task queues) although __init__ takes keyword arguments: the state
        # dict restores ``field`` and ``source`` on the new instance.
        return (type(self), (self.code, self.message_id, self.message_en), {"field": self.field, "source": self.source})
