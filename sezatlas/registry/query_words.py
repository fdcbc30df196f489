"""What a search box query names: countries, places and sectors found by dictionary lookups, and the rest.

'电池 俄罗斯', 'battery plants in Russia or Brazil', 'аккумуляторы Бразилия', 'بطاريات في البرازيل': each is
cut into the longest phrases the dictionaries (`search_lexicon`) know, left to right; Chinese, which has no
spaces, by the longest entry at each character. Connecting words ('in', 'or', '和') are dropped; words no
dictionary knows stay as words the names must contain. The result is a `TextMeaning` the store ORs with the
plain name search, so a query that names nothing is exactly the name search it always was.

Only lookups in dictionaries built once: the cost does not grow with the registry (benchmarks/registry.py).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sezatlas.registry.search_lexicon import CJK, Lexicon, Term, TermKind, lexicon
from sezatlas.store.zone_text import TextMeaning

REMEMBERED_QUERIES = 2048
CJK_RUN = re.compile(CJK.pattern + "+")
TOKEN = re.compile(r"\S+")
# When a phrase names several kinds of thing, the broader reading wins: 'Singapore' is the country before
# the town, and a sector word is not read as a town of the same name.
PRIORITY = (TermKind.COUNTRY, TermKind.SECTOR, TermKind.PLACE, TermKind.CONNECTING)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the query as read: a phrase a dictionary knows (its terms), or an unknown word (none).
    `start`/`end` are its place in the folded query."""

    text: str
    start: int
    end: int
    terms: tuple[Term, ...] = ()
    is_cjk: bool = False

    def values(self, kind: TermKind) -> tuple[str, ...]:
        return tuple(value for term in self.terms if term.kind == kind for value in term.values)

    def has(self, kind: TermKind) -> bool:
        return any(term.kind == kind for term in self.terms)

    @property
    def is_connecting(self) -> bool:
        return self.has(TermKind.CONNECTING)


@dataclass(frozen=True, slots=True)
class Understood:
    """A query read into segments, in their order; `origins` maps each folded character to the typed one."""

    text: str
    origins: tuple[int, ...]
    segments: tuple[Segment, ...]

    def named(self, kind: TermKind) -> tuple[str, ...]:
        """Every value of that kind the query names (ISO3 codes, place names, ISIC codes), once each."""
        return tuple(dict.fromkeys(value for segment in self.segments for value in segment.values(kind)))

    def typed(self, kind: TermKind) -> tuple[str, ...]:
        """The phrases that named something of that kind, as they were typed."""
        return tuple(self._typed(segment) for segment in self.segments if segment.has(kind))

    @property
    def meaning(self) -> TextMeaning:
        return TextMeaning(
            countries=self.named(TermKind.COUNTRY),
            places=self.named(TermKind.PLACE),
            isic=self.named(TermKind.SECTOR),
            other_words=tuple(segment.text for segment in self.segments if not segment.terms),
        )

    def text_without(self, kind: TermKind) -> str:
        """The query as typed without the phrases that named something of that kind, nor the connecting
        words beside them ('batteries in Russia' → 'batteries'): for a link that moves them into a filter."""
        dropped = {index for index, segment in enumerate(self.segments) if segment.has(kind)}
        beside = {i for d in dropped for i in (d - 1, d + 1) if 0 <= i < len(self.segments)}
        dropped |= {i for i in beside if self.segments[i].is_connecting}
        parts: list[str] = []
        previous: int | None = None
        for index, segment in enumerate(self.segments):
            if index in dropped:
                continue
            if previous is not None:
                parts.append(
                    self._between(self.segments[previous], segment) if previous == index - 1 else " "
                )
            parts.append(self._typed(segment))
            previous = index
        return "".join(parts)

    def _between(self, before: Segment, after: Segment) -> str:
        """What was typed between two neighbouring segments (a space, a comma, nothing in Chinese)."""
        return self.text[self.origins[before.end - 1] + 1 : self.origins[after.start]]

    def _typed(self, segment: Segment) -> str:
        return self.text[self.origins[segment.start] : self.origins[segment.end - 1] + 1]


def fold_with_origins(text: str) -> tuple[str, tuple[int, ...]]:
    """`fold_text(text)`, and for each of its characters the index of the character it came from.

    Folding one character at a time gives the same text (a test holds it): case folding and NFKD work per
    character, and the combining marks they may separate are dropped anyway.
    """
    folded: list[str] = []
    origins: list[int] = []
    for index, character in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", character.casefold())
        for piece in decomposed:
            if unicodedata.combining(piece):
                continue
            is_space = not piece.isalnum()
            if is_space and (not folded or folded[-1] == " "):
                continue  # leading or repeated space
            folded.append(" " if is_space else piece)
            origins.append(index)
    if folded and folded[-1] == " ":
        folded.pop()
        origins.pop()
    return "".join(folded), tuple(origins)


def _strongest(terms: tuple[Term, ...]) -> tuple[Term, ...]:
    for kind in PRIORITY:
        if any(term.kind == kind for term in terms):
            return tuple(term for term in terms if term.kind == kind)
    return terms


def _cjk_segments(run: str, offset: int, words: Lexicon) -> list[Segment]:
    """A run of Chinese characters cut at the longest entry at each place; characters no entry starts
    are kept together as one unknown word."""
    segments: list[Segment] = []
    unknown_from = None
    at = 0
    while at < len(run):
        length, terms = _longest_cjk(run, at, words)
        if terms:
            if unknown_from is not None:
                segments.append(
                    Segment(run[unknown_from:at], offset + unknown_from, offset + at, is_cjk=True)
                )
                unknown_from = None
            segments.append(Segment(run[at : at + length], offset + at, offset + at + length, terms, True))
            at += length
        else:
            unknown_from = at if unknown_from is None else unknown_from
            at += 1
    if unknown_from is not None:
        segments.append(Segment(run[unknown_from:], offset + unknown_from, offset + len(run), is_cjk=True))
    return segments


def _longest_cjk(run: str, at: int, words: Lexicon) -> tuple[int, tuple[Term, ...]]:
    for length in range(min(words.longest_cjk_chars, len(run) - at), 0, -1):
        terms = words.lookup_cjk(run[at : at + length])
        if terms:
            return length, _strongest(terms)
    return 0, ()


def _word_segments(tokens: list[tuple[str, int]], words: Lexicon) -> list[Segment]:
    """Words (each with its place) cut into the longest phrases known, left to right."""
    segments: list[Segment] = []
    at = 0
    while at < len(tokens):
        for length in range(min(words.longest_phrase_words, len(tokens) - at), 0, -1):
            phrase = tokens[at : at + length]
            terms = words.lookup([word for word, _start in phrase])
            if terms:
                end = phrase[-1][1] + len(phrase[-1][0])
                segments.append(
                    Segment(" ".join(w for w, _s in phrase), phrase[0][1], end, _strongest(terms))
                )
                at += length
                break
        else:
            word, start = tokens[at]
            segments.append(Segment(word, start, start + len(word)))
            at += 1
    return segments


def _pieces(folded: str) -> list[tuple[bool, list[tuple[str, int]]]]:
    """The folded query as pieces in their order, each word or Chinese run with its place:
    (True, [run]) or (False, [words…]); 'ev电池' is the word 'ev' then the run '电池'."""
    pieces: list[tuple[bool, list[tuple[str, int]]]] = []
    for token in TOKEN.finditer(folded):
        position = token.start()
        for run in CJK_RUN.finditer(folded, token.start(), token.end()):
            if run.start() > position:
                _add_word(pieces, folded[position : run.start()], position)
            pieces.append((True, [(run.group(), run.start())]))
            position = run.end()
        if position < token.end():
            _add_word(pieces, folded[position : token.end()], position)
    return pieces


def _add_word(pieces: list[tuple[bool, list[tuple[str, int]]]], word: str, start: int) -> None:
    if pieces and not pieces[-1][0]:
        pieces[-1][1].append((word, start))
    else:
        pieces.append((False, [(word, start)]))


def _same_as_typed(segment: Segment) -> Segment:
    """A place named as the registry writes it ('manaus') adds nothing to the name search: it is read as
    a plain word, so a name search stays the name search it was."""
    places = segment.values(TermKind.PLACE)
    if not places or set(places) != {segment.text}:
        return segment
    terms = tuple(term for term in segment.terms if term.kind != TermKind.PLACE)
    return Segment(segment.text, segment.start, segment.end, terms, segment.is_cjk)


@lru_cache(maxsize=REMEMBERED_QUERIES)
def understand(text: str) -> Understood:
    """The query read with the dictionaries (a pure function of the text, remembered for repeats)."""
    folded, origins = fold_with_origins(text)
    words = lexicon()
    segments: list[Segment] = []
    for is_chinese, items in _pieces(folded):
        if is_chinese:
            segments.extend(_cjk_segments(items[0][0], items[0][1], words))
        else:
            segments.extend(_word_segments(items, words))
    return Understood(text, origins, tuple(_same_as_typed(segment) for segment in segments))


def meaning_of(text: str | None) -> TextMeaning | None:
    """What a search text names besides names, or None for no text: the `meaning` of a `ZoneQuery`."""
    if not text:
        return None
    return understand(text).meaning
