"""Choosing between the Indonesian and English texts that pure rules carry.

Rules modules cannot use gettext (no Django there), so their errors carry both
``message_id`` and ``message_en``; this picks the one for the active language.
"""

from __future__ import annotations

from typing import Protocol

from django.utils.translation import get_language


class BilingualMessage(Protocol):
    @property
    def message_id(self) -> str: ...

    @property
    def message_en(self) -> str: ...


def localized(message: BilingualMessage) -> str:
    language = (get_language() or "id").split("-")[0]
    return message.message_en if language == "en" else message.message_id
