"""The ``tree`` fixture: a small docs tree whose English lives in content/en-US."""

from __future__ import annotations

from pathlib import Path

import pytest
from source_tree import Tree


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path)
