"""The Congress pages' words for codes: roles, request states, recommendation reasons, unmet requests.

A recommendation reason comes from the core as a kind and its parameters (`congress.reasons`); here
each kind has a gettext template filled from those parameters, so a reason reads in the page's
language. Code titles stay in the nomenclature's English (the UN's wording, as on the other pages),
and description words stay in the language the participant wrote them in. A kind without a template
(added to the core later) falls back to the core's English sentence.

Unmet requests come the same way: a kind (`REASON_KINDS`) and the names and numbers of the sentence,
translated here by kind (schedules stored without them get them back from their sentence when loaded,
`report.with_kind`); a reason of no known kind is shown as the report wrote it.
"""

from collections.abc import Mapping

from babel.numbers import format_decimal
from markupsafe import Markup, escape

from sezatlas.congress.matching.reasons import Reason, ReasonKind
from sezatlas.congress.matching.strength import Summary, SummaryKind
from sezatlas.congress.model import RequestStatus, Role
from sezatlas.congress.scheduling.report import NAMED, UnmetRequest, with_kind
from sezatlas.web.i18n import LANGUAGES, translations
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext

ROLE_TITLES: dict[Role, str] = {
    Role.INVESTOR: N_("Investor"),
    Role.ZONE_OPERATOR: N_("Zone operator"),
    Role.ASSOCIATION: N_("Association"),
    Role.DEVELOPMENT_INSTITUTION: N_("Development institution"),
    Role.MANUFACTURER: N_("Manufacturer"),
    Role.AGENCY: N_("Agency"),
}

STATUS_TITLES: dict[RequestStatus, str] = {
    RequestStatus.PENDING: N_("Pending"),
    RequestStatus.ACCEPTED: N_("Accepted"),
    RequestStatus.DECLINED: N_("Declined"),
}

METHOD_TITLES: dict[str, str] = {
    "exact": N_("exact model (CP-SAT)"),
    "lns": N_("large-neighbourhood search"),
    "greedy": N_("greedy"),
    "fcfs": N_("first come, first served"),
}

REASON_TEMPLATES: dict[ReasonKind, str] = {
    ReasonKind.NEED_MET: N_("You need %(code)s (%(title)s); they offer it"),
    ReasonKind.NEED_MET_BY_RELATED: N_(
        "You need %(code)s (%(title)s); they offer %(other)s (%(other_title)s)"
    ),
    ReasonKind.OFFER_NEEDED: N_("They need %(code)s (%(title)s); you offer it"),
    ReasonKind.OFFER_NEEDED_AS_RELATED: N_(
        "They need %(code)s (%(title)s); you offer %(other)s (%(other_title)s)"
    ),
    ReasonKind.OPERATES_LISTED_ZONE: N_("They operate %(zone)s, which you listed"),
    ReasonKind.ZONE_FITS_YOU: N_(
        "They operate %(zone)s, specialised in %(code)s (%(title)s), which fits what you do"
    ),
    ReasonKind.YOUR_ZONE_FITS_THEM: N_(
        "Your zone %(zone)s specialises in %(code)s (%(title)s), which they work in"
    ),
    ReasonKind.OFFER_FITS_LISTED_ZONE: N_(
        "They offer %(code)s (%(title)s), a specialisation of %(zone)s, which you listed"
    ),
    ReasonKind.SIMILAR_NEED_DESCRIPTION: N_(
        "What you need and what they offer are described alike: %(terms)s"
    ),
    ReasonKind.SIMILAR_OFFER_DESCRIPTION: N_(
        "What you offer and what they need are described alike: %(terms)s"
    ),
    ReasonKind.SHARED_SECTOR: N_("Both work in %(code)s (%(title)s)"),
    ReasonKind.THEIR_OFFER: N_("They offer: “%(words)s”"),
    ReasonKind.THEIR_NEED: N_("They are looking for: “%(words)s”"),
    ReasonKind.SHARED_LANGUAGES: N_("You can talk without an interpreter: you both speak %(languages)s"),
    ReasonKind.ROLE_FIT: N_("%(you)s ↔ %(them)s"),
}

SUMMARY_TEMPLATES: dict[SummaryKind, str] = {
    SummaryKind.STRONG: N_("Strong match (%(score)s of 1): both of you have much to gain from meeting"),
    SummaryKind.GOOD: N_("Good match (%(score)s of 1): both of you have something to gain from meeting"),
    SummaryKind.WEAK_MORE_FOR_YOU: N_(
        "Weak match (%(score)s of 1): you would gain more from it than they would"
    ),
    SummaryKind.WEAK_MORE_FOR_THEM: N_(
        "Weak match (%(score)s of 1): they would gain more from it than you would"
    ),
    SummaryKind.WEAK_ROLES_ONLY: N_(
        "Weak match (%(score)s of 1): only your roles fit; nothing you offer or need meets theirs"
    ),
    SummaryKind.WEAK: N_("Weak match (%(score)s of 1): little of what you offer and need meets theirs"),
}


def role_title(role: str, reader: PageContext) -> str:
    """ "Zone operator" in the reader's language; an unknown role as it is stored."""
    try:
        return reader.gettext(ROLE_TITLES[Role(role)])
    except ValueError:
        return role


def language_name(code: str, lang: str) -> str:
    """ "Chinese", "китайский", "中文": a participant's language named in the reader's language."""
    name = LANGUAGES[lang].locale.languages.get(code)
    return str(name) if name else code


def languages_text(pair: str, lang: str) -> str:
    """An interpreter pair "en–zh" as "English–Chinese"."""
    return "–".join(language_name(code, lang) for code in pair.split("–"))


def summary_text(summary: Summary, score: float, reader: PageContext) -> str:
    """ "Strong match (0.44 of 1): …" in the reader's language, the score in its number format."""
    shown = format_decimal(score, format="0.00", locale=LANGUAGES[reader.lang].locale)  # "0.20"
    return reader.gettext(SUMMARY_TEMPLATES[summary.kind]) % {"score": shown}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _zone_link(zone_id: str) -> Markup:
    """A zone id linked to its page; `dir` isolates it like `<bdi>` does."""
    return Markup('<a href="/zones/{0}" dir="ltr">{0}</a>').format(zone_id)


def reason_html(reason: Reason, reader: PageContext) -> Markup:
    """One reason as a sentence in the reader's language, its zone linked to the zone's page."""
    template = REASON_TEMPLATES.get(reason.kind)
    if template is None:
        return escape(reason.text)
    # Codes, English titles and description words are isolated, so that an Arabic sentence keeps them whole.
    params: dict[str, str | Markup] = {
        key: Markup("<bdi>{}</bdi>").format(value) for key, value in reason.params.items()
    }
    if reason.kind is ReasonKind.ROLE_FIT:
        params["you"] = role_title(reason.params.get("your_role", ""), reader)
        params["them"] = _lower_first(role_title(reason.params.get("their_role", ""), reader))
    if "zone" in reason.params:
        params["zone"] = _zone_link(reason.params["zone"])
    if reason.kind is ReasonKind.SHARED_LANGUAGES:
        codes = reason.params.get("language_codes", "").split(";")
        params["languages"] = ", ".join(language_name(code, reader.lang) for code in codes if code)
    try:
        return Markup(escape(reader.gettext(template))) % params
    except KeyError:  # a parameter the core no longer sends: its own English sentence is still right
        return escape(reason.text)


_UNMET_KINDS: Mapping[str, str] = {
    "blocked": N_("The pair is blocked"),
    "unregistered": N_("Not a registered participant"),
    "no_language": N_("No common language and no interpreter for their languages"),
    "no_common_slot": N_("No common free slot"),
    "cap": N_("A participant reached their maximum of meetings"),
    "tables": N_("All tables taken in every common free slot"),
    "interpreters": N_("No interpreter free in any common slot"),
    "taken": N_("Common free slots taken by more valuable meetings"),
    "travel": N_("No table reachable in time between halls"),
    "declined": N_("Request declined"),
    "pending": N_("Request awaiting an answer"),
}


def unmet_kind_text(kind: str, reader: PageContext) -> str:
    """A kind of reason as a heading of the counts ("A participant reached their maximum of meetings")."""
    return reader.gettext(_UNMET_KINDS[kind]) if kind in _UNMET_KINDS else kind


def unmet_text(unmet: UnmetRequest, reader: PageContext) -> str:
    """Why this requested pair has no meeting, in the reader's language, from its kind and parameters."""
    unmet = with_kind(unmet)
    params = unmet.params
    if unmet.kind == "cap" and {"participant", "maximum"} <= params.keys():
        template = translations(reader.lang).ngettext(
            "%(participant)s reached their maximum of %(maximum)s meeting",
            "%(participant)s reached their maximum of %(maximum)s meetings",
            int(params["maximum"]) if params["maximum"].isdigit() else 2,  # stored before: plural form
        )
        return template % {"participant": params["participant"], "maximum": params["maximum"]}
    if unmet.kind == "interpreters" and "pool" in params:
        template = N_("No %(pair)s interpreter free in any common slot")
        return reader.gettext(template) % {"pair": params["pool"]}
    if unmet.kind == "taken" and "count" in params:
        return _taken(params["count"], reader)
    if unmet.kind in _UNMET_KINDS and unmet.kind not in NAMED:
        return reader.gettext(_UNMET_KINDS[unmet.kind])
    return unmet.reason


def _taken(count: str, reader: PageContext) -> str:
    return translations(reader.lang).ngettext(
        "Their %(count)s common free slot is taken by a more valuable meeting",
        "Their %(count)s common free slots are taken by more valuable meetings",
        int(count),
    ) % {"count": count}


def unmet_reason_text(reason: str, reader: PageContext) -> str:
    """A reason known only by its English sentence, in the reader's language when the sentence is known."""
    return unmet_text(UnmetRequest("", "", reason), reader)
