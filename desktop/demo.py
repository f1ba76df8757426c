"""Demo mode: the embedded gigstack sandbox with demo data, so anyone can try Mostrador.

Demo data lives in its own subfolder of the data folder, so a demo queue never mixes with a
real account's.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from desktop.config import AppConfig

if TYPE_CHECKING:
    # The sandbox (werkzeug) loads when demo mode starts, after the window's first paint.
    from desktop.sandbox import Sandbox

DEMO_SUBDIR = "demo"
DEMO_STATE_FILENAME = "sandbox-demo.json"


def start_demo(config: AppConfig) -> tuple[Sandbox, AppConfig]:
    """Start the sandbox (data kept across runs) and return it with the config to use."""
    from desktop.sandbox import Sandbox

    demo_dir = config.data_dir / DEMO_SUBDIR
    demo_dir.mkdir(parents=True, exist_ok=True)
    # Demo mode switches the sandbox controls on: the end-of-period run and faults are there
    # for trying the app out (the sandbox listens on loopback only).
    sandbox = Sandbox(seed="demo", state_file=demo_dir / DEMO_STATE_FILENAME, controls=True).start()
    demo_config = dataclasses.replace(
        config, data_dir=demo_dir, api_url=sandbox.base_url, team=None, demo=True
    )
    return sandbox, demo_config
