"""A zone page's sources, each listed once with the facts it supports, so the fact rows can cite them by
number instead of repeating the same hosts on every row.

Sources are grouped by host ("en.wikipedia.org"), numbered in the order the page first cites them; under
each host every URL is listed with its as-of date and the facts it supports, by group. A fact row cites
the numbers of its hosts and keeps its own as-of date and note, so every fact still leads to its URLs and
date. A URL that supports exactly the facts of an earlier host's says "the same facts as [1]" rather than
listing them again. A record source that no shown fact cites (every fact has a source of its own) is
still listed, as supporting the record as a whole.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sezatlas.web.pages.facts import Fact, FactGroup


def source_host(url: str) -> str:
    """A source's host without "www.", short enough to sit beside each fact."""
    host = urlsplit(url).netloc
    return host.removeprefix("www.") or url


@dataclass(frozen=True, slots=True)
class SupportedFacts:
    group: str  # the group's translated title
    labels: list[str]  # the facts' translated labels


@dataclass(slots=True)
class SourceUrl:
    url: str
    as_of: list[str] = field(default_factory=list)  # formatted; usually one
    facts: list[SupportedFacts] = field(default_factory=list)  # empty: the record as a whole
    same_facts_as: int | None = None  # an earlier host's number whose URL supports exactly these facts

    def add(self, group: str, fact: Fact) -> None:
        if fact.as_of and fact.as_of not in self.as_of:
            self.as_of.append(fact.as_of)
        if not self.facts or self.facts[-1].group != group:
            self.facts.append(SupportedFacts(group, []))
        if fact.label not in self.facts[-1].labels:
            self.facts[-1].labels.append(fact.label)


@dataclass(slots=True)
class SourceHost:
    number: int  # what fact rows cite: [1]
    host: str
    urls: dict[str, SourceUrl] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ZoneSources:
    hosts: list[SourceHost]
    number_of_url: dict[str, int]

    def cited_by(self, fact: Fact) -> list[SourceHost]:
        """The hosts a fact row cites, each once, in the order of their numbers."""
        numbers = sorted({self.number_of_url[url] for url in fact.source_urls})
        return [self.hosts[number - 1] for number in numbers]


def _source_url(hosts: dict[str, SourceHost], url: str) -> SourceUrl:
    host = source_host(url)
    if host not in hosts:
        hosts[host] = SourceHost(len(hosts) + 1, host)
    return hosts[host].urls.setdefault(url, SourceUrl(url))


def group_sources(groups: list[FactGroup], record_urls: list[str], record_as_of: str | None) -> ZoneSources:
    """Every source of the page's known facts, once per host; then the record's sources no fact cites."""
    hosts: dict[str, SourceHost] = {}
    for group in groups:
        for fact in group.facts:
            for url in fact.source_urls if fact.is_known else []:
                _source_url(hosts, url).add(group.title, fact)
    for url in record_urls:
        source = _source_url(hosts, url)
        if record_as_of and not source.as_of:
            source.as_of.append(record_as_of)
    _mark_same_facts(list(hosts.values()))
    numbers = {url: host.number for host in hosts.values() for url in host.urls}
    return ZoneSources(list(hosts.values()), numbers)


def _mark_same_facts(hosts: list[SourceHost]) -> None:
    """A URL supporting exactly the facts an earlier host's URL supports says so instead of repeating
    them (a record's sources usually support the same facts)."""
    first_with: dict[tuple[tuple[str, tuple[str, ...]], ...], int] = {}
    for host in hosts:
        for source in host.urls.values():
            key = tuple((part.group, tuple(part.labels)) for part in source.facts)
            if source.facts and key in first_with and first_with[key] != host.number:
                source.same_facts_as = first_with[key]
            first_with.setdefault(key, host.number)
