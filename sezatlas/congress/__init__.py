"""Congress B2B: participants, who-should-meet-whom recommendations and 1:1 meeting schedules.

The computation core is pure: plain dataclasses in (`model`), a `Schedule` and a `ScheduleReport` out.
Sub-packages by job: `matching` (who should meet whom), `scheduling` (the scheduler, its bound, its checker,
its report), `files` (file formats read and written) and `storage` (everything that talks SQLAlchemy).
At the top level: `model` (the plain data all of them share), the views built from plain data (`agenda`,
`dashboard`), the use cases every adapter calls (`event_import`, `meeting_requests`,
`schedule_publishing`, `schedule_jobs`, `events`) and the command line (`cli`, `terminal`).
"""
