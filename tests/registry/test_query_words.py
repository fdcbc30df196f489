"""Reading a search query: countries, places and sectors named in any of the five languages, by lookups."""

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from sezatlas.registry.query_words import fold_with_origins, meaning_of, understand
from sezatlas.registry.search_lexicon import TermKind, lexicon, sector_codes, sector_entries
from sezatlas.standard.codelists import data_path, fold_text, isic_codes
from sezatlas.store.zone_text import TextMeaning


def test_a_country_is_named_in_each_of_the_five_languages() -> None:
    for words in ("Russia", "Россия", "俄罗斯", "Rússia", "روسيا"):
        assert understand(words).meaning == TextMeaning(countries=("RUS",)), words


def test_a_russian_country_name_is_read_in_its_other_cases() -> None:
    assert meaning_of("батареи в России") == TextMeaning(countries=("RUS",), isic=("272",))
    assert meaning_of("аккумуляторы в Бразилии") == TextMeaning(countries=("BRA",), isic=("272",))


def test_the_name_of_the_country_beats_a_town_whose_name_looks_alike() -> None:
    # Бразилиа (Brasília) and Бразилия (Brazil) share a stem; the country is meant.
    assert meaning_of("Бразилия") == TextMeaning(countries=("BRA",))


def test_battery_words_of_every_language_stand_for_isic_272() -> None:
    for words in ("batteries", "батарея", "аккумуляторы", "电池", "baterias", "بطاريات", "البطاريات"):
        assert understand(words).named(TermKind.SECTOR) == ("272",), words


def test_chinese_without_spaces_is_cut_at_the_longest_known_words() -> None:
    assert meaning_of("俄罗斯电池") == TextMeaning(countries=("RUS",), isic=("272",))
    assert meaning_of("俄罗斯或巴西的电池") == TextMeaning(countries=("RUS", "BRA"), isic=("272",))
    assert meaning_of("新能源汽车") == TextMeaning(isic=("2910",))  # not 新能源 (energy) + 汽车 (cars)


def test_a_question_in_words_keeps_only_what_it_names() -> None:
    assert meaning_of("battery plants in Russia or Brazil") == TextMeaning(
        countries=("RUS", "BRA"), isic=("272",)
    )
    assert meaning_of("بطاريات في البرازيل") == TextMeaning(countries=("BRA",), isic=("272",))


def test_a_place_in_another_script_stands_for_the_registrys_english_name() -> None:
    assert meaning_of("Шанхай") == TextMeaning(places=("shanghai",))
    assert meaning_of("上海自贸区") == TextMeaning(places=("shanghai",))  # 自贸区 (free trade zone) connects
    assert meaning_of("苏州") == TextMeaning(places=("suzhou",))


def test_a_plain_name_search_names_nothing_else() -> None:
    for name in ("Alabuga", "Alabuha", "Manaus", "Suzhou Industrial Park", "Zona Franca de Manaus"):
        assert meaning_of(name) is not None and meaning_of(name).is_empty, name  # type: ignore[union-attr]
    assert meaning_of(None) is None and meaning_of("") is None


def test_words_no_dictionary_knows_stay_for_the_names_to_contain() -> None:
    assert meaning_of("Alabuga Russia") == TextMeaning(countries=("RUS",), other_words=("alabuga",))


def test_moving_the_countries_to_the_filter_leaves_the_rest_as_typed() -> None:
    assert understand("battery plants in Russia or Brazil").text_without(TermKind.COUNTRY) == "battery plants"
    assert understand("俄罗斯电池").text_without(TermKind.COUNTRY) == "电池"
    assert understand("  Rússia,  Baterias ").text_without(TermKind.COUNTRY) == "Baterias"
    assert understand("Zona Franca de Manaus").text_without(TermKind.COUNTRY) == "Zona Franca de Manaus"
    assert understand("Baterias no Brasil").typed(TermKind.COUNTRY) == ("Brasil",)


@given(st.text(alphabet=st.sampled_from("aAßéÉñ-_.,'’ 俄罗斯йЙёİıﬁ½²ǅ\u0301\u0627\u0644\u064e"), max_size=20))
def test_folding_with_origins_folds_as_the_names_are_folded(text: str) -> None:
    folded, origins = fold_with_origins(text)
    assert folded == fold_text(text)
    assert len(origins) == len(folded) and list(origins) == sorted(origins)


def test_every_sector_word_list_covers_the_five_languages_with_valid_codes() -> None:
    with data_path("codes", "search_terms.toml").open("rb") as f:
        sectors = tomllib.load(f)["sector"]
    assert len(sectors) >= 30
    for sector in sectors:
        assert all(sector[language] for language in ("en", "ru", "zh", "pt", "ar")), sector["what"]
    assert sector_codes() <= set(isic_codes())


def test_no_sector_word_is_a_two_letter_word_or_a_country_name() -> None:
    words = lexicon()
    for word, _term in sector_entries():
        key = fold_text(word)
        assert len(key) >= 3 or any("\u4e00" <= ch <= "\u9fff" for ch in key), word
        assert not any(term.kind == TermKind.COUNTRY for term in words.terms.get(key, ())), word
