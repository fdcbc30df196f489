"""From a participant's free text (en/ru/zh/pt/ar) to index terms and to the codes it talks about.

Three sources turn words into codes, each with the weight we give its guess:

* the multilingual sector lexicon (`lexicon.py`), weight 0.6: written for this job, in five languages;
* the English sector keywords the registry also uses (`sezatlas/standard/sectors.py`), weight 0.5: made
  for zones' sector lists ("automotive; electronics"), applied here to each clause of the text;
* the titles of ISIC Rev.4 classes (English and Arabic) and HS 2022 headings, weight 0.4: a title is
  matched when the text holds two or more of its words and most of its distinctive ones
  (idf-weighted share ≥ 0.7).

Index terms are what TF-IDF compares: words cut to their first five letters, a language-independent
stand-in for a stemmer (truncation was found competitive with language-specific stemmers across many
alphabetic languages: McNamee, Nicholas & Mayfield, "Addressing morphological variation in alphabetic
languages", SIGIR 2009); Chinese as character bigrams; Arabic with the article and its clitic forms
removed. Words only ever meet words of the same language; across languages only the codes meet.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from sezatlas.congress.matching.codes import HS, ISIC, path
from sezatlas.congress.matching.lexicon import SECTORS
from sezatlas.standard.codelists import data_path, fold_text, hs_codes, isic_codes
from sezatlas.standard.sectors import sector_rules

LEXICON_WEIGHT = 0.6
KEYWORD_WEIGHT = 0.5
TITLE_WEIGHT = 0.4
_TITLE_MIN_SHARE = 0.7
_STEM_LENGTH = 5

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ARABIC_WORD = re.compile(r"^[\u0600-\u06ff]+$")
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# Function words and the words every title or profile uses ("manufacture of …", "we offer …").
_STOPWORDS = frozenset(
    " ".join((
        "a an and are as at by for from in into is it its of on or other our the their to we with n e c not",
        "nec elsewhere specified thereof whether headings heading manufacture manufacturing production",
        "products product activities activity related similar except including excluding than such offer",
        "offers need needs looking seek seeking partner partners company companies",
        "и в во на с со по для из к о от до или а также мы наш наши ищем предлагаем производство компания",
        "de da do das dos e em para com por o os as um uma nossa nosso buscamos oferecemos producao empresa",
        "في من على إلى الى عن مع او أو و نحن نبحث نقدم صنع انشطة اخرى غير مصنفة",
    )).split()
)  # fmt: skip


def normalise(text: str) -> str:
    """Folded text (case, accents, punctuation gone) with Arabic words stripped of the article."""
    return " ".join(_arabic_light(word) for word in fold_text(text).split())


def _arabic_light(word: str) -> str:
    """The word without the article and its clitic forms ("والصلب" → "صلب").

    Stripped twice, because folding turns the hamza of "إلكتروني" into a plain alef, so the word itself
    now begins like the article: "الإلكترونية" and "إلكتروني" must both end up as "كتروني…".
    """
    if not _ARABIC_WORD.match(word):
        return word
    for _ in range(2):
        prefix = next((p for p in _ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2), "")
        word = word[len(prefix) :]
    return word


def index_terms(text: str) -> list[tuple[str, str]]:
    """(term, the word it came from) for every content word of `text`, in order."""
    terms: list[tuple[str, str]] = []
    for word in normalise(text).split():
        if word in _STOPWORDS or word.isdigit():
            continue
        if _CJK.search(word):
            for run in _CJK.findall(word):
                grams = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
                terms.extend((gram, run) for gram in grams)
            continue
        if len(word) < 2:
            continue
        stem = word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        terms.append((stem[:_STEM_LENGTH], word))
    return terms


@dataclass(frozen=True, slots=True)
class Mention:
    """A code the text talks about: how sure we are (0..1) and the words that said so."""

    code: str
    weight: float
    phrase: str


def codes_in_text(text: str) -> dict[str, Mention]:
    """Every code `text` mentions, with its strongest source; a code inside a found one replaces it."""
    found: dict[str, Mention] = {}
    if not text.strip():
        return found
    for source in (_lexicon_mentions(text), _keyword_mentions(text), _title_mentions(text)):
        for mention in source:
            if mention.code not in found or found[mention.code].weight < mention.weight:
                found[mention.code] = mention
    covered = {ancestor for code in found for ancestor, _ in path(code)[1:]}
    return {code: mention for code, mention in found.items() if code not in covered}


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[tuple[str, bool], ...]  # (folded word, matches as a prefix)
    codes: tuple[str, ...]


@cache
def _lexicon() -> tuple[dict[str, list[_Term]], dict[str, list[tuple[str, tuple[str, ...]]]]]:
    """Word terms by their first two letters and Chinese terms by their first character, longest first."""
    by_start: dict[str, list[_Term]] = defaultdict(list)
    by_char: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for sector in SECTORS:
        for term in sector.terms():
            if _CJK.search(term):
                by_char[term[0]].append((fold_text(term), sector.codes))
                continue
            words: list[tuple[str, bool]] = []
            for raw in term.split():
                folded = normalise(raw.rstrip("*")).split()
                words.extend((w, False) for w in folded[:-1])
                words.append((folded[-1], raw.endswith("*")))
            by_start[words[0][0][:2]].append(_Term(tuple(words), sector.codes))
    for terms in by_start.values():
        terms.sort(key=lambda t: (-len(t.words), -sum(len(w) for w, _ in t.words)))
    for cjk_terms in by_char.values():
        cjk_terms.sort(key=lambda t: -len(t[0]))
    return dict(by_start), dict(by_char)


def _lexicon_mentions(text: str) -> Iterable[Mention]:
    """Leftmost-longest matches of the lexicon's terms, none overlapping: "auto parts" hides "auto"."""
    by_start, by_char = _lexicon()
    words = normalise(text).split()
    i = 0
    while i < len(words):
        term = next((t for t in by_start.get(words[i][:2], ()) if _matches(t, words, i)), None)
        if term is None:
            yield from _chinese_mentions(words[i], by_char)
            i += 1
            continue
        phrase = " ".join(words[i : i + len(term.words)])
        yield from (Mention(code, LEXICON_WEIGHT, phrase) for code in term.codes)
        i += len(term.words)


def _matches(term: _Term, words: Sequence[str], start: int) -> bool:
    if start + len(term.words) > len(words):
        return False
    return all(
        words[start + j].startswith(w) if is_prefix else words[start + j] == w
        for j, (w, is_prefix) in enumerate(term.words)
    )


def _chinese_mentions(
    word: str, by_char: Mapping[str, list[tuple[str, tuple[str, ...]]]]
) -> Iterable[Mention]:
    for run in _CJK.findall(word):
        k = 0
        while k < len(run):
            found = next(((t, codes) for t, codes in by_char.get(run[k], ()) if run.startswith(t, k)), None)
            if found is None:
                k += 1
                continue
            yield from (Mention(code, LEXICON_WEIGHT, found[0]) for code in found[1])
            k += len(found[0])


def _keyword_mentions(text: str) -> Iterable[Mention]:
    """The sector keyword rules on each clause; the sector "IT" is told from the pronoun "it" by case."""
    text = re.sub(r"\bIT\b", "information technology", text)
    text = re.sub(r"\b[Ii]t\b", " ", text)
    found: dict[str, str] = {}
    for raw_clause in re.split(r"[;,.:()\n]+", text.casefold()):
        clause = raw_clause.strip()
        for rule in sector_rules():
            hit = rule.pattern.search(clause) if clause else None
            if hit:
                for code in rule.isic_codes:
                    found.setdefault(f"{ISIC}:{code}", hit.group())
    covered = {ancestor for code in found for ancestor, _ in path(code)[1:]}
    return (Mention(code, KEYWORD_WEIGHT, phrase) for code, phrase in found.items() if code not in covered)


@dataclass(frozen=True, slots=True)
class _TitleIndex:
    postings: dict[str, tuple[tuple[int, float], ...]]  # term → (title, idf²)
    codes: tuple[str, ...]
    totals: tuple[float, ...]  # Σ idf² of each title's terms
    sizes: tuple[int, ...]


@cache
def _title_index() -> _TitleIndex:
    """ISIC classes (English and Arabic titles) and HS headings, indexed by their content terms."""
    titles: list[tuple[str, set[str]]] = []
    for code, entry in isic_codes().items():
        if entry.level == "class":
            titles.append((f"{ISIC}:{code}", {t for t, _ in index_terms(entry.description)}))
    for code, arabic in _arabic_isic_titles().items():
        titles.append((f"{ISIC}:{code}", {t for t, _ in index_terms(arabic)}))
    for code, entry in hs_codes().items():
        if entry.level == "heading":
            titles.append((f"{HS}:{code}", {t for t, _ in index_terms(entry.description)}))
    frequency = Counter(term for _, terms in titles for term in terms)
    idf2 = {term: math.log(len(titles) / n) ** 2 for term, n in frequency.items()}
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, (_, terms) in enumerate(titles):
        for term in terms:
            postings[term].append((i, idf2[term]))
    return _TitleIndex(
        postings={term: tuple(p) for term, p in postings.items()},
        codes=tuple(code for code, _ in titles),
        totals=tuple(sum(idf2[t] for t in terms) for _, terms in titles),
        sizes=tuple(len(terms) for _, terms in titles),
    )


@cache
def _arabic_isic_titles() -> dict[str, str]:
    with data_path("codes", "isic_rev4_structure.csv").open(encoding="utf-8") as f:
        return {r["code"]: r["description_ar"] for r in csv.DictReader(f) if r["level"] == "class"}


def _title_mentions(text: str) -> Iterable[Mention]:
    index = _title_index()
    words = dict(index_terms(text))
    covered: dict[int, float] = defaultdict(float)
    hit_words: dict[int, list[str]] = defaultdict(list)
    for term, word in words.items():
        for title_index, weight in index.postings.get(term, ()):
            covered[title_index] += weight
            hit_words[title_index].append(word)
    for i, weight in covered.items():
        share = weight / index.totals[i] if index.totals[i] else 0.0
        if share >= _TITLE_MIN_SHARE and len(hit_words[i]) >= 2:
            yield Mention(index.codes[i], TITLE_WEIGHT, " ".join(hit_words[i]))
