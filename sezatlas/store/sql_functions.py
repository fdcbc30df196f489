"""SQL functions the store defines on PostgreSQL (SQLite gets Python ones per connection).

`haversine_km` is the formula and radius of `sezatlas.store.database.haversine_km`. Inputs and
differences below 1e-100 degrees are taken as 0 before radians() and sin() see them: PostgreSQL
raises "value out of range: underflow" where Python quietly returns 0.0 (found by hypothesis).
Migrations 0001 (create), 0004 (replace the first version, which only caught tiny squares) and 0012
(replace the second, which PostgreSQL could not inline) run it.
"""


def _zero_if_tiny(test: str, value: str) -> str:
    return f"(CASE WHEN abs({test}) < 1e-100 THEN 0 ELSE {value} END)"


def _haversine_expression() -> str:
    """One SQL expression of the four arguments, with no FROM: PostgreSQL inlines such a function into
    the query, so the planner evaluates it natively per row instead of calling a function (with the
    subqueries of the first versions it was a call per row, ~60 µs: 50 ms for the 900 zones of a
    50 km circle at 100,000 zones; benchmarks/registry.py). The guards are the second version's."""
    p1, p2, l1, l2 = (_zero_if_tiny(name, name) for name in ("lat1", "lat2", "lon1", "lon2"))
    dlat = _zero_if_tiny(f"{p2} - {p1}", f"sin(radians({p2} - {p1}) / 2)")
    dlon = _zero_if_tiny(f"{l2} - {l1}", f"sin(radians({l2} - {l1}) / 2)")
    square = _zero_if_tiny(dlat, f"{dlat} * {dlat}")
    across = f"cos(radians({p1})) * cos(radians({p2})) * {_zero_if_tiny(dlon, f'{dlon} * {dlon}')}"
    return f"2 * 6371.0088 * asin(least(1.0, sqrt({square} + {across})))"


HAVERSINE_PG = f"""
CREATE OR REPLACE FUNCTION haversine_km(lat1 double precision, lon1 double precision,
                                        lat2 double precision, lon2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT {_haversine_expression()}
$$
"""
