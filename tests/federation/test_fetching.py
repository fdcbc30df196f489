"""Reading a source over HTTP: conditional requests, retries with back-off, a size limit, clear failures."""

import httpx
import pytest

from sezatlas.federation.fetching import Fetcher, FetchError, FetchPolicy

URL = "https://platform.example/zones.csv"


def fetcher(handler: httpx.MockTransport, waits: list[float], **policy: int) -> Fetcher:
    return Fetcher(FetchPolicy(**policy), transport=handler, sleep=waits.append)  # type: ignore[arg-type]


def test_a_source_not_modified_since_its_etag_answers_without_a_body() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, content=b"zone_id\n", headers={"ETag": '"v1"', "Last-Modified": "Tue"})

    with fetcher(httpx.MockTransport(answer), []) as client:
        first = client.get(URL)
        again = client.get(URL, etag=first.etag, last_modified=first.last_modified)
    assert first.content == b"zone_id\n" and first.etag == '"v1"'
    assert not again.is_modified


def test_a_busy_source_is_retried_with_exponential_back_off() -> None:
    answers = iter([httpx.Response(503), httpx.Response(429), httpx.Response(200, content=b"ok")])
    waits: list[float] = []
    with fetcher(httpx.MockTransport(lambda _: next(answers)), waits) as client:
        assert client.get_bytes(URL) == b"ok"
    assert waits == [1.0, 2.0]


def test_a_source_down_after_every_attempt_fails_with_the_url_and_reason() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with fetcher(httpx.MockTransport(refuse), [], attempts=3) as client, pytest.raises(FetchError) as error:
        client.get(URL)
    assert URL in str(error.value) and "after 3 attempts" in str(error.value)


def test_a_missing_page_fails_at_once() -> None:
    waits: list[float] = []
    client = fetcher(httpx.MockTransport(lambda _: httpx.Response(404)), waits)
    with client, pytest.raises(FetchError, match="HTTP 404"):
        client.get(URL)
    assert waits == []


def test_an_answer_over_the_size_limit_is_refused_while_it_is_read() -> None:
    with (
        fetcher(
            httpx.MockTransport(lambda _: httpx.Response(200, content=b"x" * 2048)), [], max_bytes=1024
        ) as client,
        pytest.raises(FetchError, match="over the limit of 1024"),
    ):
        client.get(URL)
