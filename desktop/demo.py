"""Demo mode: the embedded gigstack sandbox with demo data, so anyone can try Mostrador."""

from __future__ import annotations

import threading

from desktop.config import AppConfig

DEMO_STATE_FILENAME = "sandbox-demo.json"


def run_demo_sandbox(config: AppConfig) -> int:
    """Serve the demo sandbox in the foreground until Ctrl+C (until the window exists)."""
    from desktop.sandbox import Sandbox

    config.data_dir.mkdir(parents=True, exist_ok=True)
    state = config.data_dir / DEMO_STATE_FILENAME
    with Sandbox(seed="demo", state_file=state) as sandbox:
        print(
            "Mostrador — modo demo\n"
            f"  Sandbox de gigstack en: {sandbox.base_url}\n"
            f"  Clave de API del demo:  {sandbox.api_key}\n"
            f"  Datos del demo en:      {state}\n"
            "  Pruébalo desde otra terminal:\n"
            f"    export GIGSTACK_API_KEY={sandbox.api_key}\n"
            f"    .venv/bin/python -m desktop --api-url {sandbox.base_url} check\n"
            f"    .venv/bin/python -m desktop --api-url {sandbox.base_url} cache refresh\n"
            "La ventana de Mostrador llega con la siguiente entrega. Ctrl+C para salir.",
            flush=True,
        )
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("\nSandbox detenido.")
    return 0
