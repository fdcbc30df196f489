"""The rank page's sentences in the reader's language, from the kinds and parameters the core sends.

Site selection says what it found as `Message`s (`siting.messages`): a kind, its parameters and an
English sentence for the CLI. Here each kind has a gettext template; numbers are written the reader's
way. Zone names stay as the registry records them (source-language data): each is wrapped in an element
with `lang="en"`, so a reader (and a test) can tell data from the page's own words. A kind without a
template (added to the core later) falls back to the core's English sentence, marked the same way.
"""

from collections.abc import Callable, Mapping

from markupsafe import Markup, escape

from sezatlas.siting.messages import Message, ParamValue
from sezatlas.siting.shortlist import Evidence, RankedZone
from sezatlas.web.i18n import format_number, translations
from sezatlas.web.pages.labels import N_, SOURCE_LANGUAGE
from sezatlas.web.pages.rendering import PageContext

CRITERION_TITLES: dict[str, str] = {
    "sector_fit": N_("Sector fit"),
    "land_headroom": N_("Free land"),
    "power_headroom": N_("Free power"),
    "seaport_distance": N_("Distance to seaport"),
    "airport_distance": N_("Distance to airport"),
    "incentives": N_("Incentives (NPV)"),
    "data_freshness": N_("Age of the data"),
    "data_confidence": N_("Confidence in the data"),
}
REQUIREMENT_TITLES: dict[str, str] = {
    "land": N_("free land"),
    "power": N_("free power"),
    "gas": N_("gas"),
    "water": N_("water"),
    "rail_siding": N_("rail siding"),
    "seaport": N_("distance to a seaport"),
    "airport": N_("distance to an airport"),
}
RULE_TITLES: dict[str, str] = {
    "country not chosen": N_("Country not among those chosen"),
    "country excluded": N_("Country excluded"),
    "zone type not accepted": N_("Zone type not accepted"),
    "zone closed or inactive": N_("Zone closed or inactive"),
    "not enough land": N_("Not enough free land"),
    "not enough power": N_("Not enough free power"),
    "not enough gas": N_("Not enough gas"),
    "not enough water": N_("Not enough water"),
    "no rail siding": N_("No rail siding"),
    "too far from a seaport": N_("Too far from a seaport"),
    "too far from a airport": N_("Too far from an airport"),
}


def source_text(text: str) -> Markup:
    """Data kept in its source language, marked as such (`lang`, isolated for right-to-left pages)."""
    return Markup('<bdi lang="{}" class="source-lang">{}</bdi>').format(SOURCE_LANGUAGE, text)


def _number(value: ParamValue) -> float:
    """A numeric parameter (0 for one the core did not send)."""
    return float(value) if isinstance(value, int | float) else 0.0


def _share(value: ParamValue, reader: PageContext) -> str:
    return format_number(_number(value) * 100, reader.lang, 0) + "%"


def _names(params: Mapping[str, ParamValue], reader: PageContext) -> Markup:
    names = params.get("names")
    listed = Markup(", ").join(source_text(name) for name in (names if isinstance(names, list) else []))
    more = int(_number(params.get("more")))
    if not more:
        return listed
    template = translations(reader.lang).ngettext(
        "%(names)s and %(more)s more", "%(names)s and %(more)s more", more
    )
    return Markup(escape(template)) % {"names": listed, "more": format_number(more, reader.lang)}


def _tie_for_first(params: Mapping[str, ParamValue], reader: PageContext) -> Markup:
    count = int(_number(params.get("count")))
    template = translations(reader.lang).ngettext(
        "%(count)s zone ties for first place under these weights (%(names)s): their scores are equal "
        "to three decimals. Ask their operators for the missing facts.",
        "%(count)s zones tie for first place under these weights (%(names)s): their scores are equal "
        "to three decimals. Ask their operators for the missing facts.",
        count,
    )
    text = Markup(escape(template)) % {
        "count": format_number(count, reader.lang),
        "names": _names(params, reader),
    }
    low, high = params.get("low"), params.get("high")
    if low is None or high is None:
        return text
    low_text, high_text = _share(low, reader), _share(high, reader)
    spread = low_text if low_text == high_text else f"{low_text}–{high_text}"
    share = reader.gettext("Each is first in %(share)s of plausible weightings.") % {"share": spread}
    return text + " " + share


def _unconfirmed_ranked(params: Mapping[str, ParamValue], reader: PageContext) -> str:
    return translations(reader.lang).ngettext(
        "%(count)s ranked zone lacks data on at least one of the project's %(required)s requirements: "
        "it is ranked with what is known, and shows how many requirements its data confirm.",
        "%(count)s ranked zones lack data on at least one of the project's %(required)s requirements: "
        "they are ranked with what is known, and each shows how many requirements its data confirm.",
        int(_number(params.get("count"))),
    ) % _numbers(params, reader)


def _incentives_valued(params: Mapping[str, ParamValue], reader: PageContext) -> str:
    return translations(reader.lang).ngettext(
        "Incentives valued by the incentive engine for %(valued)s ranked zone (%(currency)s m); zones "
        "without a linked regime (%(unlinked)s of %(total)s in the registry) or without a computable "
        "value are scored as the median.",
        "Incentives valued by the incentive engine for %(valued)s ranked zones (%(currency)s m); zones "
        "without a linked regime (%(unlinked)s of %(total)s in the registry) or without a computable "
        "value are scored as the median.",
        int(_number(params.get("valued"))),
    ) % _numbers(params, reader)


def _numbers(params: Mapping[str, ParamValue], reader: PageContext) -> dict[str, str]:
    """Counts written the reader's way; currencies and other words as they are."""
    return {
        key: format_number(value, reader.lang) if isinstance(value, int) else str(value)
        for key, value in params.items()
    }


def _filled(template: str, **params: str | Markup) -> Markup:
    """A translated template filled with parameters, data among them kept as marked up (`source_text`)."""
    return Markup(escape(template)) % params


def _criterion(params: Mapping[str, ParamValue], reader: PageContext) -> str:
    name = str(params.get("criterion", ""))
    return reader.gettext(CRITERION_TITLES[name]) if name in CRITERION_TITLES else name


_Sentence = Callable[[Mapping[str, ParamValue], PageContext], str | Markup]
_SENTENCES: dict[str, _Sentence] = {
    "first_share": lambda p, r: _filled(
        r.gettext("%(zone)s is first in %(share)s of plausible weightings."),
        zone=source_text(str(p["zone"])),
        share=_share(p["share"], r),
    ),
    "no_single_change": lambda p, r: _filled(
        r.gettext("No change of a single weight would take first place from %(zone)s."),
        zone=source_text(str(p["zone"])),
    ),
    "weight_change": lambda p, r: _filled(
        r.gettext(
            "%(rival)s would tie for first if the weight of “%(criterion)s” went from %(old)s to %(new)s "
            "of the total."
        ),
        rival=source_text(str(p["rival"])),
        criterion=_criterion(p, r),
        old=_share(p["old"], r),
        new=_share(p["new"], r),
    ),
    "tie_for_first": _tie_for_first,
    "criterion_left_out": lambda p, r: (
        r.gettext("No candidate zone states “%(criterion)s”: that criterion is left out of the score.")
        % {"criterion": _criterion(p, r)}
    ),
    "criterion_alike": lambda p, r: (
        r.gettext(
            "Every candidate zone has the same “%(criterion)s”: that criterion is left out of the score."
        )
        % {"criterion": _criterion(p, r)}
    ),
    "registry_order": lambda p, r: r.gettext(
        "No weighted criterion separates the zones: they are listed in registry order."
    ),
    "unconfirmed_ranked": _unconfirmed_ranked,
    "incentives_valued": _incentives_valued,
}


def message_html(message: Message, reader: PageContext) -> Markup:
    """One message in the reader's language; the core's English (marked as such) for a kind not known here."""
    sentence = _SENTENCES.get(message.kind)
    if sentence is None:
        return source_text(message.text)
    try:
        return Markup(escape(sentence(message.params, reader)))
    except (KeyError, ValueError):  # a parameter the core no longer sends: its English is still right
        return source_text(message.text)


def evidence_text(evidence: Evidence, reader: PageContext) -> str:
    """ "2 of 3 requirements confirmed by data" (empty when the project states no need)."""
    if not evidence.required:
        return ""
    template = translations(reader.lang).ngettext(
        "%(confirmed)s of %(required)s requirement confirmed by data",
        "%(confirmed)s of %(required)s requirements confirmed by data",
        evidence.required,
    )
    return template % {"confirmed": evidence.confirmed, "required": evidence.required}


def requirement_titles(keys: list[str], reader: PageContext) -> list[str]:
    return [reader.gettext(REQUIREMENT_TITLES[key]) if key in REQUIREMENT_TITLES else key for key in keys]


def tie_text(zone: RankedZone, reader: PageContext) -> str:
    """Where a zone's place is shared: "Tied for places 5–11 (same score to three decimals)…"."""
    if not zone.tied_ranks:
        return ""
    first, last = zone.tied_ranks
    return reader.gettext(
        "Tied for places %(first)s–%(last)s: the same score to three decimals. Within a tie, zones "
        "whose data confirm more requirements come first, then the unrounded score decides."
    ) % {"first": first, "last": last}
