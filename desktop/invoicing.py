"""Invoice intake: validate an income-invoice body, then queue it. Like `desktop.sales` for sales.

The Facturas dialog and `python -m desktop queue add-invoice` both go through `queue_invoice()`:
hostile-input bounds and numbers (the same checks as a sale), the request's shape
(`CreateIncomeInvoiceRequest`), the SAT rules (PUE needs the real payment form, PPD carries
99; catalogs; RFC, régimen and CFDI use of an inline client; the series), then one outbox
transaction (`OutboxKind.CREATE_INVOICE`). Online or offline, the invoice is queued: the sender
stamps it with the row's idempotency key (issue 11: "queued with an idempotency key when
offline, like sales").

Payload (read by `desktop.sync.delivery` and `desktop.sync.sender`): the create body, whose
``metadata`` carries

- ``local_id``: the row's local id, so a lookup after an unknown outcome can prove the invoice
  is the row's (never "the first result", REFERENCE §16.3);
- ``payments``: the gigstack ids of the payments it covers, comma-separated (gigstack documents
  no field linking an invoice to payments; this is how the Facturas page shows the link);
- ``payment_local_ids``: the local ids of sales **still in the queue** that it covers.

**An invoice from a queued sale waits for it** (our call for issue 11): the sender does not
send the invoice until every sale in ``payment_local_ids`` is sent; it then adds their gigstack
ids to ``payments`` (the same ids on every attempt, so a resend is the same request). While such
a sale is parked the invoice waits too (fixing the sale releases it); if the sale is discarded,
or edited to ask gigstack for its own CFDI or receipt, the invoice is parked with the reason.
Only a sale queued with ``automation_type: none`` can be invoiced this way: any other sale
already asks gigstack for its own invoice or receipt, and invoicing it here would bill it twice.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from desktop import fiscal, money
from desktop.gigstack.models import CreateIncomeInvoiceRequest
from desktop.money import MoneyError
from desktop.payment_rules import invoice_ids, receipt_id
from desktop.records.payments import payment_total
from desktop.rules import clients as client_rules
from desktop.sales import (
    FieldProblem,
    SaleRejectedError,
    _code_problems,
    _normalized_rfc,
    _numbers,
    _shape_problems,
    _structure_problems,
)
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import (
    INVOICE_PAYMENTS_KEY,
    INVOICE_WAITS_FOR_KEY,
    Identity,
    Outbox,
    OutboxError,
    OutboxItem,
    OutboxKind,
    OutboxState,
)

__all__ = [
    "CheckedInvoice",
    "InvoiceRejectedError",
    "check_invoice",
    "invoice_item_from_payment_line",
    "invoiced_in_queue",
    "items_from_payments",
    "main_payment_form",
    "queue_invoice",
    "series_problem",
]

#: Público en general is invoiced through receipts and the period's global invoice.
GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})
TO_BE_DEFINED = "99"
#: SAT's Serie: up to 25 characters; gigstack's series names are letters and digits.
_SERIES = re.compile(r"[A-Za-z0-9_-]{1,25}")

# Fields of a payment's line that an invoice line can carry over (REFERENCE §2.13).
_ITEM_FIELDS = (
    "description",
    "quantity",
    "unit_price",
    "discount",
    "product_key",
    "unit_key",
    "unit_name",
    "taxability",
    "sku",
)
_TAX_FIELDS = ("type", "rate", "factor", "withholding", "inclusive", "base")


class InvoiceRejectedError(SaleRejectedError):
    """The invoice cannot be queued as it is; `problems` says where and why."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(problems or [FieldProblem("", "la factura no es válida")])


@dataclass(frozen=True)
class CheckedInvoice:
    body: dict[str, Any]
    total: Decimal | None = None  # known when every line carries its price and taxes
    warnings: list[FieldProblem] = field(default_factory=list)


# -- building a body from payments -------------------------------------------------------------


def invoice_item_from_payment_line(line: Mapping[str, Any]) -> dict[str, Any]:
    """A payment's line as an invoice line: the service reference when there is one, plus the
    line's own SAT keys, price and taxes (what was charged is what is invoiced)."""
    item: dict[str, Any] = {k: line[k] for k in _ITEM_FIELDS if line.get(k) not in (None, "")}
    ident = str(line.get("id") or "")
    if ident.startswith("service_"):
        item["id"] = ident
    taxes = line.get("taxes")
    if isinstance(taxes, list):
        item["taxes"] = [
            {k: t[k] for k in _TAX_FIELDS if t.get(k) is not None}
            for t in taxes
            if isinstance(t, Mapping)
        ]
    return item


def items_from_payments(payments: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every line of every payment (server records or queued sale bodies), as invoice lines."""
    items: list[dict[str, Any]] = []
    for payment in payments:
        lines = payment.get("items")
        for line in lines if isinstance(lines, list) else ():
            if isinstance(line, Mapping):
                items.append(invoice_item_from_payment_line(line))
    return items


def main_payment_form(payments: Sequence[Mapping[str, Any]]) -> str | None:
    """SAT rule for one invoice paid several ways: the form of the largest amount."""
    best: tuple[Decimal, str] | None = None
    for payment in payments:
        form = payment.get("payment_form")
        amount = payment_total(payment) or Decimal(0)
        if form and (best is None or amount > best[0]):
            best = (amount, str(form))
    return best[1] if best else None


def payment_client_id(payment: Mapping[str, Any]) -> str | None:
    client = payment.get("client")
    if isinstance(client, Mapping):
        return str(client.get("id")) if client.get("id") else None
    return str(client) if client else None


# -- checking --------------------------------------------------------------------------------


def series_problem(series: Any) -> str | None:
    """Why `series` cannot name an invoice series (None when it can)."""
    if series is None:
        return None
    if not isinstance(series, str) or not _SERIES.fullmatch(series.strip()):
        return "la serie lleva de 1 a 25 letras sin acento, números, guion o guion bajo"
    return None


def _fiscal_problems(
    body: dict[str, Any], request: CreateIncomeInvoiceRequest
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    method = request.payment_method or "PUE"
    form = request.payment_form
    if method == "PPD":
        if form is not None and form != TO_BE_DEFINED:
            problems.append(
                FieldProblem(
                    "payment_form",
                    "una factura PPD (a crédito) lleva la forma de pago 99 (por definir); "
                    "cada complemento de pago dice cómo se pagó",
                )
            )
        body["payment_form"] = TO_BE_DEFINED
    elif not form:
        problems.append(
            FieldProblem("payment_form", "una factura PUE necesita la forma en que se pagó")
        )
    elif form == TO_BE_DEFINED:
        problems.append(
            FieldProblem("payment_form", "una factura PUE necesita la forma de pago real (no 99)")
        )
    elif fiscal.payment_form(form) is None:
        problems.append(FieldProblem("payment_form", f"{form} no es una forma de pago del SAT"))
    body["payment_method"] = method

    client = request.client
    regime = client.tax_system or None
    if client.tax_id:
        if client.tax_id.upper() in GENERIC_RFCS:
            problems.append(
                FieldProblem(
                    "client.tax_id",
                    "público en general no recibe una factura a su nombre: sus ventas van en "
                    "recibos y en la factura global del periodo",
                )
            )
        else:
            error, _warning = client_rules.check_rfc(client.tax_id)
            if error:
                problems.append(FieldProblem("client.tax_id", error))
    if regime:
        regime_problem = client_rules.regime_problem(regime)
        if regime_problem:
            problems.append(FieldProblem("client.tax_system", regime_problem))
    use = request.use or client.use
    if use:
        where = "use" if body.get("use") is not None else "client.use"
        problems += [FieldProblem(where, m) for m in fiscal.cfdi_use_errors(use, regime=regime)]
    problem = series_problem(body.get("series"))
    if problem:
        problems.append(FieldProblem("series", problem))
    elif isinstance(body.get("series"), str):
        body["series"] = body["series"].strip()
    for n, item in enumerate(request.items):
        if item.product_key and fiscal.product_key(item.product_key) is None:
            problems.append(
                FieldProblem(f"items.{n}.product_key", f"{item.product_key} no está en el catálogo")
            )
        if item.unit_key and fiscal.unit_key(item.unit_key) is None:
            problems.append(
                FieldProblem(f"items.{n}.unit_key", f"{item.unit_key} no está en el catálogo")
            )
    return problems


def check_invoice(body: Mapping[str, Any]) -> CheckedInvoice:
    """Validate a create-income-invoice body the way gigstack and the SAT will.

    Raises:
        InvoiceRejectedError: With every problem found (not just the first).
    """
    if not isinstance(body, Mapping):
        raise InvoiceRejectedError([FieldProblem("", "la factura debe ser un objeto JSON")])
    structure = _structure_problems(body)
    if structure:
        raise InvoiceRejectedError(
            [
                FieldProblem(p.field, p.message.replace("para una venta", "para una factura"))
                for p in structure
            ]
        )
    early = _code_problems(body)
    series = body.get("series")
    if isinstance(series, str) and not series.isascii():
        early.append(FieldProblem("series", "solo puede tener letras sin acento y números (0-9)"))
    checked, number_problems = _numbers(_normalized_rfc(body))
    early += number_problems
    try:
        request = CreateIncomeInvoiceRequest.model_validate(dict(checked))
    except ValidationError as exc:
        covered = {p.field for p in early}
        shape = [p for p in _shape_problems(checked, exc) if p.field not in covered]
        raise InvoiceRejectedError(early + shape) from None
    if early:
        raise InvoiceRejectedError(early)
    result = request.model_dump(mode="json", by_alias=True, exclude_none=True)
    problems = _fiscal_problems(result, request)
    total = None
    priced = all(i.unit_price is not None and i.taxes is not None for i in request.items)
    if not problems and priced:
        try:
            total = fiscal.compute_totals(
                [item.model_dump(exclude_none=True) for item in request.items]
            ).total
            money.check_total(total)
        except MoneyError as exc:
            problems.append(FieldProblem("items", exc.message))
        except ValueError as exc:
            problems.append(FieldProblem("items", str(exc)))
    if problems:
        raise InvoiceRejectedError(problems)
    return CheckedInvoice(body=result, total=total)


# -- the payments an invoice covers ------------------------------------------------------------


@dataclass
class _Covered:
    server_ids: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # local ids of sales still queued
    records: list[Mapping[str, Any]] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)


def _queued_row(outbox: Outbox, ref: str) -> OutboxItem | None:
    try:
        return outbox.get(int(ref) if ref.isdigit() else ref)
    except OutboxError:
        return None


def _covered(
    outbox: Outbox, refs: Sequence[str], team: str | None, cache: Cache | None
) -> _Covered:
    covered = _Covered()
    for n, given in enumerate(refs):
        ref = str(given).strip()
        where = f"payments.{n}"
        if not ref:
            covered.problems.append(FieldProblem(where, "falta el pago"))
            continue
        sale = _queued_row(outbox, ref)
        if sale is not None and sale.kind is not OutboxKind.REGISTER_PAYMENT:
            covered.problems.append(FieldProblem(where, f"{ref} en la Cola no es una venta"))
            continue
        if sale is not None:
            name = sale.folio or sale.local_id
            if sale.team != team:
                covered.problems.append(FieldProblem(where, f"la venta {name} es de otro equipo"))
            elif sale.state is OutboxState.DISCARDED:
                covered.problems.append(FieldProblem(where, f"la venta {name} fue descartada"))
            elif str(sale.payload.get("automation_type") or "") != "none":
                covered.problems.append(
                    FieldProblem(
                        where,
                        f"la venta {name} ya pide a gigstack su factura o su recibo; "
                        "facturarla aquí la facturaría dos veces",
                    )
                )
            elif sale.state is OutboxState.SENT and sale.server_id:
                covered.server_ids.append(sale.server_id)
                covered.records.append(sale.payload)
            else:
                covered.waiting.append(sale.local_id)
                covered.records.append(sale.payload)
            continue
        record = cache.get(Resource.PAYMENTS, team, ref) if cache is not None else None
        if record is not None:
            if invoice_ids(record):
                covered.problems.append(FieldProblem(where, f"el pago {ref} ya tiene factura"))
                continue
            if receipt_id(record) or str(record.get("automation_type") or "") == "receipt":
                covered.problems.append(
                    FieldProblem(
                        where,
                        f"el pago {ref} terminó en un recibo: se factura desde Recibos "
                        "(o va en la factura global)",
                    )
                )
                continue
            covered.records.append(record)
        # Not in the cache: a gigstack id the caller knows; the body must bring the lines.
        covered.server_ids.append(ref)
    return covered


_LIVE = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.PARKED, OutboxState.SENT)


def invoiced_in_queue(outbox: Outbox) -> dict[str, int]:
    """Payments covered by this terminal's invoice rows that are not discarded: gigstack ids
    and queued sales' local ids, each with the row that covers it."""
    covered: dict[str, int] = {}
    for row in outbox.rows_of_kind(OutboxKind.CREATE_INVOICE, _LIVE):
        metadata = row.payload.get("metadata")
        metadata = metadata if isinstance(metadata, Mapping) else {}
        for ref in _split(metadata.get(INVOICE_PAYMENTS_KEY)) + _split(
            metadata.get(INVOICE_WAITS_FOR_KEY)
        ):
            covered.setdefault(ref, row.id)
        if row.response:  # a sent row: the gigstack ids it ended up with
            sent = row.response.get("metadata")
            if isinstance(sent, Mapping):
                for ref in _split(sent.get(INVOICE_PAYMENTS_KEY)):
                    covered.setdefault(ref, row.id)
    return covered


def _already_invoiced(outbox: Outbox, covered: _Covered) -> list[FieldProblem]:
    """A sale already covered by another queued (or sent) invoice of this terminal."""
    wanted = set(covered.server_ids) | set(covered.waiting)
    if not wanted:
        return []
    theirs = invoiced_in_queue(outbox)
    return [
        FieldProblem("payments", f"el pago {ref} ya está en la factura {theirs[ref]} de la Cola")
        for ref in sorted(wanted & theirs.keys())
    ]


def _split(value: Any) -> list[str]:
    return [p for p in str(value or "").split(",") if p] if isinstance(value, str) else []


def _complete(body: dict[str, Any], covered: _Covered) -> list[FieldProblem]:
    """Fill what the payments say and the body left out: lines, client, payment form."""
    problems: list[FieldProblem] = []
    if not body.get("items") and covered.records:
        body["items"] = items_from_payments(covered.records)
    if body.get("client") is None and covered.records:
        ids = {payment_client_id(r) for r in covered.records}
        if len(ids) == 1 and None not in ids:
            body["client"] = {"id": ids.pop()}
        else:
            first = covered.records[0].get("client")
            same = all(r.get("client") == first for r in covered.records)
            if isinstance(first, Mapping) and same:
                body["client"] = {k: v for k, v in first.items() if k != "search"}
            else:
                problems.append(
                    FieldProblem("client", "los pagos son de clientes distintos: elige el cliente")
                )
    if (
        body.get("payment_method", "PUE") == "PUE"
        and not body.get("payment_form")
        and covered.records
    ):
        form = main_payment_form(covered.records)
        if form:
            body["payment_form"] = form
    return problems


# -- queuing ---------------------------------------------------------------------------------


def same_invoice(queued: Mapping[str, Any], body: Mapping[str, Any]) -> bool:
    """True when `body` (checked) is the invoice already queued as `queued` (its payload)."""

    def plain(value: Mapping[str, Any]) -> dict[str, Any]:
        data = json.loads(json.dumps(value, default=str, sort_keys=True))
        data.pop("idempotency_key", None)
        metadata = data.get("metadata")
        if isinstance(metadata, dict):
            metadata.pop("local_id", None)
            if not metadata:
                data.pop("metadata")
        return dict(data)

    return plain(queued) == plain(body)


def queue_invoice(
    outbox: Outbox,
    body: Mapping[str, Any],
    *,
    team: str | None = None,
    payments: Sequence[str] = (),
    cache: Cache | None = None,
) -> OutboxItem:
    """Validate and queue one income invoice; returns the stored outbox row.

    Args:
        outbox: The queue.
        body: The create body (REFERENCE §5.2). ``items``, ``client`` and (PUE) the payment
            form may be left out when `payments` say them.
        team: gigstack Connect team.
        payments: The payments it covers: a queued sale (its folio, local id or row number),
            or a gigstack payment id (its lines are read from `cache` when it is there).
        cache: The local cache, to read gigstack payments' lines and refuse invoiced ones.

    A body that brings its own ``idempotency_key`` keeps it as the row's key; queuing it again
    returns the row already queued, and the same key with a different invoice is refused.

    Raises:
        InvoiceRejectedError: Nothing was queued.
    """
    if not isinstance(body, Mapping):
        raise InvoiceRejectedError([FieldProblem("", "la factura debe ser un objeto JSON")])
    draft = dict(body)
    covered = _covered(outbox, payments, team, cache)
    if covered.problems:
        raise InvoiceRejectedError(covered.problems)
    completion = _complete(draft, covered)
    if completion:
        raise InvoiceRejectedError(completion)
    metadata = draft.get("metadata")
    metadata = dict(metadata) if isinstance(metadata, Mapping) else {}
    known = _split(metadata.get(INVOICE_PAYMENTS_KEY))
    ids = known + [i for i in covered.server_ids if i not in known]
    if ids:
        metadata[INVOICE_PAYMENTS_KEY] = ",".join(ids)
    if covered.waiting:
        metadata[INVOICE_WAITS_FOR_KEY] = ",".join(covered.waiting)
    if metadata:
        draft["metadata"] = metadata
    checked = check_invoice(draft)
    own_key = checked.body.pop("idempotency_key", None)
    if own_key:
        existing = outbox.find_by_key(own_key)
        if existing is not None:
            return _same_or_refused(existing, checked.body, team, own_key)
    covered_ids = _Covered(
        server_ids=_split(metadata.get(INVOICE_PAYMENTS_KEY)), waiting=covered.waiting
    )
    twice = _already_invoiced(outbox, covered_ids)
    if twice:
        raise InvoiceRejectedError(twice)

    def build(identity: Identity) -> dict[str, Any]:
        meta = dict(checked.body.get("metadata") or {})
        meta["local_id"] = identity.local_id
        return {**checked.body, "metadata": meta}

    try:
        return outbox.enqueue(OutboxKind.CREATE_INVOICE, build, team=team, idempotency_key=own_key)
    except sqlite3.IntegrityError:
        existing = outbox.find_by_key(own_key) if own_key else None
        if existing is None:
            raise
        return _same_or_refused(existing, checked.body, team)


def _same_or_refused(
    existing: OutboxItem, body: Mapping[str, Any], team: str | None, key: str | None = None
) -> OutboxItem:
    if (
        key is not None
        and existing.idempotency_key != key
        and existing.kind is OutboxKind.CREATE_INVOICE
        and existing.team == team
    ):
        # A person edited it since (a new key): the caller's invoice as corrected (see
        # `desktop.sales._same_or_refused`); a retry must not stamp a second one.
        return existing
    if (
        existing.kind is not OutboxKind.CREATE_INVOICE
        or existing.team != team
        or not same_invoice(existing.payload, body)
    ):
        raise InvoiceRejectedError(
            [
                FieldProblem(
                    "idempotency_key",
                    f"ya se usó para otra operación (fila {existing.id} de la Cola);"
                    " usa una clave nueva para una factura distinta",
                )
            ]
        )
    return existing


def waiting_sales(item: OutboxItem) -> list[str]:
    """Local ids of the queued sales an invoice row waits for."""
    metadata = item.payload.get("metadata")
    return _split(metadata.get(INVOICE_WAITS_FOR_KEY)) if isinstance(metadata, Mapping) else []


def invoice_summary(item: OutboxItem, clients: Mapping[str, Mapping[str, Any]]) -> str:
    """One line a cashier recognises for a queued invoice: method, client, total, and what it
    waits for (Spanish, like the other Cola summaries)."""
    body = item.payload
    client = body.get("client")
    client = client if isinstance(client, Mapping) else {}
    known = clients.get(str(client.get("id") or "")) or {}
    who = str(
        known.get("legal_name")
        or known.get("name")
        or client.get("legal_name")
        or client.get("name")
        or client.get("tax_id")
        or client.get("id")
        or ""
    )
    total = ""
    items = body.get("items")
    if isinstance(items, list) and all(
        isinstance(i, Mapping) and i.get("unit_price") is not None and i.get("taxes") is not None
        for i in items
    ):
        try:
            total = f"${fiscal.compute_totals(items).total:,.2f}"
        except (ValueError, TypeError, ArithmeticError):
            total = ""
    parts = [f"Factura {body.get('payment_method') or 'PUE'}", who, total]
    if body.get("series"):
        parts.append(f"serie {body['series']}")
    waiting = waiting_sales(item)
    if waiting and item.state is not OutboxState.SENT:
        parts.append(
            "espera 1 venta de la Cola"
            if len(waiting) == 1
            else f"espera {len(waiting)} ventas de la Cola"
        )
    return " · ".join(p for p in parts if p)
