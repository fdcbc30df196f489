"""The registry as OGC API – Features collections: zones, seaports and airports, with their queryables,
CQL2 filters (text and JSON), `datetime`, `sortby` and `properties`.

`filters` is the filter as plain data; `cql2_reading` reads a filter expression into it, checked against a
collection's `queryables`; `sql_filter` turns it into SQLAlchemy conditions (the zones table) and
`evaluation` evaluates it in Python (the bundled point layers, and the tests' second opinion);
`catalog` is the use case the `/ogc` routes call.
"""
