"""The app's plain start skips the CLI's parser (issue 12): it must read what that parser reads.

`desktop.__main__.app_options` takes only the global options, spelled in full; anything else
goes through `desktop.cli.build_parser`. Here both read the same argument lists.
"""

from __future__ import annotations

import pytest

from desktop.__main__ import AppOptions, app_options
from desktop.cli import build_parser

PLAIN_STARTS = [
    [],
    ["--demo"],
    ["--data-dir", "/tmp/tienda"],
    ["--data-dir=/tmp/tienda", "--api-url", "http://127.0.0.1:9/v2"],
    ["--api-url=http://x/v2", "--team", "team_norte", "-v"],
    ["--verbose", "--demo", "--team=team_sur"],
    ["--data-dir", "/a", "--data-dir", "/b"],  # the last one wins, as in argparse
    ["--data-dir="],  # empty: the environment or the default decides (AppConfig.from_env)
    ["--team", "equipo con espacios"],
]

NOT_PLAIN = [
    ["check"],
    ["--data-dir", "/tmp/x", "queue", "list"],
    ["--help"],
    ["-h"],
    ["--version"],
    ["--data"],  # an abbreviation: argparse's business
    ["--data-dir"],  # value missing: argparse says so
    ["--data-dir", "--demo"],
    ["--unknown"],
    ["-vv"],
    ["sync", "--once"],
]


@pytest.mark.parametrize("args", PLAIN_STARTS)
def test_a_plain_start_reads_as_the_cli_parser_reads_it(args: list[str]) -> None:
    quick = app_options(args)
    parsed = build_parser().parse_args(args)
    assert parsed.command is None
    assert quick == AppOptions(
        data_dir=parsed.data_dir,
        api_url=parsed.api_url,
        team=parsed.team,
        demo=parsed.demo,
        verbose=parsed.verbose,
    )


@pytest.mark.parametrize("args", NOT_PLAIN)
def test_anything_else_goes_through_the_cli_parser(args: list[str]) -> None:
    assert app_options(args) is None


@pytest.mark.parametrize("option", [None, "", "/tmp/tienda", "~/tienda"])
@pytest.mark.parametrize("env_dir", [None, "/srv/mostrador", "~/otra"])
def test_the_folders_before_the_paint_are_the_configurations_own(
    monkeypatch: pytest.MonkeyPatch, option: str | None, env_dir: str | None
) -> None:
    """The data and log folders `python -m desktop` uses before reading desktop.config are
    the ones desktop.config resolves (flag > MOSTRADOR_* > the per-user folders)."""
    from desktop import __main__ as entry
    from desktop import config

    for name, value in (("MOSTRADOR_DATA_DIR", env_dir), ("MOSTRADOR_LOG_DIR", env_dir)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert entry.default_data_dir(option) == config.AppConfig.from_env(data_dir=option).data_dir
    assert entry.default_log_dir() == config.default_log_dir()
    assert entry.APP_NAME == config.APP_NAME
