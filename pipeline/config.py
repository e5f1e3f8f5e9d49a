"""Settings from ``[tool.pipeline]`` in pyproject.toml, then the command line on top."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import storage
from pipeline.checks.base import DEFAULT_REWRITES, LinkRewrite, Options
from pipeline.findings import Severity
from pipeline.storage import Url
from pipeline.suggest import did_you_mean
from pipeline.walk import is_locale


class ConfigError(Exception):
    """A bad configuration value: the message says which key and what to do."""


@dataclass(frozen=True)
class Config:
    content: Path | Url = Path("content")  # a root: a folder, or an fsspec URL
    locales: Path | Url = Path("locales")
    out: Path | Url = Path("build")
    build_locales: frozenset[str] = frozenset()  # empty: every locale folder
    # English-driven articles: the plain English folder under content/, and locales to build
    # from it besides the locale folders found under content/ and locales/
    source_locale: str = "en-US"
    target_locales: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    link_rewrites: tuple[LinkRewrite, ...] = DEFAULT_REWRITES
    publish_machine_translation: bool = True
    max_file_size: int = 8 * 1024 * 1024
    jobs: int = 0  # 0: all cores
    baseline: Path | None = None  # the gate's baseline file (see ``gate``)
    no_loc: tuple[str, ...] = ()  # terms never translated (see ``checks.terminology``)
    no_loc_file: Path | None = None  # a docs-wide list of them, one a line
    glossary: Path | None = None  # a folder of <locale>.csv / <locale>.tbx glossaries
    # opt-in: it costs a cold run time and memory (README). None (unset): on when TMX files are
    # given, which say the team wants a memory
    translation_memory: bool | None = None
    tm: tuple[Path, ...] = ()  # TMX files, further sources of the memory
    tm_threshold: float = 0.75  # close matches: the least similarity of the English
    tm_publish_exact: bool = False  # exact matches of reviewed text are published
    executor: str = "process"  # or dask (see ``executors``)
    batch_size: int = 0  # articles a task; 0: chosen per run
    retries: int = 2  # times a batch that raised is tried again
    # per protocol, fsspec's options for URL roots: { s3 = { endpoint_url = "…" } }
    storage_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


_KEYS = {
    "content", "locales", "out", "build-locales", "severity", "select", "ignore",
    "link-rewrites", "publish-machine-translation", "max-file-size", "jobs",
    "baseline", "no-loc", "no-loc-file", "glossary",
    "translation-memory", "tm", "tm-threshold", "tm-publish-exact", "source-locale",
    "target-locales",
    "executor", "batch-size", "retries", "storage-options",
}


def config_options(config: Config) -> Options:
    """The check options that decide what a page may show (``Options.holds_back``): the
    severities, link rewrites and terms (no-loc terms hold a translation back) of the
    settings. Selection only decides what is reported, so commands that ask "would this be
    published?" outside a run (vendor packages, the memory's export) leave it out. Raises
    ``terms.TermsError`` for a terms file that cannot be read."""
    terms = None
    if config.no_loc or config.no_loc_file or config.glossary:
        from pipeline.terms import load

        terms = load(config.no_loc, config.no_loc_file, config.glossary)
    return Options(severities=config.severities, link_rewrites=config.link_rewrites,
                   terms=terms)


_CONFIG_LIMIT = 16 * 1024 * 1024  # bytes of a settings file read at most


def load(pyproject: Path | None, known_checks: Callable[[], Collection[str]]) -> Config:
    """The settings in ``pyproject``'s [tool.pipeline]. ``known_checks`` gives the check ids;
    it is called only when the table names some (it loads the checks' registry). A missing
    file or table gives the defaults; one that is there and cannot be read (a folder, a FIFO,
    not UTF-8) is an error, not the defaults."""
    if pyproject is None or not os.path.lexists(pyproject):
        return Config()
    from pipeline.findings import InputError
    from pipeline.io import read_bytes

    try:  # as articles are read: a regular file (a FIFO is never waited on), bounded
        raw = read_bytes(pyproject, _CONFIG_LIMIT, str(pyproject))
    except InputError as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc.finding.message}") from None
    except OSError as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{pyproject}:{line}: cannot read: the file is not UTF-8 (byte "
                          f"0x{raw[exc.start]:02x}); save it as UTF-8, as TOML requires") from None
    except tomllib.TOMLDecodeError as exc:
        if raw.startswith(b"\xef\xbb\xbf"):  # unseen in an editor: 'Invalid statement' at 1:1
            raise ConfigError(f"{pyproject}: cannot read: the file starts with a byte order "
                              "mark, which TOML does not allow (pip and other tools fail on it "
                              "too); save it as UTF-8 without one") from None
        # tomllib says where at the end of its text (3.11 has no attribute for it): in front
        said, at = str(exc), re.search(r" \(at line (\d+), column (\d+)\)$", str(exc))
        where = f"{pyproject}:{at[1]}:{at[2]}" if at else str(pyproject)
        said = said[:at.start()] if at else said
        if said == "Cannot overwrite a value":  # tomllib's words for a key set twice
            said = "a key set a second time (TOML takes each key once): keep one of the two"
        raise ConfigError(f"{where}: cannot read: {said}") from None
    except RecursionError:  # arrays or tables nested deeper than tomllib's recursion goes
        raise ConfigError(f"{pyproject}: cannot read: arrays or tables nested too deep for "
                          "settings; write [tool.pipeline] as the README shows") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{pyproject}: [tool] must be a table")
    table = tool.get("pipeline", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.pipeline] must be a table")
    from pipeline.settings_lines import key_lines  # to point at the line of a bad value

    return from_table(table, Source(str(pyproject), key_lines(raw.decode("utf-8"))), known_checks)


@dataclass(frozen=True)
class Source:
    """A settings file's name, and the line of each key in it (``settings_lines``)."""

    name: str
    lines: Mapping[str, int] = field(default_factory=dict)

    def at(self, key: str) -> str:
        """``name:line`` of ``key`` (else of the table it is in), or the name alone."""
        while key:
            if key in self.lines:
                return f"{self.name}:{self.lines[key]}"
            key = key.rpartition(".")[0]
        return self.name


def _where(source: Source, key: str, at: str | None = None) -> str:
    return f"{source.at(at or key)}: [tool.pipeline] {key}"


def from_table(
    table: Mapping[str, Any], source: str | Source, known_checks: Callable[[], Collection[str]]
) -> Config:
    source = source if isinstance(source, Source) else Source(source)
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{source.at(unknown[0])}: unknown key(s) in [tool.pipeline]: {', '.join(unknown)}"
            f"{did_you_mean(unknown, _KEYS)} (known: {', '.join(sorted(_KEYS))})"
        )
    values: dict[str, Any] = {}
    options: dict[str, dict[str, Any]] = {}
    if "storage-options" in table:
        options = values["storage_options"] = _storage_options(table["storage-options"], source)
    for key in ("content", "locales", "out"):
        if key in table:
            values[key] = storage.configured(
                storage.parse_root(_path(table[key], source, key)), options)
    for key in ("baseline", "no-loc-file", "glossary"):
        if key in table:
            values[key.replace("-", "_")] = Path(_path(table[key], source, key))
    if "no-loc" in table:
        values["no_loc"] = tuple(_strings(table["no-loc"], source, "no-loc"))
    if "executor" in table:
        executor = _string(table["executor"], source, "executor")
        if executor not in ("process", "dask"):
            raise ConfigError(f"{_where(source, 'executor')} must be \"process\" or \"dask\"")
        values["executor"] = executor
    if "build-locales" in table:
        values["build_locales"] = frozenset(
            s.lower() for s in _strings(table["build-locales"], source, "build-locales")
        )
    if "source-locale" in table:
        values["source_locale"] = _locale(table["source-locale"], source, "source-locale")
    if "target-locales" in table:
        names = _strings(table["target-locales"], source, "target-locales")
        values["target_locales"] = tuple(dict.fromkeys(
            _locale(name, source, "target-locales") for name in names))
    for key in ("select", "ignore"):
        if key in table:
            ids = _strings(table[key], source, key)
            _known(ids, known_checks, source, key)
            values[key] = frozenset(ids)
    both = sorted(values.get("select", frozenset()) & values.get("ignore", frozenset()))
    if both:  # one of the two is a slip: nothing of them would be reported
        raise ConfigError(f"{_where(source, 'ignore')} names {', '.join(both)}, which select "
                          "names too: give each to one of the two")
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{_where(source, 'severity')} must be a table of check = level")
        _known(list(sev), known_checks, source, "severity")
        levels: dict[str, Severity] = {}
        for k, v in sev.items():
            try:
                levels[k] = Severity.parse(_string(v, source, f"severity.{k}"))
            except ValueError as exc:
                raise ConfigError(f"{_where(source, 'severity', f'severity.{k}')}: {exc}") from None
        values["severities"] = levels
    if "link-rewrites" in table:
        rewrites = table["link-rewrites"]
        if not isinstance(rewrites, dict):
            raise ConfigError(
                f"{_where(source, 'link-rewrites')} must be a table such as "
                '{ "/en-us/" = "/{locale}/" }'
            )
        if "" in rewrites:  # ''.replace would put the target between every two characters
            raise ConfigError(f"{_where(source, 'link-rewrites')} has an empty key: give the "
                              'part of a link to rewrite, such as "/en-us/"')
        values["link_rewrites"] = tuple(
            LinkRewrite(k, _string(v, source, f"link-rewrites.{k}")) for k, v in rewrites.items()
        )
    if "publish-machine-translation" in table:
        flag = table["publish-machine-translation"]
        if not isinstance(flag, bool):
            raise ConfigError(f"{_where(source, 'publish-machine-translation')} must be "
                              "true or false")
        values["publish_machine_translation"] = flag
    values.update(_memory(table, source))
    for key, attr in (("max-file-size", "max_file_size"), ("jobs", "jobs"),
                      ("batch-size", "batch_size"), ("retries", "retries")):
        if key in table:
            number = table[key]
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise ConfigError(f"{_where(source, key)} must be a whole number >= 0, not "
                                  f"{number!r}")
            values[attr] = number
    return Config(**values)


def _memory(table: Mapping[str, Any], source: Source) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, attr in (("translation-memory", "translation_memory"),
                      ("tm-publish-exact", "tm_publish_exact")):
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{_where(source, key)} must be true or false")
            values[attr] = table[key]
    if "tm" in table:
        values["tm"] = tuple(Path(_path(p, source, "tm")) for p in _strings(table["tm"], source,
                                                                           "tm"))
    if "tm-threshold" in table:
        value = table["tm-threshold"]
        if (isinstance(value, bool) or not isinstance(value, int | float)
                or not 0.5 <= value <= 1.0):
            raise ConfigError(f"{_where(source, 'tm-threshold')} must be a number from 0.5 "
                              "to 1.0 (the least similarity of a close match, e.g. 0.75)")
        values["tm_threshold"] = float(value)
    return values
def _storage_options(value: Any, source: Source) -> dict[str, dict[str, Any]]:
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


def _string(value: Any, source: Source, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{_where(source, key)} must be a string, not {value!r}")
    return value


def _path(value: Any, source: Source, key: str) -> str:
    """A path setting: TOML lets a string hold a NUL (``"a\\u0000b"``), which no file name can;
    it reached the first call that took the path, a traceback (``ValueError: embedded null
    byte``) or an error naming another setting, the NUL printed raw."""
    path = _string(value, source, key)
    if not path:  # it would be the folder the command runs in, written all over
        raise ConfigError(f"{_where(source, key)} is empty: give a path, or \".\" for the "
                          "folder the command runs in")
    if "\0" in path:
        raise ConfigError(f"{_where(source, key)}: {path!r} holds a NUL character, which no "
                          "path can: take out the \\u0000")
    return path


def _locale(value: Any, source: Source, key: str) -> str:
    name = _string(value, source, key)
    if not is_locale(name):
        raise ConfigError(f"{_where(source, key)}: {name!r} is not a locale name such as "
                          "en-US or fr-FR")
    return name


def _strings(value: Any, source: Source, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(source, key)} must be a list of strings")
    return list(value)


def _known(
    ids: list[str], known: Callable[[], Collection[str]], source: Source, key: str
) -> None:
    if not ids:
        return
    ids_known = known()
    bad = [i for i in ids if i not in ids_known]
    if bad:
        raise ConfigError(
            f"{_where(source, key, f'{key}.{bad[0]}')}: unknown check id(s) {', '.join(bad)}"
            f"{did_you_mean(bad, ids_known)}; `pipeline checks` lists them"
        )


MAX_JOBS_PER_CORE = 4  # -j beyond this many processes a core is taken as this many


def bounded_jobs(jobs: int) -> int:
    """``jobs`` as a run uses it: 0 (or less) is every core, and no more than a few processes a
    core: each costs some 25 MB with work or without, and -j 100000 must not fork a hundred
    thousand of them (the machine runs out of memory before the first article)."""
    cores = cpu_count()
    return min(jobs if jobs > 0 else cores, MAX_JOBS_PER_CORE * cores)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
