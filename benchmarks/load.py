"""Holds under load: every endpoint family at 8, 64 and 256 connections, on both deployment profiles.

Three servers, one at a time, on the same data, loaded by `wrk` (Debian) over loopback, at a higher
scheduling priority than the servers when run as root (`wrk_priority`):

(a) the default profile, as `make run` starts it: `sezatlas serve` (one uvicorn process, SQLite);
(b) the production profile, deploy/run-production.sh: N uvicorn workers on PostgreSQL (a throw-away
    cluster) behind nginx, nginx writing the JSON access log;
(c) Datasette (`suggest_facets off`, its faster setting, see benchmarks/registry.py) on the same SQLite
    file, as the peer for the zone list (its table JSON, 50 rows, as ours).

The data is the bundled registry plus `--zones` synthetic zones (registry.py's generator). Each family is
driven for `--seconds` per cell; after each cell every family is asked again until all answer within 1 s
each (the health check: "healthy after"; the requests wrk abandoned when it stopped are dropped from the
server's queue, web/request_queue.py, but those already being computed finish first); one that has not
recovered after 60 s is restarted, so that the next cell starts clean. "zone list" asks for the same page
each time, as Datasette's is asked, so after the first it comes from the answer cache
(web/zone_list_cache.py); "other pages" asks for another page or order each time, computed afresh.
Errors are wrk's socket errors, timeouts (no answer within 5 s; visible only in cells longer than that)
and answers with status ≥ 400, except 503s, counted apart as "shed": admission control
(sezatlas/web/admission.py) refuses computations beyond its limit at once with a Retry-After.
Memory (private pages, PSS, RSS) is read from /proc after the runs of each profile.

    python benchmarks/load.py [--quick] [--zones 10000] [--seconds 10] [--workers N]
                              [--family NAME ...] [--connections N ...] [--profile NAME ...]

`--quick`: the bundled zones only, 2 s per cell (6–7 minutes on 2 CPUs, most of it draining backlogs).
"""

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from production import fill, production_profile, stop_on_signals
from registry import free_port, machine_load, postgres_cluster, server, synthetic_registry

from sezatlas.standard.zone import Zone
from sezatlas.store.database import make_engine

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = (8, 64, 256)
WRK_THREADS = 2
WRK_TIMEOUT_S = 5  # an answer later than this is an error (wrk's count of timeouts)
HEALTHY_WITHIN_S = 1.0
RECOVERY_LIMIT_S = 60.0  # then the server is restarted, so that the next cell starts clean
P99_TARGET_MS = 250.0
P99_TARGET_FAMILIES = ("zone list", "other pages", "text search")
PEER_RATIO_TARGET = 2.0
RANK_PROJECT = json.loads((ROOT / "docs" / "examples" / "textile-plant.json").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    path: str
    body: str | None = None  # a JSON body makes it a POST
    varied: bool = False  # each request another page and order: the answer cache rarely holds it


FAMILIES = (
    Family("zone list", "/api/v1/zones?country=RUS"),
    Family("other pages", "/api/v1/zones?country=RUS", varied=True),
    Family("text search", "/api/v1/zones?q=alabuga"),
    Family("zone page", "/zones/RUS-001"),
    Family("compare", "/compare?zones=RUS-001,CHN-HTZ-001,BRA-001,IND-001,ZAF-001"),
    Family("rank POST", "/api/v1/rank", json.dumps(RANK_PROJECT)),
    Family("OGC items", "/ogc/collections/zones/items?limit=100"),
)


@dataclass(frozen=True, slots=True)
class Plan:
    """What to run: seconds per cell, warm-up seconds, and the cells (all by default; `--family`,
    `--connections` and `--profile` narrow them, to look again at a few without the whole run)."""

    seconds: int
    warmup: int
    connections: tuple[int, ...] = CONNECTIONS
    families: tuple[Family, ...] = FAMILIES
    profiles: tuple[str, ...] = ("default", "production", "Datasette")

    def chosen(self, families: tuple[Family, ...]) -> tuple[Family, ...]:
        names = {family.name for family in self.families}
        return tuple(family for family in families if family.name in names)


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    seconds: float
    socket_errors: int  # connect, read, write
    timeouts: int
    status_errors: int  # answers with status >= 400, shed ones included
    shed: int  # 503 + Retry-After: refused on purpose by admission control (sezatlas/web/admission.py)
    p50_ms: float
    p99_ms: float

    @property
    def errors(self) -> int:
        """Failures: a shed request was answered at once with when to retry, so it is counted apart."""
        return self.socket_errors + self.timeouts + self.status_errors - self.shed

    def error_kinds(self) -> str:
        kinds = (
            ("socket", self.socket_errors),
            ("timeouts", self.timeouts),
            ("status >= 400", self.status_errors - self.shed),
            ("shed (503 + Retry-After)", self.shed),
        )
        return ", ".join(f"{count} {kind}" for kind, count in kinds if count)


@dataclass(frozen=True, slots=True)
class Cell:
    profile: str
    family: str
    connections: int
    result: WrkResult
    healthy_after_s: float | None  # None: not within RECOVERY_LIMIT_S
    waited_for: str = ""  # the families that did not answer within 1 s at first (Recovery.waited_for)

    @property
    def rps(self) -> float:
        return self.result.requests / self.result.seconds if self.result.seconds else 0.0

    @property
    def is_healthy(self) -> bool:
        return self.healthy_after_s is not None and self.healthy_after_s <= HEALTHY_WITHIN_S


@dataclass(slots=True)
class Memory:
    processes: list[tuple[str, int, int, int]] = field(default_factory=list)  # name, RSS, PSS, private kB

    def total(self) -> tuple[int, int, int]:
        return (sum(p[1] for p in self.processes), sum(p[2] for p in self.processes),
                sum(p[3] for p in self.processes))  # fmt: skip


# ------------------------------------------------------------------------------------------------- wrk

WRK_SCRIPT = """
wrk.method = "{method}"
{body}
local threads = {{}}
function setup(thread) table.insert(threads, thread); thread:set("first", #threads) end
function init(args) shed = 0; counter = first end
{request}
function response(status, headers, body) if status == 503 then shed = shed + 1 end end
done = function(summary, latency, requests)
  local refused = 0
  for _, thread in ipairs(threads) do refused = refused + thread:get("shed") end
  io.write(string.format("RESULT %d %d %d %d %d %d %.3f %.3f\\n", summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout,
    summary.errors.status, refused, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


# A varied family's requests: the threads' counters interleave, so no two requests of a run ask for the
# same page and order until 3,000 have been made.
VARIED_REQUEST = """
local orders = {{"relevance", "name", "-area_ha"}}
request = function()
  counter = counter + {threads}
  local offset = math.floor(counter / 3) % 1000
  return wrk.format(nil, string.format("{path}&sort=%s&offset=%d", orders[counter % 3 + 1], offset))
end
"""


def wrk_script(family: Family, folder: Path) -> Path:
    """The Lua script of a family: its method and body, and a line of figures at the end."""
    body = request = ""
    if family.body is not None:
        body = f'wrk.body = [==[{family.body}]==]\nwrk.headers["Content-Type"] = "application/json"'
    if family.varied:
        request = VARIED_REQUEST.format(threads=WRK_THREADS, path=family.path)
    script = folder / f"{family.name.replace(' ', '-')}.lua"
    script.write_text(WRK_SCRIPT.format(method="POST" if family.body else "GET", body=body, request=request),
                      encoding="utf-8")  # fmt: skip
    return script


def wrk_priority() -> list[str]:
    """`nice -n -10` when this process may raise a priority (root), else nothing.

    wrk shares the two CPUs with the server it loads; at normal priority its own event loop waited behind
    the server's threads, and answers already sent were read late: at 256 connections a default server
    showed 8 to 21 "timeouts" per cell that, with wrk ahead, were none (same server, same data)."""
    return ["nice", "-n", "-10"] if os.geteuid() == 0 else []


def run_wrk(base: str, family: Family, connections: int, seconds: int, folder: Path) -> WrkResult:
    command = [*wrk_priority(), "wrk", "-t", str(min(WRK_THREADS, connections)), "-c", str(connections),
               "-d", f"{seconds}s", "--timeout", f"{WRK_TIMEOUT_S}s", "-s", str(wrk_script(family, folder)),
               base + family.path]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    line = next(row for row in output.splitlines() if row.startswith("RESULT"))
    requests, duration_us, socket_errors, timeouts, status_errors, shed, p50, p99 = line.split()[1:]
    return WrkResult(int(requests), int(duration_us) / 1e6, int(socket_errors), int(timeouts),
                     int(status_errors), int(shed), float(p50), float(p99))  # fmt: skip


# ---------------------------------------------------------------------------------------------- health


def answer_time(client: httpx.Client, family: Family) -> float | str:
    """Seconds to a 2xx answer, or what went wrong: another status, or the client's exception (no answer
    within its 1 s)."""
    started = time.monotonic()
    try:
        if family.body is not None:
            response = client.post(family.path, content=family.body,
                                   headers={"Content-Type": "application/json"})  # fmt: skip
        else:
            response = client.get(family.path)
    except httpx.HTTPError as failed:
        return type(failed).__name__
    return time.monotonic() - started if response.is_success else f"status {response.status_code}"


@dataclass(frozen=True, slots=True)
class Recovery:
    after_s: float | None  # None: not within RECOVERY_LIMIT_S
    waited_for: str = ""  # what did not answer in time at first: how long it took, or what went wrong


def healthy_after(base: str, families: tuple[Family, ...]) -> Recovery:
    """Seconds after a run until every family answers (2xx) within 1 s each, and which did not at first."""
    started = time.monotonic()
    late: dict[str, str] = {}
    with httpx.Client(base_url=base, timeout=HEALTHY_WITHIN_S) as client:
        while time.monotonic() - started < RECOVERY_LIMIT_S:
            round_started = time.monotonic()
            times = {family.name: answer_time(client, family) for family in families}
            slow = {name: t for name, t in times.items() if isinstance(t, str) or t > HEALTHY_WITHIN_S}
            if not slow:
                return Recovery(round_started - started, ", ".join(f"{n} {w}" for n, w in late.items()))
            for name, outcome in slow.items():
                late.setdefault(name, outcome if isinstance(outcome, str) else f"{outcome:.2f} s")
            time.sleep(0.2)
    return Recovery(None, ", ".join(f"{n} {w}" for n, w in late.items()))


@dataclass(frozen=True, slots=True)
class Target:
    """A server under test: its name, its address, what to ask it, and how to start it (and stop it)."""

    profile: str
    base: str
    families: tuple[Family, ...]
    start: Callable[[], contextlib.AbstractContextManager[subprocess.Popen[bytes]]]
    companions: tuple[tuple[str, Callable[[], list[int]]], ...] = ()  # e.g. its PostgreSQL server's processes


def measure_profile(target: Target, plan: Plan, folder: Path) -> tuple[list[Cell], dict[str, Memory]]:
    """Every family at every concurrency, each cell followed by the health check; memory at the end.

    A server still not answering RECOVERY_LIMIT_S after a cell is restarted, as an operator would do, so
    that the next cell does not measure the last one's backlog; the cell says so."""
    cells = []
    with contextlib.ExitStack() as stack:
        process = stack.enter_context(target.start())
        for family in target.families:  # warm-up: templates compiled, name index built, pools filled
            run_wrk(target.base, family, 8, plan.warmup, folder)
        for connections in plan.connections:
            for family in plan.chosen(target.families):
                result = run_wrk(target.base, family, connections, plan.seconds, folder)
                recovery = healthy_after(target.base, target.families)
                recovered = recovery.after_s
                if recovered is None:
                    stack.close()
                    process = stack.enter_context(target.start())
                cell = Cell(target.profile, family.name, connections, result, recovered, recovery.waited_for)
                cells.append(cell)
                print(f"  {target.profile:<10} {family.name:<12} c={connections:<4} {cell.rps:8.1f} req/s  "
                      f"p99 {result.p99_ms:8.1f} ms  errors {result.error_kinds() or 0}  healthy after "
                      f"{_seconds(recovered)}"
                      + (f" (at first: {recovery.waited_for})" if recovery.waited_for else ""),
                      flush=True)  # fmt: skip
        memory = {target.profile: memory_of(group_pids(process.pid))}
        memory.update((name, memory_of(pids())) for name, pids in target.companions)
    return cells, memory


# ---------------------------------------------------------------------------------------------- memory


def _proc_number(path: Path, key: str) -> int:
    with contextlib.suppress(OSError):
        for line in path.read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def memory_of(pids: list[int]) -> Memory:
    memory = Memory()
    for pid in pids:
        proc = Path(f"/proc/{pid}")
        with contextlib.suppress(OSError):
            name = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            rollup = proc / "smaps_rollup"
            rss, pss = _proc_number(proc / "status", "VmRSS"), _proc_number(rollup, "Pss")
            memory.processes.append((name, rss, pss, _proc_number(rollup, "Anonymous")))
    return memory


def _processes() -> Iterator[tuple[int, int, int]]:
    """(pid, parent pid, process group) of every process."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                yield int(entry.name), int(fields[1]), int(fields[2])


def group_pids(group: int) -> list[int]:
    return sorted(pid for pid, _, pgid in _processes() if pgid == group)


def postgres_pids(port: int) -> list[int]:
    """The PostgreSQL server on `port` and its children (backends, checkpointer, …)."""
    postmaster = None
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit():
                command = (entry / "cmdline").read_bytes().split(b"\0")
                if command[0].endswith(b"postgres") and f"{port}".encode() in command:
                    postmaster = int(entry.name)
    if postmaster is None:
        return []
    return [postmaster, *sorted(pid for pid, parent, _ in _processes() if parent == postmaster)]


# --------------------------------------------------------------------------------------------- profiles


def run_default_profile(sqlite_path: Path, plan: Plan, folder: Path) -> tuple[list[Cell], dict[str, Memory]]:
    """(a) `sezatlas serve` on the SQLite file, as `make run` starts it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "sezatlas", "serve", "--database-url", f"sqlite:///{sqlite_path}",
               "--port", str(port)]  # fmt: skip
    target = Target("default", base, FAMILIES, lambda: server(command, f"{base}/readyz", timeout_s=120))
    return measure_profile(target, plan, folder)


def run_production_profile(zones: list[Zone], workers: int, plan: Plan,
                           folder: Path) -> tuple[list[Cell], dict[str, Memory], str]:  # fmt: skip
    """(b) deploy/run-production.sh on a throw-away PostgreSQL cluster; also returns an access log line."""
    pg_port = free_port()
    with postgres_cluster(pg_port) as url:
        if url is None:
            return [], {}, ""
        engine = make_engine(url)
        fill(engine, "PostgreSQL", zones)
        engine.dispose()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        access_log = folder / "access.log"
        with open(folder / "run-production.out", "wb") as output:
            target = Target("production", base, FAMILIES,
                            lambda: production_profile(url, port, workers, access_log, output),
                            (("PostgreSQL", lambda: postgres_pids(pg_port)),))  # fmt: skip
            cells, memory = measure_profile(target, plan, folder)
    lines = access_log.read_text(encoding="utf-8").splitlines()  # nginx flushed it when it stopped
    sample = lines[-1]
    json.loads(sample)  # every line is one JSON object
    return cells, memory, f"{len(lines):,} lines; one: {sample}"


def run_datasette(sqlite_path: Path, plan: Plan, folder: Path) -> tuple[list[Cell], dict[str, Memory]]:
    """(c) Datasette on the same SQLite file: its JSON of the same table, 50 rows of one country."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    zone_list = Family("zone list", f"/{sqlite_path.stem}/zones.json?country_iso3=RUS&_size=50")
    datasette = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
    command = [datasette, "serve", str(sqlite_path), "--host", "127.0.0.1", "--port", str(port),
               "--setting", "suggest_facets", "off"]  # fmt: skip
    target = Target("Datasette", base, (zone_list,), lambda: server(command, base + zone_list.path))
    return measure_profile(target, plan, folder)


# ---------------------------------------------------------------------------------------------- report


def _seconds(value: float | None) -> str:
    return f">{RECOVERY_LIMIT_S:.0f} s*" if value is None else f"{value:.2f} s"


def _verdict(is_met: bool) -> str:
    return "met" if is_met else "NOT met"


def print_table(cells: list[Cell]) -> None:
    profiles = ("default", "production")
    by_key = {(c.profile, c.family, c.connections): c for c in cells}
    header = f"{'family':<12} {'conns':>5}" + "".join(
        f" | {p + ' req/s':>16} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'shed':>6} {'healthy':>8}"
        for p in profiles
    )
    print(header)
    print("-" * len(header))
    for family in FAMILIES:
        for connections in CONNECTIONS:
            if not any((profile, family.name, connections) in by_key for profile in profiles):
                continue  # not run (--family, --connections)
            row = f"{family.name:<12} {connections:>5}"
            for profile in profiles:
                cell = by_key.get((profile, family.name, connections))
                if cell is None:
                    row += f" | {'—':>16} {'':>8} {'':>8} {'':>6} {'':>6} {'':>8}"
                    continue
                result, healthy = cell.result, _seconds(cell.healthy_after_s)
                row += (f" | {cell.rps:16.1f} {result.p50_ms:8.1f} {result.p99_ms:8.1f} "
                        f"{result.errors:6d} {result.shed:6d} {healthy:>8}")  # fmt: skip
            print(row)


def print_peer(cells: list[Cell]) -> list[float]:
    """Zone list req/s of Datasette beside ours; returns the production profile's ratios (of the
    concurrencies run).

    Datasette answers the same page each time, ours too ("zone list", from the answer cache after the
    first); "other pages" shows ours when each request asks for another page, computed afresh."""
    by_key = {(c.profile, c.family, c.connections): c for c in cells}
    print("\nZone list against Datasette (same SQLite table, 50 rows of RUS a page)")
    columns = [(p, f) for f in ("zone list", "other pages") for p in ("default", "production")]
    print(f"{'conns':>5} | {'Datasette req/s':>15} | "
          + " | ".join(f"{p + ', ' + f:>23} {'ratio':>6}" for p, f in columns))  # fmt: skip
    ratios = []
    for connections in CONNECTIONS:
        peer = by_key.get(("Datasette", "zone list", connections))
        peer_rps = peer.rps if peer else 0.0
        row = f"{connections:>5} | {peer_rps:15.1f}"
        for profile, family in columns:
            cell = by_key.get((profile, family, connections))
            share = cell.rps / peer_rps if cell and peer_rps else float("nan")
            row += f" | {cell.rps if cell else 0.0:23.1f} {share:5.2f}x"
            if (profile, family) == ("production", "zone list") and cell and peer_rps:
                ratios.append(share)
        print(row)
    return ratios


PROCESS_KINDS = (  # (part of the command line, what the process is), first match wins
    ("multiprocessing.spawn", "uvicorn worker"), ("multiprocessing.resource_tracker", "resource tracker"),
    ("-m uvicorn", "uvicorn supervisor"), ("run-production.sh", "run-production.sh"),
    ("nginx: master", "nginx master"), ("nginx: worker", "nginx worker"),
    ("sezatlas serve", "sezatlas serve"), ("datasette", "datasette"), ("127.0.0.1(", "backend"),
    ("postgres -D", "postmaster"),
    ("postgres: ", "auxiliary"),
)  # fmt: skip


def process_kind(command: str) -> str:
    return next((kind for part, kind in PROCESS_KINDS if part in command), command[:30])


def print_memory(memories: dict[str, Memory]) -> None:
    print(
        "\nMemory after the runs: private = the processes' own (anonymous) pages; PSS adds their share of "
        "the pages they map with others; RSS counts a mapped SQLite file once per connection"
    )
    for profile, memory in memories.items():
        rss, pss, private = memory.total()
        kinds: dict[str, list[int]] = {}
        for name, _, _, process_private in memory.processes:
            kinds.setdefault(process_kind(name), []).append(process_private)
        parts = [f"{kind} {'×' + str(len(sizes)) + ' ' if len(sizes) > 1 else ''}{sum(sizes) / 1024:.0f} MB"
                 for kind, sizes in kinds.items()]  # fmt: skip
        print(f"  {profile:<11} private {private / 1024:6.0f} MB (PSS {pss / 1024:5.0f} MB, RSS "
              f"{rss / 1024:5.0f} MB), {len(memory.processes)} processes, private: "
              f"{', '.join(parts)}")  # fmt: skip


def _why_broken(cell: Cell) -> str:
    reasons = []
    if cell.result.errors:
        reasons.append(cell.result.error_kinds())
    if not cell.result.requests:
        reasons.append(f"no answer within the {cell.result.seconds:.0f} s run")
    if cell.healthy_after_s is None:
        reasons.append(f"not answering within {RECOVERY_LIMIT_S:.0f} s after")
    return f"{cell.profile} {cell.family}: {' and '.join(reasons)}"


def print_targets(cells: list[Cell], ratios: list[float]) -> None:
    ours = [c for c in cells if c.profile in ("default", "production")]
    if not ours:
        return
    at_256 = [c for c in ours if c.connections == 256]
    broken = [c for c in at_256 if c.result.errors or not c.result.requests or c.healthy_after_s is None]
    p99 = [c for c in ours if c.profile == "production" and c.connections == 64
           and c.family in P99_TARGET_FAMILIES]  # fmt: skip
    slow = [c for c in p99 if c.result.p99_ms >= P99_TARGET_MS]
    unhealthy = [c for c in ours if not c.is_healthy]
    print("\nTargets")
    print("  zero errors and no lock-up at 256 connections, every family (default, production): "
          + (f"{_verdict(not broken)}" + "".join(f"; {_why_broken(c)}" for c in broken) if at_256
             else "not run"))  # fmt: skip
    print(
        f"  p99 < {P99_TARGET_MS:.0f} ms at 64 connections for zone lists and text search (production): "
        + (f"{_verdict(not slow)} (" + ", ".join(f"{c.family} {c.result.p99_ms:.0f} ms" for c in p99) + ")"
           if p99 else "not run")
    )  # fmt: skip
    levels = "/".join(map(str, CONNECTIONS))
    print(
        f"  zone list >= {PEER_RATIO_TARGET:.0f}x Datasette's req/s (production, at {levels} connections): "
        + (f"{_verdict(min(ratios) >= PEER_RATIO_TARGET)} (" + ", ".join(f"{r:.2f}x" for r in ratios) + ")"
           if ratios else "not run")
    )  # fmt: skip
    results = [c.result for c in ours]
    together = WrkResult(0, 0.0, sum(r.socket_errors for r in results), sum(r.timeouts for r in results),
                         sum(r.status_errors for r in results), sum(r.shed for r in results),
                         0.0, 0.0)  # fmt: skip
    print(f"  (errors of all our cells together: {together.error_kinds() or 'none'})")
    worst = max(ours, key=lambda c: RECOVERY_LIMIT_S + 1 if c.healthy_after_s is None else c.healthy_after_s)
    print(
        f"  every family answers within {HEALTHY_WITHIN_S:.0f} s after each run (default, production): "
        f"{_verdict(not unhealthy)} (slowest recovery: {_seconds(worst.healthy_after_s)}"
        + (f", waiting for {worst.waited_for}," if worst.waited_for else "")
        + " after "
        f"{worst.profile} {worst.family} at {worst.connections} connections)"
    )


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="bundled zones only, 2 s per cell")
    parser.add_argument("--zones", type=int, default=None, help="synthetic zones (default 10,000; quick: 0)")
    parser.add_argument("--seconds", type=int, default=None, help="seconds per cell (default 10; quick: 2)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="production app workers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--family", action="append", choices=[f.name for f in FAMILIES],
                        help="only this family (repeatable; default all)")  # fmt: skip
    parser.add_argument("--connections", action="append", type=int, choices=CONNECTIONS,
                        help="only this concurrency (repeatable; default all)")  # fmt: skip
    parser.add_argument("--profile", action="append", choices=("default", "production", "Datasette"),
                        help="only this server (repeatable; default all)")  # fmt: skip
    return parser.parse_args()


def main() -> int:
    args = parse_arguments()
    stop_on_signals()
    if shutil.which("wrk") is None:
        print("error: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 1
    synthetic = args.zones if args.zones is not None else (0 if args.quick else 10_000)
    seconds = args.seconds or (2 if args.quick else 10)
    plan = Plan(seconds, 1 if args.quick else 2, tuple(args.connections or CONNECTIONS),
                tuple(f for f in FAMILIES if f.name in (args.family or [f.name for f in FAMILIES])),
                tuple(args.profile or ("default", "production", "Datasette")))  # fmt: skip
    overall = time.perf_counter()
    print(f"Load test — bundled zones + {synthetic:,} synthetic, {seconds} s per cell; {machine_load()}",
          flush=True)  # fmt: skip
    zones = synthetic_registry(synthetic, args.seed)[0] if synthetic else []
    memories: dict[str, Memory] = {}
    with tempfile.TemporaryDirectory(prefix="sezatlas-load-") as tmp:
        folder = Path(tmp)
        sqlite_path = folder / "registry.sqlite3"
        engine = make_engine(f"sqlite:///{sqlite_path}")
        fill(engine, "SQLite", zones)
        engine.dispose()
        cells: list[Cell] = []
        production_cells: list[Cell] = []
        access_log = ""
        if "default" in plan.profiles:
            cells, default_memory = run_default_profile(sqlite_path, plan, folder)
            memories.update(default_memory)
        if "production" in plan.profiles:
            production = run_production_profile(zones, args.workers, plan, folder)
            production_cells, production_memory, access_log = production
            cells += production_cells
            memories.update(production_memory)
        if "Datasette" in plan.profiles and "zone list" in {f.name for f in plan.families}:
            datasette_cells, datasette_memory = run_datasette(sqlite_path, plan, folder)
            memories.update(datasette_memory)
            cells += datasette_cells

    print("\n" + "=" * 120)
    print(f"SEZ Atlas load test: 621 bundled + {synthetic:,} synthetic zones, {seconds} s per cell, "
          f"{' '.join(wrk_priority())} wrk -t{WRK_THREADS} --timeout {WRK_TIMEOUT_S}s on loopback; "
          f"{machine_load()}".replace("  ", " "))  # fmt: skip
    print(f"  default = `sezatlas serve` (1 uvicorn process, SQLite); production = "
          f"deploy/run-production.sh ({args.workers} uvicorn workers on PostgreSQL behind nginx, JSON access "
          "log); Datasette 0.65 (suggest_facets off) on the same SQLite file. One server at a time; wrk "
          "shares the CPUs with it.")  # fmt: skip
    print(f"  errors = socket errors + timeouts (no answer within {WRK_TIMEOUT_S} s; wrk sees them only in "
          f"cells longer than that{', so not here' if seconds <= WRK_TIMEOUT_S else ''}) + statuses >= 400; "
          "healthy = seconds after the run until every family answered within "
          f"{HEALTHY_WITHIN_S:.0f} s (requests wrk abandoned are dropped, those running finish first); "
          f"* = not within {RECOVERY_LIMIT_S:.0f} s, server restarted for the next cell\n")  # fmt: skip
    print_table(cells)
    ratios = print_peer(cells) if any(c.profile == "Datasette" for c in cells) else []
    print_memory(memories)
    if access_log:
        print(f"\nnginx access log (JSON lines): {access_log}")
    if not production_cells and "production" in plan.profiles:
        print("\nproduction profile skipped: no PostgreSQL server binaries")
    print_targets(cells, ratios)
    print(f"\nTotal {time.perf_counter() - overall:.0f} s; {machine_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
