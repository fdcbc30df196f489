"""Who is acting and what they may do: roles with their scope, and the permission rules, as plain data.

A person holds grants: a role, and for the roles that are about one thing, its scope — the event a
Congress organiser runs, the participant id a Congress participant is, the zone an operator keeps.
An `Actor` is a person's grants as seen by one request (or the command line's operator of the
machine). The rules below are the only place permissions are decided; use cases call `require`.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    INVESTOR = "investor"
    ZONE_OPERATOR = "zone_operator"  # scope: a zone id
    MEMBER = "member"  # a person of a member organisation
    ORGANISER = "organiser"  # scope: a Congress event id
    PARTICIPANT = "participant"  # scope: "event_id/participant_id"
    SECRETARIAT = "secretariat"  # everything


SCOPED = {Role.ZONE_OPERATOR, Role.ORGANISER, Role.PARTICIPANT}


@dataclass(frozen=True, order=True)
class Grant:
    role: Role
    scope: str = ""

    def __str__(self) -> str:
        """`role`, or `role:scope` for a scoped role (as the CLI's --role takes it)."""
        return f"{self.role.value}:{self.scope}" if self.scope else self.role.value

    def __post_init__(self) -> None:
        if (self.role in SCOPED) != bool(self.scope):
            need = "needs a scope" if self.role in SCOPED else "takes no scope"
            raise ValueError(f"role {self.role.value} {need}")


class NotAuthenticatedError(PermissionError):
    """Nobody is logged in, and the action needs someone (HTTP 401)."""


class PermissionDeniedError(PermissionError):
    """The person acting lacks the role the action needs (HTTP 403)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: a person (with their grants), the operator of the command line, or an anonymous visitor."""

    person_id: int | None = None
    name: str = "anonymous visitor"
    organisation_id: int | None = None
    grants: frozenset[Grant] = field(default_factory=frozenset)
    is_command_line: bool = False

    @classmethod
    def anonymous(cls) -> "Actor":
        return cls()

    @classmethod
    def command_line(cls, name: str = "command line") -> "Actor":
        """Whoever runs `sezatlas` on the server holds the database anyway: the CLI acts as secretariat."""
        return cls(name=name, grants=frozenset({Grant(Role.SECRETARIAT)}), is_command_line=True)

    @property
    def is_authenticated(self) -> bool:
        return self.person_id is not None or self.is_command_line

    def has(self, role: Role, scope: str = "") -> bool:
        return Grant(Role.SECRETARIAT) in self.grants or Grant(role, scope) in self.grants


def require(actor: Actor, allowed: bool, action: str) -> None:
    """Refuse `action` unless `allowed`: 401 for an anonymous visitor, 403 for someone without the role."""
    if allowed:
        return
    if not actor.is_authenticated:
        raise NotAuthenticatedError(f"{action}: log in first")
    raise PermissionDeniedError(f"{action}: {actor.name} may not do this")


def participant_scope(event_id: str, participant_id: str) -> str:
    return f"{event_id}/{participant_id}"


def may_organise(actor: Actor, event_id: str) -> bool:
    """Run the event: schedule, re-schedule, set must-meets and priorities, answer for anyone."""
    return actor.has(Role.ORGANISER, event_id)


def may_act_as_participant(actor: Actor, event_id: str, participant_id: str) -> bool:
    """Make and answer requests as this participant: the participant themself, or the event's organiser."""
    return actor.has(Role.PARTICIPANT, participant_scope(event_id, participant_id)) or may_organise(
        actor, event_id
    )


def participants_of(actor: Actor, event_id: str) -> frozenset[str]:
    """The participant ids of the event the actor holds a participant grant for (usually none or one)."""
    prefix = participant_scope(event_id, "")
    return frozenset(
        grant.scope.removeprefix(prefix)
        for grant in actor.grants
        if grant.role == Role.PARTICIPANT and grant.scope.startswith(prefix)
    )


def may_administer(actor: Actor) -> bool:
    """Accounts, tokens, imports of the registry, the audit trail."""
    return actor.has(Role.SECRETARIAT)


def may_keep_zone(actor: Actor, zone_id: str) -> bool:
    """Propose changes to a zone's facts, confirm them, read its inbox: its operator (or the secretariat)."""
    return actor.has(Role.ZONE_OPERATOR, zone_id)


def kept_zones(actor: Actor) -> list[str]:
    """The zones this person operates (their own grants; the secretariat's reach is not a list of zones)."""
    return sorted(grant.scope for grant in actor.grants if grant.role is Role.ZONE_OPERATOR and grant.scope)


def may_send_inquiry(actor: Actor) -> bool:
    """Send an inquiry to zones: a logged-in investor (a person: the reply goes to them, not to a machine)."""
    return actor.has(Role.INVESTOR) and actor.person_id is not None
