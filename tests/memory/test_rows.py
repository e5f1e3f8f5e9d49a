"""A catalog's rows as the memory keeps them: packed (marshalled and compressed) in the worker,
the same rows when unpacked, and nothing from a damaged blob."""

from __future__ import annotations

import marshal
import zlib

import pytest

from pipeline.catalog import Catalog, Message
from pipeline.memory.rows import catalog_rows, pack, packed_rows, unpack

ROWS = tuple((f"Select the subscription number {n} for this deployment.",
              f"Sélectionnez l'abonnement numéro {n} pour ce déploiement.", n % 3 != 0)
             for n in range(200))


def test_packed_rows_come_back_the_same_in_far_less_room() -> None:
    packed = pack(ROWS)
    assert type(packed) is bytes and unpack(packed) == ROWS
    assert len(packed) * 4 < len(marshal.dumps(ROWS))


def test_a_catalog_s_packed_rows_are_its_rows() -> None:
    catalog = Catalog(messages=(Message("One two.", "Un deux."),
                                Message("Three.", "Trois.", flags=("fuzzy",)),
                                Message("Four.")))
    assert unpack(packed_rows(catalog)) == catalog_rows(catalog) == (
        ("One two.", "Un deux.", True), ("Three.", "Trois.", False))


@pytest.mark.parametrize("damaged", [b"", b"\x00not zlib", pack(ROWS)[:-5],
                                     zlib.compress(marshal.dumps([1, 2]))])
def test_a_damaged_blob_gives_no_rows(damaged: bytes) -> None:
    assert unpack(damaged) == ()


def test_a_note_naming_a_path_with_spaces_is_read_back() -> None:
    """helper-88: a TMX file named 'Vendor Memory 2021.tmx' made a note nothing read back."""
    from pipeline.memory.rows import Provenance, provenance

    note = Provenance(100, "tmx:Vendor Memory 2021.tmx", True)
    msg = Message("One two.", "Un deux.", translator_comments=(note.comment("Un deux."),))
    assert provenance(msg) == note


def test_a_translators_own_comment_that_starts_as_a_note_is_kept() -> None:
    """helper-88: 'tm: glossary term approved' was dropped on every refill and import."""
    from pipeline.memory.rows import Provenance, is_suggestion, without_provenance

    own = "tm: glossary term approved"
    note = Provenance(87, "fr-FR/a.md", True).comment("Un deux.")
    assert without_provenance((own, note, "checked")) == (own, "checked")
    assert not is_suggestion(Message("One two.", "Un deux.", flags=("fuzzy",),
                                     translator_comments=(own,)))


def test_a_vendors_note_that_starts_as_a_memory_note_comes_back_with_the_package() -> None:
    """helper-90: the import dropped every returned note starting with 'tm: '; only the
    memory's own note (the package's copy of it) is left out."""
    from pipeline.memory.rows import Provenance
    from pipeline.xliff import with_notes

    note = Provenance(100, "fr-FR/a.md", True).comment("Un deux.")
    msg = Message("One two.", "Un deux.")
    assert with_notes(msg, ["tm: glossary term approved", note]).translator_comments == (
        "tm: glossary term approved",)


def test_a_wrapped_memory_note_coming_back_with_the_package_stays_out() -> None:
    """helper-92: a note a tool wrapped (polib at 78 columns, after a hyphen of the path) is
    exported as its lines and comes back so; its first line is no whole note, and 7b840a0 let
    both lines back in, where they are read as the note again: the memory's provenance back on
    an entry the import had retired it from (a fuzzy one a memory suggestion again)."""
    from pipeline.memory.rows import Provenance, is_suggestion, provenance
    from pipeline.xliff import with_notes

    note = Provenance(80, "fr-FR/articles/some-long-directory-name/another-long-file.md",
                      False).comment("b")
    first, _, rest = note.rpartition("long-")
    first += "long-"
    assert first.endswith("-") and provenance(Message("a", "b", translator_comments=(
        first, rest))) is not None  # the catalog reads it as its note
    msg = Message("One two.", "Un deux.", flags=("fuzzy",))
    back = with_notes(msg, [first, rest, "tm: glossary term approved"])
    assert back.translator_comments == ("tm: glossary term approved",)
    assert provenance(back) is None and not is_suggestion(back)


def test_a_memory_note_whose_checksum_a_tool_wrapped_onto_its_own_line_is_read_whole() -> None:
    from pipeline.memory.rows import Provenance, provenance, without_provenance

    note = Provenance(100, "fr-FR/a.md", True).comment("Un deux.")
    head, _, tail = note.partition(") ")
    msg = Message("One two.", "Un deux.", translator_comments=(f"{head})", tail, "mine"))
    assert provenance(msg) == Provenance(100, "fr-FR/a.md", True)
    assert without_provenance(msg.translator_comments) == ("mine",)
    edited = Message("One two.", "Deux un.", translator_comments=(f"{head})", tail))
    assert provenance(edited) is None  # another text than the one filled: a human's
