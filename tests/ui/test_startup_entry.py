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
