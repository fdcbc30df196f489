"""The matching rule of offers (`sezatlas/offers/matching.py`), without a database."""

from hypothesis import given
from hypothesis import strategies as st

from sezatlas.offers.matching import indexed_codes, matches, offer_codes
from sezatlas.standard.codelists import isic_ancestors, isic_codes

CLASSES = sorted(code for code, entry in isic_codes().items() if entry.level == "class")


def test_a_broader_question_finds_a_narrower_offer_and_not_the_other_way() -> None:
    assert matches(["27"], ["2720"]) and matches(["272"], ["2720"]) and matches(["2720"], ["2720"])
    assert not matches(["2720"], ["27"])  # "we make electrical equipment" does not say batteries
    assert not matches(["C"], ["2720"])  # a section is no reason to meet
    assert not matches(["2710"], ["2720"])


def test_an_hs_code_stands_for_the_main_isic_classes_of_its_lines() -> None:
    assert offer_codes(None, "8708") == {"1392", "2811", "2930"}  # the concordance splits it equally
    assert offer_codes("2720", "8507") >= {"2720"}


@st.composite
def question_and_offer(draw: st.DrawFn) -> tuple[str, str]:
    """An offered class, and a question that is one of its ancestors (or itself) or any code at all."""
    offered = draw(st.sampled_from(CLASSES))
    question = draw(st.sampled_from(isic_ancestors(offered)) | st.sampled_from(sorted(isic_codes())))
    return question, offered


@given(question_and_offer())
def test_a_question_matches_exactly_when_it_lies_on_the_offers_path(pair: tuple[str, str]) -> None:
    question, offered = pair
    on_path = offered.startswith(question) and question[:1].isdigit()  # sections are letters, never matched
    assert matches([question], [offered]) is on_path
    assert indexed_codes([offered]) >= {offered}
