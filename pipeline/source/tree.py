"""Which articles a run makes. With a source folder, every English article of it is made once
per target locale (<locale>/<path>, as a handoff would be), beside the handoffs that have no
English. Target locales: the locale folders under the content and catalogs roots, and the
``target-locales`` setting; ``build-locales`` narrows them as it narrows the handoffs."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pipeline.checks.inputs as inputs
from pipeline import storage
from pipeline.findings import Finding, InputError, Severity
from pipeline.io import read_bytes
from pipeline.layout import Layout
from pipeline.storage import Url
from pipeline.walk import Found, is_locale, walk_files

RENAME_READS = 32  # catalogs a new article reads at most, looking for the one it was


@dataclass(frozen=True)
class Targets:
    """The one listing of a run's target locales, made once and passed to every part that
    needs it (the articles, prune, the build-locales check): two listings could disagree (a
    folder changed between them, a network folder's hiccup), and a locale one missed would be
    made by one part and dropped by another."""

    # every target locale, by name as first found (the content folders, then the catalog
    # folders, then the setting; the same locale in other case counts once), sorted
    found: tuple[str, ...] = ()
    # the roots that could not be listed, each with why, as (root, reason): only when both
    # were (one not there holds none) is a locale missing from ``found`` taken for dropped
    unlisted: tuple[tuple[Path | Url, str], ...] = ()
    # a catalogs folder not there (a first run's, or a mistyped --locales): it names no
    # target, but drops none either, or a typo would drop every locale only it named
    missing: tuple[Path | Url, ...] = ()
    # the locales found in other spellings too, each as (the one made, the others)
    spellings: tuple[tuple[str, ...], ...] = ()

    @property
    def listed(self) -> bool:
        """Whether a locale missing from ``found`` may be taken for dropped."""
        return not self.unlisted and not self.missing

    @property
    def read(self) -> bool:
        """Whether every root there could be read (none failed)."""
        return not self.unlisted

    def unsure(self) -> list[tuple[Path | Url, str]]:
        """The roots that keep a locale from being taken for dropped, each with why."""
        return [*self.unlisted, *((root, "it is not there") for root in self.missing)]

    def of(self, build_locales: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Those of ``build_locales`` (lower case) when it names some."""
        return tuple(name for name in self.found
                     if not build_locales or name.lower() in build_locales)


def list_targets(layout: Layout, configured: Iterable[str] = ()) -> Targets:
    """The target locales, listed now (``Targets``)."""
    listed: dict[int, list[str]] = {}
    unlisted: list[tuple[Path | Url, str]] = []
    missing: list[Path | Url] = []
    for n, root in enumerate((layout.content, layout.locales)):
        folders = _folders(root)
        if not folders and root is layout.locales and isinstance(root, Path) and not (
                os.path.lexists(root)):
            missing.append(root)
        if isinstance(folders, str):
            unlisted.append((root, folders))
            continue
        here = [name for name in folders
                if is_locale(name) and name.lower() != layout.source.lower()]
        # of catalogs folders in two spellings, the one filing the most catalogs first (where
        # the translations are), then the tag's own case (fr-FR before FR-fr or fr-fr): by
        # code point, a stray locales/FR-fr became the target; by the tag's case alone, a
        # vendor's new locales/fr-FR beside a repo's fr-fr; the translated pages were pruned
        counts = Counter(name.lower() for name in here)
        twice = {k for k, c in counts.items() if c > 1} if n == 1 else set()
        listed[n] = sorted(here, key=lambda name: (
            -_catalogs_in(root, name) if name.lower() in twice else 0,
            name != _tag_case(name), name))
    # One locale in two spellings (fr-FR, FR-fr: tags ignore case) is made under the catalogs'
    # spelling, which files its translations: a content/FR-fr a delivery brought, taken first,
    # made the English's fr-FR pages from new, empty catalogs and pruned the translated ones
    names: dict[str, str] = {}
    spellings: dict[str, dict[str, None]] = {}
    for name in (*listed.get(1, ()), *listed.get(0, ()), *configured):
        if name.lower() != layout.source.lower():
            names.setdefault(name.lower(), name)
            spellings.setdefault(name.lower(), {})[name] = None
    return Targets(tuple(sorted(names.values(), key=str.lower)), tuple(unlisted),
                   tuple(missing), tuple(tuple(s) for s in spellings.values() if len(s) > 1))


def _catalogs_in(root: Path | Url, name: str) -> int:
    """The catalogs under a local locale folder (none counted under a URL root): read only
    where one locale's catalogs are in two spellings, which a run warns of. Walked as the run
    walks the catalogs (through linked folders, never into dot folders): counted by os.walk,
    a spelling filing its catalogs through a link held none, and stray ones in a dot folder
    outnumbered the translations."""
    if not isinstance(root, Path):
        return 0
    return len(walk_files(root / name, name, ".po").rels)


def _tag_case(name: str) -> str:
    """``name`` in the case BCP 47 writes a tag: the language lower, a script title, a region
    upper (fr-FR, zh-Hans-CN, es-419)."""
    language, *rest = re.split(r"([-_])", name)
    return language.lower() + "".join(
        part.title() if len(part) == 4 else part.upper() for part in rest)


def spelling_findings(layout: Layout, targets: Targets) -> list[Finding]:
    """A warning for each locale whose folders have more than one spelling (``Targets``): the
    English is made for the first alone, and on a file system that ignores case (macOS,
    Windows) the folders are one."""
    out = []
    for made, *others in targets.spellings:
        for other in others:
            where = layout.locales if _exists(layout.locales, other) else layout.content
            link = _link_between(where, made, other)
            if link is not None:  # moved into the link and removed, the catalogs would go
                out.append(Finding(
                    inputs.LAYOUT.id, Severity.WARNING,
                    f"the locale folder {other!r} and {made!r} are one folder, through the "
                    f"symbolic link {link!r}: the English is translated for {made!r} alone",
                    layout.shown(where / other), 0, 0, None, f"remove the link {link!r}"))
                continue
            out.append(Finding(
                inputs.LAYOUT.id, Severity.WARNING,
                f"the locale folder {other!r} names the locale of {made!r} in another case: "
                f"the English is translated for {made!r} alone, from its catalogs, and on "
                "macOS or Windows the two are one folder", layout.shown(where / other), 0, 0,
                None, f"move what is in it into {made!r}, and remove it"))
    return out


def _link_between(root: Path | Url, made: str, other: str) -> str | None:
    """Which of two spellings under a local ``root`` is a symbolic link to the other, if so."""
    if not isinstance(root, Path):
        return None
    try:
        if not os.path.samefile(root / made, root / other):
            return None
    except OSError:
        return None
    return next((name for name in (other, made) if (root / name).is_symlink()), None)


def _exists(root: Path | Url, name: str) -> bool:
    try:
        return (root / name).is_dir()
    except (OSError, storage.Unavailable):
        return False


def target_locales(layout: Layout, build_locales: frozenset[str] = frozenset(),
                   configured: Iterable[str] = ()) -> list[str]:
    """The target locales listed now, those of ``build_locales`` when it names some."""
    return list(list_targets(layout, configured).of(build_locales))


def _folders(root: Path | Url) -> list[str] | str:
    """The folders of ``root`` (none when it is not there); why not, when it cannot be listed
    (the main walk reports it, if it still cannot)."""
    if isinstance(root, Url):
        try:
            return [name for name, is_dir in storage.listing(root) if is_dir]
        except (PermissionError, NotADirectoryError) as exc:
            return exc.strerror or str(exc) or type(exc).__name__
    try:
        with os.scandir(root) as it:
            return [e.name for e in it if e.name[:1] != "." and e.is_dir()]
    except FileNotFoundError:  # (a first run: the catalogs folder is made later)
        return []
    except OSError as exc:
        return exc.strerror or str(exc)


def articles(layout: Layout, build_locales: frozenset[str] = frozenset(),
             configured: Iterable[str] = (), targets: Targets | None = None) -> Found:
    """The rels of a run (sorted), the content folders skipped, and what could not be walked:
    the handoffs as ``Layout.articles`` finds them, and each English article for each target
    locale (``targets``, listed now when not given). A handoff of an English article is made
    from the English (``Layout.drives``)."""
    found = layout.articles(build_locales)
    if not layout.source:
        return found
    root = layout.content / layout.source
    english = (walk_files(root, layout.shown(root), ".md", root.parent)
               if isinstance(root, Path)
               else _walk_url_files(root, layout.shown(root)))
    # the run's own listing when given: its prune and reports read the same targets
    listing = targets or list_targets(layout, configured)
    locales = listing.of(build_locales)
    if english.rels and locales:
        # English-driven jobs read catalogs and match English fuzzily: the reader's fast path
        # (a few ms of regular expressions to compile) and rapidfuzz (17 ms) are loaded here,
        # once, before the workers fork
        import rapidfuzz.distance  # noqa: F401

        import pipeline.catalog.canonical  # noqa: F401
    # each English article's locales one after the other (the handoffs without English
    # first): a worker then segments an English article once for all its locales
    driven = {f"{loc}/{path}": (path, loc) for path in english.rels for loc in locales}
    made = {name.lower(): name for name in listing.found}
    rels = sorted(rel for rel in found.rels
                  if rel not in driven and not _other_spelling(layout, rel, made))
    rels.extend(sorted(driven, key=driven.__getitem__))
    problems = sorted([*found.problems, *english.problems], key=lambda f: f.sort_key())
    return Found(rels, found.skipped, problems)


def _other_spelling(layout: Layout, rel: str, made: dict[str, str]) -> bool:
    """Whether ``rel`` is a handoff in a locale folder spelled otherwise than the target made
    (content/FR-fr/a.md for fr-FR) of an English article: its locale's English-driven job
    makes it, under the catalogs' spelling (``list_targets``, which warns of the folder). Made
    apart it was a second target of that locale: a new, empty locales/FR-fr/a.po, a page at
    build/FR-fr/a.md, and on a file system that ignores case the same files as fr-FR's."""
    locale = rel.partition("/")[0]
    return made.get(locale.lower(), locale) != locale and layout.drives(rel)


def rename_sources(layout: Layout, todo: Sequence[str], limit: int
                   ) -> tuple[tuple[str, ...], tuple[tuple[str, bytes], ...],
                              tuple[tuple[str, bytes], ...]]:
    """What a new English article (one without a catalog yet) may have been, renamed
    (``source.rename``): the catalogs (as article rels, sorted) whose article is gone, neither
    English nor a handoff; those an English renamed away from the handoff that lent to it
    left behind: a handoff's catalog that the English made (its references name the source
    folder), of a new article's file name or folder; and, for an article split from another,
    the catalogs of the English articles of a new article's file name or folder. The last two
    with their bytes as they were before the run (their own jobs rewrite them in the same run:
    a split moves English out of the old article, whose entries go obsolete)."""
    gone: list[str] = []
    handoffs: list[str] = []
    living: list[str] = []
    catalogs = layout.catalogs().rels
    have = set(catalogs)
    new = [rel for rel in todo if rel not in have and layout.drives(rel)]
    for rel in catalogs:
        if not layout.drives(rel):
            (handoffs if layout.has_article(rel) else gone).append(rel)
        elif new:
            living.append(rel)
    split = _near(new, living)
    split_from = tuple(sorted((rel, data) for rel in split
                              if (data := _bytes(layout, rel, limit)) is not None))
    if not handoffs:
        return tuple(gone), (), split_from
    near = _near(new, handoffs)
    # the references the English writes, or, where a tool dropped them all ('msgcat
    # --no-location'), the header comment it writes, which GNU's tools keep. Header comments
    # stay when the handoff's own job takes the catalog back: one whose references name
    # another folder is the handoff's, whatever its header comment still says
    refs = f"#: {layout.source}/".encode()
    header = re.compile(rb"^# \S+ translation of " + re.escape(layout.source.encode()) + b"/",
                        re.M)
    behind = []
    for rel in sorted(near):
        data = _bytes(layout, rel, limit)
        if data is not None and (refs in data or _header_says(header, data)):
            behind.append((rel, data))
    return tuple(gone), tuple(behind), split_from


def _near(new: Sequence[str], others: Sequence[str]) -> set[str]:
    """The new articles' closest candidates among ``others``, of their file name or folder, at
    most as many each as a rename reads."""
    by_place: dict[tuple[str, str], list[str]] = {}
    for other in others:  # indexed by locale and folder, and by locale and file name
        for place in _places(other):
            by_place.setdefault(place, []).append(other)
    near: set[str] = set()
    for rel in new:
        close = {o for place in _places(rel) for o in by_place.get(place, ())}
        near.update(o for level, _, o in ranked(rel, close)[:RENAME_READS] if level < 2)
    return near


def _places(rel: str) -> tuple[tuple[str, str], tuple[str, str]]:
    locale, _, within = rel.lower().partition("/")
    folder, _, name = within.rpartition("/")
    return (locale, "/" + folder), (locale, name)


def _bytes(layout: Layout, rel: str, limit: int) -> bytes | None:
    try:
        return read_bytes(layout.catalog(rel), limit, layout.shown_catalog(rel))
    except (InputError, OSError):
        return None  # its own job says what is wrong with it; no rename waits for it


_ANY_REFS = re.compile(rb"^[ \t]*#:", re.M)
# the header's comments come before its first keyword (alone on its line, as gettext reads it)
_FIRST_KEYWORD = re.compile(rb"^[ \t]*(?:#~[ \t]*)?(?:msgctxt|msgid)(?![A-Za-z_])", re.M)


def _header_says(header: re.Pattern[bytes], data: bytes) -> bool:
    """Whether a catalog with no references at all says in its header comments that the
    English made it."""
    if _ANY_REFS.search(data) is not None:
        return False
    first = _FIRST_KEYWORD.search(data)
    return header.search(data, 0, first.start() if first else len(data)) is not None


def _walk_url_files(root: Url, shown: str) -> Found:
    """``walk_files`` under a URL root (object stores have no links or undecodable names)."""
    try:
        return Found(storage.files(root, ".md"), [], [])
    except PermissionError as exc:
        return Found([], [], [Finding(inputs.UNREADABLE.id, Severity.ERROR,
                                      f"cannot read this folder ({exc}): what is in it was "
                                      "skipped", shown, 0, 0, None,
                                      "check the storage's permissions, then run again")])


def ranked(rel: str, others: Iterable[str]) -> list[tuple[int, int, str]]:
    """The catalogs of ``others`` (article rels) of ``rel``'s locale, in the order a rename is
    looked for: (tier, -shared path tail, rel), the tier 0 for the same file name (a move), 1
    for the same folder (a rename), 2 for any other."""
    locale, _, within = rel.lower().partition("/")
    folder, _, name = within.rpartition("/")
    parts = within.split("/")

    def tier(other: str) -> int:
        o_folder, _, o_name = other.lower().partition("/")[2].rpartition("/")
        return 0 if o_name == name else 1 if o_folder == folder else 2

    def shared_tail(other: str) -> int:  # a folder moved keeps its articles' own paths
        theirs = other.lower().partition("/")[2].split("/")
        n = 0
        while n < min(len(parts), len(theirs)) and parts[-1 - n] == theirs[-1 - n]:
            n += 1
        return n

    return sorted((tier(o), -shared_tail(o), o) for o in others
                  if o.partition("/")[0].lower() == locale)
