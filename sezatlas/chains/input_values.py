"""What a zone's regime is worth to a producer of one input: the NPV of incentives of a reference project.

The suppliers of an input (`suppliers.py`) are shown with the value of their zone's regime for a project of
that input's sector. No user project is at hand, so the project is a reference one
(`sezatlas/regimes/reference_projects.py`, figures from `sector_profiles.toml`: illustrative round numbers,
not sourced facts): the profile nearest to the input in the ISIC tree (same class, else group, division,
section; the file's order breaks ties), with its ISIC code set to the input's own class so that the
regimes' sector conditions are judged for the input. An input in a section no profile covers (mining,
utilities…) gets no value, and says why, rather than borrowing a project of another kind of activity.

Values, and the engine's reasons when there are none, come from `regimes.zone_values.regime_values`, the
site-selection path, and are kept per (input class, regime): the rules files and the profiles are bundled
and do not change while a process runs.
"""

import dataclasses
import math
import threading
from dataclasses import dataclass

from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.project import Project
from sezatlas.regimes.reference_projects import sector_project
from sezatlas.regimes.sector_profiles import sector_profiles
from sezatlas.regimes.zone_values import RegimeValue as EngineValue
from sezatlas.regimes.zone_values import regime_values
from sezatlas.standard.codelists import isic_ancestors

NO_REGIME = "the zone is linked to no regime in the incentive engine"
NOT_COMPUTABLE = "the incentive engine cannot value regime {regime} for the reference project"
NO_RULES = "regime {regime} has no rules file in the incentive engine"
NO_PROJECT = "no reference project in ISIC section {section}: sector_profiles.toml has none"


@dataclass(frozen=True, slots=True)
class RegimeValue:
    """The NPV of incentives (US dollars, reference project) of a regime, or None and the reason."""

    npv_usd: float | None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ReferenceProject:
    """The project an input's regimes are valued with, and the words that say which it is."""

    profile_code: str | None  # a table of sector_profiles.toml; None when no profile shares the section
    project: Project | None
    described: str


def _shared_levels(a: str, b: str) -> int:
    """How many levels of the ISIC tree (section, division, group, class) two classes share."""
    left, right = isic_ancestors(a)[::-1], isic_ancestors(b)[::-1]
    return sum(1 for x, y in zip(left, right, strict=False) if x == y)


def reference_project(isic_class: str) -> ReferenceProject:
    """The sector profile nearest to the class in the ISIC tree, as a project tagged with the class."""
    ranked = sorted(
        sector_profiles().values(), key=lambda profile: -_shared_levels(profile.isic_code, isic_class)
    )
    best = ranked[0]
    if _shared_levels(best.isic_code, isic_class) == 0:
        section = isic_ancestors(isic_class)[-1] if isic_ancestors(isic_class) else isic_class
        return ReferenceProject(None, None, NO_PROJECT.format(section=section))
    project = dataclasses.replace(sector_project(best.code), isic_code=isic_class)
    described = (
        f"reference project '{best.code}' (ISIC {best.isic_code}, sezatlas/regimes/sector_profiles.toml: "
        f"illustrative figures, not sourced facts) taken as ISIC {isic_class}: USD, starting "
        f"{project.start_date.year}, {project.horizon_years} years, NPV of incentives against the "
        "country's standard regime"
    )
    return ReferenceProject(best.code, project, described)


def _value(value: EngineValue | None, regime: str) -> RegimeValue:
    if value is None:
        return RegimeValue(None, NO_RULES.format(regime=regime))
    if value.npv is None or not math.isfinite(value.npv):
        why = f": {value.reason}" if value.reason else ""
        return RegimeValue(None, NOT_COMPUTABLE.format(regime=regime) + why)
    return RegimeValue(value.npv)


class InputValues:
    """Regime values per (input class, regime), computed once per process (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._projects: dict[str, ReferenceProject] = {}
        self._values: dict[tuple[str, str], RegimeValue] = {}

    def project_for(self, isic_class: str) -> ReferenceProject:
        with self._lock:
            if isic_class not in self._projects:
                self._projects[isic_class] = reference_project(isic_class)
            return self._projects[isic_class]

    def values(self, isic_class: str, regime_ids: set[str]) -> dict[str, RegimeValue]:
        """regime_id → its value for the input's reference project (every asked regime is answered)."""
        reference = self.project_for(isic_class)
        if reference.project is None:
            return {r: RegimeValue(None, reference.described) for r in regime_ids}
        with self._lock:
            missing = sorted(r for r in regime_ids if (isic_class, r) not in self._values)
        if missing:
            known = load_regimes()
            computed = regime_values(reference.project, (r for r in missing if r in known), known)
            with self._lock:
                for regime in missing:
                    self._values[(isic_class, regime)] = _value(computed.get(regime), regime)
        with self._lock:
            return {r: self._values[(isic_class, r)] for r in regime_ids}


INPUT_VALUES = InputValues()
