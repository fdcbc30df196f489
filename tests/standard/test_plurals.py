"""Counts in words follow CLDR's English plural rule: one for 1, other for everything else."""

import pytest

from sezatlas.standard.plurals import counted, noun


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 zones"), (1, "1 zone"), (2, "2 zones"), (1200, "1,200 zones"), (21, "21 zones")],
)
def test_a_count_takes_the_form_its_number_needs(count: int, expected: str) -> None:
    assert counted(count, "zone") == expected


def test_an_irregular_plural_is_given_once() -> None:
    assert counted(1, "country", "countries") == "1 country"
    assert counted(11, "country", "countries") == "11 countries"
    assert noun(1, "participant") == "participant"
