"""Matching both ways: an investor's saved profile finds the passports that fit it, with reasons; a
passport's owner finds only the investors who opted in, and may write to them (issue 17, item 5)."""

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.roles import Grant, PermissionDeniedError, Role
from sezatlas.passports.authoring import PassportError, save_draft, submit_draft
from sezatlas.passports.matching import (
    ProfileNotFoundError,
    investors_for_passport,
    passports_for_me,
    save_profile,
    write_to_investor,
)
from sezatlas.passports.review import publish_passport
from sezatlas.standard.passport import InvestorProfile, Passport
from sezatlas.standard.project import ProjectProfile
from sezatlas.store.database import session_factory
from tests.accounts.mailbox import catching_mail
from tests.inquiries.test_inquiries import SECRETARIAT, person
from tests.passports.test_passports import CELLS


def published(session: Session, **changes: object) -> int:
    passport_id = save_draft(session, SECRETARIAT, Passport.model_validate({**CELLS, **changes}))
    submit_draft(session, SECRETARIAT, passport_id)
    publish_passport(session, SECRETARIAT, passport_id)
    return passport_id


def profile(isic: str, *, shown: bool = True, **project: object) -> InvestorProfile:
    return InvestorProfile(
        project=ProjectProfile.model_validate({"name": "Cells", "isic_code": isic, **project}),
        currency="RUB", capex_min_m=20_000, capex_max_m=40_000, shown_to_passport_owners=shown,
    )  # fmt: skip


def test_an_investor_finds_the_passports_of_their_sector_with_reasons(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        batteries = published(session)
        published(session, title="Cocoa processing", isic_codes=["1073"], hs_codes=["1805"])
        investor = person(session, "cells@example.org", Grant(Role.INVESTOR))
        with pytest.raises(ProfileNotFoundError):
            passports_for_me(session, investor)
        save_profile(session, investor, profile("27", land_need_ha=30))  # electrical equipment, a division
        [match] = passports_for_me(session, investor)
        assert match.published.passport_id == batteries
        kinds = [reason.kind for reason in match.reasons]
        assert (
            kinds[:2] == ["shared_sector", "zone_ranked"] and "capex_fits" in kinds and "need_fits" in kinds
        )
        assert "ISIC 2720" in match.reasons[0].text
        assert 0 < match.score <= 1
        save_profile(session, investor, profile("27", only_countries=["CHN"]))  # the zone is in Russia
        assert passports_for_me(session, investor) == []
        # an HS product reaches the ISIC class through the concordance
        save_profile(session, investor, profile("01", hs_codes=["850760"]))
        assert [m.published.passport_id for m in passports_for_me(session, investor)] == [batteries]


def test_an_owner_sees_only_opted_in_investors_that_fit_and_may_write_to_them(
    registry_engine: Engine,
) -> None:
    with catching_mail() as mailbox, session_factory(registry_engine)() as session:
        keeper = person(session, "desk@example.org", Grant(Role.ZONE_OPERATOR, "RUS-001"))
        passport_id = published(session)
        shy = person(session, "shy@example.org", Grant(Role.INVESTOR))
        open_ = person(session, "open@example.org", Grant(Role.INVESTOR))
        big = person(session, "big@example.org", Grant(Role.INVESTOR))
        save_profile(session, shy, profile("2720", shown=False))
        save_profile(session, open_, profile("2720"))
        save_profile(session, big, profile("2720", land_need_ha=500))  # more land than the 55 ha available
        [match] = investors_for_passport(session, keeper, passport_id)
        assert match.name == "open" and match.score == pytest.approx(1.0)
        with pytest.raises(PermissionDeniedError):
            investors_for_passport(session, open_, passport_id)
        with pytest.raises(PassportError, match="not among the opted-in"):
            write_to_investor(
                session, keeper, passport_id, shy.person_id or 0, "We have a plot ready for you."
            )
        write_to_investor(session, keeper, passport_id, match.person_id, "We have a plot ready for you now.",
                          mail=MailSettings.configured())  # fmt: skip
        assert mailbox.last_link("open@example.org") == f"/passports/{passport_id}"
        assert mailbox.to("shy@example.org") == []
        with pytest.raises(PermissionDeniedError):
            save_profile(session, keeper, profile("2720"))  # a zone operator keeps no investor profile


def test_every_published_passport_is_weighed_not_only_a_catalogue_page(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        batteries = published(session)  # the oldest; a catalogue page (newest first, 500 at most) misses it
        for number in range(500):
            published(session, title=f"Cocoa processing {number}", isic_codes=["1073"], hs_codes=["1805"])
        investor = person(session, "cells@example.org", Grant(Role.INVESTOR))
        save_profile(session, investor, profile("27"))
        assert [match.published.passport_id for match in passports_for_me(session, investor)] == [batteries]
