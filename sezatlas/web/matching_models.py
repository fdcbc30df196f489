"""The contract of matching over HTTP (issue 17, item 5): an investor's project profile, the passports that
fit it, a passport's opted-in investors, and a letter to one of them.

The profile is the standard's own `InvestorProfile` record (`standard/passport.py`); each match is built
from the domain's `PassportMatch` and `InvestorMatch`, its reasons as the core gives them: a `kind`, its
`params` and an English `text` (the pages word them by kind in the reader's language). The routes are in
`matching_api.py`; the pages' JSON twins answer the same shapes.
"""

from pydantic import BaseModel, ConfigDict, Field

from sezatlas.passports.matching import MESSAGE_LENGTH, InvestorMatch, MatchReason, PassportMatch
from sezatlas.standard.passport import InvestorProfile
from sezatlas.web.passports_models import PublishedOut, published_out

PROFILE_PATH = "/api/v1/profile"


class ReasonOut(BaseModel):
    kind: str = Field(description="shared_sector, zone_ranked, capex_fits, capex_differs, "
                      "capex_other_currency, stage_fits, need_fits or need_short.")  # fmt: skip
    params: dict[str, str] = Field(description="The figures and codes of the sentence, by name.")
    text: str = Field(description="The reason in English, as the investor reads it.")


def reason_out(reason: MatchReason) -> ReasonOut:
    return ReasonOut(kind=reason.kind, params=reason.params, text=reason.text)


class PassportMatchOut(BaseModel):
    score: float = Field(description="0 to 1: sector fit × (½ + ½ site score), halved for a capex mismatch.")
    reasons: list[ReasonOut]
    published: PublishedOut


def passport_match_out(match: PassportMatch) -> PassportMatchOut:
    return PassportMatchOut(score=match.score, reasons=[reason_out(r) for r in match.reasons],
                            published=published_out(match.published))  # fmt: skip


class PassportMatchesOut(BaseModel):
    matches: list[PassportMatchOut] = Field(description="Best first (at most 20).")


class InvestorMatchOut(BaseModel):
    person_id: int = Field(description="Write to them with POST …/investors/{person_id}/letters.")
    name: str
    organisation: str | None
    score: float = Field(description="0 to 1: sector fit, halved for a capex mismatch.")
    reasons: list[ReasonOut]
    profile: InvestorProfile = Field(description="The profile they chose to show to passport owners.")


def investor_match_out(match: InvestorMatch) -> InvestorMatchOut:
    return InvestorMatchOut(person_id=match.person_id, name=match.name, organisation=match.organisation,
                            score=match.score, reasons=[reason_out(r) for r in match.reasons],
                            profile=match.profile)  # fmt: skip


class InvestorMatchesOut(BaseModel):
    passport_id: int
    investors: list[InvestorMatchOut] = Field(description="Opted-in investors who fit, best first (≤ 50).")


class LetterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(
        max_length=2 * MESSAGE_LENGTH[1],
        description=f"Plain text, {MESSAGE_LENGTH[0]} to {MESSAGE_LENGTH[1]} characters; the letter adds the "
        "passport's link, so the investor can answer with an inquiry.",
    )


class LetterOut(BaseModel):
    passport_id: int
    person_id: int
    is_mailed: bool = Field(description="false when this server sends no mail: the letter was not sent.")
