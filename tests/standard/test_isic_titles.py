"""ISIC Rev.4 titles in the UI languages, from the bundled multilingual file, with every fallback said."""

from sezatlas.standard.codelists import (
    TitleSource,
    declared_broader_codes,
    isic_broader_codes,
    isic_codes,
    isic_title,
)


def test_a_class_has_its_russian_title_from_the_file() -> None:
    assert isic_title("2720", "ru") == (
        "Производство первичных элементов, батарей первичных элементов и их частей",
        TitleSource.OWN,
        "2720",
    )


def test_a_class_without_a_portuguese_title_takes_its_groups_marked_as_the_parents() -> None:
    title, how, source = isic_title("2720", "pt")  # CNAE 2.0 splits 2720 in two: no one-to-one title
    assert title == "Fabricação de pilhas, baterias e acumuladores elétricos"
    assert (how, source) == (TitleSource.PARENT, "272")


def test_a_chinese_group_takes_the_title_of_its_only_class_when_isic_names_both_alike() -> None:
    assert isic_title("2720", "zh") == ("电池和蓄电池的制造", TitleSource.OWN, "2720")
    assert isic_title("272", "zh") == (
        "电池和蓄电池的制造",
        TitleSource.OWN,
        "272",
    )  # one activity, two codes
    # 3040 is one of the two classes GB/T 4754 does not link one-to-one: its division's title, marked.
    assert isic_title("3040", "zh") == ("其他运输设备制造", TitleSource.PARENT, "30")


def test_every_chinese_section_and_division_has_a_chinese_title() -> None:
    """GB/T 4754 links only classes one-to-one; the rest are SEZ Atlas's translations of the UN titles."""
    assert isic_title("C", "zh") == ("制造业", TitleSource.OWN, "C")
    assert isic_title("27", "zh") == ("电气设备制造", TitleSource.OWN, "27")
    upper = [code for code, entry in isic_codes().items() if entry.level in {"section", "division"}]
    assert all(isic_title(code, "zh").how == TitleSource.OWN for code in upper)
    assert not [code for code in upper if isic_title(code, "zh").title.isascii()]


def test_english_and_arabic_cover_every_code() -> None:
    for code in isic_codes():
        assert isic_title(code, "en").how == TitleSource.OWN
        assert isic_title(code, "ar").how == TitleSource.OWN
    assert isic_title("27", "ar").title == "صُنع المعدات الكهربائية"


def test_the_codes_broader_than_a_search_are_its_ancestors_outside_it() -> None:
    assert isic_broader_codes("2720") == ["27", "272", "C"]
    assert isic_broader_codes("27") == ["C"]
    assert isic_broader_codes("C") == []
    assert isic_broader_codes("0") == ["A", "B"]  # a prefix: divisions 01–03 and 05–09


def test_a_possible_match_is_explained_by_the_broader_code_the_zone_declared() -> None:
    assert declared_broader_codes(["C", "62"], ["2720"]) == ["C"]
    assert declared_broader_codes(["C", "27"], ["2720"]) == ["27", "C"]  # the most specific first
    assert declared_broader_codes(["2710"], ["2720"]) == []  # a sibling explains nothing
