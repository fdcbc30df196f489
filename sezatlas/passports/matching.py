"""Matching both ways (issue 17, item 5): an investor's saved profile to the passports that fit it, and a
passport to the investors whose profiles fit it — only those who opted in to being seen.

The parts are the ones the platform already explains elsewhere, so a match reads like a Congress
recommendation and a site-selection shortlist:

* **sector**: the strongest link between the profile's codes (its ISIC activity and HS products) and the
  passport's, as the Congress matchmaker measures it (`congress/matching/codes.py`: a shorter code stands
  for its subtree, HS meets ISIC through the WITS concordance at a discount); no link, no match;
* **site** (investor's side): the passport's zone as site selection scores it for the profile
  (`siting.actions.rank_project`); a zone the profile's hard needs exclude is no match;
* **money and stage**: a capex range outside the investor's halves the score; a stage the investor
  does not join at is no match; stated needs against the passport's available land and power
  (owner's side, where no ranking runs per investor).

The score is sector × (½ + ½ site score) on the investor's side, sector on the owner's, each halved for
a capex mismatch; reasons say each part in words (English templates here, by kind for the pages).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import Letter, MailSettings
from sezatlas.accounts.roles import Actor, Role, require
from sezatlas.congress.matching.codes import CROSS_SYSTEM, isic_equivalents, label, match_strength, title
from sezatlas.congress.matching.reason_kinds import TEMPLATES, ReasonKind
from sezatlas.passports.authoring import PassportError, may_change, passport_row
from sezatlas.passports.catalogue import Published, every_published, published_passport
from sezatlas.siting.actions import rank_project
from sezatlas.siting.request import RankRequest
from sezatlas.standard.passport import InvestorProfile, Passport
from sezatlas.stewardship.letters import notify, person_address
from sezatlas.store.accounts_tables import OrganisationRow, PersonRow
from sezatlas.store.passport_tables import InvestorProfileRow

SITE_SAMPLES = 200  # the ranking's stability samples: only its scores are used here
MESSAGE_LENGTH = (20, 3000)

TEMPLATES_HERE = {
    "shared_sector": TEMPLATES[ReasonKind.SHARED_SECTOR],
    "zone_ranked": "Site selection ranks {zone} {rank} of {count} zones for your project",
    "capex_fits": "Its capex of {low}–{high} million {currency} is within your range",
    "capex_differs": "Its capex of {low}–{high} million {currency} is outside your range",
    "capex_other_currency": "Its capex is in {currency}, your range in {yours}: not compared",
    "stage_fits": "It is at the stage you join at: {stage}",
    "need_fits": "It has {available} {unit} available for the {needed} {unit} you need",
    "need_short": "It has {available} {unit} available, less than the {needed} {unit} you need",
}


@dataclass(frozen=True, slots=True)
class MatchReason:
    kind: str
    params: dict[str, str]
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", TEMPLATES_HERE[self.kind].format(**self.params))


@dataclass(frozen=True, slots=True)
class PassportMatch:
    published: Published
    score: float
    reasons: list[MatchReason]


@dataclass(frozen=True, slots=True)
class InvestorMatch:
    person_id: int
    name: str
    organisation: str | None
    score: float
    reasons: list[MatchReason]
    profile: InvestorProfile


class ProfileNotFoundError(LookupError):
    """The person has saved no project profile."""


def _codes(isic: Iterable[str], hs: Iterable[str]) -> list[str]:
    return [f"ISIC:{code}" for code in isic] + [f"HS:{code}" for code in hs]


def _strength(a: str, b: str) -> float:
    """`match_strength` within one list; across lists, through the HS → ISIC bridge at a discount."""
    if a.partition(":")[0] == b.partition(":")[0]:
        return match_strength(a, b)
    hs, isic = (a, b) if a.startswith("HS:") else (b, a)
    return CROSS_SYSTEM * sum(share * match_strength(cls, isic) for cls, share in isic_equivalents(hs))


def sector_fit(profile: InvestorProfile, passport: Passport) -> tuple[float, MatchReason | None]:
    """The strongest code link and its reason (on the passport's code), or (0, None)."""
    mine = _codes([profile.project.isic_code], profile.project.hs_codes)
    theirs = _codes(passport.isic_codes, passport.hs_codes)
    best, code = max(((_strength(a, b), b) for a in mine for b in theirs), default=(0.0, ""))
    if best <= 0:
        return 0.0, None
    return best, MatchReason("shared_sector", {"code": label(code), "code_key": code, "title": title(code)})


def _money(profile: InvestorProfile, passport: Passport) -> tuple[float, MatchReason | None]:
    low, high = profile.capex_min_m, profile.capex_max_m
    if low is None and high is None:
        return 1.0, None
    shown = {"low": f"{passport.capex_min_m:,.0f}", "high": f"{passport.capex_max_m:,.0f}",
             "currency": passport.currency}  # fmt: skip
    if profile.currency != passport.currency:
        return 1.0, MatchReason(
            "capex_other_currency", {"currency": passport.currency, "yours": profile.currency}
        )
    overlaps = (low is None or passport.capex_max_m >= low) and (high is None or passport.capex_min_m <= high)
    return (1.0, MatchReason("capex_fits", shown)) if overlaps else (0.5, MatchReason("capex_differs", shown))


def _stage_allows(profile: InvestorProfile, passport: Passport) -> tuple[bool, MatchReason | None]:
    if not profile.stages:
        return True, None
    if passport.stage in profile.stages:
        return True, MatchReason("stage_fits", {"stage": passport.stage.value.replace("_", " ")})
    return False, None


def _needs(profile: InvestorProfile, passport: Passport) -> tuple[bool, list[MatchReason]]:
    """The profile's land and power needs against what the passport says is available (unknown: no say)."""
    reasons, fits = [], True
    pairs = ((profile.project.land_need_ha, passport.needs.land_ha.available, "ha"),
             (profile.project.power_need_mw, passport.needs.power_mw.available, "MW"))  # fmt: skip
    for needed, available, unit in pairs:
        if needed is None or available is None:
            continue
        params = {"needed": f"{needed:g}", "available": f"{available:g}", "unit": unit}
        fits = fits and available >= needed
        reasons.append(MatchReason("need_fits" if available >= needed else "need_short", params))
    return fits, reasons


def _own_profile(session: Session, actor: Actor) -> InvestorProfile:
    require(actor, actor.has(Role.INVESTOR) and actor.person_id is not None, "match a project profile")
    row = session.get(InvestorProfileRow, actor.person_id)
    if row is None:
        raise ProfileNotFoundError("no saved project profile: save one first")
    return InvestorProfile.model_validate(row.profile)


def save_profile(
    session: Session, actor: Actor, profile: InvestorProfile, *, context: RequestContext | None = None
) -> None:
    """An investor: keep this project profile (one per person; saving replaces it)."""
    require(actor, actor.has(Role.INVESTOR) and actor.person_id is not None, "save a project profile")
    assert actor.person_id is not None
    row = session.get(InvestorProfileRow, actor.person_id)
    document = profile.model_dump(mode="json")
    if row is None:
        row = InvestorProfileRow(person_id=actor.person_id)
        session.add(row)
    row.profile, row.shown_to_passport_owners = document, profile.shown_to_passport_owners
    row.updated_at = datetime.now(UTC)
    # The trail keeps that the profile changed and whether it is shown, not the project it describes.
    record(session, actor, "save project profile", "investor_profile", str(actor.person_id),
           after={"shown_to_passport_owners": profile.shown_to_passport_owners}, context=context)  # fmt: skip
    session.commit()


def saved_profile(session: Session, actor: Actor) -> InvestorProfile | None:
    """An investor's own saved profile, or None."""
    try:
        return _own_profile(session, actor)
    except ProfileNotFoundError:
        return None


def passports_for_me(session: Session, actor: Actor, *, limit: int = 20) -> list[PassportMatch]:
    """An investor: the published passports that fit the saved profile, best first, each with reasons.
    Every published passport is weighed (a sector link is a code walk SQL cannot do); the zones are
    ranked once, all of them, so a reason's "rank r of n" is the rank the site-selection page shows."""
    profile = _own_profile(session, actor)
    shortlist = rank_project(session, RankRequest(project=profile.project), shortlist_size=100_000,
                             samples=SITE_SAMPLES)  # fmt: skip
    ranked = {zone.zone_id: zone for zone in shortlist.ranked}
    matches = []
    for hit in every_published(session, stages=list(profile.stages)):
        passport = hit.passport
        zone = ranked.get(passport.zone_id)
        strength, sector = sector_fit(profile, passport) if zone is not None else (0.0, None)
        if sector is None or zone is None:
            continue
        money, capex = _money(profile, passport)
        stage = _stage_allows(profile, passport)[1]
        reasons = [sector, MatchReason("zone_ranked", {"zone": passport.zone_id, "rank": str(zone.rank),
                                                        "count": str(len(ranked))})]  # fmt: skip
        reasons += [reason for reason in (capex, stage) if reason is not None]
        reasons += _needs(profile, passport)[1]
        site = max(0.0, min(1.0, zone.score))
        matches.append(PassportMatch(hit, strength * (0.5 + 0.5 * site) * money, reasons))
    matches.sort(key=lambda m: (-m.score, m.published.passport_id))
    return matches[:limit]


def _investor_match(
    profile: InvestorProfile, country_iso3: str, passport: Passport
) -> tuple[float, list[MatchReason]] | None:
    """How an opted-in profile fits a passport from its owner's side: (score, reasons), or None."""
    countries = profile.project.only_countries
    if (countries and country_iso3 not in countries) or country_iso3 in profile.project.excluded_countries:
        return None
    strength, sector = sector_fit(profile, passport)
    allowed, stage = _stage_allows(profile, passport)
    fits, needs = _needs(profile, passport)
    if sector is None or not allowed or not fits:
        return None
    money, capex = _money(profile, passport)
    return strength * money, [sector, *(reason for reason in (capex, stage) if reason is not None), *needs]


def _shown_profiles(person_id: int | None = None) -> Select[InvestorProfileRow, PersonRow]:
    """The profiles their investors opted in to show, of active people (of one person, when named)."""
    shown = select(InvestorProfileRow, PersonRow).join(
        PersonRow, PersonRow.person_id == InvestorProfileRow.person_id
    )
    shown = shown.where(InvestorProfileRow.shown_to_passport_owners.is_(True), PersonRow.is_active.is_(True))
    return shown if person_id is None else shown.where(PersonRow.person_id == person_id)


def investors_for_passport(
    session: Session, actor: Actor, passport_id: int, *, limit: int = 50
) -> list[InvestorMatch]:
    """A passport's owner (or its zone, or the secretariat): the opted-in investors whose saved profiles
    fit the published passport, best first, with reasons."""
    row = passport_row(session, passport_id)
    require(actor, may_change(actor, row), f"see the investors matching passport {passport_id}")
    passport = published_passport(session, passport_id).passport
    names = select(OrganisationRow.organisation_id, OrganisationRow.name)
    organisations = {int(key): str(name) for key, name in session.execute(names)}
    matches = []
    for profile_row, person in session.execute(_shown_profiles()):
        profile = InvestorProfile.model_validate(profile_row.profile)
        fit = _investor_match(profile, row.country_iso3, passport)
        if fit is None:
            continue
        organisation = organisations.get(person.organisation_id) if person.organisation_id else None
        score, reasons = fit
        matches.append(InvestorMatch(person.person_id, person.name, organisation, score, reasons, profile))
    matches.sort(key=lambda m: (-m.score, m.person_id))
    return matches[:limit]


def write_to_investor(
    session: Session,
    actor: Actor,
    passport_id: int,
    person_id: int,
    message: str,
    *,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> None:
    """A passport's owner writes to an investor whose opted-in profile fits it: a letter with the message
    and the passport's link; the investor answers by sending an inquiry from the passport page. Only to
    an investor listed by `investors_for_passport` — an opt-in is what makes the letter welcome."""
    row = passport_row(session, passport_id)
    require(actor, may_change(actor, row), f"write about passport {passport_id}")
    passport = published_passport(session, passport_id).passport
    shown = session.execute(_shown_profiles(person_id)).first()
    profile = InvestorProfile.model_validate(shown[0].profile) if shown is not None else None
    if profile is None or _investor_match(profile, row.country_iso3, passport) is None:
        raise PassportError(
            f"person_id: investor {person_id} is not among the opted-in matches of this passport"
        )
    text = " ".join(message.split())
    low, high = MESSAGE_LENGTH
    if not low <= len(text) <= high:
        raise PassportError(f"message: {low} to {high} characters, not {len(text)}")
    record(session, actor, "write to matched investor", "passport", str(passport_id),
           after={"person_id": person_id}, context=context)  # fmt: skip
    session.commit()
    to = person_address(session, person_id)
    if mail is None or to is None:
        return
    subject = translate("A zone writes about your project: %(title)s") % {"title": passport.title}
    body = translate(
        "Hello,\n\n%(sender)s read your project profile on SEZ Atlas and writes about the investment "
        "passport “%(title)s”:\n\n%(message)s\n\n"
        "Read the passport and answer with an inquiry here:\n\n%(link)s"
    ) % {"sender": actor.name, "title": passport.title, "message": text,
         "link": f"{mail.site_url}/passports/{passport_id}"}  # fmt: skip
    notify(mail, [Letter(to, subject, body, "passport-match")])
