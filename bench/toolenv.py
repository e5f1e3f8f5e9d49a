"""bench/.venv: the competitors' own venv, so mdpo and Translate Toolkit never touch the
project's dependencies. Made and filled on first use, then only checked."""

import json
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
VENV = BENCH / ".venv"
REQUIREMENTS = BENCH / "requirements.txt"
PYTHON = VENV / "bin" / "python"

_PIN = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")

_VERSIONS = """
import importlib.metadata as m, json, sys
out = {}
for name in sys.argv[1:]:
    try:
        out[name] = m.version(name)
    except m.PackageNotFoundError:
        pass
print(json.dumps(out))
"""


def pins() -> dict[str, str]:
    """Package name -> pinned version, from requirements.txt."""
    found: dict[str, str] = {}
    for line in REQUIREMENTS.read_text().splitlines():
        m = _PIN.match(line)
        if m:
            found[m.group(1).lower()] = m.group(2)
    return found


def installed(names: list[str]) -> dict[str, str]:
    """Versions of ``names`` installed in the bench venv (absent ones left out)."""
    if not PYTHON.exists():
        return {}
    done = subprocess.run([str(PYTHON), "-c", _VERSIONS, *names],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {}
    versions: dict[str, str] = json.loads(done.stdout)
    return {k.lower(): v for k, v in versions.items()}


def ensure() -> Path:
    """The bench venv's python, with the pinned competitors in it."""
    wanted = pins()
    if installed(list(wanted)) == wanted:  # the usual case: nothing to do, no network
        return PYTHON
    if not PYTHON.exists():
        print(f"bench: creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    print(f"bench: installing {', '.join(f'{k}=={v}' for k, v in wanted.items())}",
          file=sys.stderr)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(REQUIREMENTS)], check=True)
    return PYTHON
