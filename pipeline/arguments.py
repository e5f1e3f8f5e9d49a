"""The command line's words: each command and how its options are declared. Kept apart from
``cli``, which runs them; declaring costs a millisecond or so a command, so a run declares only
its own (``parser(only=...)``)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

from pipeline import __version__, executors, gate, storage
from pipeline.render import Form

_path = storage.given_path  # a path option: never empty (an unset shell variable)


def _common(p: argparse.ArgumentParser, out: bool = False) -> None:
    # a root is a folder or an fsspec URL (s3://bucket/docs, memory://…): see pipeline.storage
    p.add_argument("--content", type=storage.given_root, metavar="DIR|URL",
                   help="articles root (default: content/)")
    p.add_argument("--locales", type=storage.given_root, metavar="DIR|URL",
                   help="catalogs root (default: locales/)")
    if out:
        p.add_argument("--out", type=storage.given_root, metavar="DIR|URL",
                       help="output root (default: build/)")
    p.add_argument("-j", "--jobs", type=int,
                   help="parallel jobs (default: all cores; at most 4 a core)")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors and warnings")
    executors.add_arguments(p)
    _config_option(p)


def _config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=_path,
                   help="settings file with [tool.pipeline] (default: pyproject.toml, when "
                        "there is one)")


def _selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", action="append", default=[], metavar="IDS",
                   help="only these check ids (comma-separated, repeatable)")
    p.add_argument("--ignore", action="append", default=[], metavar="IDS",
                   help="skip these check ids (comma-separated, repeatable)")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                   help="how findings are printed (default: text)")


def _memory(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tm", action="append", type=_path, default=[], metavar="FILE",
                   help="a TMX file as a further source of the translation memory "
                        "(repeatable; setting: tm)")


def _extract(p: argparse.ArgumentParser) -> None:
    _common(p)
    _memory(p)


def _check(p: argparse.ArgumentParser) -> None:
    _common(p)
    _selection(p)
    gate.declare(p, "check")
    _memory(p)


def _baseline(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--select", action="append", default=[], metavar="IDS",
                   help="only these check ids (comma-separated, repeatable)")
    p.add_argument("--ignore", action="append", default=[], metavar="IDS",
                   help="skip these check ids (comma-separated, repeatable)")
    gate.declare(p, "baseline")
    _memory(p)


def _render(p: argparse.ArgumentParser) -> None:
    _common(p, out=True)
    p.add_argument("--form", choices=[f.value for f in Form], default=Form.LOCALIZED.value,
                   help="localized (default), source (English) or bilingual (sxs)")
    # render runs no checks, so it neither reports orphan pages nor says it does
    _prune(p, "keep them; `locales` reports them as orphan-page")


def _prune(p: argparse.ArgumentParser, otherwise: str) -> None:
    p.add_argument("--prune", action="store_true",
                   help="delete the pages of the output folder whose article no longer exists "
                        f"(default: {otherwise})")


def _locales(p: argparse.ArgumentParser) -> None:
    _common(p, out=True)
    _prune(p, "report them as orphan-page")
    _selection(p)
    gate.declare(p, "locales")
    _memory(p)


def _tm_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locales", type=_path, help="catalogs root (default: locales/)")
    p.add_argument("--locale", required=True, help="the locale folder, e.g. fr-FR")
    p.add_argument("--out", type=_path, required=True, help="the TMX file to write")
    _memory(p)
    p.add_argument("-j", "--jobs", type=int, help="parallel jobs (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors, no summary")
    _config_option(p)
    p.set_defaults(handler=("pipeline.memory.command", "export_command"))


# The stats, xliff and report commands' modules load when they run (a `locales` run never
# needs them): each handler is named as (module, function) and takes (args, config).
def _stats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locales", type=_path, help="catalogs root (default: locales/)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="an aligned table (default) or a JSON list")
    p.add_argument("--by-article", action="store_true", help="one row per catalog")
    p.add_argument("-j", "--jobs", type=int, help="parallel jobs (default: all cores)")
    _config_option(p)
    p.set_defaults(handler=("pipeline.stats", "command"))


def _xliff_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locales", type=_path, help="catalogs root (default: locales/)")
    p.add_argument("-j", "--jobs", type=int, help="parallel jobs (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors, no summary")
    _config_option(p)


def _xliff_export(p: argparse.ArgumentParser) -> None:
    _xliff_common(p)
    p.add_argument("--out", type=_path, required=True, help="folder for the .xlf files")
    p.set_defaults(handler=("pipeline.xliff.command", "export_command"))


def _xliff_import(p: argparse.ArgumentParser) -> None:
    _xliff_common(p)
    p.add_argument("folder", type=_path, metavar="DIR",
                   help="folder of .xlf files as xliff-export wrote them")
    p.set_defaults(handler=("pipeline.xliff.command", "import_command"))


def _handoff(p: argparse.ArgumentParser) -> None:
    _xliff_common(p)
    p.add_argument("--locale", required=True, help="the locale folder, e.g. fr-FR")
    p.add_argument("--out", type=_path, required=True, help="folder for the package")
    p.add_argument("--format", choices=("xliff", "po"), default="xliff",
                   help="XLIFF 1.2 for CAT tools (default) or PO")
    p.set_defaults(handler=("pipeline.handoff.command", "export_command"))


def _handoff_import(p: argparse.ArgumentParser) -> None:
    _xliff_common(p)
    p.add_argument("folder", type=_path, metavar="DIR", help="the returned package")
    p.set_defaults(handler=("pipeline.handoff.command", "import_command"))


def _report(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=_path, help="articles root (default: content/)")
    p.add_argument("--locales", type=_path, help="catalogs root (default: locales/)")
    p.add_argument("--out", type=_path, help="report folder (default: build/report/)")
    p.add_argument("-j", "--jobs", type=int, help="parallel jobs (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary line")
    which = p.add_mutually_exclusive_group()  # one or the other, as check's
    which.add_argument("--baseline", type=_path, metavar="FILE",
                       help="show the findings this baseline holds as baselined "
                            "(default: [tool.pipeline] baseline)")
    which.add_argument("--no-baseline", action="store_true",
                       help="ignore the configured baseline")
    _config_option(p)
    p.set_defaults(handler=("pipeline.report.command", "main"))


def _segment(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", type=_path,
                   help="English articles (default: the source locale's folder, content/en-US)")
    p.add_argument("--format", choices=("json", "pot", "sxs"), default="json",
                   help="json records on stdout (default), a .pot per article, or sxs articles")
    p.add_argument("--out", type=_path,
                   help="output folder for pot and sxs (default: build/FORMAT)")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors and warnings")
    _config_option(p)
    p.set_defaults(handler=("pipeline.segment.command", "main"))


def _nothing(p: argparse.ArgumentParser) -> None:
    pass


# name, help, how its options are declared
COMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("extract", "create or update the PO catalogs from the articles", _extract),
    ("check", "report problems in articles, catalogs and translations", _check),
    ("render", "write Markdown from articles and catalogs", _render),
    ("locales", "extract, check and render localized: `make locales`", _locales),
    ("checks", "list the check ids with their severity and summary", _nothing),
    ("baseline", "write the current findings to the baseline file for the CI gate",
     _baseline),
    ("stats", "translated, fuzzy and untranslated messages per locale", _stats),
    ("xliff-export", "write an XLIFF 1.2 file per catalog for CAT tools", _xliff_export),
    ("xliff-import", "bring translated XLIFF files back into the catalogs", _xliff_import),
    ("report", "write a static HTML report (default: build/report/)", _report),
    ("segment", "segment English Markdown as Microsoft's handoffs did", _segment),
    ("tm-export", "write a locale's translation memory as TMX 1.4", _tm_export),
    ("handoff", "write a vendor package of the entries that need work", _handoff),
    ("handoff-import", "bring a returned vendor package back into the catalogs",
     _handoff_import),
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized as argparse sizes it (COLUMNS, else the terminal, else
    80 columns) but without importing shutil, and with it bz2 and lzma: argparse makes a
    formatter for every option it declares, so every run paid for that import."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(1).columns
        except (ValueError, OSError):
            columns = 80
        super().__init__(prog, width=columns - 2)


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``only``, just that command is declared: argparse takes a
    millisecond or so per command, and a run uses one (help and errors declare them all)."""
    parser = argparse.ArgumentParser(
        prog="pipeline", formatter_class=_Formatter, allow_abbrev=False,
        description="sxs bilingual articles -> gettext PO catalogs -> per-locale Markdown",
    )
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    # prog given: argparse would otherwise build a help formatter (and load shutil) to work
    # it out on every run
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                prog="pipeline")
    for name, help_text, declare in COMMANDS:
        if only is None or name == only:
            # no abbreviations: `xliff-export --locale fr-FR` was read as `--locales fr-FR`
            # (a catalogs folder named fr-FR) rather than refused
            declare(sub.add_parser(name, help=help_text, formatter_class=_Formatter,
                                   allow_abbrev=False))
    return parser


def command_parser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """The sub-parser of command ``name`` in ``parser`` (argparse keeps no public way to it)."""
    action = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
    found: argparse.ArgumentParser = action.choices[name]  # type: ignore[index]
    return found


def unrecognized(command: str, extra: list[str]) -> str:
    """The usage error for words ``command`` does not take, with what was likely meant: an
    option of other commands is said to be theirs (``stats -q``, ``xliff-export --locale``:
    suggesting ``--locales`` there would send a locale's name where a folder goes), a near miss
    of one of its own is suggested (``--fromat``), else its --help."""
    from pipeline.suggest import closest

    said = f"unrecognized arguments: {' '.join(extra)}"
    first = next((w.split("=", 1)[0] for w in extra if w.startswith("-")), None)
    if first is not None:
        full = parser()  # every command declared, to tell another command's option
        own = {o for a in command_parser(full, command)._actions for o in a.option_strings}
        others = [name for name, _, _ in COMMANDS if name != command and first in {
            o for a in command_parser(full, name)._actions for o in a.option_strings}]
        if others:
            whose = ", ".join(others) if len(others) <= 3 else "other commands"
            return (f"{said} ({first} is an option of {whose}, not of {command}; "
                    f"`pipeline {command} --help` lists its options)")
        near = closest(first, own)
        if near is not None:
            return f"{said} (did you mean {near}?)"
    return f"{said} (`pipeline {command} --help` lists its options)"

