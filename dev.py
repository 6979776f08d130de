#!/usr/bin/env python3
"""Set-up and run Edito from a fresh clone: ``python3 dev.py app`` or ``python3 dev.py test``.

Creates ``.venv`` beside this file, installs Edito with the pinned versions of
``constraints.txt`` (only when pyproject.toml, the constraints or the Python version
changed since the last install), then starts the app or runs the whole test suite.
Extra arguments go to ``edito app`` or to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".edito-install-stamp"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
USAGE = "usage: python3 dev.py app|test [extra arguments]"


def _install_fingerprint() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Edito needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    fingerprint = _install_fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    print("Installing Edito and its pinned dependencies …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-c", "constraints.txt", "-e", ".[test]"], check=True, cwd=ROOT)
    STAMP.write_text(fingerprint)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test"}:
        print(USAGE, file=sys.stderr)
        return 2
    command, extra = argv[0], argv[1:]
    try:
        ensure_environment()
    except subprocess.CalledProcessError as error:
        print(f"Set-up failed: {' '.join(map(str, error.cmd))} exited with {error.returncode}.", file=sys.stderr)
        return 1
    if command == "app":
        args = [str(BIN / "edito"), "app", *extra]
    else:
        args = [str(PYTHON), "-m", "pytest", *extra]
    try:
        return subprocess.call(args, cwd=ROOT)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
