"""Demo mode: the embedded gigstack sandbox with demo data, so anyone can try Mostrador.

Demo data lives in its own subfolder of the data folder, so a demo queue never mixes with a
real account's. `data_folder` is the one place that says which folder a run uses: the app
(before its first paint, so this module imports nothing heavy), the demo's start and the CLI
(`--demo report` reads the same sales Reportes shows).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The sandbox (werkzeug) loads when demo mode starts, after the window's first paint;
    # desktop.config is read after that paint too (issue 12).
    from desktop.config import AppConfig
    from desktop.sandbox import Sandbox

DEMO_SUBDIR = "demo"
DEMO_STATE_FILENAME = "sandbox-demo.json"


def data_folder(data_dir: Path, demo: bool) -> Path:
    """The folder a run keeps its database in: `data_dir`, or its demo subfolder in demo mode.

    `data_dir` is the chosen data folder (flag > `MOSTRADOR_DATA_DIR` > per-user default), as
    `AppConfig.from_env` resolves it, before `start_demo` (whose config already names the
    subfolder).
    """
    folder = Path(data_dir)
    return folder / DEMO_SUBDIR if demo else folder


def start_demo(config: AppConfig) -> tuple[Sandbox, AppConfig]:
    """Start the sandbox (data kept across runs) and return it with the config to use."""
    from desktop.sandbox import Sandbox

    demo_dir = data_folder(config.data_dir, True)
    demo_dir.mkdir(parents=True, exist_ok=True)
    # Demo mode switches the sandbox controls on: the end-of-period run and faults are there
    # for trying the app out (the sandbox listens on loopback only).
    sandbox = Sandbox(seed="demo", state_file=demo_dir / DEMO_STATE_FILENAME, controls=True).start()
    demo_config = dataclasses.replace(
        config, data_dir=demo_dir, api_url=sandbox.base_url, team=None, demo=True
    )
    return sandbox, demo_config
