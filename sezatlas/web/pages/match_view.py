"""Matches as the matching pages show them: each reason a sentence in the reader's language, figures in
its number format, the score as a percentage, and the links to go on with (the passport, an inquiry).

A reason arrives from `passports.matching` as a kind and its parameters (figures written the core's way,
"30,000", "55"); here the sentence is chosen by kind and viewpoint (`match_words`) and the figures are
written again for the reader: the capex from the passport itself, needs as numbers. Codes, titles and
zone ids are isolated (`<bdi>`), so an Arabic sentence keeps them whole; an ISIC title is the reader's
language where the catalogue has it, an HS title the nomenclature's English.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from babel.numbers import format_percent
from markupsafe import Markup, escape

from sezatlas.passports.matching import InvestorMatch, MatchReason, PassportMatch
from sezatlas.standard.passport import Passport, Stage
from sezatlas.web.i18n import LANGUAGES, country_name, format_number, translations
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.isic_labels import isic_label
from sezatlas.web.pages.match_words import FOR_INVESTOR, FOR_OWNER
from sezatlas.web.pages.passport_view import capex_text
from sezatlas.web.pages.passport_words import STAGE_TITLES
from sezatlas.web.pages.rendering import PageContext


def score_text(score: float, lang: str) -> str:
    """0.85 as "85%", "85 %", "٪85" as the locale writes a share."""
    return format_percent(score, locale=LANGUAGES[lang].locale)


def _isolated(value: str) -> Markup:
    return Markup("<bdi>{}</bdi>").format(value)


def _figure(text: str, lang: str) -> str:
    """A figure the core wrote ("30,000", "55") in the reader's format; kept as written if not a number."""
    try:
        return format_number(float(text.replace(",", "")), lang, 1)
    except ValueError:
        return text


def _sector_title(params: Mapping[str, str], reader: PageContext) -> Markup:
    """An ISIC title in the reader's language where there is one; an HS title in English, marked so."""
    system, _, code = params.get("code_key", "").partition(":")
    found = isic_label(code, reader) if system == "ISIC" else None
    if found is not None and found.title and not found.mark:
        return _isolated(found.title)
    return Markup('<bdi lang="en">{}</bdi>').format(params.get("title", ""))


def _params(reason: MatchReason, passport: Passport, reader: PageContext) -> dict[str, str | Markup]:
    params: dict[str, str | Markup] = {key: _isolated(value) for key, value in reason.params.items()}
    if reason.kind == "shared_sector":
        params["title"] = _sector_title(reason.params, reader)
    if "stage" in reason.params:
        stage = Stage(reason.params["stage"].replace(" ", "_"))
        params["stage"] = reader.gettext(STAGE_TITLES[stage])
    for key in ("needed", "available"):
        if key in reason.params:
            params[key] = _figure(reason.params[key], reader.lang)
    params["capex"] = _isolated(capex_text(passport, Reader(reader.gettext, reader.lang)))
    return params


def _ranked(reason: MatchReason, reader: PageContext) -> Markup:
    count = int(reason.params["count"])
    template = translations(reader.lang).ngettext(
        "Site selection ranks %(zone)s %(rank)s of %(count)s zone for your project",
        "Site selection ranks %(zone)s %(rank)s of %(count)s zones for your project",
        count,
    )
    params = {"zone": _isolated(reason.params["zone"]), "rank": format_number(int(reason.params["rank"]),
              reader.lang, 0), "count": format_number(count, reader.lang, 0)}  # fmt: skip
    return Markup(escape(template)) % params


def reason_html(
    reason: MatchReason, passport: Passport, reader: PageContext, templates: Mapping[str, str]
) -> Markup:
    """One reason in the reader's language, from `templates` (the investor's or the owner's words); a kind
    without words there is the core's English sentence."""
    if reason.kind == "zone_ranked" and "count" in reason.params:
        return _ranked(reason, reader)
    unit = reason.params.get("unit")
    template = templates.get(f"{reason.kind}/{unit}" if unit else reason.kind)
    if template is None:
        return escape(reason.text)
    try:
        return Markup(escape(reader.gettext(template))) % _params(reason, passport, reader)
    except (KeyError, ValueError):  # a parameter the core no longer sends: its English is still right
        return escape(reason.text)


def passport_row(match: PassportMatch, zone_names: Mapping[str, str], reader: PageContext) -> dict[str, Any]:
    """A passport that fits the investor's profile: where, how well, why, and the inquiry to send."""
    hit, passport = match.published, match.published.passport
    inquiry = urlencode({"zone": passport.zone_id, "isic": passport.isic_codes[0]})
    return {
        "id": hit.passport_id,
        "title": passport.title,
        "href": f"/passports/{hit.passport_id}",
        "zone_id": passport.zone_id,
        "zone_name": zone_names.get(passport.zone_id, passport.zone_id),
        "country": country_name(hit.country_iso3, reader.lang),
        "score": score_text(match.score, reader.lang),
        "reasons": [reason_html(reason, passport, reader, FOR_INVESTOR) for reason in match.reasons],
        "inquiry_url": f"/inquiries/new?{inquiry}",
    }


def investor_row(match: InvestorMatch, passport: Passport, reader: PageContext) -> dict[str, Any]:
    """An opted-in investor whose profile fits the passport, as its owner reads them."""
    return {
        "person_id": match.person_id,
        "name": match.name,
        "organisation": match.organisation,
        "project": match.profile.project.name,
        "score": score_text(match.score, reader.lang),
        "reasons": [reason_html(reason, passport, reader, FOR_OWNER) for reason in match.reasons],
    }
