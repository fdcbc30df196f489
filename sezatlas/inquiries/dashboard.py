"""The public response dashboard: per zone, country or operating organisation, how inquiries were answered.

Anyone may read it. It reads only the threads' clock columns and group keys — never an inquiry's text,
its project or its sender — so what it returns cannot carry them (`response_stats.py` for the figures).

Counted in SQL from one index per kind of group, so that 100,000 threads answer in milliseconds rather than
seconds in Python: a thread is *missed* when unanswered and either its stored time is past its target or
it is running and its `due_at` has passed; each quantile comes from the two order statistics around it,
sought by rank in that index, and is interpolated here (`response_stats.quantile_from`). A dashboard of
every zone at once seeks 2 × 897 ranks; per country, per organisation or of one zone it is a handful.
"""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from sezatlas.inquiries.response_stats import ResponseStats, quantile_from
from sezatlas.store.inquiries_tables import InquiryThreadRow


class GroupBy(StrEnum):
    ZONE = "zone"
    COUNTRY = "country"
    ORGANISATION = "organisation"


_KEYS = {
    GroupBy.ZONE: InquiryThreadRow.zone_id,
    GroupBy.COUNTRY: InquiryThreadRow.country_iso3,
    GroupBy.ORGANISATION: InquiryThreadRow.organisation_id,
}
DAY_S = 86_400.0
QUANTILES = (0.5, 0.9)
# Up to this many groups each quantile is sought by rank (a few index seeks per group); beyond, one pass
# numbers every group's answered threads at once (every zone: 2 × 897 seeks took ~1 s at 100,000 threads).
SEEK_GROUPS = 50


def _where(by: GroupBy, only: str | None) -> list[Any]:
    key = _KEYS[by]
    conditions: list[Any] = [key.is_not(None)]
    if only is not None:
        conditions.append(key == (int(only) if by is GroupBy.ORGANISATION else only))
    return conditions


def response_dashboard(
    session: Session, by: GroupBy, *, only: str | None = None, now: datetime | None = None
) -> dict[str, ResponseStats]:
    """Anyone: the figures per group (a zone id, an ISO3 code or an organisation id as text), or of the one
    group `only`. Threads of zones without an operating organisation have no organisation group."""
    if by is GroupBy.ORGANISATION and only is not None and not only.isdigit():
        return {}  # organisations are numbered: no group has that key
    at = now or datetime.now(UTC)
    t = InquiryThreadRow
    key, where = _KEYS[by], _where(by, only)
    answered = t.first_answer_at.is_not(None)
    missed = and_(t.first_answer_at.is_(None), or_(t.running_s > t.target_s, t.due_at < at))
    counts = (
        select(
            key,
            func.count(),
            func.count(t.first_answer_at),
            func.sum(case((and_(answered, t.running_s <= t.target_s), 1), else_=0)),
            func.sum(case((missed, 1), else_=0)),
        )
        .where(*where)
        .group_by(key)
    )
    rows = session.execute(counts).all()
    picked = _picked_order_statistics(session, key, where) if len(rows) > SEEK_GROUPS else None
    out = {}
    for group, received, answered_count, within, missed_count in rows:
        n_answered, n_missed = int(answered_count), int(missed_count or 0)
        if picked is None:
            median, p90 = (_quantile_days(session, key, group, n_answered, q) for q in QUANTILES)
        else:
            values = picked.get(group, {})
            median, p90 = (quantile_from(values, n_answered, q) for q in QUANTILES)
        out[str(group)] = ResponseStats(int(received), n_answered, n_answered + n_missed, int(within or 0),
                                        median, p90)  # fmt: skip
    return dict(sorted(out.items()))


def _low_rank(answered: Any, q: float) -> Any:
    """⌊(n − 1)·q⌋ for q in tenths, in integers (works on a Python int and on a SQL expression alike)."""
    return (answered - 1) * round(q * 10) // 10


def _picked_order_statistics(session: Session, key: Any, where: list[Any]) -> dict[Any, dict[int, float]]:
    """Every group's order statistics around its quantiles in one pass over the clock-ordered index: each
    answered thread numbered within its group, and only those at the ranks `quantile_from` needs kept."""
    t = InquiryThreadRow
    answered = and_(*where, t.first_answer_at.is_not(None))
    rank = func.row_number().over(partition_by=key, order_by=t.running_s) - 1
    size = func.count().over(partition_by=key)
    numbered = select(key.label("grp"), t.running_s.label("s"), rank.label("rank"), size.label("n"))
    numbered_sq = numbered.where(answered).subquery()
    wanted = [
        numbered_sq.c.rank == _low_rank(numbered_sq.c.n, q) + step for q in QUANTILES for step in (0, 1)
    ]
    picked: dict[Any, dict[int, float]] = {}
    query = select(numbered_sq.c.grp, numbered_sq.c.rank, numbered_sq.c.s).where(or_(*wanted))
    for group, rank_value, seconds in session.execute(query):
        picked.setdefault(group, {})[int(rank_value)] = float(seconds) / DAY_S
    return picked


def _quantile_days(session: Session, key: Any, group: Any, answered: int, q: float) -> float | None:
    """The `q` quantile of the group's answered threads' days: the order statistics at ranks ⌊(n−1)q⌋ and
    the next, sought by rank in the group's clock-ordered index (no sort, no read of the other rows)."""
    if answered == 0:
        return None
    low = _low_rank(answered, q)
    t = InquiryThreadRow
    seconds = session.scalars(
        select(t.running_s)
        .where(key == group, t.first_answer_at.is_not(None))
        .order_by(t.running_s)
        .limit(2)
        .offset(low)
    ).all()
    values = {low + index: float(value) / DAY_S for index, value in enumerate(seconds)}
    return quantile_from(values, answered, q)
