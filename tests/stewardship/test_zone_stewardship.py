"""An operator keeps its zone current through the review queue, and every write keeps the zone's history
(issue 16, items 2–6), on SQLite and PostgreSQL with the bundled registry.

RUS-001 (Alabuga) is a real bundled zone; the operator's page and the change are what a member would
send. Each test reads as one thing a person does.
"""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, read_trail
from sezatlas.accounts.rate_limits import TooManyAttemptsError
from sezatlas.accounts.roles import Actor, Grant, NotAuthenticatedError, PermissionDeniedError, Role
from sezatlas.registry.bootstrap import init_database
from sezatlas.registry.exporter import ExportFormat, export_registry
from sezatlas.registry.importer import import_file
from sezatlas.stewardship.changes import ChangeInvalidError, ChangeSource, propose_change
from sezatlas.stewardship.documents import Upload
from sezatlas.stewardship.error_reports import ErrorReportInvalidError, error_reports, report_error
from sezatlas.stewardship.freshness import confirm_zone, confirmation_shares, last_confirmed
from sezatlas.stewardship.history import compare_versions, registry_as_of, revert_zone, zone_history
from sezatlas.stewardship.review import (
    ChangeNotPendingError,
    ReasonRequiredError,
    approve_changes,
    reject_change,
    review_queue,
)
from sezatlas.stewardship.versions import Layer, NoRecordOnDateError
from sezatlas.store.database import session_factory
from sezatlas.store.fact_origins import fact_layers
from sezatlas.store.models import ZoneFactOriginRow
from sezatlas.store.zones import get_zone

OPERATOR_PAGE = "https://alabuga.ru/en/"
OPERATOR = Actor(
    person_id=101, name="Alabuga operator", grants=frozenset({Grant(Role.ZONE_OPERATOR, "RUS-001")})
)
SECRETARIAT = Actor(name="secretariat", grants=frozenset({Grant(Role.SECRETARIAT)}), is_command_line=True)


def session_of(engine: Engine) -> Session:
    return session_factory(engine)()


def propose_free_land(session: Session, hectares: str = "95.5", **source: object) -> int:
    where = ChangeSource(as_of="2026-11", url=str(source.get("url", OPERATOR_PAGE)))
    return propose_change(
        session, OPERATOR, "RUS-001", {"free_area_ha": hectares}, where, comment="new plots"
    )


def free_land(session: Session) -> float | None:
    session.expire_all()
    zone = get_zone(session, "RUS-001")
    assert zone is not None
    return zone.land.free_area_ha


def test_an_approved_change_becomes_the_zones_fact_with_its_source_and_a_new_version(
    registry_engine: Engine,
) -> None:
    with session_of(registry_engine) as session:
        before = free_land(session)
        change_id = propose_free_land(session)
        assert free_land(session) == before  # waiting for review: nothing published yet
        [pending] = review_queue(session, SECRETARIAT)
        assert (pending.change_id, [(f.column, f.old, f.new) for f in pending.facts]) == (
            change_id,
            [("free_area_ha", before, 95.5)],
        )
        approve_changes(session, SECRETARIAT, [change_id])
        assert free_land(session) == 95.5
        zone = get_zone(session, "RUS-001")
        assert zone is not None
        source = zone.field_provenance["free_area_ha"]
        assert ([str(u) for u in source.source_urls], source.as_of, source.confidence) == (
            [OPERATOR_PAGE],
            "2026-11",
            "medium",  # the operator's word and an ordinary web page (docs/registry.md, "Confidence")
        )
        assert fact_layers(session, "RUS-001") == {"free_area_ha": "operator"}
        history = zone_history(session, "RUS-001")
        assert [(e.version.number, e.version.layer) for e in history] == [
            (2, Layer.OPERATOR),
            (1, Layer.BASELINE),
        ]
        assert [(d.column, d.old, d.new) for d in history[0].changes] == [("free_area_ha", before, 95.5)]
        assert RUS_confirmed(session)
        actions = [entry.action for entry in read_trail(session, entity="zone_change")]
        assert actions == ["approve zone change", "propose zone change"]


def RUS_confirmed(session: Session) -> bool:  # noqa: N802
    return "RUS-001" in last_confirmed(session, ["RUS-001"])


def test_the_registry_as_of_a_date_before_the_edit_holds_the_old_value(registry_engine: Engine) -> None:
    with session_of(registry_engine) as session:
        before = free_land(session)
        moment = datetime.now(UTC)
        approve_changes(session, SECRETARIAT, [propose_free_land(session)])
        assert registry_as_of(session, "RUS-001", moment).land.free_area_ha == before
        assert registry_as_of(session, "RUS-001", datetime.now(UTC)).land.free_area_ha == 95.5
        with pytest.raises(NoRecordOnDateError):
            registry_as_of(session, "RUS-001", datetime(2000, 1, 1, tzinfo=UTC))


def test_a_revert_restores_the_old_value_as_a_new_version(registry_engine: Engine) -> None:
    with session_of(registry_engine) as session:
        before = free_land(session)
        approve_changes(session, SECRETARIAT, [propose_free_land(session)])
        number = revert_zone(session, SECRETARIAT, "RUS-001", 1)
        assert (number, free_land(session)) == (3, before)
        assert [(d.column, d.old, d.new) for d in compare_versions(session, "RUS-001", 2, 3)] == [
            ("free_area_ha", 95.5, before)
        ]
        assert next(e.action for e in read_trail(session, entity="zone")) == "revert zone"
        with pytest.raises(PermissionDeniedError):
            revert_zone(session, OPERATOR, "RUS-001", 2)


def test_a_change_without_a_source_or_with_a_bad_value_is_refused_naming_the_field(
    registry_engine: Engine,
) -> None:
    with session_of(registry_engine) as session:
        with pytest.raises(ChangeInvalidError) as refused:
            propose_change(session, OPERATOR, "RUS-001", {"free_area_ha": "a lot", "area_ha": "-3"},
                           ChangeSource(as_of="2026-13"))  # fmt: skip
        fields = {problem.field for problem in refused.value.report.problems}
        assert {"free_area_ha", "as_of", "source_url"} <= fields
        zone = get_zone(session, "RUS-001")
        assert zone is not None and zone.land.area_ha is not None
        with pytest.raises(ChangeInvalidError, match="nothing to change"):
            propose_change(session, OPERATOR, "RUS-001", {"area_ha": f"{zone.land.area_ha:g}"},
                           ChangeSource(as_of="2026", url=OPERATOR_PAGE))  # fmt: skip
        with pytest.raises(ChangeInvalidError, match="not a fact an operator can change"):
            propose_change(session, OPERATOR, "RUS-001", {"country_iso3": "CHN"},
                           ChangeSource(as_of="2026", url=OPERATOR_PAGE))  # fmt: skip
        assert review_queue(session, SECRETARIAT) == []


def test_only_the_zones_operator_proposes_and_only_the_secretariat_decides(registry_engine: Engine) -> None:
    other = Actor(person_id=7, name="someone else", grants=frozenset({Grant(Role.ZONE_OPERATOR, "CHN-001")}))
    with session_of(registry_engine) as session:
        with pytest.raises(PermissionDeniedError):
            propose_change(
                session, other, "RUS-001", {"free_area_ha": "1"}, ChangeSource("2026", OPERATOR_PAGE)
            )
        with pytest.raises(NotAuthenticatedError):
            propose_change(session, Actor.anonymous(), "RUS-001", {"free_area_ha": "1"},
                           ChangeSource("2026", OPERATOR_PAGE))  # fmt: skip
        change_id = propose_free_land(session)
        with pytest.raises(PermissionDeniedError):
            approve_changes(session, OPERATOR, [change_id])
        session.rollback()
        with pytest.raises(ReasonRequiredError, match="reason"):
            reject_change(session, SECRETARIAT, change_id, "  ")
        reject_change(session, SECRETARIAT, change_id, "The page does not state free land.")
        with pytest.raises(ChangeNotPendingError, match="rejected already"):
            approve_changes(session, SECRETARIAT, [change_id])


def test_a_change_overtaken_by_a_newer_fact_is_not_applied(registry_engine: Engine) -> None:
    with session_of(registry_engine) as session:
        first, second = propose_free_land(session, "90"), propose_free_land(session, "80")
        approve_changes(session, SECRETARIAT, [first])
        assert review_queue(session, SECRETARIAT)[0].is_stale
        with pytest.raises(ChangeNotPendingError, match="changed since"):
            approve_changes(session, SECRETARIAT, [second])
        session.rollback()
        assert free_land(session) == 90


def test_a_document_source_is_kept_by_its_hash_and_makes_the_fact_high_confidence(
    registry_engine: Engine,
) -> None:
    letter = Upload("decision.pdf", b"%PDF-1.4 the board's decision on free land")
    with session_of(registry_engine) as session:
        change_id = propose_change(session, OPERATOR, "RUS-001", {"free_area_ha": "70"},
                                   ChangeSource(as_of="2026-10", document=letter))  # fmt: skip
        [pending] = review_queue(session, SECRETARIAT)
        assert pending.document is not None and len(pending.document.sha256) == 64
        approve_changes(session, SECRETARIAT, [change_id])
        zone = get_zone(session, "RUS-001")
        assert zone is not None
        source = zone.field_provenance["free_area_ha"]
        assert source.confidence == "high" and pending.document.sha256 in (source.source_citation or "")
        with pytest.raises(ChangeInvalidError):
            propose_change(session, OPERATOR, "RUS-001", {"free_area_ha": "60"},
                           ChangeSource(as_of="2026", document=Upload("x.exe", b"MZ\x90\x00")))  # fmt: skip


def test_db_init_after_an_operator_edit_changes_nothing_of_it_and_raises_one_review_item(
    registry_engine: Engine,
) -> None:
    with session_of(registry_engine) as session:
        approve_changes(session, SECRETARIAT, [propose_free_land(session, "95.5")])
    first = init_database(registry_engine)
    again = init_database(registry_engine)
    with session_of(registry_engine) as session:
        assert free_land(session) == 95.5
        queue = review_queue(session, SECRETARIAT)
    # the bundled Alabuga states a free area of its own; whether it does decides whether there is an item
    assert again.review_items == 0
    assert len(queue) == first.review_items
    for item in queue:
        assert item.proposed_by == "bundled data release"


def test_an_import_records_a_version_naming_its_file(registry_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "alabuga.csv"
    header = "zone_id,country_iso3,name_en,zone_type,jobs_count,source_urls,as_of"
    row = f"RUS-001,RUS,Alabuga SEZ,sez,12345,{OPERATOR_PAGE},2026-12"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    import_file(registry_engine, path)
    with session_of(registry_engine) as session:
        newest = zone_history(session, "RUS-001")[0].version
        assert (newest.layer, newest.source, newest.actor) == (Layer.IMPORT, "alabuga.csv", "command line")
        assert "jobs_count" in newest.changed
    with pytest.raises(PermissionDeniedError):
        import_file(registry_engine, path, actor=OPERATOR)


def test_confirming_a_zone_counts_in_the_countrys_freshness_share(registry_engine: Engine) -> None:
    with session_of(registry_engine) as session:

        def russia() -> tuple[int, int]:
            row = next(c for c in confirmation_shares(session) if c.country_iso3 == "RUS")
            return row.zones, row.confirmed

        zones, confirmed = russia()
        assert confirmed == 0
        confirm_zone(session, OPERATOR, "RUS-001")
        assert russia() == (zones, 1)
        later = datetime.now(UTC) + timedelta(days=400)
        row = next(c for c in confirmation_shares(session, now=later) if c.country_iso3 == "RUS")
        assert row.confirmed == 0  # a confirmation older than 12 months no longer counts


def test_a_visitors_error_report_is_stored_limited_per_address_and_read_by_the_operator(
    registry_engine: Engine,
) -> None:
    here = RequestContext(ip="203.0.113.9")
    with session_of(registry_engine) as session:
        with pytest.raises(ErrorReportInvalidError):
            report_error(session, "RUS-001", "bad", context=here)
        for n in range(5):
            report_error(session, "RUS-001", f"The free land figure is out of date ({n}).", context=here)
        with pytest.raises(TooManyAttemptsError):
            report_error(session, "RUS-001", "One more report from the same address.", context=here)
        assert len(error_reports(session, OPERATOR)) == 5
        other = Actor(person_id=3, name="x", grants=frozenset({Grant(Role.ZONE_OPERATOR, "CHN-001")}))
        assert error_reports(session, other) == []
        assert session.scalars(select(ZoneFactOriginRow)).all() == []


def test_an_import_that_changes_an_operator_confirmed_fact_makes_it_the_imports(
    registry_engine: Engine, tmp_path: Path
) -> None:
    with session_of(registry_engine) as session:
        approve_changes(session, SECRETARIAT, [propose_free_land(session, "95.5")])
    header = "zone_id,country_iso3,name_en,zone_type,free_area_ha,source_urls,as_of"
    same, other = tmp_path / "same.csv", tmp_path / "other.csv"
    same.write_text(f"{header}\nRUS-001,RUS,Alabuga SEZ,sez,95.5,{OPERATOR_PAGE},2026-12\n", encoding="utf-8")
    other.write_text(f"{header}\nRUS-001,RUS,Alabuga SEZ,sez,80,{OPERATOR_PAGE},2026-12\n", encoding="utf-8")
    import_file(registry_engine, same)
    with session_of(registry_engine) as session:
        assert fact_layers(session, "RUS-001")["free_area_ha"] == "operator"  # the same value: still theirs
    import_file(registry_engine, other)
    with session_of(registry_engine) as session:
        assert fact_layers(session, "RUS-001")["free_area_ha"] == "import"


def test_the_registry_exported_as_of_a_moment_holds_the_facts_of_then(
    registry_engine: Engine, tmp_path: Path
) -> None:
    moment = datetime.now(UTC)
    with session_of(registry_engine) as session:
        before = free_land(session)
        approve_changes(session, SECRETARIAT, [propose_free_land(session, "95.5")])
    then, now = tmp_path / "then.json", tmp_path / "now.json"
    assert export_registry(registry_engine, then, ExportFormat.JSON, as_of=moment) == export_registry(
        registry_engine, now, ExportFormat.JSON
    )
    alabuga = {path.name: next(z for z in json.loads(path.read_text())["zones"] if z["zone_id"] == "RUS-001")
               for path in (then, now)}  # fmt: skip
    assert (alabuga["then.json"]["land"]["free_area_ha"], alabuga["now.json"]["land"]["free_area_ha"]) == (
        before,
        95.5,
    )
    assert export_registry(registry_engine, tmp_path / "old.json", ExportFormat.JSON,
                           as_of=datetime(2000, 1, 1, tzinfo=UTC)) == 0  # fmt: skip
