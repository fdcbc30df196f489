"""SQL functions the store defines on PostgreSQL (SQLite gets Python ones per connection).

`haversine_km` is the formula and radius of `sezatlas.store.database.haversine_km`. Inputs and
differences below 1e-100 degrees are taken as 0 before radians() and sin() see them: PostgreSQL
raises "value out of range: underflow" where Python quietly returns 0.0 (found by hypothesis).
Migrations 0001 (create) and 0004 (replace the first version, which only caught tiny squares) run it.
"""

HAVERSINE_PG = """
CREATE OR REPLACE FUNCTION haversine_km(lat1 double precision, lon1 double precision,
                                        lat2 double precision, lon2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
    CASE WHEN abs(dlat) < 1e-100 THEN 0 ELSE dlat * dlat END
    + cos(radians(p1)) * cos(radians(p2)) * CASE WHEN abs(dlon) < 1e-100 THEN 0 ELSE dlon * dlon END)))
  FROM (SELECT p1, p2, CASE WHEN abs(p2 - p1) < 1e-100 THEN 0 ELSE sin(radians(p2 - p1) / 2) END AS dlat,
               CASE WHEN abs(l2 - l1) < 1e-100 THEN 0 ELSE sin(radians(l2 - l1) / 2) END AS dlon
        FROM (SELECT CASE WHEN abs(lat1) < 1e-100 THEN 0 ELSE lat1 END AS p1,
                     CASE WHEN abs(lat2) < 1e-100 THEN 0 ELSE lat2 END AS p2,
                     CASE WHEN abs(lon1) < 1e-100 THEN 0 ELSE lon1 END AS l1,
                     CASE WHEN abs(lon2) < 1e-100 THEN 0 ELSE lon2 END AS l2) AS degrees) AS half_angles
$$
"""
