"""The meeting scheduler: the instance, the greedy, CP-SAT and search stages, the LP bound, seating, the
independent checker of every rule, the schedule report and the seeded synthetic congresses. A pure core
(plain data in, a `Schedule` and a `ScheduleReport` out) that may import `sezatlas.congress.model`, its own
modules and `sezatlas.standard`; never sqlalchemy, `sezatlas.store`, `sezatlas.web` or `sezatlas.cli`.
"""
