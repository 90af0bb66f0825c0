"""The HTTP load generator of ``bench.attendance``: check-ins from many threads, in a process of its own.

Each thread keeps sending ``POST /api/attendance/checkins/`` with the token of one of the benchmark's users
(round robin) until ``--duration`` seconds have passed; a request that fails is counted, never retried.
Every request opens its own connection, as phones do. Writes the request count, rate, latency percentiles,
status counts and the ``client_id`` of every check-in the server accepted (``ok_ids``), so the benchmark can
look each one up in the punch table ("zero lost").

The requests are written to a plain socket and the answer read to the end: the generator shares the two cores
with the server, and ``http.client``'s header parsing cost it a third of a millisecond per request, CPU the
server under test did not get.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import socket
import threading
import time
import uuid
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.attendance_data import GEOFENCE

PATH = "/api/attendance/checkins/"


def checkin_body(i: int, *, now: dt.datetime) -> dict[str, Any]:
    """Keyword arguments of ``checkin_record`` for one check-in at the benchmark's geofence, pressed ``now``."""
    return {
        "client_id": uuid.uuid4(),
        "punched_at": now,
        "sent_at": now,
        "latitude": GEOFENCE[0] + Decimal(i % 50) / Decimal(1_000_000),
        "longitude": GEOFENCE[1],
        "accuracy_m": 12,
        "is_mock": False,
        "client_device": f"bench-{i % 1000}",
    }


def _json_body(i: int) -> tuple[str, bytes]:
    now = dt.datetime.now(dt.UTC)
    body = checkin_body(i, now=now)
    payload = {
        **body,
        "client_id": str(body["client_id"]),
        "punched_at": now.isoformat(),
        "sent_at": now.isoformat(),
        "latitude": str(body["latitude"]),
        "longitude": str(body["longitude"]),
    }
    return payload["client_id"], json.dumps(payload).encode()


def _post(port: int, token: str, body: bytes) -> tuple[int, bytes]:
    """One ``POST`` on a new connection (``Connection: close``); the status and the body of the answer."""
    head = (
        f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Token {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    chunks = []
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + body)
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    status_line, _, rest = answer.partition(b"\r\n")
    parts = status_line.split(b" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise OSError(f"not an HTTP answer: {answer[:80]!r}")
    return int(parts[1]), rest.partition(b"\r\n\r\n")[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tokens", type=Path, required=True)
    parser.add_argument("--concurrency", type=int, default=24)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    tokens = [token for _employee, token in json.loads(args.tokens.read_text())]
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    ok_ids: list[str] = []
    errors: list[str] = []
    counter = iter(range(10**9))
    deadline = time.monotonic() + args.duration

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                i = next(counter)
            token = tokens[i % len(tokens)]
            client_id, body = _json_body(i)
            started = time.perf_counter()
            try:
                status, payload = _post(args.port, token, body)
            except OSError as exc:
                with lock:
                    statuses[0] += 1
                    errors.append(str(exc)[:200])
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
                if 200 <= status < 300:
                    ok_ids.append(client_id)
                elif len(errors) < 20:
                    errors.append(f"{status}: {payload[:300]!r}")

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * (len(latencies) - 1)))], 1) if latencies else 0.0

    result = {
        "requests": sum(statuses.values()),
        "ok": len(ok_ids),
        "errors": sum(n for s, n in statuses.items() if not 200 <= s < 300),
        "statuses": {str(k): v for k, v in statuses.items()},
        "seconds": round(wall, 2),
        "rate": round(len(ok_ids) / wall, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": pct(1.0),
        "concurrency": args.concurrency,
        "error_samples": errors[:20],
        "ok_ids": ok_ids,
    }
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
