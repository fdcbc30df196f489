"""Congress B2B: participants, who-should-meet-whom recommendations and 1:1 meeting schedules.

The computation core is pure: plain dataclasses in (`model`), a `Schedule` and a `ScheduleReport` out.
"""
