"""The package's layout keeps its promises: small modules, no import cycle among them (imports
inside functions and under TYPE_CHECKING included), and a command line that starts without the
readers and the rules. What is known to break a promise today is listed as pending, and each
list may only shrink: a pending entry that no longer breaks the promise fails too, so that it is
struck off."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "pipeline"
MAX_LINES = 400

# Too long today; the next step of issue 12 cuts them along their seams.
PENDING_LONG: set[str] = set()
PENDING_CYCLES: set[frozenset[str]] = set()


def modules() -> dict[str, Path]:
    """Each module of the package by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((REPO / PACKAGE).rglob("*.py")):
        name = ".".join(path.relative_to(REPO).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def long_modules() -> set[str]:
    return {path.relative_to(REPO).as_posix() for path in modules().values()
            if lines(path) > MAX_LINES}


def test_no_module_is_longer_than_the_limit() -> None:
    offenders = sorted(long_modules() - PENDING_LONG)
    assert offenders == [], f"over {MAX_LINES} lines: {offenders}"


def test_each_module_pending_a_split_is_still_too_long() -> None:
    """Strike a module off PENDING_LONG once it is split."""
    assert sorted(PENDING_LONG - long_modules()) == []


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its text. ``from a import b``
    imports ``a`` (its ``__init__`` runs) and ``a.b`` if that is a module. The top package is
    left out: it holds the docstring and the version only."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target and target not in known:  # 'a.b.name' is module 'a.b'
                target = target.rpartition(".")[0]
            if target and target not in (name, PACKAGE):
                found.add(target)
    return found


def cycles() -> set[frozenset[str]]:
    """The strongly connected components of the import graph with more than one module."""
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: set[frozenset[str]] = set()

    def visit(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                out.add(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_among_the_modules() -> None:
    found = sorted(sorted(c) for c in cycles() - PENDING_CYCLES)
    assert found == [], f"import cycles: {found}"


def test_each_pending_cycle_is_still_there() -> None:
    """Strike a cycle off PENDING_CYCLES once it is broken."""
    assert sorted(sorted(c) for c in PENDING_CYCLES - cycles()) == []


def test_the_import_graph_sees_imports_inside_functions() -> None:
    """The runner loads the registry only when there is work to do: a cycle through such an
    import is still a cycle."""
    known = modules()
    assert "pipeline.checks.registry" in imports("pipeline.runner", known["pipeline.runner"],
                                                 known)


# Loaded by the command line on purpose: the options, the check ids and the tree-wide checks
# (kept light: a run with nothing to do makes them).
# the ids of input problems are light too: the readers and writers raise with them
LIGHT_CHECKS = {"pipeline.checks", "pipeline.checks.base", "pipeline.checks.inputs",
                "pipeline.checks.tree"}
# the article package itself is light (its names load on first use); its readers are not
READERS = {"yaml", "pipeline.article.encoding", "pipeline.article.frontmatter",
           "pipeline.article.spans", "pipeline.catalog", "pipeline.xliff"}


def test_importing_the_command_line_loads_no_reader_and_no_rule() -> None:
    probe = ("import sys, pipeline.cli\n"
             "print(' '.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=REPO, check=True)
    loaded = set(done.stdout.split())
    assert "pipeline.cli" in loaded
    heavy = sorted(m for m in loaded if m in READERS or (
        m.startswith("pipeline.checks") and m not in LIGHT_CHECKS))
    assert heavy == []
