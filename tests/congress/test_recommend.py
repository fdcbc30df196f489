"""Who-should-meet-whom: each test is one rule the recommendations keep."""

import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sezatlas.congress.matching.affinity import role_fit
from sezatlas.congress.matching.codes import UnknownCodeError, isic_equivalents, match_strength, parse_code
from sezatlas.congress.matching.lexicon import SECTORS
from sezatlas.congress.matching.reasons import TEMPLATES, ReasonKind
from sezatlas.congress.matching.recommend import Recommendation, recommend
from sezatlas.congress.matching.text import codes_in_text
from sezatlas.congress.model import Participant, Role

ZONES = {"RUS-001": ("2930",), "RUS-018": ("55",)}


def person(pid: str, role: Role = Role.MANUFACTURER, **fields: object) -> Participant:
    values: dict[str, object] = {
        "organisation": f"Org {pid}",
        "country": "RUS",
        "languages": ("en",),
        **fields,
    }
    return Participant(pid, role=role, **values)  # type: ignore[arg-type]


def ranked(recommendations: list[Recommendation]) -> list[str]:
    return [r.participant_id for r in recommendations]


def texts(recommendation: Recommendation) -> list[str]:
    return [reason.text for reason in recommendation.reasons]


def test_investor_seeking_an_automotive_site_ranks_the_automotive_zone_operator_above_the_tourism_one() -> (
    None
):
    investor = person(
        "inv", Role.INVESTOR, need_codes=("ISIC:2930",), need_text="Site for an automotive components plant"
    )
    automotive = person(
        "op-auto", Role.ZONE_OPERATOR, operated_zones=("RUS-001",), offer_text="Industrial sites"
    )
    tourism = person(
        "op-tour", Role.ZONE_OPERATOR, operated_zones=("RUS-018",), offer_text="Land for resorts"
    )

    mine = recommend([tourism, investor, automotive], for_id="inv", zones=ZONES)["inv"]

    assert ranked(mine) == ["op-auto", "op-tour"]
    assert mine[0].score > mine[1].score
    assert any("RUS-001" in t and "ISIC 2930" in t for t in texts(mine[0]))


def test_russian_need_text_matches_an_english_offer_text() -> None:
    buyer = person(
        "ru", need_text="Ищем поставщиков: автокомпоненты для сборочного завода", languages=("ru",)
    )
    supplier = person("en", offer_text="We make automotive components: brakes and suspension")
    unrelated = person("tx", offer_text="Cotton yarn and woven fabrics")

    mine = recommend([buyer, supplier, unrelated], for_id="ru")["ru"]

    assert ranked(mine)[0] == "en"
    assert mine[0].score > mine[1].score
    assert any(r.kind is ReasonKind.NEED_MET and r.params["code_key"] == "ISIC:2930" for r in mine[0].reasons)


@pytest.mark.parametrize(
    "text",
    [
        "寻找汽车零部件供应商",
        "Buscamos fornecedores de autopeças",
        "نبحث عن موردي قطع غيار السيارات",
        "auto parts",
    ],
)
def test_automotive_components_are_recognised_in_every_working_language(text: str) -> None:
    assert "ISIC:2930" in codes_in_text(text)


def test_a_reason_names_the_code_and_its_title() -> None:
    buyer = person("a", need_codes=("HS:8708",))
    seller = person("b", offer_codes=("HS:8708",))

    reason = recommend([buyer, seller], for_id="a")["a"][0].reasons[0]

    assert reason.kind is ReasonKind.NEED_MET
    title = "Motor vehicles; parts and accessories, of heading no. 8701 to 8705"
    assert reason.text == f"You need HS 8708 ({title}); they offer it"


def test_a_shorter_code_covers_its_subtree() -> None:
    buyer = person("a", need_codes=("HS:87",))
    seller = person("b", offer_codes=("HS:870829",))

    reason = recommend([buyer, seller], for_id="a")["a"][0].reasons[0]

    assert reason.kind is ReasonKind.NEED_MET_BY_RELATED
    assert (reason.params["code"], reason.params["other"]) == ("HS 87", "HS 8708.29")


def test_an_hs_need_meets_an_isic_offer_through_the_concordance() -> None:
    buyer = person("a", need_codes=("HS:870829",))
    seller = person("b", offer_codes=("ISIC:2930",))
    stranger = person("c", offer_codes=("ISIC:5510",))

    mine = recommend([buyer, seller, stranger], for_id="a")["a"]

    assert ranked(mine)[0] == "b"
    assert mine[0].reasons[0].params["other_key"] == "ISIC:2930"


def test_hs_meets_isic_at_class_or_group_level_never_a_whole_division() -> None:
    textiles = person("tx", need_codes=("ISIC:13",))  # HS 8708 lines also map to ISIC 1392, textiles
    parts_group = person("grp", need_codes=("ISIC:293",))
    parts_maker = person("hs", offer_codes=("HS:8708",))

    result = recommend([textiles, parts_group, parts_maker], top_k=5)

    hs_for_textiles = next(r for r in result["tx"] if r.participant_id == "hs")
    said = [r.kind for r in hs_for_textiles.reasons if r.kind is not ReasonKind.SHARED_LANGUAGES]
    assert said == [ReasonKind.ROLE_FIT]  # no code meets, and they state nothing in words
    assert hs_for_textiles.interest_to_you == 0.05 * 0.6  # the floor × manufacturer ↔ manufacturer
    assert result["grp"][0].participant_id == "hs"
    assert result["grp"][0].reasons[0].kind is ReasonKind.NEED_MET_BY_RELATED


def test_each_reason_is_its_kinds_template_filled_with_its_params() -> None:
    people = [
        person("inv", Role.INVESTOR, need_codes=("ISIC:2930",), zones_of_interest=("RUS-001",),
               need_text="land for a plant", offer_text="equity for automotive components"),
        person("op", Role.ZONE_OPERATOR, operated_zones=("RUS-001",), offer_text="land with power",
               need_text="investors in automotive components"),
        person("mfg", offer_codes=("HS:8708",), need_codes=("ISIC:24",), offer_text="brakes"),
    ]  # fmt: skip
    kinds = set()
    for recommendations in recommend(people, zones=ZONES).values():
        for recommendation in recommendations:
            for reason in recommendation.reasons:
                assert reason.text == TEMPLATES[reason.kind].format(**reason.params)
                kinds.add(reason.kind)
    assert {ReasonKind.OPERATES_LISTED_ZONE, ReasonKind.ZONE_FITS_YOU, ReasonKind.ROLE_FIT} <= kinds


def test_blocked_pairs_are_never_recommended_whoever_blocked() -> None:
    a = person("a", need_codes=("HS:8708",), blocked=frozenset({"b"}))
    b = person("b", offer_codes=("HS:8708",))
    c = person("c", offer_codes=("HS:8708",))

    result = recommend([a, b, c])

    assert "b" not in ranked(result["a"])
    assert "a" not in ranked(result["b"])
    assert ranked(result["a"]) == ["c"]


def test_oneself_and_colleagues_of_the_same_organisation_are_never_recommended() -> None:
    a = person("a", organisation="Volga Parts", need_codes=("HS:8708",))
    colleague = person("b", organisation="VOLGA  parts", offer_codes=("HS:8708",))
    other = person("c", offer_codes=("HS:8708",))

    assert ranked(recommend([a, colleague, other], for_id="a")["a"]) == ["c"]


def test_top_k_caps_every_list_and_for_id_returns_one_list() -> None:
    people = [person(f"p{i:02d}", offer_codes=("HS:8708",), need_codes=("HS:8708",)) for i in range(30)]

    everyone = recommend(people, top_k=5)
    one = recommend(people, top_k=5, for_id="p07")

    assert all(len(lists) == 5 for lists in everyone.values())
    assert list(one) == ["p07"]
    assert one["p07"] == everyone["p07"]
    assert recommend(people, top_k=0, for_id="p07")["p07"] == []


def test_order_is_deterministic_whatever_the_input_order() -> None:
    people = [person(f"p{i:02d}", offer_codes=("HS:8708",), need_codes=("HS:8708",)) for i in range(12)]
    shuffled = people[:]
    random.Random(4).shuffle(shuffled)

    first, second = recommend(people), recommend(shuffled)

    assert first == second
    assert first == recommend(people)


def test_equally_good_partners_are_not_shown_in_the_same_order_to_everyone() -> None:
    people = [person(f"p{i:02d}", offer_codes=("HS:8708",), need_codes=("HS:8708",)) for i in range(40)]

    firsts = {ranked(recommendations)[0] for recommendations in recommend(people, top_k=3).values()}

    assert len(firsts) > 10


def test_one_sided_interest_does_not_outrank_a_mutual_match() -> None:
    investor = person("big", Role.INVESTOR, offer_codes=("ISIC:64",))
    mutual = person("mutual", Role.ZONE_OPERATOR, need_codes=("ISIC:2930",), offer_codes=("ISIC:2930",))
    seeker = person("seeker", need_codes=("ISIC:64",), offer_codes=("ISIC:2930",), role=Role.MANUFACTURER)

    mine = recommend([investor, mutual, seeker], for_id="seeker")["seeker"]

    assert ranked(mine)[0] == "mutual"
    assert mine[1].interest_to_you > mine[1].interest_to_them


def test_unknown_codes_are_refused_with_the_participant_named() -> None:
    with pytest.raises(ValueError, match="participant a: 'HS:8799'"):
        recommend([person("a", need_codes=("HS:8799",)), person("b")])
    with pytest.raises(ValueError, match="zone RUS-001"):
        recommend([person("a"), person("b")], zones={"RUS-001": ("9999",)})
    with pytest.raises(ValueError, match="unknown participant"):
        recommend([person("a")], for_id="z")


def test_role_fit_follows_who_comes_to_meet_whom() -> None:
    assert (
        role_fit(Role.INVESTOR, Role.ZONE_OPERATOR) == role_fit(Role.MANUFACTURER, Role.ZONE_OPERATOR) == 1.0
    )
    assert role_fit(Role.INVESTOR, Role.MANUFACTURER) > role_fit(Role.INVESTOR, Role.INVESTOR)
    assert role_fit(Role.MANUFACTURER, Role.MANUFACTURER) > role_fit(Role.ZONE_OPERATOR, Role.ZONE_OPERATOR)
    for adviser in (Role.AGENCY, Role.ASSOCIATION, Role.DEVELOPMENT_INSTITUTION):
        assert all(role_fit(adviser, other) == 0.5 for other in Role if other != adviser)
    assert all(role_fit(a, b) == role_fit(b, a) for a in Role for b in Role)


def test_codes_are_written_with_their_list_and_checked_against_it() -> None:
    assert parse_code(" hs: 8708.29 ") == "HS:870829"
    assert parse_code("isic:c") == "ISIC:C"
    for bad in ("8708", "HS:870", "HS:8799", "ISIC:9999", "CN:8708"):
        with pytest.raises(UnknownCodeError):
            parse_code(bad)
    assert match_strength("HS:87", "HS:8708") == 0.5
    assert match_strength("HS:8703", "HS:8708") == 0.0
    assert abs(sum(share for _, share in isic_equivalents("HS:87")) - 1) < 1e-9


def test_the_lexicon_covers_25_sectors_in_five_languages_with_real_codes() -> None:
    assert len(SECTORS) >= 25
    for sector in SECTORS:
        assert all((sector.en, sector.ru, sector.zh, sector.pt, sector.ar)), sector.name
        assert all(parse_code(code) == code for code in sector.codes), sector.name


names = st.sampled_from(["HS:8708", "HS:87", "ISIC:2930", "ISIC:29", "HS:8507", "ISIC:5510", "ISIC:64"])
profiles = st.builds(
    lambda role, offers, needs: (role, tuple(offers), tuple(needs)),
    st.sampled_from(list(Role)),
    st.lists(names, max_size=3, unique=True),
    st.lists(names, max_size=3, unique=True),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(profiles, min_size=2, max_size=8))
def test_scores_are_reciprocal_and_between_0_and_1(
    drawn: list[tuple[Role, tuple[str, ...], tuple[str, ...]]],
) -> None:
    people = [person(f"p{i}", role, offer_codes=o, need_codes=n) for i, (role, o, n) in enumerate(drawn)]

    result = recommend(people, top_k=len(people))

    seen = {(a, r.participant_id): r for a, recs in result.items() for r in recs}
    for (a, b), r in seen.items():
        assert 0 <= r.score <= 1
        back = seen[(b, a)]
        assert back.score == r.score
        assert (back.interest_to_you, back.interest_to_them) == (r.interest_to_them, r.interest_to_you)
        assert (
            min(r.interest_to_you, r.interest_to_them)
            <= r.score
            <= max(r.interest_to_you, r.interest_to_them)
        )


def test_participant_ids_must_be_unique() -> None:
    a = person("a", need_codes=("hs:8708",))
    with pytest.raises(ValueError, match="unique"):
        recommend([a, replace(a, organisation="Other")])


def test_the_docs_give_every_reason_kind_with_its_template() -> None:
    text = (Path(__file__).parents[2] / "docs" / "congress.md").read_text(encoding="utf-8")
    for kind, template in TEMPLATES.items():
        assert f"| `{kind.value}` | {template} |" in text, kind
