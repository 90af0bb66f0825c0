"""Domain errors raised by services and turned into responses by base views.

A service never returns an HTTP response: it raises one of these and the HTML
base views and the API exception handler translate it, so both interfaces
speak the same language about the same failure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    """A request the domain refuses. ``code`` is stable, ``message`` is for people."""

    code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field_errors: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.field_errors: dict[str, list[str]] = {k: [str(m) for m in v] for k, v in (field_errors or {}).items()}

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"code": self.code, "detail": str(self.message)}
        if self.field_errors:
            data["fields"] = self.field_errors
        return data


class ValidationFailed(DomainError):
    """Input broke a rule; nothing was written."""

    code = "validation_failed"


class NotFoundError(DomainError):
    """The object does not exist, or the actor may not know it exists (out of scope)."""

    code = "not_found"


class Forbidden(DomainError):
    """The actor can see the object but may not perform this action on it."""

    code = "forbidden"


class Conflict(DomainError):
    """The state changed under the request (a race, a duplicate, a closed record)."""

    code = "conflict"
