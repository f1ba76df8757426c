"""How numbers, money, dates and ages read at a Mexican counter (es-MX)."""

from __future__ import annotations

import time
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop.records import number

CENT = Decimal("0.01")


def to_money(value: Any) -> Decimal | None:
    """Decimal from a record's Decimal/int/str/float; None when it is not a number.

    The one lenient reading of record values (`desktop.records.number`); typed input goes
    through `desktop.money` instead.
    """
    return number(value)


def money(value: Any, currency: str = "MXN") -> str:
    """`$1,234.50` (es-MX: comma thousands, point decimals); other currencies get their code."""
    amount = to_money(value)
    if amount is None:
        return ""
    text = f"${amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    if text.startswith("$-"):
        text = "-$" + text[2:]
    return text if currency in ("", "MXN") else f"{text} {currency}"


def quantity(value: Any) -> str:
    """Quantities without trailing zeros: 2, 1.5, 0.25."""
    amount = to_money(value)
    if amount is None:
        return ""
    text = f"{amount.normalize():f}"
    return text


def when(value: Any) -> str:
    """`24/11/2026 14:05` in local time, from epoch seconds, a datetime or an ISO string."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        moment = value.astimezone()
    elif isinstance(value, int | float | Decimal):
        moment = datetime.fromtimestamp(float(value)).astimezone()
    else:
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone()
        except ValueError:
            return str(value)
    return moment.strftime("%d/%m/%Y %H:%M")


def age(since: float | None, now: float | None = None) -> str:
    """`hace 5 min`, `hace 3 h 10 min`, `hace 2 días`."""
    if since is None:
        return ""
    seconds = max(0.0, (now if now is not None else time.time()) - since)
    minutes = int(seconds // 60)
    if minutes < 1:
        return "hace un momento"
    if minutes < 60:
        return f"hace {minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"hace {hours} h {minutes % 60:02d} min"
    return f"hace {hours // 24} días"


def count_text(count: int | Decimal, one: str, many: str, **fields: Any) -> str:
    """A count with its noun in the right number: `one` when count is exactly 1, else `many`.

    Spanish has two forms (1 venta, 0 ventas, 2 ventas), so the caller passes both through
    its own tr(): `count_text(n, self.tr("1 venta"), self.tr("{n} ventas"))` (the counter's
    "1 línea · 3 piezas" reads the same way). Plain pairs rather than Qt's %n numerus forms:
    lupdate finds both sources as ordinary strings and the .ts needs no numerus entries.
    Both texts are formatted with `n` (the count, unless `fields` gives `n` its own text)
    and `fields`; a text may leave `{n}` out.
    """
    text = one if count == 1 else many
    return text.format(**{"n": count, **fields})


#: Shorter names of the SAT payment forms whose description does not fit a table cell at
#: 1366x768 ("Transferencia electrónica de fondos"); "Tarjeta de crédito" and "Tarjeta de
#: débito" stay whole so the two cards are told apart. Catalog data, like the descriptions
#: (not translated); the SAT description stays in tooltips, the detail and on paper.
SHORT_PAYMENT_FORMS = {
    "02": "Cheque",
    "03": "Transferencia",
    "26": "Prescripción",
    "27": "A satisfacción",
    "30": "Anticipos",
    "31": "Intermediario",
}


def short_form_name(code: str | None, description: str) -> str:
    """The payment form's name for a narrow cell: the short name, else `description`."""
    return SHORT_PAYMENT_FORMS.get(code or "", description)


#: How much of a gigstack id stands for a payment made outside a till (no folio of ours).
SHORT_ID = 8
PAYMENT_ID_PREFIX = "payment_"


def sale_name(folio: str | None, payment_id: str | None = None) -> str:
    """How a sale is named on screen: its folio (CAJA1-7), or for a payment made outside a
    till (its folio is its gigstack id) the start of that id without "payment_", "05a01969…":
    enough to tell sales apart, short enough for a table cell or a pane's title at 1366x768.
    The whole id stays in tooltips and the detail's "ID en gigstack"; searches find it whole.
    """
    text = folio or payment_id or ""
    if text and (payment_id is None or text == payment_id) and text.startswith(PAYMENT_ID_PREFIX):
        bare = text[len(PAYMENT_ID_PREFIX) :]
        return bare if len(bare) <= SHORT_ID + 1 else bare[:SHORT_ID] + "…"
    return text
