"""The permission matrix: one request per persona, every mismatch reported at once.

Usable by HTML and API tests alike::

    check_matrix(
        cast, "get", url,
        expectations(404, bupati=200, hr_admin=200, anonymous=302),
    )

Every persona of ``PERSONAS`` plus ``anonymous`` must have an expectation, so a
new endpoint cannot forget one. By default each request runs inside a savepoint
that is rolled back, so every persona meets the same data (a write that
succeeds for one persona does not change what the next one sees).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.http import HttpResponse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from .personas import PERSONAS, Cast

ANONYMOUS = "anonymous"
#: Every caller a matrix must cover, in the order the report lists them.
EVERYONE: tuple[str, ...] = (*PERSONAS, ANONYMOUS)

ClientFactory = Callable[[Cast, str], Any]


def session_client(cast: Cast, persona: str) -> Any:
    """A browser-like client logged in with a session (admin roles already past TOTP)."""
    return cast.client_for(persona)


def token_client(cast: Cast, persona: str) -> APIClient:
    """An API client sending ``Authorization: Token ...`` (no session, no cookie)."""
    client = APIClient()
    if persona != ANONYMOUS:
        token, _created = Token.objects.get_or_create(user=cast.users[persona])
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _body(response: HttpResponse, limit: int = 160) -> str:
    content = getattr(response, "content", b"")
    text = content.decode(errors="replace") if isinstance(content, bytes) else str(content)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _send(client: Any, method: str, url: str, data: Any, content_type: str | None) -> HttpResponse:
    call = getattr(client, method.lower())
    kwargs: dict[str, Any] = {}
    if data is not None:
        kwargs["data"] = data
    if content_type is not None and method.lower() != "get":
        kwargs["content_type"] = content_type
    response: HttpResponse = call(url, **kwargs)
    return response


def check_matrix(
    cast: Cast,
    method: str,
    url: str,
    expected: Mapping[str, int],
    *,
    data: Any = None,
    content_type: str | None = "application/json",
    client_for: ClientFactory = session_client,
    rollback: bool = True,
) -> dict[str, HttpResponse]:
    """Send ``method url`` as every persona and anonymous; fail listing every status that differs.

    ``expected`` maps each persona name (and ``"anonymous"``) to the status code it
    must get. Returns the responses by persona for further assertions.
    """
    missing = [name for name in EVERYONE if name not in expected]
    unknown = sorted(set(expected) - set(EVERYONE))
    if missing or unknown:
        raise AssertionError(
            f"permission matrix for {method.upper()} {url} is incomplete: missing {missing}, unknown {unknown}"
        )
    responses: dict[str, HttpResponse] = {}
    lines: list[str] = []
    mismatches = 0
    for persona in EVERYONE:
        client = client_for(cast, persona)
        if rollback:
            with transaction.atomic():
                response = _send(client, method, url, data, content_type)
                transaction.set_rollback(True)
        else:
            response = _send(client, method, url, data, content_type)
        responses[persona] = response
        want = expected[persona]
        if response.status_code == want:
            lines.append(f"    {persona:<14} {response.status_code}")
        else:
            mismatches += 1
            lines.append(f"  ✗ {persona:<14} expected {want}, got {response.status_code}: {_body(response)}")
    if mismatches:
        header = f"permission matrix {method.upper()} {url}: {mismatches} of {len(EVERYONE)} callers differ"
        raise AssertionError("\n".join([header, *lines]))
    return responses
