"""The translation memory's settings in [tool.pipeline]: read, and bad values refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import ConfigError, from_table


def known() -> frozenset[str]:
    return frozenset()


def test_the_memory_settings_are_read() -> None:
    config = from_table({"translation-memory": False, "tm": ["vendor.tmx"],
                         "tm-threshold": 0.8, "tm-publish-exact": True}, "p", known)
    assert (config.translation_memory, config.tm, config.tm_threshold,
            config.tm_publish_exact) == (False, (Path("vendor.tmx"),), 0.8, True)


def test_the_memory_is_opt_in_and_fills_close_matches_from_75_percent_publishing_nothing() -> None:
    config = from_table({}, "p", known)
    assert (config.translation_memory, config.tm_threshold, config.tm_publish_exact) == (
        None, 0.75, False)


@pytest.mark.parametrize(("key", "value"), [
    ("tm-threshold", 75), ("tm-threshold", 0.2), ("tm-threshold", True),
    ("tm-publish-exact", "yes"), ("translation-memory", 1), ("tm", "vendor.tmx"),
])
def test_a_bad_memory_setting_is_a_clear_error(key: str, value: object) -> None:
    with pytest.raises(ConfigError, match=key):
        from_table({key: value}, "pyproject.toml", known)
