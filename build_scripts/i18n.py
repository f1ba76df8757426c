#!/usr/bin/env python3
"""Translations: Spanish source strings in `tr()`, English in `resources/i18n/`.

    python3 build_scripts/i18n.py update    # scan desktop/ui/*.py -> resources/i18n/mostrador_en.ts
    python3 build_scripts/i18n.py update --prune   # ...and drop strings the code no longer has
    python3 build_scripts/i18n.py release   # compile the .ts files -> .qm (what the app loads)
                                            # (also qtbase_es_MX.ts: Qt's own dialogs in es-MX)
    python3 build_scripts/i18n.py status    # list strings still waiting for a translation

`update` keeps every existing translation (lupdate merges); new strings arrive marked
`type="unfinished"`; fill them in with Qt Linguist (`.venv/bin/pyside6-linguist`) or by editing
the XML, then run `release`. Both the `.ts` (source of truth) and the `.qm` are committed, and
`dev.py` runs `release` on setup so a fresh clone always has a current `.qm`.

Standard library only: it runs the virtual environment's `pyside6-lupdate`/`pyside6-lrelease`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop" / "ui"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = {"en": "en_US"}
#: Hand-written corrections to Qt's own translations (`qtbase_es` is Spain's Spanish, with some
#: texts still in English): compiled by `release` like ours, never scanned by `update`.
QT_OVERRIDES = ("qtbase_es_MX",)
SOURCE_LANGUAGE = "es_MX"


def ts_path(language: str) -> Path:
    return I18N / f"mostrador_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N / f"mostrador_{language}.qm"


def tool(name: str) -> str:
    """The venv's `pyside6-<name>` (or one on PATH)."""
    venv = ROOT / ".venv"
    for candidate in (
        venv / "bin" / f"pyside6-{name}",
        venv / "Scripts" / f"pyside6-{name}.exe",
        Path(sys.executable).parent / f"pyside6-{name}",
    ):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    sys.exit(f"pyside6-{name} not found: run `python3 build_scripts/dev.py test` first")


def sources() -> list[Path]:
    return sorted(p for p in SOURCES.glob("*.py") if p.name != "__init__.py")


def update(prune: bool = False) -> int:
    I18N.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in sources()]
    for language, locale in LANGUAGES.items():
        cmd = [
            tool("lupdate"),
            "-locations",
            "none",
            "-source-language",
            SOURCE_LANGUAGE,
            "-target-language",
            locale,
            *(["-no-obsolete"] if prune else []),
            *files,
            "-ts",
            str(ts_path(language).relative_to(ROOT)),
        ]
        result = subprocess.run(cmd, cwd=ROOT, check=False)
        if result.returncode != 0:
            return result.returncode
    return status(quiet=True)


def release() -> int:
    pairs = [(ts_path(language), qm_path(language)) for language in LANGUAGES]
    pairs += [(I18N / f"{name}.ts", I18N / f"{name}.qm") for name in QT_OVERRIDES]
    for source, target in pairs:
        if not source.exists():
            print(f"[i18n] no {source.name}: run `update` first", file=sys.stderr)
            return 1
        result = subprocess.run(
            [tool("lrelease"), "-silent", str(source), "-qm", str(target)],
            cwd=ROOT,
            check=False,
        )
        if result.returncode != 0:
            return result.returncode
        print(f"[i18n] {target.relative_to(ROOT)}")
    return 0


def unfinished(language: str) -> list[tuple[str, str]]:
    """(context, source) of every current message without a finished translation."""
    path = ts_path(language)
    if not path.exists():
        return []
    missing = []
    # Our own file from the repository, not untrusted input.
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in {"vanished", "obsolete"}:
                continue
            if kind == "unfinished" or translation is None or not (translation.text or ""):
                missing.append((name, message.findtext("source", "")))
    return missing


def status(quiet: bool = False) -> int:
    total = 0
    for language in LANGUAGES:
        missing = unfinished(language)
        total += len(missing)
        print(f"[i18n] {ts_path(language).name}: {len(missing)} without translation")
        if not quiet:
            for context, source in missing:
                print(f"  {context}: {source!r}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["update", "release", "status"])
    parser.add_argument(
        "--prune", action="store_true", help="update: drop translations of vanished strings"
    )
    args = parser.parse_args()
    os.chdir(ROOT)
    if args.command == "update":
        return update(prune=args.prune)
    return {"release": release, "status": status}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
