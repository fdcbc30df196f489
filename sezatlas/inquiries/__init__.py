"""Investors reach zones directly (issue 17): inquiries on a public response clock.

`clock.py` is the pure core: the status pipeline and how long a zone took to answer, pauses excluded;
`response_stats.py` turns many clocks into the public aggregates (never an inquiry's content or sender).
"""
