"""`python -m desktop` / `mostrador`: the app, and a headless CLI (see `desktop.cli`)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

# httpx imports its own command-line tool (click, rich, pygments: ~40 ms) whenever httpx is
# imported, and falls back to a stub when that import fails (httpx/__init__.py, checked against
# httpx 0.28). Mostrador never runs httpx's command line: marking it absent before httpx loads
# takes that off every start (issue 12). Left alone when httpx is already loaded (tests).
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

if TYPE_CHECKING:
    from desktop.config import AppConfig

SMOKE_TEST_FLAG = "--smoke-test"


class AppOptions(NamedTuple):
    """The CLI's global options, as `desktop.cli.build_parser` names them."""

    data_dir: str | None = None
    api_url: str | None = None
    team: str | None = None
    demo: bool = False
    verbose: bool = False


#: The CLI's global options (`desktop.cli.build_parser`) that take a value, by their dest.
_VALUE_OPTIONS = {"--data-dir": "data_dir", "--api-url": "api_url", "--team": "team"}
#: ...and its global flags.
_FLAG_OPTIONS = {"--demo": "demo", "-v": "verbose", "--verbose": "verbose"}


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

    log_dir = default_log_dir()
    crash.install(log_dir)
    quick = app_options(args)
    if quick is not None:
        # The app with nothing but global options (a desktop shortcut, `--data-dir X`): the
        # CLI's parser and the modules its commands need are not loaded, and the terminal's
        # configuration (desktop.config, config.json) is read after the window's first paint
        # (issue 12). Same steps as `desktop.cli.main` takes, in that order.
        from desktop.logs import setup_logging
        from desktop.ui import crash_notice
        from desktop.ui.app import Launch
        from desktop.ui.app import run_gui as start

        crash_notice.install()

        def resolve() -> AppConfig:
            from desktop.config import AppConfig

            return AppConfig.from_env(
                data_dir=quick.data_dir, api_url=quick.api_url, team=quick.team, demo=quick.demo
            )

        level = logging.DEBUG if quick.verbose else logging.INFO
        return start(
            Launch(default_data_dir(quick.data_dir), quick.demo, resolve),
            sys.argv[:1],
            setup_logging=lambda: setup_logging(log_dir, level, console=quick.verbose),
        )
    from desktop.cli import main as cli_main

    if _wants_gui(args):
        from desktop.ui import crash_notice

        crash_notice.install()
    return cli_main(args, gui=run_gui)


def app_options(args: Sequence[str]) -> AppOptions | None:
    """The global options when `args` holds nothing else, each spelled in full; else None.

    None sends the arguments through the CLI's own parser (a command, an abbreviation, a
    mistake, `--help`): this only spares that parser for the plain ways the app is started,
    and reads them as argparse does (`--opt value` or `--opt=value`, the last one wins).
    tests/ui/test_startup_entry.py compares the two on many argument lists.
    """
    values: dict[str, str] = {}
    flags: set[str] = set()
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg in _FLAG_OPTIONS:
            flags.add(_FLAG_OPTIONS[arg])
            continue
        name, equals, value = arg.partition("=")
        if name not in _VALUE_OPTIONS:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None  # argparse says what is missing
            value = rest.pop(0)
        values[_VALUE_OPTIONS[name]] = value
    return AppOptions(
        data_dir=values.get("data_dir"),
        api_url=values.get("api_url"),
        team=values.get("team"),
        demo="demo" in flags,
        verbose="verbose" in flags,
    )


# The two folders, as `desktop.config` resolves them (`AppConfig.from_env`, `default_log_dir`)
# without importing it before the first paint; tests/ui/test_startup_entry.py compares them.
APP_NAME = "Mostrador"


def default_data_dir(option: str | None) -> Path:
    """The data folder: `--data-dir` > `MOSTRADOR_DATA_DIR` > the per-user data folder."""
    chosen = option or os.environ.get("MOSTRADOR_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    """The log folder: `MOSTRADOR_LOG_DIR` > the per-user log folder."""
    override = os.environ.get("MOSTRADOR_LOG_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


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
