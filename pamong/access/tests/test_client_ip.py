"""Lock-out keys on the real client address behind a known number of proxies."""

import pytest
from django.test import RequestFactory, override_settings

from pamong.access.client_ip import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "127.0.0.1"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a spoofed left entry is ignored
        (2, "203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "10.0.0.2", "127.0.0.1"),  # fewer entries than proxies: fall back
        (1, "not-an-ip", "127.0.0.1"),
    ],
)
def test_client_ip(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(PAMONG_TRUSTED_PROXIES=proxies):
        assert client_ip(request) == expected
