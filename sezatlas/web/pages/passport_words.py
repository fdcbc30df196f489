"""The words the passport pages show for a passport's codes and fields (issue 17, item 4).

One label per field of the standard (`standard/passport.py`), keyed by its path as pydantic names it
(`needs.land_ha.needed`, `reference_case.capex_buildings_m`), so the passport page, its PDF, the form and
the review's diff name a field alike, and a refused form's problem lands under the field it is about.
Marked with `N_` for extraction and translated when a page is rendered.
"""

from sezatlas.passports.authoring import DraftState
from sezatlas.standard.passport import OfferedBy, Stage
from sezatlas.web.pages.incentives_form import FIELD_LABELS as INCENTIVE_LABELS
from sezatlas.web.pages.labels import N_

STAGE_TITLES: dict[str, str] = {
    Stage.IDEA: N_("Idea"),
    Stage.FEASIBILITY: N_("Feasibility study"),
    Stage.PERMITS: N_("Obtaining permits"),
    Stage.READY_TO_BUILD: N_("Ready to build"),
}
OFFERED_BY_TITLES: dict[str, str] = {
    OfferedBy.ZONE: N_("The zone"),
    OfferedBy.DEVELOPMENT_INSTITUTION: N_("Development institution"),
}
DRAFT_STATE_TITLES: dict[str, str] = {
    DraftState.EDITING: N_("Draft, not yet submitted"),
    DraftState.SUBMITTED: N_("Submitted, waiting for review"),
    DraftState.REJECTED: N_("Sent back for changes"),
}
PUBLISHED = N_("Published")
NEED_TITLES: dict[str, str] = {
    "land_ha": N_("Land (ha)"),
    "power_mw": N_("Power (MW)"),
    "water_m3_per_day": N_("Water (m³/day)"),
    "gas_m3_per_hour": N_("Gas (m³/h)"),
}
CASE_FIELDS = (
    "start_year", "horizon_years", "capex_buildings_m", "capex_machinery_m", "capex_intangibles_m",
    "revenue_m_per_year", "opex_m_per_year", "payroll_m_per_year", "export_share_pct",
)  # fmt: skip

# Every field of the form, by its path; the reference case's as the incentives form names them.
FIELD_LABELS: dict[str, str] = {
    "title": N_("Title"),
    "summary": N_("Summary"),
    "offered_by": N_("Offered by"),
    "zone_id": N_("Zone"),
    "isic_codes": N_("Activities (ISIC Rev.4)"),
    "hs_codes": N_("Products (HS 2022)"),
    "currency": N_("Currency"),
    "capex_min_m": N_("Capex from (million)"),
    "capex_max_m": N_("Capex up to (million)"),
    "jobs_expected": N_("Jobs expected"),
    "stage": N_("Stage"),
    **{f"reference_case.{name}": INCENTIVE_LABELS[name] for name in CASE_FIELDS},
    "contacts.name": N_("Name"),
    "contacts.role": N_("Role"),
    "contacts.email": N_("E-mail"),
    "contacts.url": N_("Web page"),
    "documents.title": N_("Title"),
    "documents.url": N_("Web address"),
    "provenance.source_urls": N_("Source web pages"),
    "provenance.source_citation": N_("Citation"),
    "provenance.as_of": N_("True as of"),
    "provenance.confidence": N_("Confidence"),
}
GROUP_TITLES: dict[str, str] = {
    "project": N_("The project"),
    "money": N_("Money and jobs"),
    "needs": N_("Land and utilities"),
    "reference_case": N_("Reference case for the incentives"),
    "contacts": N_("Contacts"),
    "documents": N_("Documents"),
    "provenance": N_("Source"),
}
CAPEX_RANGE = N_("%(currency)s %(low)s–%(high)s million")
CONTACT_LINE = N_("Contact %(number)s")
DOCUMENT_LINE = N_("Document %(number)s")
NEED_LINE = N_("needed %(needed)s, available %(available)s")

# `passports.incentives`: its method sentence and its own reasons, in words a reader can be given.
METHOD = N_(
    "The incentive engine of SEZ Atlas on the passport's reference case (capex in year 0, then flat yearly "
    "figures), in the zone's regime against the country's standard regime: NPV of incentives = PV of "
    "taxes under the standard regime − PV under the zone's (docs/incentives.md)."
)
NO_REFERENCE_CASE = N_("The passport gives no reference case with capex, so no incentives are computed.")
REGIME_NOT_ENCODED = N_("Zone %(zone)s's regime is not encoded in SEZ Atlas, so no incentives are computed.")
