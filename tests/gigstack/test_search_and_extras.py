"""Routes gigstack's own clients call beyond the seed list (REFERENCE §16.4).

Search runs against the sandbox. Resending an invoice, credit notes and payment complements
are not served by the sandbox, so a loopback server records what goes out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from desktop.gigstack import Client, GigstackClient, InvalidRequestError, Invoice, Payment, Receipt

from .loopback import Answer, LoopbackServer, Seen


def test_client_search_pages_by_number(api: GigstackClient, sandbox: Any) -> None:
    everyone = list(api.clients.list(limit=100))
    wanted = next(c for c in everyone if c.tax_id and c.name)
    assert wanted.tax_id
    hits = api.clients.search(wanted.tax_id.lower())
    assert [c.id for c in hits] == [wanted.id]
    assert all(isinstance(c, Client) for c in hits)
    assert sandbox.requests[-1].query == {"q": wanted.tax_id.lower()}

    first = api.clients.search("a", page=1, limit=2)
    assert len(first) == 2 and first.has_more
    assert first.total_results is not None and first.total_results > 2
    second = api.clients.search("a", page=2, limit=2)
    assert {c.id for c in first}.isdisjoint({c.id for c in second})
    assert sandbox.requests[-1].query == {"q": "a", "page": "2", "limit": "2"}


def test_search_other_resources(api: GigstackClient, sandbox: Any) -> None:
    payments = api.payments.search("a", limit=5, status="succeeded")
    assert all(isinstance(p, Payment) for p in payments)
    assert sandbox.requests[-1].query == {"q": "a", "limit": "5", "status": "succeeded"}
    invoices = api.invoices.search("a", limit=5)
    assert all(isinstance(i, Invoice) for i in invoices)
    receipts = api.receipts.search("publico", client_id="client_x")
    assert all(isinstance(r, Receipt) for r in receipts)
    assert sandbox.requests[-1].query == {"q": "publico", "client_id": "client_x"}
    assert sandbox.requests[-1].path.endswith("/receipts/search")


@pytest.mark.parametrize(
    "kwargs",
    [{"q": ""}, {"q": "   "}, {"q": "x", "page": 0}, {"q": "x", "limit": 101}],
)
def test_search_is_checked_before_sending(
    api: GigstackClient, sandbox: Any, kwargs: dict[str, Any]
) -> None:
    before = len(sandbox.requests)
    with pytest.raises(InvalidRequestError):
        api.clients.search(**kwargs)
    assert len(sandbox.requests) == before


def _extras(seen: Seen) -> Answer:
    if seen.path.endswith("/send"):
        return Answer(200, {"message": "Invoice sent successfully", "data": {"id": "invoice_1"}})
    if seen.path == "/teams/team_1/onboarding-url":
        return Answer(200, {"message": "ok", "data": {"url": "https://onboarding.example/t1"}})
    if seen.path == "/users/login-link":
        return Answer(200, {"message": "Login link created", "data": {"url": "https://l/1"}})
    if seen.path in ("/invoices/egress", "/invoices/payment"):
        return Answer(200, {"data": [{"uuid": "invoice_e1", "total": 10}], "has_more": False})
    return Answer(404, {"message": "Not found", "error": "not_found"})


@pytest.fixture
def extras() -> Iterator[tuple[GigstackClient, LoopbackServer]]:
    server = LoopbackServer(_extras).start()
    try:
        with GigstackClient("sk_test_extras_key", base_url=server.base_url) as api:
            yield api, server
    finally:
        server.stop()


def test_resend_invoice(extras: tuple[GigstackClient, LoopbackServer]) -> None:
    api, server = extras
    ack = api.invoices.send("invoice_1", emails=["cliente@example.com"])
    assert ack.message == "Invoice sent successfully"
    assert server.seen[-1].method == "POST"
    assert server.seen[-1].path == "/invoices/invoice_1/send"
    assert server.seen[-1].json == {"emails": ["cliente@example.com"]}

    api.invoices.send("invoice_1")
    assert server.seen[-1].body == b""  # no recipients given: no body, gigstack's default

    count = len(server.seen)
    for bad in ([], ["not-an-email"]):
        with pytest.raises(InvalidRequestError):
            api.invoices.send("invoice_1", emails=bad)
    assert len(server.seen) == count


def test_credit_notes_and_complements(extras: tuple[GigstackClient, LoopbackServer]) -> None:
    api, server = extras
    notes = api.invoices.list_egress_page(limit=5, client_id="client_1")
    assert [n.id for n in notes] == ["invoice_e1"]
    assert server.seen[-1].path == "/invoices/egress"
    assert server.seen[-1].query == {"limit": "5", "client_id": "client_1"}
    complements = api.invoices.list_payment_complements_page()
    assert complements.items[0].uuid == "invoice_e1"
    assert server.seen[-1].path == "/invoices/payment"


def test_onboarding_and_login_links(extras: tuple[GigstackClient, LoopbackServer]) -> None:
    api, server = extras
    onboarding = api.teams.onboarding_url("team_1")
    assert onboarding.data == {"url": "https://onboarding.example/t1"}
    assert server.seen[-1].method == "GET"
    link = api.users.login_link("user_1")
    assert link.message == "Login link created"
    assert link.data == {"url": "https://l/1"}
    assert server.seen[-1].json == {"user_id": "user_1"}
    count = len(server.seen)
    with pytest.raises(InvalidRequestError):
        api.users.login_link("")
    assert len(server.seen) == count
