"""Sector search grades on the store: exact, possible, and the zones' declared codes kept current."""

from sqlalchemy import Engine

from sezatlas.standard.zone import Zone
from sezatlas.store.database import transaction
from sezatlas.store.zone_search import SectorMatch, ZoneQuery, search_zones
from sezatlas.store.zones import upsert_zones


def make_zone(zone_id: str, *codes: str) -> Zone:
    base = {"zone_id": zone_id, "country_iso3": "FJI", "name_en": f"Zone {zone_id}", "zone_type": "free_zone"}
    return Zone.model_validate({**base, "specialisation": {"isic_codes": list(codes)}})


def grades(engine: Engine, *asked: str) -> dict[str, SectorMatch]:
    with transaction(engine) as session:
        return search_zones(session, ZoneQuery(isic=list(asked))).sector_matches


def test_declared_broad_codes_are_possible_and_follow_updates(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        zones = [make_zone("FJI-1", "C"), make_zone("FJI-2", "2720"), make_zone("FJI-3", "2710")]
        upsert_zones(session, [*zones, make_zone("FJI-4", "27", "62")])
    assert grades(empty_engine, "2720") == {"FJI-2": "exact", "FJI-1": "possible", "FJI-4": "possible"}
    assert grades(empty_engine, "27") == {"FJI-2": "exact", "FJI-3": "exact", "FJI-4": "exact",
                                          "FJI-1": "possible"}  # fmt: skip
    assert grades(empty_engine, "C") == dict.fromkeys(("FJI-1", "FJI-2", "FJI-3", "FJI-4"), "exact")
    with transaction(empty_engine) as session:
        upsert_zones(session, [make_zone("FJI-1", "62")])  # no longer "manufacturing"
    assert grades(empty_engine, "2720") == {"FJI-2": "exact", "FJI-4": "possible"}


def test_several_asked_codes_grade_by_the_best(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        upsert_zones(session, [make_zone("FJI-1", "C"), make_zone("FJI-2", "62")])
    assert grades(empty_engine, "2720", "62") == {"FJI-2": "exact", "FJI-1": "possible"}
    assert grades(empty_engine, "2720", "J") == {"FJI-2": "exact", "FJI-1": "possible"}  # a section asked too


def test_a_graded_search_counts_every_match_on_every_page(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        upsert_zones(session, [make_zone(f"FJI-{n}", "C" if n % 2 else "2720") for n in range(1, 8)])
        upsert_zones(session, [make_zone("FJI-9", "62")])  # not in the sector: not counted
    pages = []
    with transaction(empty_engine) as session:
        for offset in (0, 3, 6, 7, 20):  # the last two are past the last match
            page = search_zones(session, ZoneQuery(isic=["2720"], limit=3, offset=offset))
            graded = [(row["zone_id"], page.sector_matches[row["zone_id"]]) for row in page.rows]
            pages.append((page.total, graded))
    assert pages == [
        (7, [("FJI-2", "exact"), ("FJI-4", "exact"), ("FJI-6", "exact")]),
        (7, [("FJI-1", "possible"), ("FJI-3", "possible"), ("FJI-5", "possible")]),
        (7, [("FJI-7", "possible")]),
        (7, []),
        (7, []),
    ]


def test_a_graded_page_read_with_its_documents_is_the_same_page_with_the_same_count(
    empty_engine: Engine,
) -> None:
    """With documents, PostgreSQL reads the ids and the documents in one query (`_page_documents`)."""
    with transaction(empty_engine) as session:
        upsert_zones(session, [make_zone(f"FJI-{n}", "C" if n % 2 else "2720") for n in range(1, 8)])
    with transaction(empty_engine) as session:
        for offset in (0, 3, 6, 7):
            query = ZoneQuery(isic=["2720"], limit=3, offset=offset)
            columns, documents = (
                search_zones(session, query),
                search_zones(session, query, with_documents=True),
            )
            assert documents.total == columns.total == 7
            assert [row["zone_id"] for row in documents.rows] == [row["zone_id"] for row in columns.rows]
            assert documents.sector_matches == columns.sector_matches
            assert all("matches" not in row for row in documents.rows)
