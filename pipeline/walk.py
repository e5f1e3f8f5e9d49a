"""Walking a tree of locale folders (content/<locale>/…, locales/<locale>/…): what is found,
and what could not be walked, as findings at its path. A walk goes on past what it cannot read;
``layout`` maps what it finds to articles, catalogs and pages."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

import pipeline.checks.inputs as inputs
from pipeline import storage
from pipeline.checks.inputs import standing
from pipeline.findings import Finding, Severity, printable_name
from pipeline.locale_names import locale_folder, same_tag
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


def join(root: str, rel: str) -> str:
    return rel if root == "." else f"{root}/{rel}"


def stray(found: tuple[str, str], shown: str, name: str, suffix: str) -> Finding:
    """A file, or a link to nothing, where the folder of locale ``name`` goes in an input tree
    (a note saved there, an archive unpacked wrong, a share not mounted): its files are out of
    reach, said as a read of one of them says it (``inputs.in_the_way``). Before, every
    command that walks the tree passed over it; only a run that reads that locale's files one
    by one said so."""
    return Finding(UNREADABLE, Severity.ERROR, f"{found[0]}: no {suffix} file of {name} was "
                   "read", join(shown, name), 0, 0, None, f"{found[1]}, then run again")


def source_spelling(shown: str, name: str, source: str) -> Finding:
    """A folder naming the English folder ``source`` in another case (content/en-us beside
    content/en-US: unzipped, or saved on macOS and committed as typed): on Linux its articles
    are no locale's handoffs and not the English either, and were passed over without a word,
    so an English article put there was never translated; on macOS or Windows the two are one
    folder."""
    if name.lower() == source.lower():
        how = "in another case: no article in it is read, translated or published (on macOS " \
              "or Windows the two are one folder)"
    else:  # en_US: the C library's spelling
        how = "in another spelling: no article in it is read, translated or published"
    return Finding(inputs.LAYOUT.id, Severity.ERROR,
                   f"the folder {name!r} names the English folder {source!r} {how}",
                   join(shown, name), 0, 0, None, f"move what is in it into {source!r}, and "
                   f"remove it; or, if {name!r} is the English folder, set source-locale = "
                   f"\"{name}\" under [tool.pipeline]")


def walk_url(root: Url, suffix: str, shown: str, locales: frozenset[str],
              skipping: bool, source: str = "", strays: bool = False) -> Found:
    """``Layout.articles`` and ``catalogs`` under a URL root. Object stores have no links or
    undecodable names; a folder that cannot be listed, and with ``strays`` an object named as
    a locale folder, is a finding as on a local disk."""
    rels: list[str] = []
    skipped: list[str] = []
    problems: list[Finding] = []

    def unreadable(rel: str, exc: OSError) -> None:
        problems.append(Finding(UNREADABLE, Severity.ERROR, f"cannot read this folder "
                                f"({_reason(exc)}): what is in it was skipped",
                                join(shown, rel) if rel else shown, 0, 0, None,
                                "check the storage's permissions, then run again"))

    try:
        top = storage.listing(root)
    except (PermissionError, NotADirectoryError) as exc:
        unreadable("", exc)
        top = []
    for name, is_dir in top:
        if not is_dir:
            if strays and locale_folder(name):
                problems.append(stray(inputs.file_in_the_way(join(shown, name)), shown, name,
                                      suffix))
            continue
        if not is_locale(name):
            if skipping:
                skipped.append(printable(name))
        elif source and same_tag(name, source):
            if name != source:
                problems.append(source_spelling(shown, name, source))
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
    walk = Walk(suffix, shown, other_case=True)
    if root.is_dir():
        walk.within = {os.path.realpath(confine), os.path.realpath(root)} if confine else set()
        walk.folder(str(root), "", os.path.realpath(root), {os.path.realpath(root)})
    return Found(sorted(walk.found), [], walk.sorted_problems())


class Walk:
    """One walk of a tree with os.scandir (half the time of os.walk on a docs tree, which
    matters for a no-op run). What it cannot walk is a finding at the path, and the walk goes
    on: a folder it cannot read, a symbolic link it cannot follow, a file name that is not
    UTF-8. A link to a folder that holds it is not followed (it would loop forever)."""

    def __init__(self, suffix: str, shown: str, other_case: bool = False) -> None:
        self.suffix = suffix
        # a file whose suffix is ours in other letters (a vendor's 'a.PO'), or a file where a
        # locale's folder goes (``stray``): a finding, where the walk finds inputs (articles,
        # catalogs), not the outputs' folder (there, the write that is refused says it)
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
        folders = []
        for e in self._entries(root, ""):
            is_dir = self._is_dir(e, e.name)  # None: a link that loops, said already
            if is_dir:
                folders.append(e)
            elif is_dir is False and self.other_case and locale_folder(e.name):
                found = standing(e.path, join(self.shown, e.name))
                if found is not None:  # None: it became a folder since it was listed
                    self.problems.append(stray(found, self.shown, e.name, self.suffix))
        return sorted(folders, key=lambda e: e.name)

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
        where = join(self.shown, rel) if rel else self.shown
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


def printable(path: str) -> str:
    """A path as findings show it (``findings.printable_name``)."""
    return path if path.isascii() else printable_name(path)
