"""Where things live: content/<locale>/<path>.md <-> locales/<locale>/<path>.po <->
<out>/<locale>/<path>.md. The locale is the first folder under the content root.

With a source folder (``source``: content/en-US, plain English Markdown), the article of
<locale>/<path> is the English content/en-US/<path> whenever that exists: the English drives
the segments, and a handoff at content/<locale>/<path> only lends its translations."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import storage
from pipeline.locale_names import same_tag
from pipeline.storage import Url
from pipeline.walk import Found, Walk, is_locale, join, printable, source_spelling, walk_url


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
        return join(self._shown[0], rel)

    def shown_catalog(self, rel: str) -> str:
        return join(self._shown[1], rel[:-3] + ".po")

    def shown_output(self, rel: str) -> str:
        return join(self._shown[2], rel)

    def article(self, rel: str) -> Path | Url:
        return self.content / rel

    def input_folders(self) -> tuple[str, ...]:
        """The real paths of the local roots of what the run reads (articles, catalogs)."""
        return tuple(os.path.realpath(root) for root in (self.content, self.locales)
                     if isinstance(root, Path))

    def inside_inputs(self, page: str, memo: dict[str, str | None]) -> str | None:
        """The real path of the folder of ``page`` where it is, through a link on the way
        (build/de-DE -> ../content/fr-FR), a root of what the run reads or in one of its
        locale folders, else None: another article or catalog than the page's own would be
        replaced. ``memo``: by folder, one ``realpath`` per folder of a batch."""
        folder = os.path.dirname(page)
        if folder not in memo:
            real, memo[folder] = os.path.realpath(folder), None
            for root in self.input_folders():
                if real == root or (real.startswith(os.path.join(root, ""))
                                    and is_locale(real[len(root) + 1:].split(os.sep)[0])):
                    memo[folder] = real
        return memo[folder]

    def english(self, rel: str) -> Path | Url:
        """The English article of ``rel`` (<locale>/<path>): <content>/<source>/<path>."""
        return self.content / self.source / rel.partition("/")[2]

    def shown_english(self, rel: str) -> str:
        return join(self._shown[0], f"{self.source}/{rel.partition('/')[2]}")

    def drives(self, rel: str) -> bool:
        """Whether ``rel`` is made from its English rather than from a handoff: there is a
        source folder, ``rel`` is not in it, and it holds the English of ``rel``."""
        if not self.source:
            return False
        locale, _, within = rel.partition("/")
        if same_tag(locale, self.source):
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
            return walk_url(self.content, ".md", self._shown[0], locales, True, self.source,
                            strays=True)
        walk = Walk(".md", self._shown[0], other_case=True)
        skipped: list[str] = []
        top = walk.top(str(self.content))
        walk.within = {walk.root_real}
        for entry in top:
            if not is_locale(entry.name):
                skipped.append(printable(entry.name))
            elif same_tag(entry.name, self.source):
                if entry.name != self.source and not _same(entry.path, self.content / self.source):
                    walk.problems.append(source_spelling(self._shown[0], entry.name, self.source))
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
            return walk_url(root, suffix, shown, locales, False, strays=other_case)
        walk = Walk(suffix, shown, other_case)
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


def _same(path: str, other: Path) -> bool:
    """Whether two names are one folder (a link from one to the other)."""
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def source_folder(content: Path | Url, name: str) -> str:
    """The English folder's name ``name`` when content/<name> is a folder, or a folder of it
    in another case is there (content/en-us alone), which the walks then name as an error
    (``walk.source_spelling``): taken for a locale's handoffs, each English article was an
    error of its own (no ms.* keys) that never said why. "" when there is none: the tree is
    handoffs alone. The root is listed only when the folder is not there."""
    if (content / name).is_dir():
        return name
    try:
        names = ([n for n, is_dir in storage.listing(content) if is_dir]
                 if isinstance(content, Url) else
                 [e.name for e in os.scandir(content) if e.is_dir()])
    except OSError:
        return ""
    return name if any(same_tag(n, name) for n in names) else ""
