"""Fixtures for the regime tests (the examples live in regime_examples.py)."""

import pytest
from regime_examples import standard_regime, worked_project, zone_regime

from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime


@pytest.fixture
def project() -> Project:
    return worked_project()


@pytest.fixture
def standard() -> Regime:
    return standard_regime()


@pytest.fixture
def zone() -> Regime:
    return zone_regime()
