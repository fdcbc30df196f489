"""ISIC Rev.4 titles in the UI languages, from the bundled multilingual file, with every fallback said."""

from sezatlas.standard.codelists import TitleSource, isic_broader_codes, isic_codes, isic_title


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


def test_chinese_titles_exist_for_classes_only_so_a_division_falls_back_to_english() -> None:
    assert isic_title("2720", "zh") == ("电池和蓄电池的制造", TitleSource.OWN, "2720")
    assert isic_title("27", "zh") == ("Manufacture of electrical equipment", TitleSource.ENGLISH, "27")
    # 3040 is one of the two classes GB/T 4754 does not link one-to-one; no parent has a Chinese title either.
    assert isic_title("3040", "zh").how == TitleSource.ENGLISH


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
