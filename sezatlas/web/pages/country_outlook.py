"""The Growth Lab's economic-complexity figures for the country page (issue 19, item 4).

The figures are the Growth Lab's own, bundled unchanged (`sezatlas/chains/growth_lab.py`), so the section
shows them as published and names their source; nothing here is recomputed. A country the bundle does not
cover gets no section rather than an empty one.
"""

from dataclasses import dataclass

from sezatlas.chains.growth_lab import country_figures
from sezatlas.chains.product_space import CountryOutlook, country_outlook
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext

# The four strategic approaches of the Growth Lab's country profiles, as the bundled file names them.
APPROACHES = {
    "light touch": N_("Light touch"),
    "parsimonious industrial": N_("Parsimonious industrial policy"),
    "strategic bets": N_("Strategic bets"),
    "technological frontier": N_("Technological frontier"),
}


@dataclass(frozen=True, slots=True)
class OutlookView:
    outlook: CountryOutlook
    approach: str | None  # in the reader's language; None when the Growth Lab gives none
    latest_year: int | None  # the latest year with an ECI
    latest_eci: float | None
    latest_projection: float | None


def outlook_view(iso3: str, reader: PageContext) -> OutlookView | None:
    """The section's figures, or None for a country outside the bundle (the section is then left out)."""
    if iso3.upper() not in country_figures():
        return None
    outlook = country_outlook(iso3)
    known = [year for year in outlook.years if year.eci is not None]
    latest = max(known, key=lambda year: year.year) if known else None
    raw = outlook.strategic_approach
    approach = reader.gettext(APPROACHES[raw]) if raw in APPROACHES else raw
    return OutlookView(
        outlook=outlook,
        approach=approach,
        latest_year=latest.year if latest else None,
        latest_eci=latest.eci if latest else None,
        latest_projection=latest.growth_projection if latest else None,
    )
