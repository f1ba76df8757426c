"""Sale intake: validate a register-payment body, then queue it. The one way a sale enters.

Both the counter window and `python -m desktop queue add` go through `queue_payment()`:
fiscal validation (shape, RFC, SAT catalogs, totals) first, then a single outbox transaction.
Nothing is queued when validation fails, and every problem is reported with the field it
belongs to, in Spanish, so the UI can show it next to that field.

A line may sell a service created offline (its creation still in the queue) by naming the
creation's local id: `with_queued_services` turns it into an inline line with what was
charged, and the sender sends the sale after the service, with the service's gigstack id.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from desktop import fiscal, money
from desktop.gigstack.models import RegisterPaymentRequest
from desktop.money import MoneyError
from desktop.rules import clients as client_rules
from desktop.store.outbox import (
    SALE_WAITS_FOR_SERVICES_KEY,
    Identity,
    Outbox,
    OutboxItem,
    OutboxKind,
    OutboxState,
    service_line_with_id,
    split_ids,
    stands_for,
)

_PYDANTIC_MESSAGES = {
    "missing": "es obligatorio",
    "extra_forbidden": "no es un campo permitido",
    "string_pattern_mismatch": "no tiene el formato correcto",
    "greater_than": "debe ser mayor que {gt}",
    "greater_than_equal": "no puede ser negativo",
    "decimal_parsing": "debe ser un número",
    "too_short": "no puede estar vacío",
    "too_long": "tiene demasiados elementos",
    "string_too_short": "no puede estar vacío",
    "string_too_long": "puede tener hasta {max_length} caracteres",
    "string_type": "debe ser texto",
    "list_type": "debe ser una lista",
    "dict_type": "debe ser un objeto",
    "model_type": "debe ser un objeto",
    "model_attributes_type": "debe ser un objeto",
    "bool_type": "debe ser true o false",
    "bool_parsing": "debe ser true o false",
    "decimal_type": "debe ser un número",
    "int_type": "debe ser un número entero",
    "int_parsing": "debe ser un número entero",
    "literal_error": "debe ser uno de: {expected}",
    "enum": "debe ser uno de: {expected}",
    "less_than_equal": "no puede pasar de {le}",
    "value_error": "{msg}",
}


# The request models' own checks speak English (they are the API layer's); a person reads these.
# Matched by the start of the message; an unknown one is shown as it is.
_MODEL_MESSAGES = {
    "a 'Tasa' rate is a fraction": "una tasa va como fracción entre 0 y 1 (0.16 = 16 %)",
    "an 'Exento' tax has rate 0": "un impuesto exento lleva tasa 0",
    "a client needs at least one of": "el cliente necesita nombre, razón social, RFC o correo",
    "client needs an id, a search": "el cliente necesita un id, una búsqueda o sus datos",
    "an item needs a service id": "cada renglón necesita el id de un servicio o una descripción",
    "an inline item needs a unit_price": "un renglón sin servicio necesita su precio (unit_price)",
    "exchange_rate is required": "el tipo de cambio (exchange_rate) es obligatorio si la "
    "moneda no es MXN",
    "use given twice": "el uso del CFDI viene dos veces (use y client.use) con valores distintos",
}


def _spanish(message: str) -> str:
    for start, spanish in _MODEL_MESSAGES.items():
        if message.startswith(start):
            return spanish
    return message


@dataclass(frozen=True)
class FieldProblem:
    """One validation problem: `field` is a dotted path into the body (``items.0.quantity``)."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class SaleRejectedError(ValueError):
    """The body cannot be queued as it is; `problems` says where and why."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        problems = problems or [FieldProblem("", "la venta no es válida")]
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class CheckedSale:
    """A body that passed validation, with what the cashier should still be told."""

    body: dict[str, Any]
    warnings: list[FieldProblem] = field(default_factory=list)
    total: Decimal | None = None  # known when every line carries its price and taxes


def _pydantic_problems(exc: ValidationError) -> list[FieldProblem]:
    problems = []
    for error in exc.errors(include_url=False, include_input=False):
        template = _PYDANTIC_MESSAGES.get(error["type"])
        ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
        if error["type"] == "value_error":
            ctx["msg"] = _spanish(str(ctx.get("error", error["msg"])).removeprefix("Value error, "))
        try:
            message = template.format(**ctx) if template else error["msg"]
        except KeyError:
            message = error["msg"]
        path = ".".join(str(p) for p in error["loc"])
        problems.append(FieldProblem(path, message))
    return problems


def _shape_problems(body: Mapping[str, Any], exc: ValidationError) -> list[FieldProblem]:
    problems = _pydantic_problems(exc)
    client = body.get("client")
    rfc = client.get("tax_id") if isinstance(client, Mapping) else None
    if isinstance(rfc, str) and any(p.field == "client.tax_id" for p in problems):
        # The SAT rules say *what* is wrong with an RFC better than a pattern mismatch.
        detail = [FieldProblem("client.tax_id", m) for m in _rfc_errors(rfc)]
        if detail:
            problems = [p for p in problems if p.field != "client.tax_id"] + detail
    return problems


# Hostile-input bounds: a register-payment body is a few levels deep and a few KB.
MAX_DEPTH = 10
MAX_NODES = 5_000
MAX_STRING = 2_000
MAX_EXCHANGE_RATE = money.Decimal("100000")
_ALLOWED_CONTROLS = {"\n", "\t", "\r"}


def _structure_problems(body: Mapping[str, Any]) -> list[FieldProblem]:
    """Depth, size and text the outbox, gigstack and a terminal can take (iteratively: a
    body nested 100k deep must not blow Python's stack)."""
    problems: list[FieldProblem] = []
    stack: list[tuple[str, Any, int]] = [("", body, 0)]
    nodes = 0
    while stack:
        path, value, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            return [FieldProblem("", "el cuerpo es demasiado grande para una venta")]
        if depth > MAX_DEPTH:
            return [FieldProblem(path, "anida demasiados niveles")]
        if isinstance(value, Mapping):
            for key, child in value.items():
                if not isinstance(key, str) or _bad_text(key):
                    problems.append(FieldProblem(path, "tiene un nombre de campo no válido"))
                    continue
                stack.append((f"{path}.{key}" if path else key, child, depth + 1))
        elif isinstance(value, list | tuple):
            for n, child in enumerate(value):
                stack.append((f"{path}.{n}" if path else str(n), child, depth + 1))
        elif isinstance(value, str):
            if _bad_text(value):
                problems.append(
                    FieldProblem(path, "tiene caracteres no válidos (de control o sin pareja)")
                )
            elif len(value) > MAX_STRING:
                problems.append(FieldProblem(path, f"puede tener hasta {MAX_STRING} caracteres"))
        elif value is not None and not isinstance(value, bool | int | float | money.Decimal):
            problems.append(FieldProblem(path, "no es un valor JSON"))
    return sorted(problems, key=lambda p: p.field)


# Codes that are plain ASCII at the SAT and at gigstack. Python's regexes and int() read
# other scripts' digits ("٩", "９") as digits, so they are refused here, before any check
# that would wave them through.
_CODE_FIELDS = (
    ("client", "tax_system"),
    ("client", "use"),
    ("client", "id"),
    ("client", "address", "zip"),
    ("use",),
    ("payment_form",),
    ("currency",),
    ("automation_type",),
)
_ITEM_CODE_FIELDS = ("id", "product_key", "unit_key", "taxability")


def _code_problems(body: Mapping[str, Any]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []

    def check(path: tuple[str | int, ...], value: Any) -> None:
        if isinstance(value, str) and not value.isascii():
            problems.append(
                FieldProblem(
                    ".".join(str(p) for p in path),
                    "solo puede tener letras sin acento y números (0-9)",
                )
            )

    for path in _CODE_FIELDS:
        value: Any = body
        for part in path:
            value = value.get(part) if isinstance(value, Mapping) else None
        check(path, value)
    client = body.get("client")
    check(("client",), client)  # a client given as its id alone ("client": "client_...")
    rfc = client.get("tax_id") if isinstance(client, Mapping) else None
    if isinstance(rfc, str) and client_rules.rfc_characters_problem(rfc):
        # Ñ and & are RFC letters: the same check as the client dialog, not plain ASCII.
        problems.append(
            FieldProblem("client.tax_id", str(client_rules.rfc_characters_problem(rfc)))
        )
    items = body.get("items")
    if isinstance(items, list):
        for n, item in enumerate(items):
            if isinstance(item, Mapping):
                for name in _ITEM_CODE_FIELDS:
                    check(("items", n, name), item.get(name))
    return problems


def _normalized_rfc(body: Mapping[str, Any]) -> dict[str, Any]:
    """The RFC as the SAT writes it (upper case, no separators): "eku-900317-3c9" is fine."""
    result = dict(body)
    client = result.get("client")
    if isinstance(client, Mapping) and isinstance(client.get("tax_id"), str):
        result["client"] = {**client, "tax_id": fiscal.normalize_rfc(client["tax_id"])}
    return result


def _bad_text(text: str) -> bool:
    return any(
        0xD800 <= ord(ch) <= 0xDFFF or (ord(ch) < 32 and ch not in _ALLOWED_CONTROLS) for ch in text
    )


def _numbers(body: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """`body` with every amount and quantity read by `desktop.money` (the one parser and the
    one set of limits the counter and the dialogs use), and what it refused.

    Numbers may come as JSON numbers or as text ("12,5" reads 12.5, like at the counter).
    """
    problems: list[FieldProblem] = []
    result = dict(body)

    def read(where: str, value: Any, parse: Any, **kwargs: Any) -> Any:
        if value is None:
            return None
        try:
            return parse(value, **kwargs)
        except MoneyError as exc:
            problems.append(FieldProblem(where, exc.message))
            return value

    if "exchange_rate" in result:
        result["exchange_rate"] = read(
            "exchange_rate",
            result["exchange_rate"],
            money.parse_money,
            what="El tipo de cambio",
            maximum=MAX_EXCHANGE_RATE,
        )
    items = result.get("items")
    if not isinstance(items, list):
        return result, problems
    new_items: list[Any] = []
    for n, given in enumerate(items):
        if not isinstance(given, Mapping):
            new_items.append(given)
            continue
        item = dict(given)
        before = len(problems)
        if "quantity" in item:
            item["quantity"] = read(f"items.{n}.quantity", item["quantity"], money.parse_quantity)
        if "unit_price" in item:
            item["unit_price"] = read(
                f"items.{n}.unit_price", item["unit_price"], money.parse_money, allow_zero=True
            )
        if "discount" in item:
            item["discount"] = read(
                f"items.{n}.discount",
                item["discount"],
                money.parse_money,
                what="El descuento",
                allow_zero=True,
                maximum=money.MAX_LINE_AMOUNT,
            )
        taxes = item.get("taxes")
        if isinstance(taxes, list):
            new_taxes: list[Any] = []
            for t, given_tax in enumerate(taxes):
                tax = given_tax
                if isinstance(tax, Mapping) and "rate" in tax:
                    tax = {
                        **tax,
                        "rate": read(
                            f"items.{n}.taxes.{t}.rate",
                            tax["rate"],
                            money.parse_money,
                            what="La tasa",
                            allow_zero=True,
                        ),
                    }
                new_taxes.append(tax)
            item["taxes"] = new_taxes
        quantity, price = item.get("quantity"), item.get("unit_price")
        if (
            len(problems) == before
            and isinstance(quantity, money.Decimal)
            and isinstance(price, money.Decimal)
        ):
            # Never a $0.00 line (quantity 0.000001 x $1) and never one no sum can hold.
            try:
                amount = money.check_line(quantity, price, what=f"El renglón {n + 1}")
            except MoneyError as exc:
                problems.append(FieldProblem(f"items.{n}", exc.message))
            else:
                discount = item.get("discount")
                if isinstance(discount, money.Decimal) and discount >= amount:
                    problems.append(
                        FieldProblem(
                            f"items.{n}.discount",
                            "el descuento debe ser menor que el importe del renglón",
                        )
                    )
        new_items.append(item)
    result["items"] = new_items
    return result, problems


def _rfc_errors(rfc: str) -> list[str]:
    error, _warning = client_rules.check_rfc(rfc)
    return [error] if error else []


def check_payment(body: Mapping[str, Any]) -> CheckedSale:
    """Validate a register-payment body the way gigstack and the SAT will.

    Hostile input (deep nesting, lone surrogates, control characters, 1e30, quantities with
    more than 6 decimals, $0.00 lines) is refused here with a Spanish message per field.

    Raises:
        SaleRejectedError: With every problem found (not just the first).
    """
    structure = _structure_problems(body)
    if structure:  # nothing below may walk a body this deep, big or broken
        raise SaleRejectedError(structure)
    early = _code_problems(body)
    body, number_problems = _numbers(_normalized_rfc(body))
    early += number_problems
    try:
        request = RegisterPaymentRequest.model_validate(dict(body))
    except ValidationError as exc:
        # Every problem at once; a field refused above is said once, in those words.
        covered = {p.field for p in early}
        shape = [p for p in _shape_problems(body, exc) if p.field not in covered]
        raise SaleRejectedError(early + shape) from None
    if early:
        raise SaleRejectedError(early)
    problems: list[FieldProblem] = []
    warnings: list[FieldProblem] = []

    if request.payment_form is not None and fiscal.payment_form(request.payment_form) is None:
        problems.append(
            FieldProblem("payment_form", f"{request.payment_form} no es una forma de pago del SAT")
        )

    client = request.client
    if client.tax_id:
        # The client dialog's own check: the same words for the same RFC everywhere.
        error, warning = client_rules.check_rfc(client.tax_id)
        if error:
            problems.append(FieldProblem("client.tax_id", error))
        elif warning:
            warnings.append(FieldProblem("client.tax_id", warning))
    regime_problem = client_rules.regime_problem(client.tax_system or "")
    if regime_problem:
        problems.append(FieldProblem("client.tax_system", regime_problem))
    use = request.use or client.use
    if use:
        where = "use" if body.get("use") is not None else "client.use"
        problems += [
            FieldProblem(where, m) for m in fiscal.cfdi_use_errors(use, regime=client.tax_system)
        ]
    zip_code = client.address.zip if client.address else None
    zip_problem, _place = client_rules.check_zip(zip_code or "")
    if zip_problem:
        problems.append(FieldProblem("client.address.zip", zip_problem))

    priced = True
    for n, item in enumerate(request.items):
        if item.product_key and fiscal.product_key(item.product_key) is None:
            problems.append(
                FieldProblem(f"items.{n}.product_key", f"{item.product_key} no está en el catálogo")
            )
        if item.unit_key and fiscal.unit_key(item.unit_key) is None:
            problems.append(
                FieldProblem(f"items.{n}.unit_key", f"{item.unit_key} no está en el catálogo")
            )
        if item.unit_price is None or item.taxes is None:
            priced = False  # the server fills price or taxes from the service

    total = None
    if priced and not problems:
        try:
            total = fiscal.compute_totals(
                [item.model_dump(exclude_none=True) for item in request.items]
            ).total
        except ValueError as exc:
            problems.append(FieldProblem("items", str(exc)))
        else:
            try:
                money.check_total(total)
            except MoneyError as exc:
                problems.append(FieldProblem("items", exc.message))
    if problems:
        raise SaleRejectedError(problems)
    return CheckedSale(
        body=request.model_dump(mode="json", exclude_none=True), warnings=warnings, total=total
    )


# What the outbox adds to a queued body's metadata (not part of the caller's sale).
_ADDED_METADATA = ("local_id", "folio", "sold_at_epoch")


def same_sale(queued: Mapping[str, Any], body: Mapping[str, Any]) -> bool:
    """True when `body` (checked) is the sale already queued as `queued` (its stored payload).

    Compared as JSON (Decimals as text), ignoring what queuing adds to `metadata`; a
    `sold_at` is compared only when the caller gave one (queuing stamps it otherwise).
    """

    def plain(value: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        data = json.loads(json.dumps(value, default=str, sort_keys=True))
        metadata = data.pop("metadata", None) or {}
        data.pop("idempotency_key", None)
        return data, dict(metadata) if isinstance(metadata, dict) else {"": metadata}

    old, old_meta = plain(queued)
    new, new_meta = plain(body)
    for key in _ADDED_METADATA:
        old_meta.pop(key, None)
        new_meta.pop(key, None)
    if "sold_at" not in new_meta:
        old_meta.pop("sold_at", None)
    return old == new and old_meta == new_meta


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def _same_sale_of_queued_services(
    outbox: Outbox, queued: Mapping[str, Any], body: Mapping[str, Any], asked: Mapping[str, Any]
) -> bool:
    """`same_sale` for a caller's retry of a sale naming services created offline.

    Such a line is resolved when it is queued (inline, or with the service's id if it was
    already sent) and settled by the sender before the first send (`Outbox.settle`): a retry
    resolved later (the service sent meanwhile) or compared with the settled row differs from
    the row although it is the same sale, and refusing it would lead a feeding system to take a
    fresh key and sell it twice. So lines are compared by position: a line naming a queued
    service matches the row's line written for that service (inline for it, or with its
    gigstack id) charging what the caller charged; every other line and field exactly.
    """
    raw_items, queued_items, items = asked.get("items"), queued.get("items"), body.get("items")
    if not (
        isinstance(raw_items, list) and isinstance(queued_items, list) and isinstance(items, list)
    ):
        return False
    if not len(raw_items) == len(queued_items) == len(items):
        return False
    named = False
    for raw, old, new in zip(raw_items, queued_items, items, strict=True):
        ident = raw.get("id") if isinstance(raw, Mapping) else None
        if not isinstance(raw, Mapping) or not is_local_id(ident):
            if _plain(old) != _plain(new):
                return False
            continue
        named = True
        service = outbox.find_local(str(ident))
        if service is None or service.kind is not OutboxKind.CREATE_SERVICE:
            return False
        if not isinstance(old, Mapping) or not isinstance(new, Mapping):
            return False
        if old.get("id"):
            if not service.server_id or old.get("id") != service.server_id:
                return False
        elif not stands_for(old, service.payload):
            return False
        for name in _CHARGED_BY_CALLER:
            if raw.get(name) is not None and _plain(old.get(name)) != _plain(new.get(name)):
                return False
    if not named:
        return False

    def rest(value: Mapping[str, Any]) -> dict[str, Any]:
        metadata = value.get("metadata")
        metadata = dict(metadata) if isinstance(metadata, Mapping) else {}
        metadata.pop(SALE_WAITS_FOR_SERVICES_KEY, None)
        return {**{k: v for k, v in value.items() if k != "items"}, "metadata": metadata}

    return same_sale(rest(queued), rest(body))


#: What a caller charges on a line naming a queued service (compared on a retry).
_CHARGED_BY_CALLER = ("quantity", "unit_price", "discount", "taxes")


def serial_key_for(body: Mapping[str, Any]) -> str | None:
    """Sales that may create the same new client must go one after another."""
    client = body.get("client")
    if not isinstance(client, Mapping) or client.get("id"):
        return None
    search = client.get("search")
    if isinstance(search, Mapping) and search.get("auto_create"):
        value = str(search.get("on_value", "")).strip().upper()
        return f"client:{search.get('on_key')}:{value}"
    if client.get("tax_id"):
        return f"client:tax_id:{str(client['tax_id']).strip().upper()}"
    return None


# -- services created offline ---------------------------------------------------------------

_LOCAL_ID = re.compile(r"[0-9a-f]{32}")
#: What an inline line carries of the queued service it stands for (REFERENCE §2.13).
_INLINE_SERVICE_FIELDS = (
    "description",
    "sku",
    "product_key",
    "unit_key",
    "unit_name",
    "taxability",
)


def is_local_id(value: Any) -> bool:
    """A queued row's local id (32 hex digits): never a gigstack id (``service_…``)."""
    return isinstance(value, str) and bool(_LOCAL_ID.fullmatch(value))


def queued_service_line(line: Mapping[str, Any], service: Mapping[str, Any]) -> dict[str, Any]:
    """A sale line for a service still in the queue: an inline item (no ``id``) with the
    service's description and SAT keys, and the price and taxes the cashier charged (the
    service's own when the line has none)."""
    item = {k: service[k] for k in _INLINE_SERVICE_FIELDS if service.get(k) not in (None, "")}
    for name in ("unit_price", "taxes"):
        if service.get(name) is not None:
            item[name] = service[name]
    item.update({k: v for k, v in line.items() if k != "id" and v is not None})
    return item


def with_queued_services(
    outbox: Outbox, body: Mapping[str, Any], team: str | None
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """`body` with each line naming a queued service creation by its local id resolved.

    The counter and `queue add` name a service created offline by the local id of its queued
    creation (``"id": "<32 hex>"``): gigstack has no id for it yet. Such a line becomes an
    inline item carrying what the cashier charged (`queued_service_line`), and the creation's
    local id goes into ``metadata.service_local_ids``: the sender sends the sale after that
    creation, with the service's gigstack id (`service_line_with_id`). A creation already sent
    gives its id now; a discarded one leaves the line inline for good (nothing to wait for).
    """
    result = dict(body)
    items = result.get("items")
    if not isinstance(items, list):
        return result, []
    problems: list[FieldProblem] = []
    metadata = result.get("metadata")
    metadata = dict(metadata) if isinstance(metadata, Mapping) else {}
    waits = split_ids(metadata.get(SALE_WAITS_FOR_SERVICES_KEY))
    lines: list[Any] = []
    for n, line in enumerate(items):
        ident = line.get("id") if isinstance(line, Mapping) else None
        if not isinstance(line, Mapping) or not is_local_id(ident):
            lines.append(line)
            continue
        row = outbox.find_local(str(ident))
        if row is None or row.kind is not OutboxKind.CREATE_SERVICE:
            problems.append(FieldProblem(f"items.{n}.id", "no es un servicio de la Cola"))
            lines.append(line)
            continue
        if row.team != team:
            problems.append(FieldProblem(f"items.{n}.id", "el servicio es de otro equipo"))
            lines.append(line)
            continue
        if row.state is OutboxState.SENT and row.server_id:
            lines.append(service_line_with_id(line, row.server_id))
            continue
        lines.append(queued_service_line(line, row.payload))
        if row.state is not OutboxState.DISCARDED and row.local_id not in waits:
            waits.append(row.local_id)
    result["items"] = lines
    if waits:
        metadata[SALE_WAITS_FOR_SERVICES_KEY] = ",".join(waits)
        result["metadata"] = metadata
    return result, problems


def queue_payment(
    outbox: Outbox, body: Mapping[str, Any], *, team: str | None = None
) -> OutboxItem:
    """Validate and queue one sale; returns the stored outbox row.

    The row's local id and folio are written into the body's `metadata`, so the payment can be
    found on gigstack later (and a receipt shows the same folio the server has). A body that
    brings its own `idempotency_key` (a system feeding the counter) keeps it as the row's key,
    and queuing it again returns the row already queued instead of a second sale.

    A line may name a service created offline by its queued creation's local id
    (`with_queued_services`): it is sent after that service, with its gigstack id.

    Raises:
        SaleRejectedError: Nothing was queued.
    """
    asked = body
    if isinstance(body, Mapping):
        body, queued_problems = with_queued_services(outbox, body, team)
        if queued_problems:
            raise SaleRejectedError(queued_problems)
    checked = check_payment(body)
    own_key = checked.body.pop("idempotency_key", None)
    if own_key:
        existing = outbox.find_by_key(own_key)
        if existing is not None:
            return _same_or_refused(
                existing, checked.body, team, own_key, asked=asked, outbox=outbox
            )

    def build(identity: Identity) -> dict[str, Any]:
        metadata = dict(checked.body.get("metadata") or {})
        metadata["local_id"] = identity.local_id
        if identity.folio:
            metadata["folio"] = identity.folio
        return {**checked.body, "metadata": metadata}

    try:
        return outbox.enqueue(
            OutboxKind.REGISTER_PAYMENT,
            build,
            team=team,
            serial_key=serial_key_for(checked.body),
            idempotency_key=own_key,
        )
    except sqlite3.IntegrityError:
        # Another process queued the same key between our lookup and our write (the key is
        # UNIQUE): answer as if it had been there first.
        existing = outbox.find_by_key(own_key) if own_key else None
        if existing is None:
            raise
        return _same_or_refused(existing, checked.body, team, asked=asked, outbox=outbox)


def _same_or_refused(
    existing: OutboxItem,
    body: Mapping[str, Any],
    team: str | None,
    key: str | None = None,
    *,
    asked: Mapping[str, Any] | None = None,
    outbox: Outbox | None = None,
) -> OutboxItem:
    """The row already queued under a caller's key: the same sale again, or an error.

    A row a person edited since (it has a new key; the caller's is in its history) is the
    caller's sale as corrected: the caller's body is the one before the correction, so it is
    not compared. Returning the row is what keeps a retry from selling it twice.
    """
    if (
        key is not None
        and existing.idempotency_key != key
        and existing.kind is OutboxKind.REGISTER_PAYMENT
        and existing.team == team
    ):
        # Only a sale: a key found in another kind's history (an invoice a feeding system
        # queued under the same key, then edited) is refused below, never taken for this sale.
        return existing
    same = same_sale(existing.payload, body) or (
        outbox is not None
        and asked is not None
        and _same_sale_of_queued_services(outbox, existing.payload, body, asked)
    )
    if existing.kind is not OutboxKind.REGISTER_PAYMENT or existing.team != team or not same:
        raise SaleRejectedError(
            [
                FieldProblem(
                    "idempotency_key",
                    f"ya se usó para otra venta ({existing.folio or existing.local_id});"
                    " usa una clave nueva para una venta distinta",
                )
            ]
        )
    return existing
