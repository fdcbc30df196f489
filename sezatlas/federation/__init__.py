"""Federation (issue 21): SEZ Atlas harvests zones from national platforms and other SEZ Atlas nodes.

A *source* (`sources.py`) names where zones come from, who answers for them and how its fields map onto
the standard's flat columns. A *harvest* (`harvest.py`) reads a source (`reading.py`: `node.py` for
another node's change feed, `readers.py` for data packages, OGC API collections and files, over
`fetching.py`), maps and checks each record (`mapping.py`, `checking.py`) with the rules of a
secretariat import and writes the run into the source's own layer of truth, all or nothing.
`actions.py` holds the use cases, `harvest_jobs.py` the schedule, `change_feed.py` what every node
publishes for others; `records.py` is the plain data the readers and the mapping share.
"""
