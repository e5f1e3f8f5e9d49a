"""The gate's own guards (``pipeline/gate.py``): what the ``baseline`` command may write."""

from __future__ import annotations

from pathlib import Path

import pytest
from gate_tree import PAIRS, cli_args, make_tree, sxs

from pipeline.cli import main


@pytest.mark.parametrize("where", ["locales/fr-FR/guide.po", "content/fr-FR/guide.md",
                                   "locales", "settings.toml", "glossary/fr-FR.csv"])
def test_a_baseline_never_replaces_a_catalog_an_article_or_a_file_the_runs_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    """h176: 'baseline --out locales/fr-FR/guide.po' (a tab completion one folder off) wrote
    the baseline's JSON over the translator's catalog, exit 0; over an article, the settings
    file or a glossary file likewise, as tm-export and handoff already refused."""
    content, locales, _ = make_tree(tmp_path, {"fr-FR/guide.md": sxs(PAIRS)})
    assert main(cli_args("extract", content, locales)) == 0
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary/fr-FR.csv").write_text("Azure,Azure\n", encoding="utf-8")
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[tool.pipeline]\nglossary = "{tmp_path / "glossary"}"\n',
                        encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    capsys.readouterr()
    code = main([*cli_args("baseline", content, locales), "--config", str(settings),
                 "--out", str(tmp_path / where)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"pipeline: error: --out {tmp_path / where} ")
    assert "give an output of its own" in err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
