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
