"""Many clients at once never lock the server up: text search under 64 parallel clients, on both back-ends.

Before the name index stopped holding its lock across database calls, 64 parallel `?q=` searches froze
the server for good (threads holding pooled connections waited for the lock; the lock's holder waited
for a connection). The health probe after the burst shows the server still answers.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import Engine

from tests.web.conftest import serving

CLIENTS = 64
SEARCHES_PER_CLIENT = 4
WORDS = ["alabuga", "alabuha", "suzhou", "shenzhen", "port", "tianjin", "техно", "dubai"]


def _search_burst(base_url: str) -> list[int]:
    def client_run(number: int) -> list[int]:
        codes = []
        with httpx.Client(base_url=base_url, timeout=60) as client:
            for attempt in range(SEARCHES_PER_CLIENT):
                word = WORDS[(number + attempt) % len(WORDS)]
                codes.append(client.get("/api/v1/zones", params={"q": word, "limit": 5}).status_code)
        return codes

    with ThreadPoolExecutor(CLIENTS) as pool:
        return [code for codes in pool.map(client_run, range(CLIENTS)) for code in codes]


def test_64_parallel_text_searches_all_answer_and_server_stays_healthy(bundled_engine: Engine) -> None:
    with serving(bundled_engine) as base_url:
        started = time.monotonic()
        codes = _search_burst(base_url)
        elapsed = time.monotonic() - started
        tally = {code: codes.count(code) for code in set(codes)}
        assert tally == {200: CLIENTS * SEARCHES_PER_CLIENT}
        assert elapsed < 60, f"the burst took {elapsed:.1f} s"
        probe_started = time.monotonic()
        health = httpx.get(f"{base_url}/healthz", timeout=5)
        ready = httpx.get(f"{base_url}/readyz", timeout=5)
        assert health.json() == {"status": "ok"} and ready.status_code == 200
        assert time.monotonic() - probe_started < 1.0
