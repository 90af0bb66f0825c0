"""rules.geo: haversine distances, geofence membership with accuracy, travel speed (table tests, no database)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.attendance.rules.geo import (
    Fence,
    Point,
    accuracy_slack,
    check_fences,
    distance_m,
    impossible_travel,
    inside_fence,
    speed_kmh,
    valid_point,
)

# Kantor Bupati Maros (a WITA regency) as the reference point.
OFFICE = Point(-5.0055, 119.5733)
ONE_DEGREE_M = 2 * math.pi * 6_371_008.8 / 360  # 111,195 m


def north(point: Point, metres: float) -> Point:
    return Point(point.latitude + metres / ONE_DEGREE_M, point.longitude)


@pytest.mark.parametrize(
    ("a", "b", "expected_m", "tolerance_m"),
    [
        (OFFICE, OFFICE, 0, 0),
        (Point(0, 0), Point(1, 0), ONE_DEGREE_M, 0.01),
        (Point(0, 0), Point(0, 1), ONE_DEGREE_M, 0.01),  # on the equator a degree of longitude equals one of latitude
        (Point(60, 0), Point(60, 1), ONE_DEGREE_M / 2, 30),  # at 60° a degree of longitude is about half
        (OFFICE, north(OFFICE, 100), 100, 0.01),
        # Makassar (Karebosi) to Maros (Kantor Bupati), ~27 km.
        (Point(-5.1477, 119.4327), OFFICE, 22_140, 300),
        (Point(0, 179.9999), Point(0, -179.9999), 22.2, 0.1),  # across the antimeridian
    ],
)
def test_distance(a, b, expected_m, tolerance_m):
    assert distance_m(a, b) == pytest.approx(expected_m, abs=tolerance_m)
    assert distance_m(b, a) == pytest.approx(distance_m(a, b))


@pytest.mark.parametrize(
    ("metres", "accuracy", "radius", "inside"),
    [
        (99.9, None, 100, True),
        (100.0, None, 100, True),  # on the edge counts
        (100.5, None, 100, False),
        (120, 25, 100, True),  # the accuracy circle reaches the fence
        (126, 25, 100, False),
        (150, 3000, 100, True),  # slack is capped at the radius: 100 + 100
        (201, 3000, 100, False),
        (12, 0, 10, False),
        (19.9, 50, 10, True),  # a 10 m fence gets at most 10 m slack
        (20.5, 50, 10, False),
    ],
)
def test_inside_fence_with_accuracy(metres, accuracy, radius, inside):
    fence = Fence(centre=OFFICE, radius_m=radius)
    assert inside_fence(north(OFFICE, metres), fence, accuracy) is inside


@pytest.mark.parametrize(
    ("accuracy", "radius", "slack"),
    [(None, 100, 0), (-5, 100, 0), (float("nan"), 100, 0), (30, 100, 30), (300, 100, 100), (0, 50, 0)],
)
def test_accuracy_slack(accuracy, radius, slack):
    assert accuracy_slack(accuracy, radius) == slack


def test_check_fences_names_the_nearest_edge_when_outside():
    small_near = Fence(centre=north(OFFICE, 300), radius_m=10, ref=1, name="Pos")
    big_far = Fence(centre=north(OFFICE, 900), radius_m=500, ref=2, name="Alun-alun")
    outside = check_fences(OFFICE, [big_far, small_near])
    assert outside.inside is None
    # The nearest by its edge (290 m away), not by its centre.
    assert outside.nearest is small_near
    assert outside.distance_m == pytest.approx(300, abs=0.1)
    assert outside.beyond_m == pytest.approx(290, abs=0.1)


def test_check_fences_finds_the_fence_it_is_inside():
    away = Fence(centre=north(OFFICE, 5000), radius_m=100, ref=1)
    around = Fence(centre=north(OFFICE, 400), radius_m=500, ref=2)
    result = check_fences(OFFICE, [away, around])
    assert result.inside is around and result.beyond_m == 0


def test_check_fences_without_fences():
    result = check_fences(OFFICE, [])
    assert (result.inside, result.nearest, result.distance_m) == (None, None, math.inf)


@pytest.mark.parametrize(
    ("metres", "seconds", "kmh"),
    [(1000, 3600, 1), (100_000, 3600, 100), (10_000, 60, 600), (0, 0, 0), (500, 0, math.inf)],
)
def test_speed(metres, seconds, kmh):
    assert speed_kmh(OFFICE, north(OFFICE, metres), seconds) == pytest.approx(kmh, rel=1e-6)


@pytest.mark.parametrize(
    ("metres", "seconds", "limit", "flagged"),
    [
        (50_000, 600, 120, True),  # 50 km in 10 minutes
        (50_000, 3 * 3600, 120, False),  # 50 km in 3 hours
        (900, 1, 120, False),  # a short hop is never flagged (GPS jitter)
        (1100, 10, 120, True),
        (2000, 59, 120, True),
        (2000, 61, 120, False),
    ],
)
def test_impossible_travel(metres, seconds, limit, flagged):
    assert impossible_travel(OFFICE, north(OFFICE, metres), seconds, limit) is flagged


@pytest.mark.parametrize(
    ("point", "valid"),
    [(OFFICE, True), (Point(91, 0), False), (Point(0, -181), False), (Point(float("nan"), 0), False)],
)
def test_valid_point(point, valid):
    assert valid_point(point) is valid


@given(
    st.floats(-80, 80),
    st.floats(-179, 179),
    st.floats(-80, 80),
    st.floats(-179, 179),
    st.floats(-80, 80),
    st.floats(-179, 179),
)
def test_triangle_inequality(lat1, lon1, lat2, lon2, lat3, lon3):
    a, b, c = Point(lat1, lon1), Point(lat2, lon2), Point(lat3, lon3)
    assert distance_m(a, c) <= distance_m(a, b) + distance_m(b, c) + 1e-6
