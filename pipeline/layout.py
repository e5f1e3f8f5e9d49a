"""Where things live: content/<locale>/<path>.md <-> locales/<locale>/<path>.po <->
<out>/<locale>/<path>.md. The locale is the first folder under the content root.

With a source folder (``source``: content/en-US, plain English Markdown), the article of
<locale>/<path> is the English content/en-US/<path> whenever that exists: the English drives
the segments, and a handoff at content/<locale>/<path> only lends its translations."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pipeline.checks.inputs as inputs
from pipeline import storage
from pipeline.findings import Finding, Severity, printable_name
from pipeline.storage import Url

# What a walk finds (the checks' registry lists them): a folder or link that cannot be read
# or followed, a link that loops, a file name that is not UTF-8.
UNREADABLE, SYMLINK_LOOP = inputs.UNREADABLE.id, inputs.SYMLINK_LOOP.id
ENCODING = inputs.ENCODING.id

_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*\Z")


def is_locale(name: str) -> bool:
    return _LOCALE.match(name) is not None


class Found(NamedTuple):
    rels: list[str]  # relative to the root, sorted
    skipped: list[str]  # folders below the root that are no locale (as shown)
    problems: list[Finding]  # what could not be walked, in path order


@dataclass(frozen=True, slots=True)
class Layout:
    # A root is a local folder (a Path: the os-based code) or an fsspec URL (see ``storage``).
    content: Path | Url
    locales: Path | Url
    out: Path | Url
    source: str = ""  # the English folder under content/ (say "en-US"); "" when there is none
    # The roots as diagnostics show them, worked out once: relpath() asks the OS for the working
    # folder on every call, which cost seconds over a docs tree.
    _shown: tuple[str, str, str] = field(init=False, repr=False, compare=False)
    _roots: tuple[str, str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_roots", (str(self.content), str(self.locales), str(self.out)))
        cwd = os.getcwd()
        object.__setattr__(self, "_shown", tuple(
            _display(root, cwd) for root in (self.content, self.locales, self.out)))

    def shown_article(self, rel: str) -> str:
        return _join(self._shown[0], rel)

    def shown_catalog(self, rel: str) -> str:
        return _join(self._shown[1], rel[:-3] + ".po")

    def shown_output(self, rel: str) -> str:
        return _join(self._shown[2], rel)

    def article(self, rel: str) -> Path | Url:
        return self.content / rel

    def english(self, rel: str) -> Path | Url:
        """The English article of ``rel`` (<locale>/<path>): <content>/<source>/<path>."""
        return self.content / self.source / rel.partition("/")[2]

    def shown_english(self, rel: str) -> str:
        return _join(self._shown[0], f"{self.source}/{rel.partition('/')[2]}")

    def drives(self, rel: str) -> bool:
        """Whether ``rel`` is made from its English rather than from a handoff: there is a
        source folder, ``rel`` is not in it, and it holds the English of ``rel``."""
        if not self.source:
            return False
        locale, _, within = rel.partition("/")
        if locale.lower() == self.source.lower():
            return False
        if isinstance(self.content, Url):
            return storage.is_file(self.content / self.source / within)
        return file_or_link(f"{self._roots[0]}/{self.source}/{within}")

    def catalog(self, rel: str) -> Path | Url:
        return self.locales / (rel[:-3] + ".po")

    def output(self, rel: str) -> Path | Url:
        return self.out / rel

    @property
    def local(self) -> bool:
        """Whether every root is a local folder: the run cache and the tree lock need that."""
        return all(isinstance(root, Path) for root in (self.content, self.locales, self.out))

    def paths(self, rel: str) -> tuple[str, str, str, str | None]:
        """(article, catalog, output, handoff) as strings: the cheap form for stat-only hot
        paths. ``handoff``: for an article made from its English, where a handoff of it would
        lend its translations (the run cache keys on it, there or not); None otherwise."""
        content, locales, out = self._roots
        article = f"{content}/{rel}"
        handoff = None
        if self.source and self.drives(rel):
            handoff = article
            article = f"{content}/{self.source}/{rel.partition('/')[2]}"
        return article, f"{locales}/{rel[:-3]}.po", f"{out}/{rel}", handoff

    def shown(self, path: Path | Url) -> str:
        """A path as diagnostics show it: relative to the working folder when below it."""
        if isinstance(path, Url):
            return printable(str(path))
        try:
            return printable(os.path.relpath(path))
        except ValueError:  # pragma: no cover - another drive on Windows
            return printable(str(path))

    def articles(self, locales: frozenset[str] = frozenset()) -> Found:
        """The articles (paths relative to the content root, sorted), the folders skipped as
        no locale, and what could not be walked."""
        if isinstance(self.content, Url):
            return _walk_url(self.content, ".md", self._shown[0], locales, True, self.source)
        walk = _Walk(".md", self._shown[0], other_case=True)
        skipped: list[str] = []
        top = walk.top(str(self.content))
        walk.within = {walk.root_real}
        for entry in top:
            if not is_locale(entry.name):
                skipped.append(printable(entry.name))
            elif entry.name.lower() == self.source.lower():
                continue  # plain English: it drives the other locales (pipeline.source)
            elif not locales or entry.name.lower() in locales:
                walk.locale(entry)
        return Found(sorted(walk.found), skipped, walk.sorted_problems())

    def catalogs(self) -> Found:
        """Catalog paths relative to the locales root, as article-style '.md' paths, and what
        could not be walked."""
        found = self._walk(self.locales, ".po", self._shown[1], frozenset(), other_case=True)
        return Found(sorted(r[:-3] + ".md" for r in found.rels), [], found.problems)

    def pages(self, locales: frozenset[str]) -> Found:
        """The Markdown files under the output root's folders of ``locales`` (lower-case
        names; paths relative to the root, sorted), and what could not be walked. Only those
        folders: the output root also holds what other commands write (``segment``'s
        ``build/sxs``, ``build/pot``), whose names may read as language codes."""
        if not locales:
            return Found([], [], [])
        return self._walk(self.out, ".md", self._shown[2], locales)

    @staticmethod
    def _walk(root: Path | Url, suffix: str, shown: str, locales: frozenset[str],
              other_case: bool = False) -> Found:
        """The ``suffix`` files under the locale folders of ``root`` (those of ``locales``
        only, when given)."""
        if isinstance(root, Url):
            return _walk_url(root, suffix, shown, locales, False)
        walk = _Walk(suffix, shown, other_case)
        for entry in walk.top(str(root)):
            if is_locale(entry.name) and (not locales or entry.name.lower() in locales):
                walk.locale(entry)
        return Found(sorted(walk.found), [], walk.sorted_problems())

    def has_article(self, rel: str) -> bool:
        """Whether the article is there; True when that cannot be told (a folder that cannot
        be searched, reported by the walk): its catalog is then no orphan."""
        if self.drives(rel):
            return True
        article = self.article(rel)
        if isinstance(article, Url):
            return storage.exists(article)
        try:
            os.stat(article)
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError:
            return True
        return True


def _display(root: Path | Url, cwd: str) -> str:
    if isinstance(root, Url):
        return printable(str(root))
    try:
        return printable(os.path.relpath(root, cwd))
    except ValueError:  # pragma: no cover - another drive on Windows
        return printable(str(root))


def _join(root: str, rel: str) -> str:
    return rel if root == "." else f"{root}/{rel}"


def _walk_url(root: Url, suffix: str, shown: str, locales: frozenset[str],
              skipping: bool, source: str = "") -> Found:
    """``Layout.articles`` and ``catalogs`` under a URL root. Object stores have no links or
    undecodable names; a folder that cannot be listed is a finding as on a local disk."""
    rels: list[str] = []
    skipped: list[str] = []
    problems: list[Finding] = []

    def unreadable(rel: str, exc: OSError) -> None:
        problems.append(Finding(UNREADABLE, Severity.ERROR, f"cannot read this folder "
                                f"({_reason(exc)}): what is in it was skipped",
                                _join(shown, rel) if rel else shown, 0, 0, None,
                                "check the storage's permissions, then run again"))

    try:
        top = storage.listing(root)
    except (PermissionError, NotADirectoryError) as exc:
        unreadable("", exc)
        top = []
    for name, is_dir in top:
        if not is_dir:
            continue
        if not is_locale(name):
            if skipping:
                skipped.append(printable(name))
        elif source and name.lower() == source.lower():
            continue  # plain English: it drives the other locales (pipeline.source)
        elif not locales or name.lower() in locales:
            try:
                rels.extend(f"{name}/{rel}" for rel in storage.files(root / name, suffix))
            except PermissionError as exc:
                unreadable(name, exc)
    return Found(sorted(rels), skipped, sorted(problems, key=Finding.sort_key))


def walk_files(root: Path, shown: str, suffix: str, confine: Path | None = None) -> Found:
    """Files named ``*suffix`` below ``root`` (relative paths, sorted) and what could not be
    walked; ``shown``: the root as findings show it; no link out of ``confine`` and ``root``."""
    walk = _Walk(suffix, shown, other_case=True)
    if root.is_dir():
        walk.within = {os.path.realpath(confine), os.path.realpath(root)} if confine else set()
        walk.folder(str(root), "", os.path.realpath(root), {os.path.realpath(root)})
    return Found(sorted(walk.found), [], walk.sorted_problems())


class _Walk:
    """One walk of a tree with os.scandir (half the time of os.walk on a docs tree, which
    matters for a no-op run). What it cannot walk is a finding at the path, and the walk goes
    on: a folder it cannot read, a symbolic link it cannot follow, a file name that is not
    UTF-8. A link to a folder that holds it is not followed (it would loop forever)."""

    def __init__(self, suffix: str, shown: str, other_case: bool = False) -> None:
        self.suffix = suffix
        # a file whose suffix is ours in other letters (a vendor's 'a.PO'): a finding, where
        # the walk finds inputs (articles, catalogs), not the outputs' folder
        self.other_case = other_case
        self.shown = shown  # the root as findings show it
        self.found: list[str] = []
        self.problems: list[Finding] = []
        self.root_real = ""
        self.within: set[str] = set()  # content walks: where a link may lead (empty: any)

    def top(self, root: str) -> list[os.DirEntry[str]]:
        """The folders right below ``root``, sorted by name (none when it is not a folder)."""
        if not os.path.isdir(root):
            return []
        self.root_real = os.path.realpath(root)
        entries = self._entries(root, "")
        return sorted((e for e in entries if self._is_dir(e, e.name)), key=lambda e: e.name)

    def locale(self, entry: os.DirEntry[str]) -> None:
        real = os.path.realpath(entry.path) if entry.is_symlink() else \
            f"{self.root_real}/{entry.name}"
        if self.within:  # a locale folder linked elsewhere (another checkout) is the owner's
            self.within.add(real)
        self.folder(entry.path, entry.name, real, {self.root_real, real})

    def folder(self, path: str, rel: str, real: str, chain: set[str]) -> None:
        """Walk ``path`` (``rel`` below the root; ``real``: its real path; ``chain``: the real
        paths of the folders it is in, itself included)."""
        suffix, found = self.suffix, self.found
        for entry in self._entries(path, rel):
            name = entry.name
            sub = f"{rel}/{name}" if rel else name
            is_dir = self._is_dir(entry, sub)
            if is_dir is None or (self.within and entry.is_symlink() and self._escapes(entry, sub)):
                continue
            if not is_dir:
                if name.endswith(suffix):
                    if "\n" in sub or "\r" in sub:  # no catalog line could name it
                        self._problem(ENCODING, Severity.ERROR, sub.replace("\n", "\\n")
                                      .replace("\r", "\\r"), "the file name holds a line "
                                      "break: the file was skipped", "rename the file")
                    elif sub.isascii() or _is_utf8(sub):
                        found.append(sub)
                    else:
                        self._problem(ENCODING, Severity.ERROR, sub, "the file name is not "
                                      "UTF-8 (shown with \\x escapes): the file was skipped",
                                      "rename the file (or its folder) in UTF-8")
                elif self.other_case and name.lower().endswith(suffix):
                    right = name[:-len(suffix)] + suffix
                    self._problem(UNREADABLE, Severity.ERROR, sub, f"the name ends in "
                                  f"'{name[-len(suffix):]}', which no run reads (only "
                                  f"'{suffix}'): the file was skipped",
                                  f"rename it to {right}")
                continue
            target = os.path.realpath(entry.path) if entry.is_symlink() else f"{real}/{name}"
            if target in chain:
                self._problem(SYMLINK_LOOP, Severity.WARNING, sub, "a symbolic link to a folder "
                              f"it is in ({printable(os.path.relpath(target))}): not followed",
                              "remove the link; what it points to is walked already")
                continue
            chain.add(target)
            self.folder(entry.path, sub, target, chain)
            chain.discard(target)

    def _escapes(self, entry: os.DirEntry[str], rel: str) -> bool:
        """Whether a symbolic link leads out of the content folders; if so, a finding."""
        target = link_out(entry.path, self.within)
        if target is None:
            return False
        self._problem(UNREADABLE, Severity.ERROR, rel, LINK_OUT.format(printable(target)),
                      LINK_OUT_HINT)
        return True

    def _entries(self, path: str, rel: str) -> list[os.DirEntry[str]]:
        """The entries of a folder but dot files; none, and a finding, when it cannot be read."""
        try:
            with os.scandir(path) as it:
                return [e for e in it if e.name[:1] != "."]
        except OSError as exc:
            self._problem(UNREADABLE, Severity.ERROR, rel, f"cannot read this folder "
                          f"({_reason(exc)}): what is in it was skipped",
                          "check the folder's permissions, then run again")
            return []

    def _is_dir(self, entry: os.DirEntry[str], rel: str) -> bool | None:
        """Whether the entry is a folder (following links); None, and a finding, when that
        cannot be told: a link to itself, or a chain of links too long."""
        try:
            return entry.is_dir()
        except OSError as exc:
            self._problem(UNREADABLE, Severity.ERROR, rel, f"cannot follow this symbolic link "
                          f"({_reason(exc)}): it was skipped", "remove or fix the link")
            return None

    def _problem(self, check: str, severity: Severity, rel: str, message: str,
                 hint: str) -> None:
        where = _join(self.shown, rel) if rel else self.shown
        # given raw: the finding shows it printable and keeps its bytes for links (SARIF)
        self.problems.append(Finding(check, severity, message, where, 0, 0, None, hint))

    def sorted_problems(self) -> list[Finding]:
        return sorted(self.problems, key=Finding.sort_key)


LINK_OUT = ("a symbolic link out of the content folder (to {}): not followed, so that no "
            "page or catalog publishes what it points to")
LINK_OUT_HINT = "copy the file into the content folder, or point the link at one inside it"


def link_out(path: str, within: set[str]) -> str | None:
    """Where a symbolic link leads when that is out of every folder of ``within`` (real
    paths), else None: a page publishes what an article's link points to (/etc/passwd, a CI
    secret file)."""
    target = os.path.realpath(path)
    if any(target == r or target.startswith(r.rstrip("/") + "/") for r in within):
        return None
    return target


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: bytes os.fsdecode could not decode
        return False
    return True


def file_or_link(path: str) -> bool:
    """Anything but a folder: a file, a link to no folder (one to nothing is for the English
    job to report), a FIFO, socket or device (``io.read_bytes`` refuses it, naming it; taken
    for no English, it was skipped by ``segment`` and sent to each locale's handoff job)."""
    try:
        st = os.lstat(path)  # one call: most paths are files, or nothing
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode):
        return not os.path.isdir(path)
    return not stat.S_ISDIR(st.st_mode)


def printable(path: str) -> str:
    """A path as findings show it (``findings.printable_name``)."""
    return path if path.isascii() else printable_name(path)
