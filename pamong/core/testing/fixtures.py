"""pytest fixtures shared by every app's tests."""

from __future__ import annotations

import pytest

from .personas import Cast, build_cast


@pytest.fixture
def cast(db: None) -> Cast:
    """The fixed cast of personas (see personas.py)."""
    return build_cast()
