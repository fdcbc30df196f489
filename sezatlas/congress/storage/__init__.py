"""Everything of the Congress that talks SQLAlchemy: events and participants, meeting requests, saved
schedules, and what is published from them (agendas, table plans, recommendations, the dashboard). The
only congress package that may import sqlalchemy and `sezatlas.store`; it builds on the pure cores
(`matching`, `scheduling`, `files`) and is used by the use cases, the CLI and `sezatlas.web`, never the
other way round.
"""
