"""A local gigstack-compatible HTTP server for demo mode and tests.

Usage::

    from desktop.sandbox import Sandbox

    with Sandbox(seed="demo", controls=True) as sb:  # controls: faults, log, /_sandbox
        print(sb.base_url)  # http://127.0.0.1:PORT/v2

or ``python -m desktop.sandbox --port 8765``. It never imports the client side
(``desktop.gigstack``, ``desktop.fiscal``): it behaves like gigstack, not like our client
expects.
"""

from .controls import LoggedRequest
from .faults import Faults
from .server import Sandbox

__all__ = ["Faults", "LoggedRequest", "Sandbox"]
