"""Why a partner is recommended, and how good a match is, in words: each test is one rule the reasons keep."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sezatlas.congress.files.participants import read_participants
from sezatlas.congress.matching.reasons import TEMPLATES, ReasonKind
from sezatlas.congress.matching.recommend import Recommendation, recommend
from sezatlas.congress.matching.stated import WORDS_SHOWN, excerpt
from sezatlas.congress.matching.strength import (
    CONTENT_PARTS,
    SUMMARY_TEMPLATES,
    MatchStrength,
    SummaryKind,
    summarise,
)
from sezatlas.congress.model import Role
from tests.congress.test_recommend import person

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "congress" / "participants.csv"
NO_CONTENT = dict.fromkeys(CONTENT_PARTS, 0.0)


def partner(found: dict[str, list[Recommendation]], of: str, partner_id: str) -> Recommendation:
    return next(r for r in found[of] if r.participant_id == partner_id)


def kinds(recommendation: Recommendation) -> list[ReasonKind]:
    return [reason.kind for reason in recommendation.reasons]


def test_a_partner_no_code_meets_is_described_by_what_they_offer_and_need_in_their_own_words() -> None:
    operator = person("op", Role.ZONE_OPERATOR, languages=("ru",), offer_text="Земельные участки под отели",
                      need_text="Инвесторы в туризм")  # fmt: skip
    investor = person("inv", Role.INVESTOR, need_text="Cotton spinning equipment")

    found = recommend([operator, investor])

    for_investor = partner(found, "inv", "op")
    assert kinds(for_investor) == [ReasonKind.THEIR_OFFER, ReasonKind.THEIR_NEED, ReasonKind.ROLE_FIT]
    assert for_investor.reasons[0].params == {"words": "Земельные участки под отели"}
    assert for_investor.reasons[1].text == "They are looking for: “Инвесторы в туризм”"
    # the investor offers nothing in words: only what it looks for is told to the operator
    assert kinds(partner(found, "op", "inv")) == [ReasonKind.THEIR_NEED, ReasonKind.ROLE_FIT]


def test_their_words_are_not_repeated_when_a_code_already_says_what_they_offer() -> None:
    buyer = person("buyer", need_codes=("ISIC:2930",))
    seller = person("seller", offer_codes=("ISIC:2930",), offer_text="Brakes and suspension parts",
                    need_text="Steel coils")  # fmt: skip

    reasons = kinds(recommend([buyer, seller])["buyer"][0])

    assert reasons[0] is ReasonKind.NEED_MET
    assert ReasonKind.THEIR_OFFER not in reasons and ReasonKind.THEIR_NEED in reasons


def test_the_languages_both_speak_are_a_reason_in_the_first_ones_order_and_no_common_language_is_none() -> (
    None
):
    chinese = person("zh", languages=("zh", "en", "ru"))
    russian = person("ru", languages=("ru", "en"))
    arabic = person("ar", languages=("ar",))

    found = recommend([chinese, russian, arabic])

    shared = [r for r in partner(found, "zh", "ru").reasons if r.kind is ReasonKind.SHARED_LANGUAGES]
    assert [reason.params for reason in shared] == [
        {"languages": "English, Russian", "language_codes": "en;ru"}
    ]
    assert shared[0].text == "You can talk without an interpreter: you both speak English, Russian"
    assert ReasonKind.SHARED_LANGUAGES not in kinds(partner(found, "zh", "ar"))


def test_every_reason_of_the_example_event_is_its_template_filled_and_none_is_a_bare_pair_of_roles() -> None:
    people = read_participants(EXAMPLE, slot_count=8)
    for recommendations in recommend(people, top_k=20).values():
        for recommendation in recommendations:
            for reason in recommendation.reasons:
                assert reason.text == TEMPLATES[reason.kind].format(**reason.params)
            assert kinds(recommendation) != [ReasonKind.ROLE_FIT], recommendation


def test_own_words_are_cut_at_a_word_boundary_and_chinese_anywhere() -> None:
    long_text = "Steel forgings and castings for automotive OEMs,  " * 4
    cut = excerpt(long_text)
    assert len(cut) <= WORDS_SHOWN + 1 and cut.endswith("…") and "  " not in cut
    assert " ".join(long_text.split()).startswith(cut[:-1]) and cut[-2] != " "  # whole words only
    assert cut == "Steel forgings and castings for automotive OEMs, Steel forgings and castings for…"
    assert excerpt("动力电池和储能系统" * 20) == "动力电池和储能系统" * 10 + "…"
    assert excerpt("  short\ntext ") == "short text"


def test_the_score_is_said_in_words_strong_good_or_weak_and_why() -> None:
    some = {**NO_CONTENT, "need_you": 0.6}
    assert summarise(0.47, 0.4, 0.57, some).kind is SummaryKind.STRONG
    assert summarise(0.18, 0.33, 0.12, some).kind is SummaryKind.GOOD
    assert summarise(0.05, 0.05, 0.05, NO_CONTENT).kind is SummaryKind.WEAK_ROLES_ONLY
    assert summarise(0.08, 0.27, 0.05, some).kind is SummaryKind.WEAK_MORE_FOR_YOU
    assert summarise(0.08, 0.05, 0.27, some).kind is SummaryKind.WEAK_MORE_FOR_THEM
    assert summarise(0.06, 0.05, 0.08, some).kind is SummaryKind.WEAK
    words = summarise(0.05, 0.05, 0.05, NO_CONTENT)
    assert words.text == "Weak match (0.05 of 1): only your roles fit; nothing you offer or need meets theirs"
    assert words.strength is MatchStrength.WEAK and set(SUMMARY_TEMPLATES) == set(SummaryKind)


@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.booleans())
def test_a_higher_score_is_never_said_to_be_a_weaker_match(
    low: float, high: float, side: float, has_content: bool
) -> None:
    parts = {**NO_CONTENT, "sector": 1.0 if has_content else 0.0}
    low, high = sorted((low, high))
    order = list(MatchStrength)[::-1]  # weak, good, strong
    weaker = summarise(low, side, side, parts).strength
    stronger = summarise(high, side, side, parts).strength
    assert order.index(weaker) <= order.index(stronger)


def test_the_example_investor_sees_a_strong_match_first_and_a_weak_one_of_roles_only_later() -> None:
    ranked = recommend(read_participants(EXAMPLE, slot_count=8), for_id="P01")["P01"]
    assert ranked[0].participant_id == "P02" and ranked[0].summary.kind is SummaryKind.STRONG
    arkhyz = next(r for r in ranked if r.participant_id == "P03")
    assert arkhyz.summary.kind is SummaryKind.WEAK_ROLES_ONLY
    assert arkhyz.summary.text.startswith(f"Weak match ({arkhyz.score:.2f} of 1)")
