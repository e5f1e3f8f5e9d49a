"""Settings from ``[tool.pipeline]`` in pyproject.toml, then the command line on top."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import storage
from pipeline.checks.base import DEFAULT_REWRITES, LinkRewrite
from pipeline.findings import Severity
from pipeline.storage import Url


class ConfigError(Exception):
    """A bad configuration value: the message says which key and what to do."""


@dataclass(frozen=True)
class Config:
    content: Path | Url = Path("content")  # a root: a folder, or an fsspec URL
    locales: Path | Url = Path("locales")
    out: Path | Url = Path("build")
    build_locales: frozenset[str] = frozenset()  # empty: every locale folder
    severities: Mapping[str, Severity] = field(default_factory=dict)
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    link_rewrites: tuple[LinkRewrite, ...] = DEFAULT_REWRITES
    publish_machine_translation: bool = True
    max_file_size: int = 8 * 1024 * 1024
    jobs: int = 0  # 0: all cores
    executor: str = "process"  # or dask (see ``executors``)
    batch_size: int = 0  # articles a task; 0: chosen per run
    retries: int = 2  # times a batch that raised is tried again
    # per protocol, fsspec's options for URL roots: { s3 = { endpoint_url = "…" } }
    storage_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


_KEYS = {
    "content", "locales", "out", "build-locales", "severity", "select", "ignore",
    "link-rewrites", "publish-machine-translation", "max-file-size", "jobs",
    "executor", "batch-size", "retries", "storage-options",
}


def load(pyproject: Path | None, known_checks: Callable[[], Collection[str]]) -> Config:
    """The settings in ``pyproject``'s [tool.pipeline]. ``known_checks`` gives the check ids;
    it is called only when the table names some (it loads the checks' registry). A missing
    file or table gives the defaults."""
    if pyproject is None or not pyproject.is_file():
        return Config()
    try:
        with open(pyproject, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc}") from None
    table = data.get("tool", {}).get("pipeline", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.pipeline] must be a table")
    return from_table(table, str(pyproject), known_checks)


def _where(source: str, key: str) -> str:
    return f"{source}: [tool.pipeline] {key}"


def from_table(
    table: Mapping[str, Any], source: str, known_checks: Callable[[], Collection[str]]
) -> Config:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key(s) in [tool.pipeline]: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(_KEYS))})"
        )
    values: dict[str, Any] = {}
    options: dict[str, dict[str, Any]] = {}
    if "storage-options" in table:
        options = values["storage_options"] = _storage_options(table["storage-options"], source)
    for key in ("content", "locales", "out"):
        if key in table:
            values[key] = storage.configured(
                storage.parse_root(_string(table[key], source, key)), options)
    if "executor" in table:
        executor = _string(table["executor"], source, "executor")
        if executor not in ("process", "dask"):
            raise ConfigError(f"{_where(source, 'executor')} must be \"process\" or \"dask\"")
        values["executor"] = executor
    if "build-locales" in table:
        values["build_locales"] = frozenset(
            s.lower() for s in _strings(table["build-locales"], source, "build-locales")
        )
    for key in ("select", "ignore"):
        if key in table:
            ids = _strings(table[key], source, key)
            _known(ids, known_checks, source, key)
            values[key] = frozenset(ids)
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{_where(source, 'severity')} must be a table of check = level")
        _known(list(sev), known_checks, source, "severity")
        try:
            values["severities"] = {
                k: Severity.parse(_string(v, source, f"severity.{k}")) for k, v in sev.items()
            }
        except ValueError as exc:
            raise ConfigError(f"{_where(source, 'severity')}: {exc}") from None
    if "link-rewrites" in table:
        rewrites = table["link-rewrites"]
        if not isinstance(rewrites, dict):
            raise ConfigError(
                f"{_where(source, 'link-rewrites')} must be a table such as "
                '{ "/en-us/" = "/{locale}/" }'
            )
        values["link_rewrites"] = tuple(
            LinkRewrite(k, _string(v, source, f"link-rewrites.{k}")) for k, v in rewrites.items()
        )
    if "publish-machine-translation" in table:
        flag = table["publish-machine-translation"]
        if not isinstance(flag, bool):
            raise ConfigError(f"{_where(source, 'publish-machine-translation')} must be "
                              "true or false")
        values["publish_machine_translation"] = flag
    for key, attr in (("max-file-size", "max_file_size"), ("jobs", "jobs"),
                      ("batch-size", "batch_size"), ("retries", "retries")):
        if key in table:
            number = table[key]
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise ConfigError(f"{_where(source, key)} must be a whole number >= 0")
            values[attr] = number
    return Config(**values)


def _storage_options(value: Any, source: str) -> dict[str, dict[str, Any]]:
    """``storage-options``: a table per protocol, of values JSON can carry (they travel to the
    workers with each task)."""
    import json

    where = _where(source, "storage-options")
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(f"{where} must be a table per protocol, such as "
                          '{ s3 = { endpoint_url = "http://127.0.0.1:9000" } }')
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: only strings, numbers, booleans, lists and tables") from None
    return value


def _string(value: Any, source: str, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{_where(source, key)} must be a string, not {value!r}")
    return value


def _strings(value: Any, source: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(source, key)} must be a list of strings")
    return list(value)


def _known(
    ids: list[str], known: Callable[[], Collection[str]], source: str, key: str
) -> None:
    if not ids:
        return
    ids_known = known()
    bad = [i for i in ids if i not in ids_known]
    if bad:
        raise ConfigError(
            f"{_where(source, key)}: unknown check id(s) {', '.join(bad)}; "
            "`pipeline checks` lists them"
        )


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
