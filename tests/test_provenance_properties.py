"""Property: over successive handoffs with random vendor edits, no translator's work is ever lost
and nothing unreviewed or unsafe is published (hypothesis).

An article goes through several handoffs (HT and MT; duplicate English translated alike or not,
empty English, empty and unsafe translations, English that comes, goes and changes a little).
Between them a translator edits, reviews and drafts in the catalog, and the catalog is rewritten
by other tools: GNU msgcat with its default wrapping, polib and Translate Toolkit. After every
step:

- every text a translator wrote or reviewed is still in the catalog (active or obsolete) until
  they themselves replace it;
- an entry nobody touched follows the handoffs as ``pipeline.provenance`` says: the newest
  delivery, except that machine translation never replaces a human's text; fuzzy with the MT
  note exactly when its text is machine translation;
- what ``job.publish`` puts on the localized page with machine translation not allowed is the
  English, a reviewed catalog translation, or an HT article's own translation; never one with an
  error; and a reviewed catalog translation without errors is what the page shows.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field, replace

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage import po as ttk_po

from pipeline import checks
from pipeline.article import Article, parse_article
from pipeline.catalog import FUZZY, Catalog, format_po, parse_po_bytes
from pipeline.catalog.keys import entries_for, segment_keys
from pipeline.checks.base import Options
from pipeline.findings import Severity
from pipeline.merge import merge
from pipeline.provenance import MT_NOTE, as_delivered, recorded
from pipeline.publish import Guard, Policy, publish
from pipeline.render import Form

ENGLISH = [
    "Open the file.", "Open the files.", "Close the window.", "Close the windows.",
    "Select **Save**.", "",
    "Run `setup.exe` as an administrator, then restart the computer to finish the setup.",
]
UNSAFE = " <img src=x onerror=alert(1)>"
FRONT = "---\ntitle: T\nms.translationtype: {tt}\nms.contentlocale: fr-FR\n---\n"
MSGCAT = shutil.which("msgcat")
CHECKER = checks.SegmentChecker(Options())
POLICY = Policy(Options(), Form.LOCALIZED, publish_machine_translation=False, report=False)
GUARD = Guard(Options())


def pair(seg_id: str, tr: str, en: str) -> str:
    return (f'<span data-ttu-id="{seg_id}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{seg_id}">{en}</span></span>')


# ------------------------------------------------------------------ the steps

@dataclass(frozen=True)
class Handoff:
    machine: bool
    segments: tuple[tuple[int, str], ...]  # (English index, how it is translated)


@dataclass(frozen=True)
class Edit:
    kind: str  # edit | unsafe | review | draft
    entry: int  # an index into the active entries, modulo their number


@dataclass(frozen=True)
class Tool:
    name: str  # msgcat | polib | translate-toolkit


Step = Handoff | Edit | Tool

handoffs = st.builds(
    Handoff,
    st.booleans(),
    st.lists(st.tuples(st.integers(0, len(ENGLISH) - 1),
                       st.sampled_from(["same", "same", "v1", "v2", "empty", "unsafe"])),
             min_size=1, max_size=6).map(tuple),
)
steps = st.one_of(
    handoffs,
    st.builds(Edit, st.sampled_from(["edit", "unsafe", "review", "draft"]), st.integers(0, 99)),
    st.builds(Tool, st.sampled_from(["msgcat", "polib", "translate-toolkit"])),
)


# ------------------------------------------------------------------ the world

@dataclass
class World:
    catalog: bytes = b""
    article: Article | None = None
    handoffs: int = 0
    last: dict[str, str] = field(default_factory=dict)  # each English's latest delivery
    translator: set[str] = field(default_factory=set)  # texts a translator wrote or reviewed
    touched: set[str] = field(default_factory=set)  # English whose entry a translator touched
    # English present exactly once in every handoff so far, never touched: the rule's cases,
    # with what its entry must hold (text, "HT" | "MT" | "")
    model: dict[str, tuple[str, str]] = field(default_factory=dict)
    lost_track: set[str] = field(default_factory=set)
    # every human translation delivered for each English: changed English (one variant of
    # ENGLISH in place of another) may follow the handoff, reviewed, with one of these alone
    human: dict[str, set[str]] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)  # every text a translator wrote or reviewed
    edits: int = 0

    def read(self) -> Catalog:
        return parse_po_bytes(self.catalog, "fr-FR/doc.po")

    def write(self, catalog: Catalog) -> None:
        self.catalog = format_po(catalog).encode("utf-8")


def translation(world: World, en: str, how: str, n: int, machine: bool) -> str:
    tag = "MT" if machine else "HT"
    if how == "same" and en in world.last:
        return world.last[en]
    if how == "empty":
        return ""
    if how == "unsafe":
        return f"[{tag}{n}] {en}{UNSAFE}"
    return f"[{tag}{n}{how}] {en}"


def deliver(world: World, step: Handoff) -> None:
    n = world.handoffs = world.handoffs + 1
    tt = "MT" if step.machine else "HT"
    pairs = [(ENGLISH[i], translation(world, ENGLISH[i], how, n, step.machine))
             for i, how in step.segments]
    body = "\n\n".join(pair(f"{n:05x}-{k}", tr, en) for k, (en, tr) in enumerate(pairs, 102))
    article = parse_article(FRONT.format(tt=tt) + body + "\n", "fr-FR/doc.md")
    world.article = article
    old = world.read() if world.catalog else None
    world.write(merge(article, old))
    if old is not None:  # a reviewed text gives way only to a human handoff, and only untouched
        held = {m.msgstr for m in world.read().messages}
        for msg in old.messages:
            if msg.reviewed and msg.msgstr not in held:
                assert not step.machine and as_delivered(msg, recorded(msg)), msg
    world.last = {}
    if not step.machine:  # a human handoff that delivers a translator's text takes it over
        world.translator -= {tr for _, tr in pairs}
    for en, tr in pairs:
        world.last.setdefault(en, tr)
        if tr and not step.machine:
            world.human.setdefault(en, set()).add(tr)

    # the rule's model, for English seen exactly once in every handoff and never touched
    counts = {en: sum(1 for e, _ in pairs if e == en) for en, _ in pairs}
    for en in list(world.model):
        if counts.get(en) != 1:
            world.lost_track.add(en)
            del world.model[en]
    for en, tr in pairs:
        # (empty English is keyed by its segment id, new with every handoff)
        if counts[en] != 1 or not en or en in world.lost_track or en in world.touched:
            world.lost_track.add(en)
            continue
        if n > 1 and en not in world.model:
            world.lost_track.add(en)  # not there from the first handoff
            continue
        text, kind = world.model.get(en, ("", ""))
        if tr and not (step.machine and kind == "HT" and text):
            world.model[en] = (tr, tt)
        else:
            world.model.setdefault(en, (text, kind))
    for en in set(ENGLISH) - set(counts):
        if en in world.model:
            world.lost_track.add(en)
            del world.model[en]


def vendor(world: World, step: Edit) -> None:
    catalog = world.read()
    active = [k for k, m in enumerate(catalog.messages) if not m.obsolete]
    if not active:
        return
    index = active[step.entry % len(active)]
    msg = catalog.messages[index]
    world.edits += 1
    flags = tuple(f for f in msg.flags if f != FUZZY)
    if step.kind == "review":
        if not msg.msgstr or not msg.fuzzy:
            return  # nothing to review: the catalog is unchanged
        new = replace(msg, flags=flags)
    else:
        text = {"edit": f"Édition {world.edits} : {msg.msgid}",
                "unsafe": f"{msg.msgid} <script>alert({world.edits})</script>",
                "draft": f"Brouillon {world.edits} : {msg.msgid}"}[step.kind]
        new = replace(msg, msgstr=text, flags=(FUZZY, *flags) if step.kind == "draft" else flags)
        world.translator.discard(msg.msgstr)  # the translator replaced their own text
    world.translator.add(new.msgstr)
    world.written.add(new.msgstr)
    world.touched.add(msg.msgid)
    world.model.pop(msg.msgid, None)
    world.lost_track.add(msg.msgid)
    messages = list(catalog.messages)
    messages[index] = new
    world.write(replace(catalog, messages=tuple(messages)))


def rewrite(world: World, step: Tool) -> None:
    if step.name == "msgcat":
        if MSGCAT is None:
            return
        out = subprocess.run([MSGCAT, "--force-po", "-"], input=world.catalog,
                             capture_output=True, timeout=60, check=True)
        world.catalog = out.stdout
    elif step.name == "polib":
        world.catalog = str(polib.pofile(world.catalog.decode("utf-8"))).encode("utf-8")
    else:
        world.catalog = bytes(ttk_po.pofile(world.catalog))


# ------------------------------------------------------------------ what must hold

def assert_nothing_lost(world: World, catalog: Catalog) -> None:
    held = {m.msgstr for m in catalog.messages}
    assert world.translator <= held, world.translator - held


def assert_the_rule(world: World, catalog: Catalog, merged: bool) -> None:
    active = {m.key: m for m in catalog.messages if not m.obsolete}
    for en, (text, kind) in world.model.items():
        msg = active[(None, en)]
        assert msg.msgstr == text, en
        assert msg.fuzzy == (kind == "MT"), en
        assert (MT_NOTE in msg.extracted_comments) == (kind == "MT"), en
    for msg in active.values() if merged else ():
        # as extract leaves it, the MT note means unreviewed machine translation, always
        if MT_NOTE in msg.extracted_comments:
            record = recorded(msg)
            assert record is not None and record.machine and as_delivered(msg, record)
        # a reviewed text is a translator's or a human delivery of its own English: never
        # machine translation, nor another English's text (changed English that followed)
        if msg.reviewed and msg.msgstr:
            assert msg.msgstr in world.written | world.human.get(msg.msgid, set()), msg


def assert_published_safely(world: World, catalog: Catalog) -> None:
    article = world.article
    assert article is not None
    machine = article.meta.get("ms.translationtype") == "MT"
    entries = entries_for(article, catalog, segment_keys(article.segments, catalog))
    published = publish(article, entries, POLICY, GUARD).translations
    for seg, msg, shown in zip(article.segments, entries, published, strict=True):
        reviewed = msg.msgstr if msg is not None and msg.reviewed else None
        allowed = {seg.source, reviewed} | (set() if machine else {seg.translation})
        assert shown in allowed
        if shown != seg.source:  # the English is trusted; anything else must pass
            assert all(sev < Severity.ERROR for _, sev, _ in CHECKER.issues(seg.source, shown))
            assert "<script" not in shown and "onerror" not in shown
        if reviewed is not None and all(
                sev < Severity.ERROR for _, sev, _ in CHECKER.issues(seg.source, reviewed)):
            assert shown == reviewed  # a reviewed translation that passes is what shows


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(handoffs, st.lists(steps, max_size=8))
def test_no_edit_is_lost_and_nothing_unreviewed_or_unsafe_is_published(
    first: Handoff, rest: list[Step]
) -> None:
    world = World()
    for step in (first, *rest):
        if isinstance(step, Handoff):
            deliver(world, step)
        elif isinstance(step, Edit):
            vendor(world, step)
        else:
            rewrite(world, step)
        catalog = world.read()  # whatever wrote it, the catalog reads
        assert_nothing_lost(world, catalog)
        assert_the_rule(world, catalog, merged=isinstance(step, Handoff))
        assert_published_safely(world, catalog)
