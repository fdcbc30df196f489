"""The package's layer rule, held by reading its imports (docs/architecture.md says why each rule exists).

    web, cli  →  domain use cases (`*/actions.py`) and reads  →  domain cores  →  store  →  standard

Checked here: no import cycle anywhere; the base layers import nothing above them; no domain imports
the web or the CLI; the computation cores import neither SQLAlchemy nor the store nor any adapter; and no
adapter (route, page, CLI command) imports a function that writes to the store — writes go through a
domain's use cases, where the rule (and, with accounts, the permission check) lives once.
"""

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sezatlas"
ADAPTERS = (
    "sezatlas.web",
    "sezatlas.cli",
    "sezatlas.cli_support",
    "sezatlas.errors",
    "sezatlas.__main__",
    "sezatlas.congress.cli",
    "sezatlas.congress.terminal",
    "sezatlas.regimes.cli",
    "sezatlas.regimes.matrix.cli",
    "sezatlas.regimes.scenario_cli",
    "sezatlas.stewardship.cli",
    "sezatlas.inquiries.cli",
    "sezatlas.passports.cli",
    "sezatlas.offers.cli",
    "sezatlas.reports.cli",
    "sezatlas.chains.cli",
    "sezatlas.chains.suppliers_cli",
    "sezatlas.chains.localization_cli",
    "sezatlas.federation.cli",
    "sezatlas.terminal",
)
DOMAINS = (
    "sezatlas.registry",
    "sezatlas.regimes",
    "sezatlas.siting",
    "sezatlas.congress",
    "sezatlas.jobs",
    "sezatlas.stewardship",
    "sezatlas.inquiries",
    "sezatlas.passports",
    "sezatlas.offers",
    "sezatlas.reports",
    "sezatlas.chains",
    "sezatlas.federation",
)
CORES = (
    "sezatlas.standard",
    "sezatlas.tabular",
    "sezatlas.congress.model",
    "sezatlas.congress.agenda",
    "sezatlas.congress.dashboard",
    "sezatlas.congress.matching",
    "sezatlas.congress.scheduling",
    "sezatlas.congress.files",
    "sezatlas.regimes",
    "sezatlas.siting",
    "sezatlas.inquiries.clock",
    "sezatlas.inquiries.response_stats",
    "sezatlas.offers.model",
    "sezatlas.offers.matching",
    "sezatlas.chains",
    "sezatlas.federation.records",
    "sezatlas.federation.mapping",
    "sezatlas.federation.readers",
    "sezatlas.federation.sources",
    "sezatlas.federation.node",
)
NOT_CORES = (
    "sezatlas.regimes.cli",
    "sezatlas.regimes.matrix.cli",
    "sezatlas.regimes.scenario_cli",
    "sezatlas.regimes.actions",
    "sezatlas.siting.actions",
    "sezatlas.siting.registry_columns",
    "sezatlas.chains.cli",
    "sezatlas.chains.suppliers_cli",
    "sezatlas.chains.actions",
    "sezatlas.chains.supplier_zones",
    "sezatlas.chains.localization_cli",
    "sezatlas.chains.localization_actions",
    "sezatlas.chains.localization_export",
    "sezatlas.chains.localization_zones",
)
STORAGE = ("sezatlas.store", "sezatlas.congress.storage", "sezatlas.jobs.queue")
WRITING_METHODS = {"add", "add_all", "flush", "delete", "merge", "commit", "bulk_save_objects"}
WRITING_STATEMENTS = {"insert", "update", "delete"}
LOADING_METHODS = {"get", "scalar", "scalars", "execute"}


def _is_in(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


@cache
def tree(module: str) -> ast.Module:
    return ast.parse(modules()[module].read_text(encoding="utf-8"))


def _imported(module: str) -> Iterator[tuple[str, str | None]]:
    """(module, name) for every import anywhere in the module, a function's deferred imports included."""
    for node in ast.walk(tree(module)):
        if isinstance(node, ast.Import):
            yield from ((alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield from ((node.module, alias.name) for alias in node.names)


def _owner(name: str) -> str | None:
    """The package module an import refers to (a module imported by name, or the module holding it)."""
    while name and name not in modules():
        name = name.rpartition(".")[0]
    return name or None


@cache
def dependencies(module: str) -> frozenset[str]:
    found = set()
    for imported, name in _imported(module):
        if name is not None and f"{imported}.{name}" in modules():
            found.add(f"{imported}.{name}")
        elif imported.startswith("sezatlas") and (owner := _owner(imported)) is not None:
            found.add(owner)
    found.discard(module)
    return frozenset(found)


def external(module: str) -> set[str]:
    return {imported.split(".")[0] for imported, _name in _imported(module)}


def test_there_is_no_import_cycle() -> None:
    """Tarjan's strongly connected components over every import, deferred ones too: none has two modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for neighbour in dependencies(node):
            if neighbour not in index:
                visit(neighbour)
                low[node] = min(low[node], low[neighbour])
            elif neighbour in stack:
                low[node] = min(low[node], index[neighbour])
        if low[node] == index[node]:
            component = []
            while (top := stack.pop()) != node:
                component.append(top)
            if component:
                cycles.append([node, *component])

    for module in sorted(modules()):
        if module not in index:
            visit(module)
    assert cycles == []


@pytest.mark.parametrize(
    ("layer", "allowed"),
    [
        ("sezatlas.standard", ("sezatlas.standard",)),
        ("sezatlas.store", ("sezatlas.store", "sezatlas.standard")),
        ("sezatlas.tabular", ("sezatlas.tabular", "sezatlas.standard")),
    ],
)
def test_a_base_layer_imports_nothing_above_it(layer: str, allowed: tuple[str, ...]) -> None:
    above = {
        (module, dependency)
        for module in modules()
        if _is_in(module, (layer,))
        for dependency in dependencies(module)
        if dependency != "sezatlas" and not _is_in(dependency, allowed)
    }
    assert above == set()


def test_no_domain_imports_the_web_or_the_cli() -> None:
    upward = {
        (module, dependency)
        for module in modules()
        if _is_in(module, DOMAINS) and not _is_in(module, ADAPTERS)
        for dependency in dependencies(module)
        if _is_in(dependency, ADAPTERS)
    }
    assert upward == set()


def core_modules() -> list[str]:
    return sorted(m for m in modules() if _is_in(m, CORES) and not _is_in(m, NOT_CORES))


def test_computation_cores_import_no_database_and_no_adapter() -> None:
    impure = {
        (module, reason)
        for module in core_modules()
        for reason in [
            *(external(module) & {"sqlalchemy", "fastapi", "typer", "starlette"}),
            *(d for d in dependencies(module) if _is_in(d, (*STORAGE, *ADAPTERS))),
        ]
    }
    assert impure == set()
    assert "sezatlas.congress.scheduling.solve" in core_modules()  # the list is not empty by accident


def _calls(function: ast.AST) -> Iterator[tuple[str, bool]]:
    """(called name, is it a method call) for each call inside `function`."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                yield node.func.attr, True
            elif isinstance(node.func, ast.Name):
                yield node.func.id, False


def _loaded_rows(function: ast.FunctionDef) -> set[str]:
    """Names bound to what the session loaded (`row = session.get(…)`, `for row in session.scalars(…)`)."""
    names = set()
    for node in ast.walk(function):
        value = (
            node.value if isinstance(node, ast.Assign) else node.iter if isinstance(node, ast.For) else None
        )
        calls = [c for c, is_method in _calls(value) if is_method] if value is not None else []
        if set(calls) & LOADING_METHODS:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]  # type: ignore[union-attr]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _writes(function: ast.FunctionDef) -> bool:
    """A session write, an INSERT/UPDATE/DELETE statement, or a change to an attribute of a loaded row."""
    if any(
        called in WRITING_METHODS if is_method else called in WRITING_STATEMENTS
        for called, is_method in _calls(function)
    ):
        return True
    rows = _loaded_rows(function)
    changed = [
        target.value.id
        for node in ast.walk(function)
        if isinstance(node, ast.Assign | ast.AugAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
    ]
    return any(name in rows for name in changed)


@cache
def store_writers() -> frozenset[tuple[str, str]]:
    """(module, function) of every storage function that writes, directly or through another writer of
    its module, found by what the function does (`_writes`), not by its name."""
    writers: set[tuple[str, str]] = set()
    for module in (m for m in modules() if _is_in(m, STORAGE)):
        functions = {n.name: n for n in tree(module).body if isinstance(n, ast.FunctionDef)}
        writing = {name for name, node in functions.items() if _writes(node)}
        grew = True
        while grew:
            more = {
                name
                for name, node in functions.items()
                if name not in writing and any(c in writing for c, m in _calls(node) if not m)
            }
            writing |= more
            grew = bool(more)
        writers |= {(module, name) for name in writing}
    return frozenset(writers)


def test_adapters_write_only_through_use_cases() -> None:
    assert ("sezatlas.congress.storage.requests", "create_request") in store_writers()
    assert ("sezatlas.congress.storage.schedules", "save_schedule") in store_writers()
    assert ("sezatlas.congress.storage.events", "set_available_slots") in store_writers()
    direct = {
        (module, f"{imported}.{name}")
        for module in modules()
        if _is_in(module, ADAPTERS)
        for imported, name in _imported(module)
        if (imported, name) in store_writers()
    }
    assert direct == set()
