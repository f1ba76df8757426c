"""What a queued row's body says, read once, leniently (the Cola page and its dialogs).

An `OutboxItem` is already typed; its ``payload`` is the JSON body that will be sent, and may
have been edited by hand (the parked-row dialog's JSON tab), so it is read as loosely as a
server record. A sale's body reads through `PaymentView` (see the Cola page); the bodies of
clients and services, and a sale's client, read here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from desktop.records._read import mapping, text
from desktop.records.clients import ClientView


@dataclass(frozen=True)
class QueuedChange:
    """A queued client or service: a create (the record itself) or an update
    (``{id, changes}``, what `desktop.store.outbox` queues for an edit)."""

    #: The record an update changes; "" for a create.
    target_id: str
    #: The body's own name: ``name``, else ``legal_name``, else ``description`` (a service).
    name: str
    #: The fields an update changes, sorted; () for a create.
    changed: tuple[str, ...] = ()

    @classmethod
    def from_payload(cls, payload: Any) -> QueuedChange:
        body = mapping(payload)
        changes = body.get("changes")
        return cls(
            target_id=text(body.get("id")) if isinstance(changes, Mapping) else "",
            name=text(body.get("name") or body.get("legal_name") or body.get("description")),
            changed=tuple(sorted(str(k) for k in changes)) if isinstance(changes, Mapping) else (),
        )


def queued_client(payload: Any) -> ClientView:
    """A queued sale's or invoice's client as typed, with the CFDI use where the body keeps it.

    ``use`` travels inside ``client`` (REFERENCE §16: what gigstack's seed example does); a body
    edited by hand may carry it at the top level, which then wins (what would be sent).
    """
    body = mapping(payload)
    client = ClientView.from_record(body.get("client"))
    use = text(body.get("use"))
    return replace(client, use=use) if use else client


def payment_form_of(payload: Any) -> str:
    """The SAT payment form a queued sale or invoice names ("" when none)."""
    return text(mapping(payload).get("payment_form"))


def known_name(record: Mapping[str, Any] | None) -> str:
    """How a cached client or service is called: ``name``, else ``description``."""
    found = mapping(record)
    return text(found.get("name") or found.get("legal_name") or found.get("description"))
