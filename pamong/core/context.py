"""Per-request context that services may read without a request object.

Only the request id lives here: it ties audit events to the request that caused
them. Everything else a service needs is passed in explicitly.
"""

from __future__ import annotations

import contextvars

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("pamong_request_id", default="")


def current_request_id() -> str:
    return request_id_var.get()
