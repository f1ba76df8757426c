"""Plumbing shared by the resource modules: JSON codec, body coercion, query building.

Kept apart from ``client.py`` so the resource modules can use it without importing the client
(which imports them).

Defensive reading (REFERENCE §16.3): one odd record never fails a page or a refresh. A record
that does not validate is read again without the top-level fields that failed (they stay in
``record.raw``, listed in ``record.unreadable_fields``); a list item that is not even an object
is skipped and counted. Each kind of oddity is logged once per process (field names only,
never values: records hold RFCs and e-mails), not once per page.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, Protocol, TypeVar, cast
from urllib.parse import quote

import pydantic

from desktop.gigstack.errors import InvalidRequestError, InvalidResponseError
from desktop.gigstack.models._types import (
    IDEMPOTENCY_KEY_PATTERN,
    ApiModel,
    RequestModel,
    attach,
)
from desktop.gigstack.pagination import Page, Paginator

_log = logging.getLogger("desktop.gigstack")

M = TypeVar("M", bound=ApiModel)
R = TypeVar("R", bound=RequestModel)

SortOrder = Literal["asc", "desc"]

# --------------------------------------------------------------------------------------------
# JSON


def loads(content: bytes) -> Any:
    """Parse a response body keeping every JSON fraction as an exact ``Decimal``.

    ``parse_float=Decimal`` hands the number's literal text to ``Decimal``, so ``1160.1``
    becomes ``Decimal("1160.1")`` and never passes through a binary float.
    """
    return json.loads(content, parse_float=Decimal)


def dumps(value: Any) -> bytes:
    """Serialise a request body, writing ``Decimal`` values as JSON numbers (not strings).

    The stdlib encoder cannot emit a ``Decimal`` as a number and pydantic's JSON mode turns it
    into a string, so we write the (small) bodies ourselves.
    """
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode("utf-8")


def _encode(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("cannot send a non-finite number")
        # Fixed-point text: "1E+3" would be valid JSON too, but plain digits are what every
        # server parses the same way.
        out.append(format(value, "f"))
    elif isinstance(value, int):
        out.append(str(int(value)))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("cannot send a non-finite number")
        out.append(repr(value))
    elif isinstance(value, str):
        out.append(json.dumps(str(value), ensure_ascii=False))
    elif isinstance(value, Mapping):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot serialise {type(value).__name__} to JSON")


# --------------------------------------------------------------------------------------------
# Transport contract between resources and the client


@dataclass(slots=True)
class ApiResponse:
    """A successful (2xx, not ``success: false``) gigstack answer, envelope unpacked."""

    status_code: int
    method: str
    path: str
    data: Any
    message: str | None = None
    envelope: dict[str, Any] = field(default_factory=dict)


class Requester(Protocol):
    """What the resource modules need from :class:`~desktop.gigstack.GigstackClient`."""

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        team: str | None = None,
    ) -> ApiResponse:
        """Send a request and return the unpacked envelope, or raise a GigstackError."""
        ...


class Resource:
    """Base of the resource namespaces (``client.clients`` ...)."""

    def __init__(self, requester: Requester) -> None:
        self._requester = requester

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        team: str | None = None,
    ) -> ApiResponse:
        return self._requester.send(method, path, params=params, body=body, team=team)

    def _list_page(
        self, path: str, model: type[M], params: Mapping[str, str], team: str | None
    ) -> Page[M]:
        response = self._send("GET", path, params=params, team=team)
        return parse_page(response, model)

    def _search(
        self,
        path: str,
        model: type[M],
        q: str,
        *,
        page: int | None,
        limit: int | None,
        filters: Mapping[str, str | None],
        team: str | None,
    ) -> Page[M]:
        """One page of a free-text ``/…/search`` endpoint (REFERENCE §2.5, §16.4).

        Page-numbered (``page`` from 1), unlike the cursor lists; the page's
        ``total_results`` is the server's ``found`` count. gigstack may ignore filters it
        does not support: callers check what comes back.
        """
        params = search_params(q, page=page, limit=limit, filters=filters)
        return self._list_page(path, model, params, team)

    @staticmethod
    def _paginate(list_page: Callable[..., Page[M]], **arguments: Any) -> Paginator[M]:
        """A lazy :class:`Paginator` calling ``list_page(next=cursor, **arguments)``.

        The arguments ``list_params`` knows (limit, order, sort, dates, metadata) are checked
        now, so a bad one raises when the list is asked for rather than on first iteration;
        resource-specific filters (status, client_id ...) and ``team`` go through as given.
        The public ``list()`` methods keep their typed keywords and hand them over here.
        """
        list_params(**{key: arguments[key] for key in _PAGINATE_CHECKED if key in arguments})

        def fetch(cursor: str | None) -> Page[M]:
            return list_page(next=cursor, **arguments)

        return Paginator(fetch)


#: Arguments :meth:`Resource._paginate` validates up front (the rest pass through).
_PAGINATE_CHECKED = ("limit", "order_by", "sort", "created_gte", "created_lte", "metadata")


# --------------------------------------------------------------------------------------------
# Requests: ids, bodies, queries


def segment(value: str, what: str = "id") -> str:
    """Validate a path id and percent-encode it so it cannot change the path's shape."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(f"{what} must be a non-empty string")
    return quote(value, safe="")


def _validation_error(exc: pydantic.ValidationError, what: str) -> InvalidRequestError:
    # include_input=False: inputs may hold personal data (RFCs, emails) that must not end up
    # in logs through an exception message.
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    summary = "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or what}: {error['msg']}"
        for error in errors[:5]
    )
    if len(errors) > 5:
        summary += f"; and {len(errors) - 5} more"
    return InvalidRequestError(f"invalid {what}: {summary}", details=errors)


def coerce_body(model: type[R], body: R | Mapping[str, Any], **extra: Any) -> R:
    """Turn a model instance or a plain mapping into a validated request model.

    ``extra`` holds fields supplied as keyword arguments (``idempotency_key``, ``search``);
    ``None`` values are ignored and a value that contradicts the body is an error.

    Raises:
        InvalidRequestError: The body does not validate; nothing is sent.
    """
    extra = {key: value for key, value in extra.items() if value is not None}
    try:
        if isinstance(body, model):
            if not extra:
                return body
            data = body.model_dump(by_alias=True, exclude_unset=True)
        elif isinstance(body, Mapping):
            data = dict(body)
        else:
            raise InvalidRequestError(
                f"body must be a {model.__name__} or a mapping, not {type(body).__name__}"
            )
        for key, value in extra.items():
            current = data.get(key)
            if current is not None and _plain(current) != _plain(value):
                raise InvalidRequestError(f"{key} given twice with different values")
            data[key] = value
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise _validation_error(exc, model.__name__) from None


def _plain(value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(by_alias=True, exclude_none=True)
    return value


def body_json(
    model: RequestModel, *, exclude_unset: bool = False, order_like: Any = None
) -> dict[str, Any]:
    """The JSON-ready dict of a request model (``Decimal`` kept for :func:`dumps`).

    Args:
        model: The validated request.
        exclude_unset: Leave out fields never set (instead of fields that are ``None``).
        order_like: The caller's own body (a mapping). Keys are then sent in the caller's
            order, at every depth, so a body goes out as written; fields the client added
            (``idempotency_key``) follow.
    """
    if exclude_unset:
        data = model.model_dump(mode="python", by_alias=True, exclude_unset=True)
    else:
        data = model.model_dump(mode="python", by_alias=True, exclude_none=True)
    if isinstance(order_like, Mapping):
        ordered = _order_like(data, order_like)
        assert isinstance(ordered, dict)
        return ordered
    return data


def _order_like(value: Any, template: Any) -> Any:
    if isinstance(value, dict) and isinstance(template, Mapping):
        out = {key: _order_like(value[key], template[key]) for key in template if key in value}
        out.update((key, item) for key, item in value.items() if key not in out)
        return out
    if (
        isinstance(value, list)
        and isinstance(template, Sequence)
        and not isinstance(template, str | bytes)
        and len(value) == len(template)
    ):
        return [_order_like(item, shape) for item, shape in zip(value, template, strict=True)]
    return value


def check_idempotency_key(key: str | None, *, required: bool = False) -> str | None:
    """Validate an idempotency key (REFERENCE §2.7) before it is put in a body."""
    if key is None:
        if required:
            raise InvalidRequestError("an idempotency_key is required")
        return None
    if not isinstance(key, str) or not re.fullmatch(IDEMPOTENCY_KEY_PATTERN, key):
        raise InvalidRequestError("idempotency_key must be 8-128 characters of A-Z a-z 0-9 . _ : -")
    return key


def search_params(
    q: str,
    *,
    page: int | None = None,
    limit: int | None = None,
    filters: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """Query of a ``/…/search`` endpoint (REFERENCE §2.5: ``q``, ``page``, ``limit``)."""
    if not isinstance(q, str) or not q.strip():
        raise InvalidRequestError("q must be a non-empty search text")
    params = {"q": q.strip()}
    if page is not None:
        if isinstance(page, bool) or not isinstance(page, int) or page < 1:
            raise InvalidRequestError("page must be an integer from 1")
        params["page"] = str(page)
    params.update(list_params(limit=limit, filters=filters))
    return params


def _epoch(value: datetime | int, name: str) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InvalidRequestError(f"{name} must be a timezone-aware datetime")
        return str(int(value.timestamp()))
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidRequestError(f"{name} must be an aware datetime or epoch seconds")
    return str(value)


def _text(value: str | int | bool | Decimal, name: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | Decimal):
        return str(value)
    raise InvalidRequestError(f"{name} must be a string, number or boolean")


def list_params(
    *,
    limit: int | None = None,
    next: str | None = None,
    order_by: str | None = None,
    sort: str | None = None,
    created_gte: datetime | int | None = None,
    created_lte: datetime | int | None = None,
    metadata: Mapping[str, str | int | bool] | None = None,
    filters: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """Build and check the query string of a list request (REFERENCE §2.5).

    * ``limit`` must be 1–100 (documented range).
    * REFERENCE §2.5/§15.7: the invoices guide writes ``created_gte``/``created_lte`` while
      gigstack's CLI and n8n send ``created[gte]``/``created[lte]`` (epoch seconds); we send the
      bracket form used by working code.
    * ``metadata={"local_id": "x"}`` becomes ``metadata.local_id=x`` — the dotted form the
      guide lists first (it also lists ``metadata_{key}``).
    """
    params: dict[str, str] = {}
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100:
            raise InvalidRequestError("limit must be an integer from 1 to 100")
        params["limit"] = str(limit)
    if next is not None:
        if not isinstance(next, str) or not next:
            raise InvalidRequestError("next must be a non-empty cursor string")
        params["next"] = next
    if order_by is not None:
        params["order_by"] = _text(order_by, "order_by")
    if sort is not None:
        if sort not in ("asc", "desc"):
            raise InvalidRequestError("sort must be 'asc' or 'desc'")
        params["sort"] = sort
    if created_gte is not None:
        params["created[gte]"] = _epoch(created_gte, "created_gte")
    if created_lte is not None:
        params["created[lte]"] = _epoch(created_lte, "created_lte")
    for key, value in (metadata or {}).items():
        if not isinstance(key, str) or not key or "." in key:
            raise InvalidRequestError("metadata filter keys must be non-empty, without dots")
        params[f"metadata.{key}"] = _text(value, f"metadata.{key}")
    for key, filter_value in (filters or {}).items():
        if filter_value is not None:
            params[key] = _text(filter_value, key)
    return params


# --------------------------------------------------------------------------------------------
# Responses


def parse_model(model: type[M], response: ApiResponse, *, require_data: bool = False) -> M:
    """Validate ``response.data`` as ``model``.

    Args:
        model: The response model.
        response: The unpacked answer.
        require_data: Fail when ``data`` is missing or null. Set where the resource is the
            whole point of the call (get/create/register); left off where the docs show an
            empty or no ``data`` (delete, cancel, settings ...), which then parse as an
            empty model. With it, an ``id`` that is present but unreadable also fails.

    Any other field with an unknown shape is left out rather than failing the call (see
    :func:`read_record`): a registered payment whose ``items`` look odd is still registered.

    Raises:
        InvalidResponseError: ``data`` does not have the expected shape. ``outcome_unknown``
            is set: the server answered 2xx, so it may have done the work.
    """
    data = response.data
    if data is None:
        if require_data:
            raise _bad_response(response, model.__name__, None)
        data = {}
    if not isinstance(data, Mapping):
        raise _bad_response(response, model.__name__, None)
    problems: dict[tuple[str, ...], int] = {}
    record = read_record(model, data, problems)
    if require_data and {"id", "uuid", "*"} & set(record.unreadable_fields):
        # The record's identity is unreadable: an answer that cannot say *which* payment
        # (client, receipt ...) was made confirms nothing. Outcome unknown, as before.
        raise _bad_response(response, model.__name__, None)
    _report(model, response.path, problems, skipped=0)
    return record


def parse_list(model: type[M], response: ApiResponse) -> list[M]:
    """Validate ``response.data`` as a list of ``model``.

    An item that fails strict parsing is kept with the readable part (see
    :func:`read_record`); an item that is not an object at all (a bare string, ``null``) is
    skipped. Either is logged once, never raised: one odd record must not fail a page.
    """
    data = response.data
    if data is None:
        return []
    if not isinstance(data, Sequence) or isinstance(data, str | bytes):
        raise _bad_response(response, f"list of {model.__name__}", None)
    items: list[M] = []
    problems: dict[tuple[str, ...], int] = {}
    skipped = 0
    for entry in data:
        if isinstance(entry, Mapping):
            items.append(read_record(model, entry, problems))
        else:
            skipped += 1
    _report(model, response.path, problems, skipped=skipped)
    return items


#: Attempts at dropping failing fields before giving up on a record's typed fields.
_SALVAGE_ROUNDS = 4


def read_record(
    model: type[M], data: Mapping[str, Any], problems: dict[tuple[str, ...], int] | None = None
) -> M:
    """Parse one record leniently: never raises for a mapping.

    Strict parse first; on failure each field named by an error is left out — as deep as the
    record's objects go, so a bad ``client.address`` costs the address, not the client — and
    the rest parsed again (a few rounds). If even that fails, an empty model with the raw
    record. The result's ``raw`` is ``data`` itself (never modified) and ``unreadable_fields``
    names what was left out (dotted paths); ``problems`` (if given) counts records per tuple
    of those paths.
    """
    raw = data if isinstance(data, dict) else dict(data)
    current: dict[str, Any] = raw
    dropped: list[str] = []
    record: M | None = None
    for _ in range(_SALVAGE_ROUNDS):
        try:
            record = model.model_validate(current)
            break
        except pydantic.ValidationError as exc:
            targets = {
                path
                for error in exc.errors(include_url=False, include_input=False)
                if (path := _target(current, error["loc"]))
            }
            # Errors located on the model itself (a model validator) or on names we do not
            # find in the input cannot be narrowed down: stop trying.
            if not targets:
                break
            # Two errors inside one value (``client.address`` and ``client.address.zip``)
            # remove the outer one only.
            targets = {t for t in targets if not any(t[: len(o)] == o for o in targets - {t})}
            current = copy.deepcopy(current)  # ``raw`` stays exactly as the server sent it
            for target in targets:
                _delete(current, target)
            dropped.extend(sorted(".".join(t) for t in targets))
    if record is None:
        record = cast(M, model.model_construct())
        dropped = ["*"]
    if dropped:
        attach(record, _raw=raw, _unreadable=tuple(dropped))
        if problems is not None:
            key = tuple(dropped)
            problems[key] = problems.get(key, 0) + 1
    else:
        attach(record, _raw=raw)
    return record


def _target(data: dict[str, Any], loc: tuple[int | str, ...]) -> tuple[str, ...]:
    """The deepest object key on ``loc`` present in ``data`` (lists count as one value)."""
    node: Any = data
    path: list[str] = []
    for part in loc:
        if not (isinstance(node, dict) and isinstance(part, str) and part in node):
            break
        path.append(part)
        node = node[part]
    return tuple(path)


def _delete(data: dict[str, Any], path: tuple[str, ...]) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]


_reported: set[tuple[str, tuple[str, ...]]] = set()
_reported_lock = threading.Lock()
#: Distinct oddities remembered; past this the log would only repeat itself.
_REPORTED_MAX = 512


def _report(
    model: type[ApiModel], path: str, problems: dict[tuple[str, ...], int], *, skipped: int
) -> None:
    """Log each kind of odd record once per process (field names only, no values)."""
    kinds = [(fields, count) for fields, count in problems.items()]
    if skipped:
        kinds.append((("<not an object>",), skipped))
    for fields, count in kinds:
        key = (model.__name__, fields)
        with _reported_lock:
            if key in _reported or len(_reported) >= _REPORTED_MAX:
                continue
            _reported.add(key)
        _log.warning(
            "%s %s: %d record(s) kept without unreadable field(s) %s (raw kept; logged once)",
            path,
            model.__name__,
            count,
            ", ".join(fields),
        )


def parse_page(response: ApiResponse, model: type[M]) -> Page[M]:
    """Turn a list envelope into a :class:`Page`.

    ``has_more`` missing is read as "more if there is a cursor"; ``next`` missing, null or
    empty as "no cursor" (see :attr:`Page.is_last`).
    """
    items = parse_list(model, response)
    envelope = response.envelope
    raw_next = envelope.get("next")
    cursor = str(raw_next) if raw_next not in (None, "") else None
    raw_more = envelope.get("has_more")
    has_more = bool(raw_more) if raw_more is not None else cursor is not None
    raw_total = envelope.get("total_results")
    if raw_total is None:
        # Search endpoints (CLI fixture) count with ``found``; the CFDI-errors list ``total``.
        raw_total = envelope.get("found", envelope.get("total"))
    try:
        total = int(raw_total) if raw_total is not None else None
    except (TypeError, ValueError):
        total = None
    return Page(
        items=items,
        next=cursor,
        has_more=has_more,
        total_results=total,
        message=response.message,
    )


def _bad_response(
    response: ApiResponse, expected: str, exc: pydantic.ValidationError | None
) -> InvalidResponseError:
    details = (
        exc.errors(include_url=False, include_input=False, include_context=False)
        if exc is not None
        else None
    )
    return InvalidResponseError(
        f"response data is not a valid {expected}",
        status=response.status_code,
        method=response.method,
        path=response.path,
        details=details,
        outcome_unknown=True,
    )
