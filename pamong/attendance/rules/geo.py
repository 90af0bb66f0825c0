"""Geometry of the web/mobile check-in: distances on the earth, geofences, travel speed.

Source: no regulation sets these; they are the working rules of the BKPSDM check-in policy as decided in
ADR 0027 (confidence **[L]**: the radius and the tolerances are tenant settings, never constants here).

- Distances are great-circle distances (haversine) on a sphere of the mean earth radius (6,371,008.8 m,
  IUGG); at the scale of a geofence (10 m to 5 km) the error against the WGS-84 ellipsoid is under 0.5 %.
- A phone reports its position with an accuracy radius. A punch counts as inside a fence when its
  uncertainty circle reaches the fence: ``distance <= radius + slack`` where ``slack`` is the reported
  accuracy, but never more than the fence's own radius, so a position "somewhere within 3 km" cannot open
  a 100 m office fence to the whole town.
- Travel speed between two punches is the distance over the time between them; two punches at the same
  moment at different places are infinitely fast.

Pure: no Django, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Mean earth radius in metres (IUGG).
EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True, slots=True)
class Point:
    """A position in decimal degrees (WGS-84)."""

    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Fence:
    """A check-in place: a centre and a radius in metres; ``ref`` identifies it to the caller."""

    centre: Point
    radius_m: float
    ref: int = 0
    name: str = ""


@dataclass(frozen=True, slots=True)
class FenceCheck:
    """Where a punch stands against a set of fences.

    ``inside`` is the fence the punch counts inside (None: outside all); ``nearest`` the fence whose edge is
    closest and ``distance_m`` the distance to its centre, ``beyond_m`` how far past its edge (0 inside).
    """

    inside: Fence | None
    nearest: Fence | None
    distance_m: float
    beyond_m: float


def valid_point(point: Point) -> bool:
    """Latitude in [-90, 90], longitude in [-180, 180], both finite."""
    lat, lon = point.latitude, point.longitude
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def distance_m(a: Point, b: Point) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def accuracy_slack(accuracy_m: float | None, radius_m: float) -> float:
    """How much of the reported accuracy counts in the punch's favour: at most the fence's radius."""
    if accuracy_m is None or accuracy_m <= 0 or not math.isfinite(accuracy_m):
        return 0.0
    return min(float(accuracy_m), float(radius_m))


def inside_fence(point: Point, fence: Fence, accuracy_m: float | None = None) -> bool:
    """Whether ``point`` (with its reported accuracy) counts as inside ``fence``."""
    return distance_m(point, fence.centre) <= fence.radius_m + accuracy_slack(accuracy_m, fence.radius_m)


def check_fences(point: Point, fences: Sequence[Fence], accuracy_m: float | None = None) -> FenceCheck:
    """The first fence the punch counts inside, else the nearest one by its edge (None when there are none)."""
    nearest: Fence | None = None
    nearest_distance = math.inf
    nearest_beyond = math.inf
    for fence in fences:
        d = distance_m(point, fence.centre)
        if d <= fence.radius_m + accuracy_slack(accuracy_m, fence.radius_m):
            return FenceCheck(inside=fence, nearest=fence, distance_m=d, beyond_m=0.0)
        beyond = d - fence.radius_m
        if beyond < nearest_beyond:
            nearest, nearest_distance, nearest_beyond = fence, d, beyond
    return FenceCheck(inside=None, nearest=nearest, distance_m=nearest_distance, beyond_m=nearest_beyond)


def speed_kmh(a: Point, b: Point, seconds: float) -> float:
    """Travel speed in km/h between two positions ``seconds`` apart (infinite for a jump in no time)."""
    metres = distance_m(a, b)
    if seconds <= 0:
        return math.inf if metres > 0 else 0.0
    return metres / 1000 / (seconds / 3600)


def impossible_travel(a: Point, b: Point, seconds: float, limit_kmh: float, min_distance_m: float = 1000) -> bool:
    """Whether moving from ``a`` to ``b`` in ``seconds`` beats ``limit_kmh`` over at least ``min_distance_m``.

    Short hops are never flagged: two punches a few hundred metres apart a minute apart are GPS jitter or a
    walk between buildings, not fraud.
    """
    return distance_m(a, b) >= min_distance_m and speed_kmh(a, b, seconds) > limit_kmh
