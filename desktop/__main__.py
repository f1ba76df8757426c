"""`python -m desktop` / `mostrador`: the app, and a headless CLI (see `desktop.cli`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

# httpx imports its own command-line tool (click, rich, pygments: ~40 ms) whenever httpx is
# imported, and falls back to a stub when that import fails (httpx/__init__.py, checked against
# httpx 0.28). Mostrador never runs httpx's command line: marking it absent before httpx loads
# takes that off every start (issue 12). Left alone when httpx is already loaded (tests).
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

from desktop.cli import main as cli_main
from desktop.config import AppConfig

SMOKE_TEST_FLAG = "--smoke-test"


def main(argv: Sequence[str] | None = None) -> int:
    """The `mostrador` command: `--smoke-test` (see `desktop.smoke`), else the app or the CLI.

    Unhandled errors write a scrubbed crash report into the user log folder (`desktop.crash`)
    and say where it is: in a dialog for the app, on stderr for the CLI.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if SMOKE_TEST_FLAG in args:
        from desktop.smoke import main as smoke_main

        return smoke_main(args)
    from desktop import crash
    from desktop.config import default_log_dir

    crash.install(default_log_dir())
    if _wants_gui(args):
        from desktop.ui import crash_notice

        crash_notice.install()
    return cli_main(args, gui=run_gui)


def run_gui(config: AppConfig, argv: list[str]) -> int:
    """The Qt app (imported only when it is wanted: the CLI stays Qt-free)."""
    from desktop.ui.app import run_gui as start

    return start(config, argv)


def _wants_gui(args: list[str]) -> bool:
    if any(a in ("-h", "--help", "--version") for a in args):
        return False
    from desktop.cli import build_parser

    try:
        parsed, _ = build_parser().parse_known_args(args)
    except SystemExit:
        return False
    return parsed.command is None


if __name__ == "__main__":
    sys.exit(main())
