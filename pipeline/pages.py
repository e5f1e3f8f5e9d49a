"""The pages this pipeline wrote in the output folder, and ``--prune``, which deletes those no
article makes any more.

A docs team may keep hand-written Markdown in the output folder: a page is only ever deleted
when the pipeline wrote it. Each run that renders to a local folder records, in a manifest
there (``.pipeline-pages``, written atomically), every page it made, by the digest of its
content. ``--prune`` deletes an orphan page only while it holds exactly what the manifest
says the pipeline wrote there: a hand-written page, or one edited by hand since, is kept and
said (``orphan-page``, with why and what to do). Each page is recorded with the content
folder it was made from: an output folder two content trees share holds pages of both, and one
tree's run never deletes the other's (each of its articles is missing from the first). A
missing or damaged manifest only makes pages kept, never deleted."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.checks import tree
from pipeline.digests import digest
from pipeline.findings import Finding, InputError, Severity, terminal_text
from pipeline.io import write_atomic
from pipeline.layout import Layout
from pipeline.lock import tree_lock
from pipeline.outcome import Settings

MANIFEST_NAME = ".pipeline-pages"
_HEADER = (b"# The pages the pipeline wrote in this folder: the digest of their content, of the\n"
           b"# content folder they came from, their path. --prune deletes an orphan page only\n"
           b"# while it holds what is recorded here, and only from a run of that folder.\n")


def tree_of(settings: Settings) -> str:
    """The content folder the run makes its pages from, as a manifest line names it: the
    digest of its path from the output folder (a repository moved whole keeps it)."""
    content, out = settings.layout.content, settings.layout.out
    where = str(content)
    if isinstance(content, Path) and isinstance(out, Path):
        where = os.path.realpath(content)
        # Windows: a folder on another drive than the output folder's has no relative path
        with contextlib.suppress(ValueError):
            where = os.path.relpath(where, os.path.realpath(out))
    return digest(where.encode("utf-8", "surrogateescape"))


def load(out: Path) -> dict[str, tuple[str, str]]:
    """The manifest of ``out``: page rel -> (digest, content folder: ``tree_of``). Missing,
    unreadable or damaged lines give no entry (the page is then kept, never deleted)."""
    try:
        data = (out / MANIFEST_NAME).read_bytes()
    except OSError:
        return {}
    pages: dict[str, tuple[str, str]] = {}
    for line in data.decode("utf-8", "surrogateescape").splitlines():
        hexdigest, tree_id, rel = [*line.split(" ", 2), "", ""][:3]
        if not line.startswith("#") and len(hexdigest) == 16 and len(tree_id) == 16 and rel:
            pages[rel] = (hexdigest, tree_id)
    return pages


def save(out: Path, pages: Mapping[str, tuple[str, str]]) -> Finding | None:
    """Write the manifest (sorted: the same pages give the same bytes; unchanged, it is not
    touched). A rel that cannot be kept on one line is left out: its page is never pruned."""
    lines = [f"{pages[rel][0]} {pages[rel][1]} {rel}\n" for rel in sorted(pages)
             if "\n" not in rel and "\r" not in rel]
    data = _HEADER + "".join(lines).encode("utf-8", "surrogateescape")
    try:
        write_atomic(out / MANIFEST_NAME, data)
    except InputError as exc:  # the next prune keeps this run's pages: safe, and said
        return Finding(exc.finding.check, Severity.WARNING,
                       f"{exc.finding.message}: --prune will keep the pages this run wrote",
                       exc.finding.file, 0, 0, None, exc.finding.hint)
    return None


def record(settings: Settings, seen: set[str], made: Mapping[str, str],
           known: Sequence[str] | None, walk: bool) -> tuple[list[Finding], list[str]]:
    """The manifest of a local output folder updated with the pages this run made (``made``:
    rel -> digest), and, with ``walk``, the orphan pages (``orphans``). Findings, and the
    orphans left for the next run."""
    out = settings.layout.out
    # runs that render into one output folder at once (render beside make locales, two
    # content trees) take turns here: each read the manifest, then wrote its own over the
    # other's, and the pages the other recorded were kept by --prune as hand-written ones
    turn: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if isinstance(out, Path) and out.is_dir():
        turn = tree_lock(out, say=None)
    with turn:
        before = load(out) if isinstance(out, Path) else {}
        tree_id = tree_of(settings)
        pages = {**before, **{rel: (page, tree_id) for rel, page in made.items()}}
        found: list[Finding] = []
        left: list[str] = []
        if walk:
            found, left = orphans(settings, seen, known, pages)
        if isinstance(out, Path) and pages != before:
            problem = save(out, pages)
            if problem is not None:
                found.append(problem)
    return sorted(found, key=Finding.sort_key), left


def orphans(settings: Settings, seen: set[str], known: Sequence[str] | None,
            pages: dict[str, tuple[str, str]]) -> tuple[list[Finding], list[str]]:
    """The pages no article makes any more, as warnings; with ``prune``, those the pipeline
    wrote (as ``pages`` records them, which loses the pruned) deleted and noted. A page is only
    ever a file this tree's layout would write (a ``.md`` file under a locale folder of the
    output root), and only one whose article is gone. ``known``: the orphans the last run
    found, when its articles were this run's (those still there are this run's). Also the
    orphans left, for the next run."""
    layout = settings.layout
    tree_id = tree_of(settings)
    mine = [rel for rel, (_, made_by) in pages.items() if made_by == tree_id]
    locales = {rel.partition("/")[0] for rel in mine}  # those this tree wrote pages in
    dropped, unsaid = _dropped(settings, locales)
    twins = tree.folded(seen)
    if known is not None:  # each one checked again: its article may be back
        rels = [r for r in known if os.path.isfile(str(layout.output(r)))
                and tree.is_stale(layout, r, seen, dropped, twins)]
        found = list(unsaid)
    else:
        rels, problems, present = tree.orphan_pages(
            layout, seen, locales, dropped,
            None if settings.listing is None else settings.listing.found)
        found = [*unsaid, *problems]
        if not problems:
            _forget_gone(layout, pages, mine, set(present))
    left = []
    for rel in rels:
        page = layout.output(rel)
        twin = tree.made_as(layout, rel, twins)  # before --prune deletes it
        recorded = pages.get(rel)
        other = recorded is not None and recorded[1] != tree_id
        # a page of a remote folder is reported as before, never deleted (no manifest there);
        # one another content folder made is that folder's to prune, never this run's
        ours = not isinstance(page, Path) or (
            not other and _ours(page, None if recorded is None else recorded[0]))
        removed, kept = False, None
        if settings.prune and ours:  # said when it cannot be done: the hint is --prune
            if not isinstance(page, Path) or not isinstance(layout.out, Path):
                kept = "it deletes pages only in a local output folder"
            elif not _inside(page, layout.out):
                kept = "a symbolic link is on its way, which may lead out of the output folder"
        if (settings.prune and ours and kept is None and isinstance(page, Path)
                and isinstance(layout.out, Path)):
            try:
                page.unlink()
                removed = True
            except FileNotFoundError:
                continue
            except OSError as exc:
                found.append(Finding(
                    "write-failed", Severity.ERROR, f"cannot delete this stale page: "
                    f"{exc.strerror or exc}", layout.shown_output(rel), 1, 1, None,
                    "check the folder's permissions, or delete the page by hand"))
                left.append(rel)
                continue
            pages.pop(rel, None)
            _remove_empty_folders(page.parent, layout.out)
        else:
            left.append(rel)
        found.append(tree.orphan_page(layout, rel, settings.options, removed, ours, other, kept,
                                       dropped, twin))
    return found, left


def _dropped(settings: Settings, recorded: set[str]) -> tuple[frozenset[str], list[Finding]]:
    """The locales (of ``recorded``, lower case) the pipeline wrote pages of this tree in that
    the English is made for no more: no content or catalogs folder, nor the setting, names
    them. Their pages are stale though the English that drove them is there. A locale the run
    is not limited to (``build_locales``) is left out: it may be a target not built now.
    Also a warning at each root the run could not list, when that kept such a locale."""
    listing = settings.listing
    # not told (no listing), none; told of no target at all (the last locale dropped), every
    # one is dropped: read as "not told", its pages stayed, unsaid, even with --prune
    if not settings.layout.source or listing is None:
        return frozenset(), []
    targets = {name.lower() for name in settings.targets}
    gone = sorted(name for name in recorded if name.lower() not in targets
                  and (not settings.build_locales or name.lower() in settings.build_locales))
    # a root whose folders could not be listed says nothing of its locales: read as none,
    # every catalogs-only locale was taken for dropped and its pages deleted. The listing
    # that made the targets says (``Targets``): another made now may read a folder it could
    # not, a hiccup since over. Said, or a dropped locale's pages stay with nothing said
    if listing.listed or not gone:
        return frozenset(name.lower() for name in gone), []
    layout, check = settings.layout, tree.ORPHAN_PAGE
    kept = ", ".join(gone)
    return frozenset(), [Finding(
        check.id, settings.options.severity(check),
        f"cannot list this folder ({terminal_text(reason)}) as the run looked for its target "
        f"locales, so no locale is taken for dropped: the pages the pipeline wrote for {kept} "
        f"are kept{', though --prune was given' if settings.prune else ''}",
        layout.shown(root), 0, 0, None,
        "give the catalogs folder the run should use, or make the folder readable, then run "
        "again: a locale dropped since is pruned then")
        for root, reason in listing.unsure()]


def _forget_gone(layout: Layout, pages: dict[str, tuple[str, str]], mine: list[str],
                 present: set[str]) -> None:
    """This tree's pages no longer in the output folder (deleted by hand, as the warning
    says to, or with their folder) taken out of ``pages``: else the manifest grows for every
    page ever written. Only after a whole walk; one stat a page the walk did not find (in
    another case on a folder that ignores case, it is still there)."""
    for rel in mine:
        if rel not in present and not os.path.isfile(str(layout.output(rel))):
            del pages[rel]


def _ours(page: Path, recorded: str | None) -> bool:
    """Whether ``page`` holds what the pipeline recorded writing there."""
    if recorded is None:
        return False
    try:
        return digest(page.read_bytes()) == recorded
    except OSError:
        return False


def _inside(page: Path, root: Path) -> bool:
    """Whether ``page`` is a file in ``root``'s own folders, no symbolic link on the way (a
    linked folder under build/ may point at the articles themselves: never pruned through)."""
    real = os.path.realpath(root)
    return (os.path.realpath(page) == os.path.join(real, os.path.relpath(page, root))
            and not page.is_symlink())


def _remove_empty_folders(folder: Path, root: Path) -> None:
    """``folder`` and the folders it is in, up to (not including) ``root``, while empty."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (or not ours to remove): the folders above are not either
            return
        folder = folder.parent
