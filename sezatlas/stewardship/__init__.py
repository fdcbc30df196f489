"""Members keep their zones current (issue 16): operators propose changes with a source, the secretariat
reviews them, every zone keeps its versions, and freshness and visitors' error reports are tracked.

`changes.py` (proposing) and `review.py` (deciding) are the use cases of the edit path; `versions.py`
is the history every write of zone facts records; `freshness.py` and `error_reports.py` the rest.
"""
