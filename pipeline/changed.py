"""``--changed-since REF``: the articles a pull request touched, from git.

An article is checked when it, or its catalog, differs from REF (``git diff --name-only``:
committed, staged and unstaged changes alike) or is new and untracked: the job reads an article
and its catalog together, so a changed catalog brings its article and a changed article its
catalog. A changed English article (under the English folder) brings every locale's article at
its path (deleted, it drives none, and a locale's handoff of it is an article of its own). A
change to a settings file (pyproject.toml, the no-loc list, a glossary) can change what every
article's checks find: then every article is checked. An article the change deleted
is checked by no one, but its baseline entries are in the change's scope (``Changed.deleted``).
An article, catalog or folder that is a symbolic link is read from where it leads: a change
there, or to the link itself, is a change of the article (git lists each at its own path); a
submodule git lists (a locale folder of a vendor's repository) is a change of each article in it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.layout import Layout


# a path's real path, and the symbolic links on the way to it (``_reads``)
Reads = tuple[str, frozenset[str]]


class ChangedError(Exception):
    """No git work tree, no git, or an unknown ref: the message says which, in one line."""


class _Failed(ChangedError):
    """git ran and refused."""


def _git(args: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                              stdin=subprocess.DEVNULL, env=_env() if env is None else env)
    except FileNotFoundError:
        raise ChangedError("--changed-since needs git, and git is not installed") from None
    except OSError as exc:
        raise ChangedError(f"--changed-since: cannot run git: {exc}") from None
    if done.returncode != 0:
        first = os.fsdecode(done.stderr).strip().splitlines()
        raise _Failed(first[0] if first else f"git {args[0]} failed")
    return done.stdout


def _env() -> Mapping[str, str] | None:
    """git's environment, read as git reads it in the folder the command ran in, for git run in
    the roots' folders: a GIT_DIR given (a hook, a bare repository's work tree) is made whole,
    and its work tree, when none is given, is the one git takes from here (core.worktree, or
    this folder). Each root asked on its own took its own folder for the work tree (two 'work
    trees', refused), and a relative GIT_DIR named no repository from there. None: no GIT_DIR."""
    given = os.environ.get("GIT_DIR", "")
    return _whole(given, os.environ.get("GIT_WORK_TREE", ""), os.getcwd()) if given else None


@cache  # one git call a run, however many roots are asked
def _whole(given: str, tree: str, here: str) -> Mapping[str, str]:
    env = {**os.environ, "GIT_DIR": os.path.join(here, given)}
    if tree:
        env["GIT_WORK_TREE"] = os.path.join(here, tree)
    else:
        with contextlib.suppress(_Failed):  # a bare repository: no work tree, said by _top
            top = _git(["rev-parse", "--show-toplevel"], Path(here), env)
            env["GIT_WORK_TREE"] = os.fsdecode(top).strip()
    return env


def _paths(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def _top(where: Path) -> Path | None:
    """The top folder of the git work tree ``where`` is in (git gives its real path: symbolic
    links followed), or None when it is in none; ``where`` need not exist yet."""
    while not where.is_dir() and where != where.parent:  # a catalogs root made by the run
        where = where.parent
    try:
        top = Path(os.fsdecode(_git(["rev-parse", "--show-toplevel"], where)).strip())
    except _Failed:
        return None
    # a work tree GIT_WORK_TREE names is git's answer from any folder, one outside it too
    inside = _under(Path(os.path.realpath(where)), Path(os.path.realpath(top)))
    return top if inside is not None else None


def _real(root: Path, shown: str) -> str:
    """``root`` as a message names it, with where it leads when a symbolic link (it, or a
    folder above it) takes it elsewhere: the link may be in the repository, its target not."""
    real = os.path.realpath(root)
    if real == os.path.abspath(root):
        return shown
    return f"{shown} ({'a symbolic link to' if root.is_symlink() else 'in truth'} {real})"


def _one_tree(roots: tuple[Path, Path], layout: Layout) -> Path:
    """The git work tree that holds both ``roots`` (content, catalogs); ChangedError when
    there is none, or each is in another: a change git cannot see would go unchecked (a
    catalog edited in the other repository brought no article)."""
    content = _real(roots[0], layout.shown(roots[0]))
    top = _top(roots[0])
    if top is None:
        raise ChangedError(f"--changed-since needs a git work tree, and {content} is not in "
                           "one: git cannot tell which articles changed; run without "
                           "--changed-since to check every article")
    other = _top(roots[1])
    if other != top:
        catalogs = _real(roots[1], layout.shown(roots[1]))
        where = f"in the git work tree {other}" if other else "in no git work tree"
        raise ChangedError(f"--changed-since compares one git work tree with the ref, and "
                           f"{content} is in {top} while {catalogs} is {where}: a change to "
                           "the one would go unseen; run without --changed-since to check "
                           "every article, or keep both in one repository")
    return top


def changed_files(ref: str, top: Path) -> list[Path]:
    """The files of the work tree at ``top`` that differ from ``ref`` or are untracked."""
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                       f"{ref}^{{commit}}"], top).decode("ascii").strip()
    except _Failed:
        raise ChangedError(f"--changed-since: unknown git ref {ref!r}") from None
    # the commit, not the ref: git diff reads a ref named '--output=x' as its option (the
    # list went to that file, and the run saw no change). A submodule whose changes
    # .gitmodules (or the config) says to ignore is listed still: its files are articles
    diff = _git(["diff", "--name-only", "--no-renames", "--ignore-submodules=none", "-z",
                 commit, "--"], top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    return [top / p for p in (*_paths(diff), *_paths(untracked))]


def _under(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Changed:
    articles: list[str]  # of the tree's, those to check
    # the article paths under the content root git lists (it lists a deletion) that are no
    # more: a deleted article's baseline entries are stale, as a full run finds them
    deleted: frozenset[str]


def changed_articles(
    ref: str, layout: Layout, rels: Sequence[str], settings: Sequence[Path] = (),
    by_locale: bool = False,
) -> Changed | None:
    """The articles of ``rels`` (paths under the content root) that differ from ``ref`` or
    whose catalogs do; None when a file of ``settings`` changed, which concerns them all.
    ``by_locale`` (the translation memory is on): a changed catalog, or a locale's changed
    article, brings every article of its locale, whose catalogs the memory fills from it."""
    if not isinstance(layout.content, Path) or not isinstance(layout.locales, Path):
        raise ChangedError("--changed-since compares local folders with git; the content and "
                           "locales roots here are URLs")
    roots = (layout.content, layout.locales)
    files = changed_files(ref, _one_tree(roots, layout))
    content = layout.content.resolve()
    catalogs = layout.locales.resolve()
    wanted = {s.resolve() for s in settings}
    chosen: set[str] = set()
    deleted: set[str] = set()
    english: set[str] = set()  # paths under the English folder: every locale's article
    source = layout.source.lower()
    for path in files:
        real = path.resolve()
        # a settings file, a file in a settings folder, or a submodule (git lists the folder)
        # that holds one: a terminology team's repository
        if real in wanted or any(_under(real, s) is not None for s in wanted if s.is_dir()) or (
                real.is_dir() and any(_under(s, real) is not None for s in wanted)):
            return None
        # git names a file by its own path (its folders real): a symbolic link is a file of
        # its own there, never the file it leads to
        rel = _under(path, content)
        if rel is not None and rel.endswith(".md"):
            chosen.add(rel)
            if not os.path.lexists(path):
                deleted.add(rel)
            locale, _, within = rel.partition("/")
            if source and locale.lower() == source:
                english.add(within)
            continue
        rel = _under(path, catalogs)
        if rel is not None and rel.endswith(".po"):
            chosen.add(rel[:-3] + ".md")
    listed = {os.fsdecode(p) for p in files}
    # a folder git lists is a submodule (a vendor's locale folder, the English docs): its
    # commit or its files changed, and git names none of them
    folders = tuple(f + os.sep for f in listed if os.path.isdir(f) and not os.path.islink(f))
    memo: dict[str, Reads] = {}  # the folders' answers: most articles share them
    own = {r for r in rels if r in chosen or _reached(
        (roots[0] / r, roots[1] / (r[:-3] + ".po")), listed, folders, memo)}
    if source:  # a driven article brings its English's other locales: what is wrong with the
        # English (the files it keeps unchecked, each locale's catalog among them) is said by
        # one locale's job alone, which need not be this one
        english.update(within for _, _, within in (r.partition("/") for r in own)
                       if os.path.lexists(roots[0] / layout.source / within))
    if by_locale:  # an English article's locale is none: its catalogs bring theirs
        touched = {r.partition("/")[0].lower() for r in (*chosen, *own)} - {source}
        own.update(r for r in rels if r.partition("/")[0].lower() in touched)
    # every locale's article of a touched English path, driven or not: an English the change
    # deleted drives none, and its locale's handoff is an article of its own from now on
    return Changed([r for r in rels if r in own or (english and r.partition("/")[2] in english)
                    or (source and _reached((roots[0] / layout.source / r.partition("/")[2],),
                                            listed, folders, memo))], frozenset(deleted))


def _reached(paths: Sequence[Path], listed: set[str], folders: tuple[str, ...],
             memo: dict[str, Reads]) -> bool:
    """Whether git lists a change to one of ``paths`` (an article's, its catalog's, its
    English's) that is not at its own path: a symbolic link on the way to it, or the file a
    link leads to (an article linked to another, or into a folder no locale owns); or a
    submodule (``folders``) it is in. Seen at its own path alone, each went unchecked."""
    for path in paths:
        real, links = _reads(os.path.abspath(path), memo)
        if links and (real in listed or not listed.isdisjoint(links)):
            return True
        if folders and any(p.startswith(folders) for p in (real, *links)):
            return True
    return False


def _reads(path: str, memo: dict[str, Reads]) -> Reads:
    """(the real path of ``path``, the symbolic links on the way to it as git names them: in
    their real folders); one lstat a path, each folder's answer kept in ``memo``."""
    known = memo.get(path)
    if known is not None:
        return known
    parent, name = os.path.split(path)
    if not name or parent == path:
        found: Reads = (path, frozenset())
    else:
        folder, links = _reads(parent, memo)
        here = os.path.join(folder, name)
        found = ((os.path.realpath(here), links | {here}) if os.path.islink(here)
                 else (here, links))
    memo[path] = found
    return found
