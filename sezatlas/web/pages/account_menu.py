"""The logged-in reader's own entries in the header (`_account_nav.html`): the inbox, the import page,
the inquiries, an investor's project profile and its matches, the account page.

The header is on every page, so the menu cannot wait for a page to ask who is acting: it takes the actor
the page resolved (`deps.current_actor` leaves it on `request.state`), else looks the session cookie up
itself. Which entries show follows the rules the pages' use cases enforce (an entry shown to someone the
page would refuse is a dead end); the pages still check for themselves.
"""

from dataclasses import dataclass

from fastapi import Request

from sezatlas.accounts.actions import actor_for_session
from sezatlas.accounts.roles import Actor, Grant, Role, may_administer
from sezatlas.store.database import DATABASE_UNAVAILABLE_ERRORS
from sezatlas.web.deps import SESSION_COOKIE


@dataclass(frozen=True, slots=True)
class AccountMenu:
    may_read_inbox: bool = False  # a zone's operator or the secretariat (`error_reports`)
    may_import: bool = False  # the secretariat (`import_file`)
    may_review: bool = False  # the secretariat (`review_queue`)
    may_make_reports: bool = False  # the secretariat (`reports.actions.country_report`)
    may_read_inquiries: bool = False  # anyone logged in (`inquiries.reading.inbox`)
    may_keep_passports: bool = False  # a zone's operator, an organisation's person (`my_passports`)
    may_keep_profile: bool = False  # an investor (`passports.matching.save_profile`)
    may_keep_offers: bool = False  # a member or a zone's operator (`offers.actions.publishable_zones`)
    has_account_page: bool = False  # a person with an account (`personal_data.own_address`)


NO_MENU = AccountMenu()


def menu_for(actor: Actor) -> AccountMenu:
    keeps_a_zone = any(grant.role is Role.ZONE_OPERATOR for grant in actor.grants)
    is_secretariat = may_administer(actor)
    return AccountMenu(
        may_read_inbox=keeps_a_zone or is_secretariat,
        may_import=is_secretariat,
        may_review=is_secretariat,
        may_make_reports=is_secretariat,
        may_read_inquiries=actor.is_authenticated,
        may_keep_passports=keeps_a_zone or is_secretariat or actor.organisation_id is not None,
        # The investor's own grant: the secretariat, who may do what an investor does, keeps no project.
        may_keep_profile=Grant(Role.INVESTOR) in actor.grants and actor.person_id is not None,
        may_keep_offers=actor.person_id is not None
        and (keeps_a_zone or (Grant(Role.MEMBER) in actor.grants and actor.organisation_id is not None)),
        has_account_page=actor.person_id is not None,
    )


def account_menu(request: Request) -> AccountMenu:
    """The menu of the person behind the request's session cookie (none without one)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return NO_MENU
    actor = getattr(request.state, "actor", None)
    sessions = getattr(request.app.state, "sessions", None)
    if not isinstance(actor, Actor) and sessions is not None:
        try:
            with sessions() as session:
                actor = actor_for_session(session, cookie)
        except DATABASE_UNAVAILABLE_ERRORS:  # the error page of an outage still renders, without a menu
            return NO_MENU
    return menu_for(actor) if isinstance(actor, Actor) else NO_MENU
