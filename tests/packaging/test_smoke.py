"""`mostrador --smoke-test` from source: the same check the frozen bundle and the .deb run.

The frozen runs happen in `build_scripts/build.py` (CI: `dev.py package --install-test`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code_or_module: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("GIGSTACK_API_KEY", None)
    env["HOME"] = str(tmp_path / "home")  # nothing may depend on (or touch) the real profile
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    env["XDG_STATE_HOME"] = str(tmp_path / "home" / "state")
    return subprocess.run(
        [sys.executable, *code_or_module],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_smoke_test_from_source_rings_up_one_sale_and_exits_zero(tmp_path: Path) -> None:
    result = _run(["-m", "desktop", "--smoke-test"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "(from source," in out
    assert "main window built with" in out
    assert "sale queued in the outbox" in out
    assert "sandbox confirms payment payment_" in out
    assert "no unexpected Qt warnings" in out
    assert out.rstrip().splitlines()[-1].startswith("SMOKE TEST PASSED")
    # It used a temporary folder: nothing was written into the (fake) user folders.
    assert not (tmp_path / "home" / "data" / "Mostrador").exists()
    assert not (tmp_path / "home" / "state" / "Mostrador").exists()


def test_smoke_test_fails_with_the_reason_when_bundled_files_are_missing(
    tmp_path: Path,
) -> None:
    # Pretend to be a bundle whose resources/ folder was left out of the build.
    (tmp_path / "bundle").mkdir()
    code = (
        "import sys; sys._MEIPASS = sys.argv[1]; "
        "from desktop.__main__ import main; sys.exit(main(['--smoke-test']))"
    )
    result = _run(["-c", code, str(tmp_path / "bundle")], tmp_path)
    assert result.returncode == 1
    assert "SMOKE TEST FAILED: bundled file missing or empty" in result.stderr
    assert "sat_catalogs.sqlite" in result.stderr
    assert "SMOKE TEST PASSED" not in result.stdout


def test_unexpected_qt_warnings_are_collected_and_expected_ones_ignored() -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from desktop import smoke

    problems: list[str] = []
    smoke._install_qt_message_handler(problems)
    try:
        handler = qInstallMessageHandler(None)  # take ours back out to call it directly
        assert handler is not None
        handler(QtMsgType.QtWarningMsg, None, "This plugin does not support raise()")
        handler(QtMsgType.QtDebugMsg, None, "debug chatter")
        handler(QtMsgType.QtWarningMsg, None, "QPixmap: could not load icons/missing.svg")
        handler(QtMsgType.QtCriticalMsg, None, "QSqlDatabase: driver not loaded")
    finally:
        qInstallMessageHandler(None)
    assert problems == [
        "[QtWarningMsg] qt: QPixmap: could not load icons/missing.svg",
        "[QtCriticalMsg] qt: QSqlDatabase: driver not loaded",
    ]
