"""Organisations and the public members directory: the secretariat adds members and the zones they operate
(CLI and use cases); anyone reads the directory (page and API); nobody else may add or link. The
organisations here are made up by the tests and named so; the bundled database holds none."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from sezatlas.accounts.organisations import (
    NewOrganisation,
    OrganisationError,
    OrganisationKind,
    OrganisationNotFoundError,
    add_organisation,
    link_zone,
    members_directory,
)
from sezatlas.accounts.roles import Actor, Grant, NotAuthenticatedError, PermissionDeniedError, Role
from sezatlas.cli import app as cli
from sezatlas.store.accounts_tables import AuditRow
from sezatlas.store.database import make_engine, session_factory, upgrade
from sezatlas.store.zones import upsert_zones
from sezatlas.web.app import create_app
from tests.registry.zone_files import sample_zones

SECRETARIAT = Actor.command_line()
OPERATOR = NewOrganisation(
    "Example Zone Operator (test)", OrganisationKind.ZONE_OPERATOR, "rus", "https://operator.example.org",
    is_member=True, member_since="2025-03-01",
)  # fmt: skip


def with_zones(engine: Engine) -> list[str]:
    zones = sample_zones(2)
    with session_factory(engine)() as session:
        upsert_zones(session, zones)
        session.commit()
    return [zone.zone_id for zone in zones]


def test_a_member_with_its_zones_is_listed_in_the_directory(empty_engine: Engine) -> None:
    zone_ids = with_zones(empty_engine)
    with session_factory(empty_engine)() as session:
        added = add_organisation(session, SECRETARIAT, OPERATOR)
        link_zone(session, SECRETARIAT, OPERATOR.name, zone_ids[0])
        linked = link_zone(session, SECRETARIAT, OPERATOR.name, zone_ids[0])  # again: nothing changes
        add_organisation(
            session, SECRETARIAT, NewOrganisation("Not A Member Ltd (test)", OrganisationKind.CORPORATION)
        )
        directory = members_directory(session)
        trail = list(session.execute(select(AuditRow.action, AuditRow.entity_id).order_by(AuditRow.audit_id)))
    assert added.country_iso3 == "RUS" and [z.zone_id for z in linked.zones] == [zone_ids[0]]
    assert [o.name for o in directory] == [OPERATOR.name]  # members only
    assert trail[:2] == [("create", str(added.organisation_id)), ("link-zone", str(added.organisation_id))]
    assert len(trail) == 3  # the second link changed nothing and was not recorded


def test_only_the_secretariat_adds_organisations_and_links_zones(empty_engine: Engine) -> None:
    operator = Actor(person_id=7, name="operator", grants=frozenset({Grant(Role.ZONE_OPERATOR, "RUS-001")}))
    with session_factory(empty_engine)() as session:
        with pytest.raises(NotAuthenticatedError):
            add_organisation(session, Actor.anonymous(), OPERATOR)
        with pytest.raises(PermissionDeniedError):
            add_organisation(session, operator, OPERATOR)
        add_organisation(session, SECRETARIAT, OPERATOR)
        with pytest.raises(PermissionDeniedError):
            link_zone(session, operator, OPERATOR.name, "RUS-001")


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        (NewOrganisation("X (test)", OrganisationKind.CORPORATION, "XXX"), "not an ISO 3166-1 alpha-3 code"),
        (NewOrganisation("X (test)", OrganisationKind.CORPORATION, website="javascript:alert(1)"), "website"),
        (NewOrganisation("X (test)", OrganisationKind.CORPORATION, is_member=True, member_since="1.3.2025"),
         "not a date"),
        (NewOrganisation("X (test)", OrganisationKind.CORPORATION, member_since="2025-03-01"),
         "not a member"),
        (NewOrganisation("  ", OrganisationKind.CORPORATION), "name"),
    ],
)  # fmt: skip
def test_bad_facts_are_refused_with_the_field_named(
    new: NewOrganisation, reason: str, tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'orgs.sqlite3'}")
    upgrade(engine)
    with session_factory(engine)() as session, pytest.raises(OrganisationError, match=reason):
        add_organisation(session, SECRETARIAT, new)


def test_a_name_is_taken_once_and_unknown_names_and_zones_are_refused(empty_engine: Engine) -> None:
    with session_factory(empty_engine)() as session:
        add_organisation(session, SECRETARIAT, OPERATOR)
        with pytest.raises(OrganisationError, match="exists already"):
            add_organisation(session, SECRETARIAT, OPERATOR)
        with pytest.raises(OrganisationNotFoundError):
            link_zone(session, SECRETARIAT, "Nobody (test)", "RUS-001")
        with pytest.raises(OrganisationError, match="not in the registry"):
            link_zone(session, SECRETARIAT, OPERATOR.name, "NOPE-001")


def test_the_directory_page_and_api_show_members_with_links_to_their_zones(empty_engine: Engine) -> None:
    zone_ids = with_zones(empty_engine)
    with session_factory(empty_engine)() as session:
        add_organisation(session, SECRETARIAT, OPERATOR)
        for zone_id in zone_ids:
            link_zone(session, SECRETARIAT, OPERATOR.name, zone_id)
    client = TestClient(create_app(empty_engine))
    [member] = client.get("/api/v1/members").json()
    assert member["name"] == OPERATOR.name and member["kind"] == "zone_operator"
    assert member["country_iso3"] == "RUS" and member["member_since"] == "2025-03-01"
    assert member["website"] == "https://operator.example.org"
    assert [z["page"] for z in member["zones"]] == [f"/zones/{zone_id}" for zone_id in sorted(zone_ids)]
    assert all(z["name"] for z in member["zones"])
    page = client.get("/members").text
    assert OPERATOR.name in page and "Zone operator" in page and "Russia" in page
    assert f'href="/zones/{sorted(zone_ids)[0]}"' in page and '<time datetime="2025-03-01">' in page
    assert client.get("/members?f=json").json() == client.get("/api/v1/members").json()
    assert "Оператор зоны" in client.get("/members?lang=ru").text


def test_an_empty_directory_says_how_members_get_listed(empty_engine: Engine) -> None:
    client = TestClient(create_app(empty_engine))
    assert client.get("/api/v1/members").json() == []
    page = client.get("/members").text
    assert 'data-testid="members-empty"' in page and "sezatlas orgs add" in page


def test_the_cli_adds_links_and_lists_organisations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'orgs.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    [zone_id] = with_zones(engine)[:1]
    runner = CliRunner()
    adding = ["orgs", "add", OPERATOR.name, "--kind", "zone_operator", "--country", "RUS", "--member",
              "--member-since", "2025-03-01", "--database-url", url]  # fmt: skip
    added = runner.invoke(cli, adding)
    assert added.exit_code == 0, added.output
    linked = runner.invoke(cli, ["orgs", "link-zone", OPERATOR.name, zone_id, "--database-url", url])
    assert linked.exit_code == 0 and zone_id in linked.output
    listed = runner.invoke(cli, ["orgs", "list", "--members", "--database-url", url])
    assert listed.exit_code == 0 and "2025-03-01" in listed.output and zone_id in listed.output
    unknown = runner.invoke(cli, ["orgs", "link-zone", "Nobody (test)", zone_id, "--database-url", url])
    assert unknown.exit_code == 1 and "no organisation named 'Nobody (test)'" in unknown.output


def test_the_bundled_database_lists_no_member(bundled_engine: Engine) -> None:
    with session_factory(bundled_engine)() as session:
        assert members_directory(session) == []
