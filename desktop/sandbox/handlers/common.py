"""What every resource handler shares: the request context, the gigstack envelope, errors
in either shape, cursor-paginated lists and free-text search."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from werkzeug.wrappers import Request, Response

from ..store import Collection, CursorError, Record, Store, TeamData, decode_cursor, encode_cursor
from ..validation import ApiError, bad_request, check_in, require_object

Result = tuple[int, dict[str, Any]] | tuple[int, dict[str, Any], dict[str, str]]
Handler = Callable[..., Result]
# (path under /v2, method, endpoint name, handler)
Route = tuple[str, str, str, Handler]

ERROR_SHAPES = frozenset({"flat", "nested"})


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        json.dumps(payload, ensure_ascii=False),
        status=status,
        headers=headers,
        mimetype="application/json",
    )


def error_payload(exc: ApiError, shape: str = "flat") -> dict[str, Any]:
    """gigstack's documented error ``{"message", "error": "<code>"}`` (``flat``) or the newer
    ``{"success": false, "error": {"code", "message", "details": [...]}}`` (``nested``, CLI
    commit 1e514f9) that has no top-level ``message``."""
    if shape == "nested":
        return {
            "success": False,
            "error": {"code": exc.error, "message": exc.message, "details": list(exc.details)},
        }
    return {"message": exc.message, "error": exc.error}


def error_response(exc: ApiError, shape: str = "flat") -> Response:
    return json_response(error_payload(exc, shape), exc.status, exc.headers)


@dataclass
class Ctx:
    """Everything a handler needs about the current request."""

    request: Request
    store: Store
    team: TeamData
    args: dict[str, str]
    body: Any
    now: int
    host_url: str

    def obj(self) -> dict[str, Any]:
        return {} if self.body is None else require_object(self.body)


def not_found_route(request: Request) -> ApiError:
    return ApiError(404, f"Route not found: {request.method} {request.path}", "not_found")


# --- lists ---------------------------------------------------------------------------------


def _metadata_check(key: str, expected: str) -> Callable[[Record], bool]:
    """Exact match on ``metadata.<key>``; numbers and booleans compare by their JSON text."""

    def check(record: Record) -> bool:
        value = (record.get("metadata") or {}).get(key)
        if value is None:
            return False
        if isinstance(value, str):
            return value == expected
        return json.dumps(value) == expected

    return check


def _filter_check(test: Callable[[Record, str], bool], value: str) -> Callable[[Record], bool]:
    return lambda record: test(record, value)


def _created_check(op: str, bound: int, field: str) -> Callable[[Record], bool]:
    if op == "gte":
        return lambda record: int(record.get(field, 0)) >= bound
    return lambda record: int(record.get(field, 0)) <= bound


def parse_limit(args: dict[str, str]) -> int:
    try:
        limit = int(args.get("limit", "10"))
    except ValueError:
        raise bad_request("limit", "must be an integer between 1 and 100") from None
    if not 1 <= limit <= 100:
        raise bad_request("limit", "must be an integer between 1 and 100")
    return limit


def list_page(
    ctx: Ctx,
    collection: Collection,
    *,
    message: str,
    out: Callable[[Record], Record],
    filters: dict[str, Callable[[Record, str], bool]] | None = None,
    scope: str | None = None,
    created_field: str = "created_at",
) -> Result:
    """A gigstack list page: ``limit`` 1-100 (default 10), opaque ``next`` cursor (or 1-based
    ``page``), ``sort``, ``order_by``, ``created[gte|lte]``/``created_gte|lte``,
    ``metadata.<key>``/``metadata_<key>`` and the resource's own exact filters."""
    args = ctx.args
    limit = parse_limit(args)
    sort = args.get("sort", "desc")
    check_in(sort, frozenset({"asc", "desc"}), "sort")
    order_by = args.get("order_by", "created_at")
    check_in(order_by, frozenset({"created_at", "timestamp", "created", "name"}), "order_by")
    order_key = "name" if order_by == "name" else "created_at"

    checks: list[tuple[str, str, Callable[[Record], bool]]] = []
    for name, value in args.items():
        meta_key = None
        if name.startswith("metadata."):
            meta_key = name[len("metadata.") :]
        elif name.startswith("metadata_"):
            meta_key = name[len("metadata_") :]
        if meta_key:
            checks.append((name, value, _metadata_check(meta_key, value)))
    for names, op in (
        (("created[gte]", "created_gte"), "gte"),
        (("created[lte]", "created_lte"), "lte"),
    ):
        for name in names:
            if name in args:
                try:
                    bound = int(args[name])
                except ValueError:
                    raise bad_request(name, "must be an epoch timestamp in seconds") from None
                checks.append((name, str(bound), _created_check(op, bound, created_field)))
    for name, test in (filters or {}).items():
        if name in args:
            value = args[name]
            checks.append((name, value, _filter_check(test, value)))

    cache_key = tuple((n, v) for n, v, _ in checks)
    predicate = None
    if checks:
        tests = [c[2] for c in checks]

        def predicate(record: Record) -> bool:
            return all(t(record) for t in tests)

    scope = scope or f"{ctx.team.team['id']}:{collection.name}"
    start = None
    descending = sort == "desc"
    if args.get("next"):
        try:
            cursor = decode_cursor(args["next"])
            if cursor.get("s") != scope or not isinstance(cursor.get("p"), int):
                raise CursorError("cursor belongs to another list")
        except CursorError as exc:
            raise ApiError(400, f"Invalid 'next' cursor: {exc}", "invalid_cursor") from exc
        start = cursor["p"]
        descending = bool(cursor.get("d", 1))
        order_key = cursor.get("o", order_key)
    elif args.get("page"):
        # Documented for invoice lists with metadata filters: 1-based page numbers.
        try:
            page = int(args["page"])
        except ValueError:
            raise bad_request("page", "must be an integer >= 1") from None
        if page < 1:
            raise bad_request("page", "must be an integer >= 1")
        for _ in range(page - 1):
            _, start = collection.page(
                start=start,
                descending=descending,
                limit=limit,
                predicate=predicate,
                order_by=order_key,
            )
            if start is None:
                break
        if page > 1 and start is None:
            return 200, {
                "message": message,
                "data": [],
                "has_more": False,
                "total_results": collection.count(predicate, cache_key),
            }

    records, last = collection.page(
        start=start,
        descending=descending,
        limit=limit,
        predicate=predicate,
        order_by=order_key,
    )
    payload: dict[str, Any] = {
        "message": message,
        "data": [out(r) for r in records],
        "has_more": last is not None,
        "total_results": collection.count(predicate, cache_key),
    }
    if last is not None:
        payload["next"] = encode_cursor(
            {"s": scope, "p": last, "d": int(descending), "o": order_key}
        )
    return 200, payload


def search_page(
    ctx: Ctx,
    collection: Collection,
    *,
    fields: tuple[str, ...],
    message: str,
    out: Callable[[Record], Record],
) -> Result:
    """``GET /<resource>/search?q=&page=&limit=``: case-insensitive substring match on
    ``fields`` (dotted paths reach nested objects), newest first. Answer shape of the
    gigstack CLI's fixtures: ``data``, ``found``, ``page``, ``per_page``, ``has_more``, and
    ``next`` (the next page number as text) when there is more."""
    query = ctx.args.get("q", "").strip().casefold()
    limit = parse_limit(ctx.args)
    try:
        page = int(ctx.args.get("page", "1"))
    except ValueError:
        raise bad_request("page", "must be an integer >= 1") from None
    if page < 1:
        raise bad_request("page", "must be an integer >= 1")

    def text_of(record: Record, path: str) -> str:
        value: Any = record
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value.casefold() if isinstance(value, str) else ""

    matches = [
        r
        for ident in reversed(collection.order)
        if ident is not None
        for r in (collection.records[ident],)
        if not query or any(query in text_of(r, f) for f in fields)
    ]
    chunk = matches[(page - 1) * limit : page * limit]
    has_more = page * limit < len(matches)
    payload: dict[str, Any] = {
        "message": message,
        "data": [out(r) for r in chunk],
        "found": len(matches),
        "total_results": len(matches),
        "page": page,
        "per_page": limit,
        "has_more": has_more,
    }
    if has_more:
        payload["next"] = str(page + 1)
    return 200, payload
