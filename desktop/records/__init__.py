"""Typed, read-only views of the records gigstack returns and the cache keeps (Qt-free).

Server and cached records are loose JSON: a total may be text, a number, missing (only
``amount`` in cents, REFERENCE §16.3) or nonsense; a line may carry ``total`` or only a unit
price. The views below read a raw record ONCE, leniently (never raising), into Decimal fields so
pages display them instead of re-deriving money from ``dict.get`` calls. Each view keeps `raw`
for what it does not model.

The line-amount rule lives here and only here: see `line_amount`.

One module per kind of record (`clients`, `services`, `payments`, ...) sharing the lenient
readers of `_read`; import from the package or from the module.
"""

from __future__ import annotations

from desktop.records._read import number, taxes_amount
from desktop.records.clients import ClientView
from desktop.records.payments import LineView, PaymentView, line_amount, lines_of, payment_total
from desktop.records.services import ServiceView

__all__ = [
    "ClientView",
    "LineView",
    "PaymentView",
    "ServiceView",
    "line_amount",
    "lines_of",
    "number",
    "payment_total",
    "taxes_amount",
]
