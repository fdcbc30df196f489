"""A passport offered by a zone's operator, reviewed, published, found by filters, with the incentives
the engine computes for its figures (issue 17, second acceptance point, without the pages)."""

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.roles import Actor, Grant, PermissionDeniedError, Role
from sezatlas.passports.authoring import (
    DraftState,
    PassportError,
    PassportNotFoundError,
    save_draft,
    submit_draft,
    withdraw_passport,
)
from sezatlas.passports.catalogue import (
    CatalogueQueryError,
    PassportQuery,
    find_passports,
    owned_passport,
    passports_csv,
    published_passport,
)
from sezatlas.passports.incentives import passport_incentives
from sezatlas.passports.review import publish_passport, reject_passport, review_queue
from sezatlas.regimes.actions import compare_incentives
from sezatlas.regimes.contract import CapexInput, ProjectInput
from sezatlas.regimes.rules import AssetClass
from sezatlas.standard.passport import Passport, Stage
from sezatlas.store.database import session_factory
from sezatlas.store.models import ZoneRow
from tests.accounts.mailbox import catching_mail
from tests.inquiries.test_inquiries import SECRETARIAT, person

CELLS = {
    "title": "Battery-cell plant, 20 GWh",
    "summary": "A gigafactory of lithium iron phosphate cells on 40 ha of serviced land with 120 MW.",
    "zone_id": "RUS-001",
    "isic_codes": ["2720"],
    "hs_codes": ["850760"],
    "currency": "RUB",
    "capex_min_m": 30_000,
    "capex_max_m": 45_000,
    "jobs_expected": 900,
    "needs": {"land_ha": {"needed": 40, "available": 55}, "power_mw": {"needed": 120, "available": 150}},
    "stage": "feasibility",
    "reference_case": {"capex_buildings_m": 12_000, "capex_machinery_m": 24_000, "revenue_m_per_year": 30_000,
                       "opex_m_per_year": 21_000, "payroll_m_per_year": 2_000, "export_share_pct": 30},
    "contacts": [{"name": "Investor desk", "email": "invest@example.org"}],
    "provenance": {"source_urls": ["https://alabuga.ru/en/"], "as_of": "2026-11"},
}  # fmt: skip


def offered(session: Session, **changes: object) -> tuple[Actor, int]:
    keeper = person(session, "desk@example.org", Grant(Role.ZONE_OPERATOR, "RUS-001"))
    return keeper, save_draft(session, keeper, Passport.model_validate({**CELLS, **changes}))


def test_a_passport_is_offered_reviewed_published_and_found(registry_engine: Engine) -> None:
    with catching_mail() as mailbox, session_factory(registry_engine)() as session:
        mail = MailSettings.configured()
        person(session, "secretariat@example.org", Grant(Role.SECRETARIAT))
        keeper, passport_id = offered(session)
        assert find_passports(session, PassportQuery()).total == 0  # a draft is nobody else's business
        with pytest.raises(PassportNotFoundError):
            published_passport(session, passport_id)
        submit_draft(session, keeper, passport_id, mail=mail)
        assert mailbox.to("secretariat@example.org")
        [waiting] = review_queue(session, SECRETARIAT)
        assert waiting.passport_id == passport_id and waiting.published is None
        with pytest.raises(PermissionDeniedError):
            publish_passport(session, keeper, passport_id)  # the operator does not publish their own
        reject_passport(session, SECRETARIAT, passport_id, "Name the source of the land figures.", mail=mail)
        assert owned_passport(session, keeper, passport_id).draft_state is DraftState.REJECTED
        assert "source of the land" in str(mailbox.to("desk@example.org")[-1].get_body(("plain",)))
        save_draft(
            session, keeper, Passport.model_validate({**CELLS, "stage": "permits"}), passport_id=passport_id
        )
        submit_draft(session, keeper, passport_id)
        publish_passport(session, SECRETARIAT, passport_id, mail=mail)
        assert mailbox.last_link("desk@example.org") == f"/passports/{passport_id}"
        found = published_passport(session, passport_id)
        assert found.passport.stage is Stage.PERMITS and found.country_iso3 == "RUS"
        for query, hits in [
            (PassportQuery(isic="27"), 1),  # the division finds its class
            (PassportQuery(isic="C"), 1),
            (PassportQuery(isic="2910"), 0),
            (PassportQuery(country=["RUS"], stage=[Stage.PERMITS]), 1),
            (PassportQuery(country=["CHN"]), 0),
            (PassportQuery(currency="RUB", capex_min_m=40_000, capex_max_m=60_000), 1),  # ranges overlap
            (PassportQuery(currency="RUB", capex_min_m=46_000), 0),
            (PassportQuery(currency="USD", capex_min_m=1), 0),  # RUB is not converted
            (PassportQuery(jobs_min=1000), 0),
            (PassportQuery(q="battery GWh"), 1),
        ]:
            assert find_passports(session, query).total == hits, query
        with pytest.raises(CatalogueQueryError, match="currency"):
            find_passports(session, PassportQuery(capex_min_m=1))
        withdraw_passport(session, keeper, passport_id)
        assert find_passports(session, PassportQuery(isic="27")).total == 0


def test_the_passports_incentives_are_the_engines_for_the_same_figures(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        zone = session.get(ZoneRow, "RUS-001")
        assert zone is not None and zone.regime_id is not None
        incentives = passport_incentives(session, Passport.model_validate(CELLS))
        # The same project written out for the engine by hand: capex in year 0, then 14 flat years.
        flat = [0.0] + [1.0] * 14
        project = ProjectInput(
            name="same figures", start_date=date(2027, 1, 1), currency="RUB", horizon_years=15,
            capex=[CapexInput(asset_class=AssetClass.BUILDINGS, year=0, amount=12_000e6),
                   CapexInput(asset_class=AssetClass.MACHINERY, year=0, amount=24_000e6)],
            revenue=[30_000e6 * x for x in flat], opex=[21_000e6 * x for x in flat],
            payroll=[2_000e6 * x for x in flat], real_discount_rate=0.08, isic_code="2720",
            export_share=0.3, headcount=900,
        ).to_project()  # fmt: skip
        [outcome] = compare_incentives(project, [zone.regime_id])
        assert outcome.comparison is not None
        assert incentives.regime_id == zone.regime_id and incentives.reasons == ()
        assert incentives.npv_of_incentives == pytest.approx(outcome.comparison.npv_of_incentives)
        assert incentives.zone_aetr == pytest.approx(outcome.comparison.zone.aetr)
        without = passport_incentives(session, Passport.model_validate({**CELLS, "reference_case": None}))
        assert without.npv_of_incentives is None and "no reference case" in without.reasons[0]


def test_bad_passports_are_refused_by_field_and_only_the_zones_side_offers(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        investor = person(session, "someone@example.org", Grant(Role.INVESTOR))
        with pytest.raises(PermissionDeniedError):
            save_draft(session, investor, Passport.model_validate(CELLS))
        with pytest.raises(ValueError, match=r"capex_min_m 50000\.0 is above capex_max_m"):
            Passport.model_validate({**CELLS, "capex_min_m": 50_000})
        with pytest.raises(ValueError, match="reference_case: its capex 36000 m is outside"):
            Passport.model_validate({**CELLS, "capex_min_m": 40_000})
        with pytest.raises(PassportError, match="zone_id: no zone RUS-999"):
            save_draft(session, SECRETARIAT, Passport.model_validate({**CELLS, "zone_id": "RUS-999"}))


def test_the_csv_export_is_inert_in_a_spreadsheet(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        keeper, passport_id = offered(session, title='=HYPERLINK("http://x")')
        submit_draft(session, keeper, passport_id)
        publish_passport(session, SECRETARIAT, passport_id)
        text = passports_csv(find_passports(session, PassportQuery()).passports)
        assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
