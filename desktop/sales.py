"""Sale intake: validate a register-payment body, then queue it. The one way a sale enters.

Both the counter window and `python -m desktop queue add` go through `queue_payment()`:
fiscal validation (shape, RFC, SAT catalogs, totals) first, then a single outbox transaction.
Nothing is queued when validation fails, and every problem is reported with the field it
belongs to, in Spanish, so the UI can show it next to that field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from desktop import fiscal
from desktop.gigstack.models import RegisterPaymentRequest
from desktop.store.outbox import Identity, Outbox, OutboxItem, OutboxKind

_PYDANTIC_MESSAGES = {
    "missing": "es obligatorio",
    "extra_forbidden": "no es un campo permitido",
    "string_pattern_mismatch": "no tiene el formato correcto",
    "greater_than": "debe ser mayor que {gt}",
    "greater_than_equal": "no puede ser negativo",
    "decimal_parsing": "debe ser un número",
    "too_short": "no puede estar vacío",
    "value_error": "{msg}",
}


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
            ctx["msg"] = str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
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
        detail = [FieldProblem("client.tax_id", m) for m in fiscal.validate_rfc(rfc).errors]
        problems = [p for p in problems if p.field != "client.tax_id"] + detail
    return problems


def check_payment(body: Mapping[str, Any]) -> CheckedSale:
    """Validate a register-payment body the way gigstack and the SAT will.

    Raises:
        SaleRejectedError: With every problem found (not just the first).
    """
    try:
        request = RegisterPaymentRequest.model_validate(dict(body))
    except ValidationError as exc:
        raise SaleRejectedError(_shape_problems(body, exc)) from None
    problems: list[FieldProblem] = []
    warnings: list[FieldProblem] = []

    if fiscal.payment_form(request.payment_form) is None:
        problems.append(
            FieldProblem("payment_form", f"{request.payment_form} no es una forma de pago del SAT")
        )

    client = request.client
    if client.tax_id:
        rfc = fiscal.validate_rfc(client.tax_id)
        problems += [FieldProblem("client.tax_id", m) for m in rfc.errors]
        warnings += [FieldProblem("client.tax_id", m) for m in rfc.warnings]
    if client.tax_system and fiscal.tax_regime(client.tax_system) is None:
        problems.append(
            FieldProblem("client.tax_system", f"{client.tax_system} no es un régimen fiscal")
        )
    use = request.use or client.use
    if use:
        where = "use" if request.use else "client.use"
        problems += [
            FieldProblem(where, m) for m in fiscal.cfdi_use_errors(use, regime=client.tax_system)
        ]
    zip_code = client.address.zip if client.address else None
    if zip_code and fiscal.postal_code(zip_code) is None:
        problems.append(FieldProblem("client.address.zip", f"{zip_code} no es un código postal"))

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
            if total <= 0:
                problems.append(FieldProblem("items", "el total de la venta debe ser mayor a 0"))
    if problems:
        raise SaleRejectedError(problems)
    return CheckedSale(
        body=request.model_dump(mode="json", exclude_none=True), warnings=warnings, total=total
    )


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


def queue_payment(
    outbox: Outbox, body: Mapping[str, Any], *, team: str | None = None
) -> OutboxItem:
    """Validate and queue one sale; returns the stored outbox row.

    The row's local id and folio are written into the body's `metadata`, so the payment can be
    found on gigstack later (and a receipt shows the same folio the server has). A body that
    brings its own `idempotency_key` (a system feeding the counter) keeps it as the row's key,
    and queuing it again returns the row already queued instead of a second sale.

    Raises:
        SaleRejectedError: Nothing was queued.
    """
    checked = check_payment(body)
    own_key = checked.body.pop("idempotency_key", None)
    if own_key:
        existing = outbox.find_by_key(own_key)
        if existing is not None:
            return existing

    def build(identity: Identity) -> dict[str, Any]:
        metadata = dict(checked.body.get("metadata") or {})
        metadata["local_id"] = identity.local_id
        if identity.folio:
            metadata["folio"] = identity.folio
        return {**checked.body, "metadata": metadata}

    return outbox.enqueue(
        OutboxKind.REGISTER_PAYMENT,
        build,
        team=team,
        serial_key=serial_key_for(checked.body),
        idempotency_key=own_key,
    )
