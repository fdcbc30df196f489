"""The colours of zone types and statuses (map, legends, charts) stay apart for colour-blind readers.

Each colour is seen as a person with protanopia, deuteranopia or tritanopia sees it (the severity-1.0
matrices of Machado, Oliveira & Fernandes, "A physiologically-based model for simulation of color vision
deficiency", IEEE TVCG 2009, applied to linear RGB), then every two are compared in CIELAB (ΔE*ab,
D65). The palette before had vermillion (export processing zones) and dark goldenrod (ETDZ) 3.2 apart
for deuteranopes.
"""

from itertools import combinations

import numpy as np
import numpy.typing as npt
import pytest

from sezatlas.web.pages.labels import ZONE_TYPE_COLOURS
from sezatlas.web.pages.statistics import STATUS_COLOURS

Vector = npt.NDArray[np.float64]

MIN_DELTA_E = 12.0  # "clearly different" for neighbouring bars; the Okabe–Ito colours reach 16
VISION = {
    "typical": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
D65 = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(hex_colour: str) -> Vector:
    channels = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)


def cielab(linear: Vector) -> Vector:
    ratio = SRGB_TO_XYZ @ np.clip(linear, 0.0, 1.0) / D65
    f = np.where(ratio > 0.008856, np.cbrt(ratio), 7.787 * ratio + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def closest_pair(colours: list[str]) -> tuple[float, str, str, str]:
    """The smallest ΔE between two of `colours` under any of the visions, and which."""
    found = []
    for vision, matrix in VISION.items():
        seen = {colour: cielab(matrix @ linear_rgb(colour)) for colour in colours}
        found += [
            (float(np.linalg.norm(seen[a] - seen[b])), vision, a, b) for a, b in combinations(colours, 2)
        ]
    return min(found)


@pytest.mark.parametrize("palette", [ZONE_TYPE_COLOURS, STATUS_COLOURS], ids=["zone types", "statuses"])
def test_every_two_colours_stay_apart_for_colour_blind_readers(palette: dict[str, str]) -> None:
    colours = list(palette.values())
    assert len(set(colours)) == len(colours)
    distance, vision, a, b = closest_pair(colours)
    assert distance >= MIN_DELTA_E, f"{a} and {b} look alike with {vision} (ΔE {distance:.1f})"


def test_the_check_finds_colours_that_differ_only_for_typical_vision() -> None:
    distance, vision, *_ = closest_pair(["#D55E00", "#B8860B"])  # the old export processing zone and ETDZ
    assert distance < MIN_DELTA_E and vision == "deuteranopia"
