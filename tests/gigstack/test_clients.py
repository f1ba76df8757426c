"""``client.clients`` against the sandbox: every method, success and failure."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gigstack import (
    BadRequestError,
    Client,
    ClientInput,
    ConflictError,
    GigstackClient,
    InvalidRequestError,
    NotFoundError,
    Page,
    PortalToken,
    StampReceiptsResult,
)

from .helpers import PUBLIC_RFC, new_rfc


def _any_client(api: GigstackClient) -> Client:
    page = api.clients.list_page(limit=5)
    assert page.items, "demo seed should have clients"
    return page.items[0]


def test_list_finds_public_general_client(api: GigstackClient) -> None:
    clients = list(api.clients.list(limit=100))
    assert len(clients) >= 2
    assert all(isinstance(c, Client) for c in clients)
    public = [c for c in clients if c.tax_id == PUBLIC_RFC]
    assert public, "demo seed has Público en general"
    assert public[0].id


def test_list_page_shape(api: GigstackClient) -> None:
    page = api.clients.list_page(limit=2)
    assert isinstance(page, Page)
    assert len(page.items) <= 2
    assert page.total_results is None or page.total_results >= len(page.items)
    if page.has_more:
        assert page.next
        second = api.clients.list_page(limit=2, next=page.next)
        assert {c.id for c in second.items}.isdisjoint({c.id for c in page.items})


def test_list_rejects_bad_limit_before_sending(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        api.clients.list(limit=500)
    with pytest.raises(InvalidRequestError):
        api.clients.list_page(limit=0)
    assert len(sandbox.requests) == 0


def test_list_unknown_cursor_is_rejected_by_server(api: GigstackClient) -> None:
    with pytest.raises((BadRequestError, NotFoundError)):
        api.clients.list_page(limit=2, next="definitely-not-a-cursor")


def test_create_get_update_delete(api: GigstackClient) -> None:
    rfc = new_rfc()
    created = api.clients.create(
        {
            "name": "Abarrotes Doña Mary",
            "legal_name": "ABARROTES DOÑA MARY",
            "email": "mary@example.com",
            "tax_id": rfc,
            "tax_system": "601",
            "use": "G03",
            "address": {"zip": "03100", "country": "Mexico", "street": "Av. 1", "exterior": "5"},
            "metadata": {"local_id": "cli-1"},
        }
    )
    assert created.id
    assert created.tax_id == rfc
    assert created.was_created is True

    fetched = api.clients.get(created.id)
    assert fetched.id == created.id
    assert fetched.email == "mary@example.com"
    assert fetched.was_created is None

    updated = api.clients.update(created.id, {"email": "nuevo@example.com", "tax_system": "612"})
    assert updated.email == "nuevo@example.com"
    assert updated.tax_system == "612"

    deleted = api.clients.delete(created.id)
    assert deleted.id in (None, created.id)
    with pytest.raises(NotFoundError) as info:
        api.clients.get(created.id)
    assert info.value.status == 404
    assert info.value.outcome_unknown is False


def test_create_with_model_and_search_returns_existing(api: GigstackClient) -> None:
    rfc = new_rfc()
    first = api.clients.create(ClientInput(legal_name="FERRETERIA EL CLAVO", tax_id=rfc))
    assert first.was_created is True
    again = api.clients.create(
        ClientInput(legal_name="FERRETERIA EL CLAVO", tax_id=rfc),
        search={"on_key": "tax_id", "on_value": rfc},
    )
    assert again.was_created is False
    assert again.id == first.id


def test_create_search_ambiguous_is_conflict(api: GigstackClient) -> None:
    for _ in range(2):
        api.clients.create({"name": "Cliente Repetido", "email": "rep@example.com"})
    with pytest.raises(ConflictError) as info:
        api.clients.create(
            {"name": "Cliente Repetido"}, search={"on_key": "name", "on_value": "Cliente Repetido"}
        )
    assert info.value.status == 409
    assert info.value.message
    assert info.value.body is not None  # the queue reads a 409's body


def test_create_rejected_by_server_for_impossible_rfc_date(api: GigstackClient) -> None:
    # Right shape for the client (it checks shapes only), but month 13 does not exist:
    # the server's rule, not ours.
    with pytest.raises(BadRequestError) as info:
        api.clients.create({"legal_name": "MAL RFC", "tax_id": "MOS901301AB1"})
    assert info.value.status == 400
    assert "tax_id" in str(info.value)


def test_create_invalid_locally_sends_nothing(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        api.clients.create({"name": "x", "email": "not-an-email"})
    with pytest.raises(InvalidRequestError):
        api.clients.create({"name": "x", "colour": "blue"})  # unknown field
    assert len(sandbox.requests) == 0


def test_update_and_delete_unknown(api: GigstackClient) -> None:
    with pytest.raises(NotFoundError):
        api.clients.update("client_does_not_exist", {"email": "a@b.mx"})
    with pytest.raises(NotFoundError):
        api.clients.delete("client_does_not_exist")


def test_validate(api: GigstackClient) -> None:
    client = _any_client(api)
    assert client.id
    validated = api.clients.validate(client.id)
    assert isinstance(validated, Client)
    with pytest.raises(NotFoundError):
        api.clients.validate("client_does_not_exist")


def test_portal_token(api: GigstackClient) -> None:
    client = _any_client(api)
    assert client.id
    token = api.clients.portal_token(client_id=client.id)
    assert isinstance(token, PortalToken)
    assert token.url
    with pytest.raises(NotFoundError):
        api.clients.portal_token(client_id="client_does_not_exist")
    with pytest.raises(InvalidRequestError):
        api.clients.portal_token()  # neither id nor email


def test_portal_token_by_email(api: GigstackClient) -> None:
    created = api.clients.create({"name": "Con correo", "email": "portal@example.com"})
    token = api.clients.portal_token(email="portal@example.com")
    assert token.url
    assert created.id


def test_stamp_pending_receipts(api: GigstackClient) -> None:
    client = _any_client(api)
    assert client.id
    result = api.clients.stamp_pending_receipts(client.id)
    assert isinstance(result, StampReceiptsResult)
    with pytest.raises(NotFoundError):
        api.clients.stamp_pending_receipts("client_does_not_exist")


def test_get_escapes_path_ids(api: GigstackClient, sandbox: Any) -> None:
    # An id with a slash must not reach another route.
    with pytest.raises(NotFoundError):
        api.clients.get("../payments")
    with pytest.raises(InvalidRequestError):
        api.clients.get("")
