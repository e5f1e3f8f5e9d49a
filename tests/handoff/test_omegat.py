"""A real CAT tool: OmegaT (Debian's package, 3.6) translates a handoff package headless
(``--mode=console-translate``) from its memories, and the package comes back. Skipped where
OmegaT is not installed (``apt-get install omegat``; ``.ci/run`` installs it), loudly: the run
ends with a banner saying so (``conftest.LOUD_SKIPS``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.catalog import parse_po_bytes
from tests.conftest import OMEGAT_MISSING
from tests.handoff.test_handoff import EN, FR, MT_EN, MT_FR, NEW_EN, package, tree
from tests.memory.helpers import run

pytestmark = pytest.mark.skipif(shutil.which("omegat") is None, reason=OMEGAT_MISSING)

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en-US</source_lang>
    <target_lang>fr-FR</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
VENDOR_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="plaintext"
 segtype="paragraph" adminlang="en" srclang="en-US" o-tmf="t"/><body>
<tu><tuv xml:lang="en-US"><seg>Restart the &lt;x0/&gt;service&lt;x1/&gt; after the update.</seg>
</tuv><tuv xml:lang="fr-FR"><seg>Redémarrez le &lt;x0/&gt;service&lt;x1/&gt; après la mise à
 jour.</seg></tuv></tu></body></tmx>
""".replace("\n jour", " jour").replace("\n</tuv>", "</tuv>")


def test_omegat_translates_a_package_that_comes_back_into_the_catalogs(tmp_path: Path) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    project = tmp_path / "omegat-project"
    for folder in ("target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    shutil.copytree(pkg / "fr-FR", project / "source")
    # the vendor accepts the package's suggestions and has its own memory
    shutil.copy(pkg / "suggestions-fr-FR.tmx", project / "tm/auto")
    (project / "tm/auto/vendor.tmx").write_text(VENDOR_TMX, encoding="utf-8")
    done = subprocess.run(["omegat", str(project), "--mode=console-translate"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    returned = tmp_path / "returned"
    shutil.copytree(project / "target", returned / "fr-FR")
    assert b'state="needs-translation"' in (returned / "fr-FR/c.xlf").read_bytes()
    assert b'approved=' not in (returned / "fr-FR/c.xlf").read_bytes()
    assert run("handoff-import", "--locales", cats, returned, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    # OmegaT kept the package's state and set no approved: a changed target is the review
    assert (c[EN].msgstr, c[EN].reviewed) == (FR, True)  # inline codes back byte for byte
    assert (c[NEW_EN].msgstr, c[NEW_EN].reviewed) == (
        "Redémarrez le <b>service</b> après la mise à jour.", True)
    b = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/b.po").read_bytes(), "b").messages}
    # the machine translation OmegaT copied in from tm/auto, as the package offered it: no
    # review says it is right, so it stays a suggestion (never published) until one does
    assert (b[MT_EN].msgstr, b[MT_EN].reviewed) == (MT_FR, False)
