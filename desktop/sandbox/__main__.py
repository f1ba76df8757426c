"""``python -m desktop.sandbox``: run the local gigstack sandbox until SIGINT/SIGTERM.

The first stdout line is the base URL (``http://127.0.0.1:PORT/v2``), flushed at once, so a
parent process can read it to find the port chosen with ``--port 0``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from .server import Sandbox


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.sandbox", description="Local gigstack API v2 sandbox."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--api-key",
        default=None,
        help="the key to accept (default: a JWT test key with team/livemode/key_id claims)",
    )
    parser.add_argument(
        "--live", action="store_true", help="live mode: livemode true in the data and the key"
    )
    parser.add_argument("--seed", choices=("demo", "empty"), default="demo")
    parser.add_argument("--state", default=None, help="JSON file that keeps data across restarts")
    parser.add_argument(
        "--controls",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="serve /_sandbox (faults, reset, request log, close-period); on by default for "
        "this developer tool, --no-controls serves only /v2 and its public pages",
    )
    parser.add_argument(
        "--error-shape",
        choices=("flat", "nested"),
        default="flat",
        help='error bodies: {"message","error"} (flat) or {"success":false,"error":{...}}',
    )
    args = parser.parse_args(argv)

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    sandbox = Sandbox(
        api_key=args.api_key,
        livemode=True if args.live else None,
        seed=args.seed,
        host=args.host,
        port=args.port,
        state_file=args.state,
        controls=args.controls,
        error_shape=args.error_shape,
    )
    sandbox.start()
    try:
        print(sandbox.base_url, flush=True)
        print(f"API key:     {sandbox.api_key}")
        print(f"Team:        {sandbox.team}")
        print(f"Connect:     {', '.join(sandbox.connect_teams) or '-'}")
        if args.controls:
            print(f"Control URL: {sandbox.control_url}  (faults, reset, request log, close-period)")
        else:
            print("Control URL: - (started with --no-controls)")
        if args.state:
            print(f"State file:  {args.state}")
        print("Press Ctrl+C to stop.", flush=True)
        while not stop.wait(0.2):
            pass
    finally:
        sandbox.stop()
    print("Sandbox stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
