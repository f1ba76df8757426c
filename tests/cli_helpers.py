"""Running the headless CLI in-process in tests (the `run` fixture in tests/conftest.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop import cli


class Cli:
    """Runs `python -m desktop` in-process against one data directory and the sandbox."""

    def __init__(
        self,
        data_dir: Path,
        api_url: str,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        self.base = ["--data-dir", str(data_dir), "--api-url", api_url]
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, stdin: str = "") -> tuple[int, str, str]:
        self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli.main([*self.base, *args])
        out, err = self.capsys.readouterr()
        return code, out, err
