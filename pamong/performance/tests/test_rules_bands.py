"""rules.bands and rules.akip (``domain/rules.md`` §5.4): traffic light, predicates, AKIP grades, trajectory."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.performance.rules.achievement import Polarity
from pamong.performance.rules.akip import AkipAspect, AkipComponent, akip_result, akip_score, aspect_weights
from pamong.performance.rules.bands import (
    AKIP_GRADES,
    Band,
    BandScale,
    Colour,
    TrafficLight,
    TrajectoryStatus,
    akip_grade,
    colour,
    predicate,
    trajectory_status,
)
from pamong.performance.rules.errors import AkipError, BandError

D = Decimal
MAX, MIN, STAB = Polarity.MAXIMIZE, Polarity.MINIMIZE, Polarity.STABILIZE
AHEAD, ON, BEHIND, NO_DATA = (
    TrajectoryStatus.AHEAD,
    TrajectoryStatus.ON_TRACK,
    TrajectoryStatus.BEHIND,
    TrajectoryStatus.NO_DATA,
)

# ------------------------------------------------------------------------------- traffic light --


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        ("0.00", Colour.RED),
        ("74.99", Colour.RED),
        ("75.00", Colour.YELLOW),
        ("89.99", Colour.YELLOW),
        ("90.00", Colour.GREEN),
        ("100.00", Colour.GREEN),
        ("150.00", Colour.GREEN),
    ],
)
def test_default_traffic_light(capaian, expected) -> None:
    assert colour(D(capaian)) is expected


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [("99.99", Colour.YELLOW), ("100.00", Colour.GREEN), ("79.99", Colour.RED), ("80", Colour.YELLOW)],
)
def test_tenant_traffic_light(capaian, expected) -> None:
    assert colour(D(capaian), TrafficLight(green_from=D(100), yellow_from=D(80))) is expected


@pytest.mark.parametrize(("green", "yellow"), [(D(75), D(75)), (D(70), D(80)), (D(90), D(-1))])
def test_traffic_light_out_of_order(green, yellow) -> None:
    with pytest.raises(BandError) as info:
        TrafficLight(green_from=green, yellow_from=yellow)
    assert info.value.code == "thresholds_out_of_order"


def test_colour_refuses_negative() -> None:
    with pytest.raises(BandError) as info:
        colour(D("-0.01"))
    assert info.value.code == "capaian_negative"


# ----------------------------------------------------------------------------- capaian predicate --


@pytest.mark.parametrize(
    ("capaian", "code"),
    [
        ("0", "SANGAT_RENDAH"),
        ("50.99", "SANGAT_RENDAH"),
        ("51", "RENDAH"),
        ("65.99", "RENDAH"),
        ("66", "SEDANG"),
        ("75.99", "SEDANG"),
        ("76", "TINGGI"),
        ("90.50", "TINGGI"),  # inside the printed gap 90 < x < 91
        ("91.00", "SANGAT_TINGGI"),
        ("250", "SANGAT_TINGGI"),  # no maximum: uncapped capaian
    ],
)
def test_capaian_predicate(capaian, code) -> None:
    assert predicate(D(capaian)).code == code


def test_predicate_below_scale() -> None:
    with pytest.raises(BandError) as info:
        predicate(D(-1))
    assert info.value.code == "below_scale"


# ----------------------------------------------------------------------------------- AKIP grade --


@pytest.mark.parametrize(
    ("score", "code", "label"),
    [
        # §5.4 boundary rule, exactly.
        ("70.00", "B", "Baik"),
        ("70.01", "BB", "Sangat Baik"),
        ("90.00", "A", "Memuaskan"),
        # §5.4 worked example.
        ("75.00", "BB", "Sangat Baik"),
        # Every boundary of the table.
        ("100", "AA", "Sangat Memuaskan"),
        ("90.01", "AA", "Sangat Memuaskan"),
        ("80.01", "A", "Memuaskan"),
        ("80.00", "BB", "Sangat Baik"),
        ("60.01", "B", "Baik"),
        ("60.00", "CC", "Cukup (Memadai)"),
        ("50.01", "CC", "Cukup (Memadai)"),
        ("50.00", "C", "Kurang"),
        ("30.01", "C", "Kurang"),
        ("30.00", "D", "Sangat Kurang"),
        ("0", "D", "Sangat Kurang"),
    ],
)
def test_akip_grade(score, code, label) -> None:
    band = akip_grade(D(score))
    assert (band.code, band.label) == (code, label)


@pytest.mark.parametrize(("score", "code"), [("100.01", "above_scale"), ("-0.01", "below_scale")])
def test_akip_grade_outside_0_100(score, code) -> None:
    with pytest.raises(BandError) as info:
        akip_grade(D(score))
    assert info.value.code == code


def test_akip_worked_example() -> None:
    scores = {
        AkipComponent.PERENCANAAN: D("24.00"),
        AkipComponent.PENGUKURAN: D("22.50"),
        AkipComponent.PELAPORAN: D("11.00"),
        AkipComponent.EVALUASI_INTERNAL: D("17.50"),
    }
    total, grade = akip_result(scores)
    assert str(total) == "75.00"
    assert (grade.code, grade.label) == ("BB", "Sangat Baik")


@pytest.mark.parametrize(
    ("component", "weights"),
    [
        (AkipComponent.PERENCANAAN, (6, 9, 15)),
        (AkipComponent.PENGUKURAN, (6, 9, 15)),
        (AkipComponent.PELAPORAN, (3, D("4.5"), D("7.5"))),
        (AkipComponent.EVALUASI_INTERNAL, (5, D("7.5"), D("12.5"))),
    ],
)
def test_akip_aspect_weights(component, weights) -> None:
    got = aspect_weights(component)
    assert (got[AkipAspect.KEBERADAAN], got[AkipAspect.KUALITAS], got[AkipAspect.PEMANFAATAN]) == weights
    assert sum(got.values()) in (30, 15, 25)


FULL = {c: D(0) for c in AkipComponent}


@pytest.mark.parametrize(
    ("scores", "code", "in_message"),
    [
        (
            {**FULL, AkipComponent.PELAPORAN: D("15.01")},
            "component_out_of_range",
            "Pelaporan Kinerja harus 0 sampai 15",
        ),
        ({**FULL, AkipComponent.PERENCANAAN: D(-1)}, "component_out_of_range", "Perencanaan Kinerja"),
        ({AkipComponent.PERENCANAAN: D(1)}, "missing_components", "Pengukuran Kinerja, Pelaporan Kinerja"),
        ({**FULL, "inovasi": D(1)}, "unknown_component", "inovasi"),
        ({**FULL, AkipComponent.PENGUKURAN: "20"}, "not_a_number", "Pengukuran Kinerja"),
    ],
)
def test_akip_score_refuses(scores, code, in_message) -> None:
    with pytest.raises(AkipError) as info:
        akip_score(scores)
    assert info.value.code == code
    assert in_message in info.value.message_id


def test_akip_score_accepts_stored_values_as_keys() -> None:
    assert (
        akip_score({"perencanaan": D(30), "pengukuran": D(30), "pelaporan": D(15), "evaluasi_internal": D(25)}) == 100
    )


# ----------------------------------------------------------------------------------- band scales --


@pytest.mark.parametrize(
    ("bands", "code"),
    [
        ((), "no_bands"),
        ((Band("A", "a", D(50)), Band("B", "b", D(60))), "bands_out_of_order"),
        ((Band("A", "a", D(50)), Band("B", "b", D(50))), "bands_out_of_order"),
        ((Band("A", "a", D(50)), Band("A", "b", D(0))), "band_codes"),
        ((Band(" ", "a", D(50)), Band("B", "b", D(0))), "band_codes"),
    ],
)
def test_band_scale_definition_refused(bands, code) -> None:
    with pytest.raises(BandError) as info:
        BandScale(bands=bands)
    assert info.value.code == code


def test_band_scale_maximum_must_be_above_the_top_band() -> None:
    with pytest.raises(BandError) as info:
        BandScale(bands=(Band("A", "a", D(50)), Band("B", "b", D(0))), maximum=D(50))
    assert info.value.code == "maximum_too_low"


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_every_akip_score_has_exactly_one_grade(score) -> None:
    band = AKIP_GRADES.classify(score)
    index = AKIP_GRADES.bands.index(band)
    upper = AKIP_GRADES.bands[index - 1].lower if index else D(100)
    assert score <= upper
    assert score > band.lower or (band is AKIP_GRADES.bands[-1] and score >= band.lower)


# ------------------------------------------------------------------------------ trajectory status --


@pytest.mark.parametrize(
    ("case", "actual", "target", "polarity", "tolerance", "expected"),
    [
        ("maximize on the trajectory", D(500), D(500), MAX, D(5), ON),
        ("maximize 5 % short is still on track", D(475), D(500), MAX, D(5), ON),
        ("maximize just over 5 % short", D("474.99"), D(500), MAX, D(5), BEHIND),
        ("maximize 5 % over is on track", D(525), D(500), MAX, D(5), ON),
        ("maximize more than 5 % over", D("525.01"), D(500), MAX, D(5), AHEAD),
        ("maximize, zero tolerance, short", D("499.99"), D(500), MAX, D(0), BEHIND),
        ("minimize below the trajectory is ahead", D("10.0"), D("11.5"), MIN, D(5), AHEAD),
        ("minimize above the trajectory is behind", D("12.5"), D("11.5"), MIN, D(5), BEHIND),
        ("minimize slightly above, within tolerance", D("11.8"), D("11.5"), MIN, D(5), ON),
        ("stabilize within tolerance", D("3.1"), D("3.0"), STAB, D(5), ON),
        ("stabilize above the band is not ahead", D("3.5"), D("3.0"), STAB, D(5), BEHIND),
        ("stabilize below the band", D("2.5"), D("3.0"), STAB, D(5), BEHIND),
        ("nothing reported", None, D(500), MAX, D(5), NO_DATA),
        ("nothing planned, nothing done", D(0), D(0), MAX, D(5), ON),
        ("nothing planned, something done", D(3), D(0), MAX, D(5), AHEAD),
        ("nothing planned, minimize, something happened", D(3), D(0), MIN, D(5), BEHIND),
        ("nothing planned, stabilize, off", D(3), D(0), STAB, D(5), BEHIND),
        ("maximize negative actual", D(-1), D(0), MAX, D(5), BEHIND),
    ],
)
def test_trajectory_status(case, actual, target, polarity, tolerance, expected) -> None:
    assert trajectory_status(actual, target, polarity, tolerance) is expected, case


def test_trajectory_default_tolerance_is_5() -> None:
    assert trajectory_status(D(95), D(100), MAX) is ON
    assert trajectory_status(D("94.99"), D(100), MAX) is BEHIND


@pytest.mark.parametrize(("target", "tolerance"), [(D(-1), D(5)), (D(10), D(-1))])
def test_trajectory_refuses_negative_input(target, tolerance) -> None:
    with pytest.raises(BandError) as info:
        trajectory_status(D(1), target, MAX, tolerance)
    assert info.value.code == "negative_input"
