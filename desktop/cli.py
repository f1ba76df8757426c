"""The headless CLI: for support staff, scripts, and systems that feed the counter.

`python -m desktop [--data-dir DIR] [--api-url URL] [--team TEAM] <command>`; run with
`--help` for the commands and exit codes. Messages for people are Spanish, like the app.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from types import FrameType
from typing import Any, TextIO

from desktop import __version__
from desktop.app import Core, MissingApiKeyError, open_core
from desktop.config import CONFIG_FILENAME, CONFIG_VARS, AppConfig, ConfigError, TerminalConfig
from desktop.gigstack import AuthenticationError, GigstackError, RetryableError
from desktop.store.db import DB_FILENAME
from desktop.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    ReadOnlyStorageError,
    SchemaTooNewError,
    StorageError,
)
from desktop.store.outbox import OutboxError, OutboxItem, OutboxState

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NO_KEY = 3
EXIT_AUTH = 4
EXIT_OFFLINE = 5
EXIT_LOCKED = 6
EXIT_PARKED = 7
EXIT_DISK_FULL = 8
EXIT_READ_ONLY = 9
EXIT_CORRUPT = 10
EXIT_TOO_NEW = 11
EXIT_DB_LOCKED = 12
EXIT_STORAGE = 13
EXIT_NO_DATA = 14
#: A closed pipe (`report --json | head`): what a Unix tool killed by SIGPIPE reports.
EXIT_BROKEN_PIPE = 128 + int(getattr(signal, "SIGPIPE", 13))

# Most specific first: ConfigFileError (a damaged config.json) is a StorageError too.
_STORAGE_EXIT_CODES: tuple[tuple[type[StorageError], int], ...] = (
    (DiskFullError, EXIT_DISK_FULL),
    (ReadOnlyStorageError, EXIT_READ_ONLY),
    (CorruptDatabaseError, EXIT_CORRUPT),
    (SchemaTooNewError, EXIT_TOO_NEW),
    (DatabaseLockedError, EXIT_DB_LOCKED),
)

EPILOG = f"""\
The API key is read from GIGSTACK_API_KEY or from the OS keychain (`key set`).

exit codes:
  {EXIT_OK}  success (for `sync`: nothing left pending or parked)
  {EXIT_ERROR}  unexpected error (see the log file)
  {EXIT_USAGE}  invalid arguments or input (nothing was queued or changed)
  {EXIT_NO_KEY}  no API key configured
  {EXIT_AUTH}  gigstack rejected the key or the team (401/403); the queue is paused
  {EXIT_OFFLINE}  gigstack could not be reached or kept failing; rows remain pending
  {EXIT_LOCKED}  another process is already sending this data directory's queue
  {EXIT_PARKED}  `sync`: some rows were refused by gigstack and wait for a person
  {EXIT_DISK_FULL}  the disk is full: nothing was saved
  {EXIT_READ_ONLY}  the database or its folder is read-only: it can be read, not changed
  {EXIT_CORRUPT}  the database or config.json is damaged (keep a copy; do not delete it)
  {EXIT_TOO_NEW}  the database was written by a newer Mostrador: update this one
  {EXIT_DB_LOCKED}  another program keeps the database busy: try again in a moment
  {EXIT_STORAGE}  the database could not be opened for another reason (the message says why)
  {EXIT_NO_DATA}  `report`, `shift`, `queue show`: no database in the data folder (none was
      created; `queue list` shows an empty queue and says so on stderr)
  {EXIT_BROKEN_PIPE}  the output was closed early (e.g. `| head`); the command stopped quietly

demo mode: --demo uses <data dir>/demo, the demo's own folder, as the app does; `check`,
`sync` and `cache refresh` start the demo sandbox for the command.

configuration: `config list` shows every key, its value and where it comes from.
Precedence: command-line flags > MOSTRADOR_* environment > <data dir>/config.json > defaults.
"""

Handler = Callable[[AppConfig, argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mostrador",
        description="Mostrador: cobra en el mostrador y factura con gigstack, con o sin internet.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Mostrador {__version__}")
    parser.add_argument("--data-dir", help="folder for the local database (default: per user)")
    parser.add_argument("--api-url", help="gigstack API base URL (default: production)")
    parser.add_argument("--team", help="gigstack Connect team id to act on")
    parser.add_argument("--demo", action="store_true", help="use the embedded demo sandbox")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr too")
    sub = parser.add_subparsers(dest="command", metavar="command")

    sub.add_parser("check", help="connect to gigstack and show the account").set_defaults(
        func=cmd_check
    )

    key = sub.add_parser("key", help="store or forget the API key in the OS keychain")
    key_sub = key.add_subparsers(dest="key_command", metavar="action", required=True)
    key_set = key_sub.add_parser("set", help="store a key (asked for, or read from stdin)")
    key_set.add_argument("--stdin", action="store_true", help="read the key from stdin")
    key_set.add_argument(
        "--file",
        action="store_true",
        help="no OS keychain: keep the key in a file in your config folder, NOT encrypted (0600)",
    )
    key_set.set_defaults(func=cmd_key_set)
    key_sub.add_parser("clear", help="forget the stored key").set_defaults(func=cmd_key_clear)

    queue = sub.add_parser("queue", help="the offline queue (outbox)")
    q = queue.add_subparsers(dest="queue_command", metavar="action", required=True)
    add = q.add_parser("add", help="validate and queue a register-payment JSON body")
    add.add_argument("file", help="JSON file, or - for stdin")
    add.set_defaults(func=cmd_queue_add)
    add_invoice = q.add_parser(
        "add-invoice",
        help="validate and queue an income invoice (POST /invoices/income JSON body)",
        description=(
            "Queue an income invoice; the sender stamps it with the row's idempotency key "
            "(offline: when the connection is back). --payment names what it covers: a queued "
            "sale (folio, local id or row number; only one queued with automation_type none, "
            "and the invoice waits for it to be sent) or a gigstack payment id (its lines are "
            "read from the cache). Items, client and the PUE payment form may be left out of "
            "the body when the payments say them."
        ),
    )
    add_invoice.add_argument(
        "file", nargs="?", default=None, help="JSON file, or - for stdin (default: {})"
    )
    add_invoice.add_argument(
        "--payment", action="append", default=[], metavar="REF", help="a payment it covers"
    )
    add_invoice.set_defaults(func=cmd_queue_add_invoice)
    lst = q.add_parser("list", help="list queued rows")
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    lst.add_argument(
        "--state", action="append", choices=[s.value for s in OutboxState], help="filter"
    )
    lst.set_defaults(func=cmd_queue_list)
    show = q.add_parser("show", help="one row in full, with its history")
    show.add_argument("id", help="row number, local id or folio")
    show.set_defaults(func=cmd_queue_show)
    retry = q.add_parser("retry", help="send a pending or parked row again now")
    retry.add_argument("id")
    retry.set_defaults(func=cmd_queue_retry)
    discard = q.add_parser("discard", help="give up on a pending or parked row (kept, audited)")
    discard.add_argument("id")
    discard.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    discard.set_defaults(func=cmd_queue_discard)

    sync = sub.add_parser("sync", help="send the queue to gigstack")
    sync.add_argument(
        "--once", action="store_true", help="return when nothing is sendable right now"
    )
    sync.add_argument("--timeout", type=float, help="stop after this many seconds")
    sync.set_defaults(func=cmd_sync)

    cfg = sub.add_parser("config", help="this terminal's configuration (config.json)")
    cf = cfg.add_subparsers(dest="config_command", metavar="action", required=True)
    cfg_list = cf.add_parser("list", help="every key with its value and where it comes from")
    cfg_list.add_argument("--json", action="store_true", help="machine-readable output")
    cfg_list.set_defaults(func=cmd_config_list)
    cfg_get = cf.add_parser("get", help="print one key's value")
    cfg_get.add_argument("key", help="e.g. connection.team, ticket.width")
    cfg_get.set_defaults(func=cmd_config_get)
    cfg_set = cf.add_parser("set", help="validate and store a value")
    cfg_set.add_argument("key")
    cfg_set.add_argument("value")
    cfg_set.set_defaults(func=cmd_config_set)
    cfg_unset = cf.add_parser("unset", help="go back to the default value")
    cfg_unset.add_argument("key")
    cfg_unset.set_defaults(func=cmd_config_unset)

    report = sub.add_parser(
        "report",
        help="sales by day, hour, payment form, product and cashier (works offline)",
        description=(
            "Sales sold from --from to --to (both included; dates as YYYY-MM-DD or DD/MM/YYYY; "
            "without dates: today). Counts this terminal's sales, sent or still queued, and the "
            "cached gigstack payments of other tills; refunds and cancellations are subtracted "
            "from the sale they undo. Amounts in --json are strings with two decimals."
        ),
    )
    report.add_argument("--from", dest="date_from", help="first day (default: --to or today)")
    report.add_argument("--to", dest="date_to", help="last day (default: today)")
    report.add_argument("--json", action="store_true", help="machine-readable output")
    report.add_argument("--csv", action="store_true", help="one row per sale, as CSV")
    report.set_defaults(func=cmd_report)

    shift = sub.add_parser("shift", help="this terminal's shift (turno): figures so far (X)")
    shift.add_argument("--json", action="store_true", help="machine-readable output")
    shift.add_argument("--id", type=int, help="a past shift (its Z report when closed)")
    shift.set_defaults(func=cmd_shift)

    cache = sub.add_parser("cache", help="the local copy of clients, services and payments")
    c = cache.add_subparsers(dest="cache_command", metavar="action", required=True)
    c.add_parser("refresh", help="download clients, services and recent payments").set_defaults(
        func=cmd_cache_refresh
    )
    return parser


def run(config: AppConfig, args: argparse.Namespace) -> int:
    handler: Handler = args.func
    try:
        return handler(config, args)
    except MissingApiKeyError:
        _err(
            f"No hay clave de API para {config.api_url}. Guárdala con `python -m desktop key set` "
            "o usa la variable GIGSTACK_API_KEY."
        )
        return EXIT_NO_KEY
    except AuthenticationError as exc:
        _err(f"gigstack rechazó la clave o el equipo ({exc.status}): {exc.message}")
        return EXIT_AUTH
    except RetryableError as exc:
        _err(f"No se pudo hablar con gigstack: {exc.message}")
        return EXIT_OFFLINE
    except StorageError as exc:
        log.warning("storage fault (%s): %s", type(exc).__name__, exc.message)
        _err(exc.message)
        return storage_exit_code(exc)
    except ConfigError as exc:
        _err(exc.message)
        return EXIT_USAGE


def storage_exit_code(exc: StorageError) -> int:
    """The documented exit code for a storage fault (see the epilog)."""
    from desktop.config import ConfigFileError

    if isinstance(exc, ConfigFileError):
        # A damaged config.json, or one that cannot be written (folder/disk).
        cause = exc.__cause__
        if isinstance(cause, OSError):
            return EXIT_DISK_FULL if cause.errno in (errno.ENOSPC, errno.EDQUOT) else EXIT_READ_ONLY
        return EXIT_CORRUPT
    for kind, code in _STORAGE_EXIT_CODES:
        if isinstance(exc, kind):
            return code
    return EXIT_STORAGE


# -- the data folder ---------------------------------------------------------------------------


def _no_data_message(config: AppConfig) -> str:
    from desktop.demo import data_folder

    text = f"No hay datos en {config.data_dir}: Mostrador no se ha usado en esa carpeta."
    demo_dir = data_folder(config.data_dir, True)
    if not config.demo and (demo_dir / DB_FILENAME).exists():
        text += f" El modo demo guarda los suyos en {demo_dir}: usa --demo."
    return text


def _has_data(config: AppConfig) -> bool:
    """True when the folder holds a database; else says so (a read-only command creates none).

    Raises:
        ConfigFileError: config.json is damaged (reported before "no data": it is the fault).
    """
    TerminalConfig.load(config.data_dir)
    if (config.data_dir / DB_FILENAME).exists():
        return True
    _err(_no_data_message(config) + " No se creó nada.")
    return False


def _note_unused_folder(config: AppConfig) -> None:
    if (
        not (config.data_dir / DB_FILENAME).exists()
        and not (config.data_dir / CONFIG_FILENAME).exists()
    ):
        message = _no_data_message(config)
        _err(f"Aviso: {message[0].lower()}{message[1:]} Se muestran los valores predeterminados.")


# -- config ------------------------------------------------------------------------------------


def _config_source(var_key: str, env: str | None, terminal: TerminalConfig) -> str:
    if env and os.environ.get(env):
        return f"entorno {env}"
    return "config.json" if terminal.is_set(var_key) else "predeterminado"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if value != "" else "(vacío)"


def cmd_config_list(config: AppConfig, args: argparse.Namespace) -> int:
    _note_unused_folder(config)
    terminal = TerminalConfig.load(config.data_dir)
    rows = []
    for var, value, _ in terminal.items():
        effective = os.environ.get(var.env) if var.env and os.environ.get(var.env) else value
        rows.append((var, effective, _config_source(var.key, var.env, terminal)))
    if args.json:
        data = {var.key: {"value": v, "source": src} for var, v, src in rows}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        width = max(len(var.key) for var in CONFIG_VARS)
        for var, value, source in rows:
            print(f"{var.key:<{width}}  {_shown(value)!s}  [{source}]")
    for problem in terminal.problems:
        _err(f"Aviso: config.json tenía un valor no válido, se usa el predeterminado: {problem}")
    return EXIT_OK


def cmd_config_get(config: AppConfig, args: argparse.Namespace) -> int:
    _note_unused_folder(config)
    terminal = TerminalConfig.load(config.data_dir)
    value = terminal.get(args.key)  # ConfigError (unknown key) -> exit 2 in run()
    from desktop.config import config_var

    env = config_var(args.key).env
    print(_shown(os.environ[env] if env and os.environ.get(env) else value))
    return EXIT_OK


def cmd_config_set(config: AppConfig, args: argparse.Namespace) -> int:
    terminal = TerminalConfig.load(config.data_dir)
    value = terminal.set(args.key, args.value)
    terminal.save()
    print(f"{args.key} = {_shown(value)}")
    from desktop.config import config_var

    env = config_var(args.key).env
    if env and os.environ.get(env):
        _err(f"Aviso: la variable {env} está definida y tiene prioridad sobre config.json.")
    return EXIT_OK


def cmd_config_unset(config: AppConfig, args: argparse.Namespace) -> int:
    terminal = TerminalConfig.load(config.data_dir)
    terminal.unset(args.key)
    terminal.save()
    print(f"{args.key} = {_shown(terminal.get(args.key))} (predeterminado)")
    return EXIT_OK


# -- key ---------------------------------------------------------------------------------------


def cmd_key_set(config: AppConfig, args: argparse.Namespace) -> int:
    from desktop.credentials import (
        KeychainUnavailableError,
        store_api_key,
        store_api_key_in_file,
    )

    key = sys.stdin.readline().strip() if args.stdin else getpass.getpass("API key: ").strip()
    if not key:
        _err("No se guardó nada: la clave está vacía.")
        return EXIT_USAGE
    if args.file:
        # Added for packaging: the opt-in alternative where there is no keychain.
        path = store_api_key_in_file(config.api_url, key)
        print(
            f"Clave guardada SIN cifrar en {path} para {config.api_url} "
            "(solo tu usuario del sistema puede leer el archivo)."
        )
        return EXIT_OK
    try:
        store_api_key(config.api_url, key)
    except KeychainUnavailableError:
        _err(
            "Este equipo no tiene un llavero del sistema disponible. Usa la variable "
            "GIGSTACK_API_KEY, o guarda la clave en un archivo SIN cifrar con `key set --file`."
        )
        return EXIT_ERROR
    print(f"Clave guardada en el llavero del sistema para {config.api_url}.")
    return EXIT_OK


def cmd_key_clear(config: AppConfig, args: argparse.Namespace) -> int:
    from desktop.credentials import KeychainUnavailableError, delete_api_key

    try:
        delete_api_key(config.api_url)
    except KeychainUnavailableError:
        _err("Este equipo no tiene un llavero del sistema disponible.")
        return EXIT_ERROR
    print(f"Clave olvidada para {config.api_url}.")
    return EXIT_OK


# -- check -------------------------------------------------------------------------------------


#: How `check` names the key's mode (its `livemode` claim or `sk_test_`/`sk_live_` prefix);
#: the window says the same in its title, status bar and Ajustes (`desktop.ui.test_mode`).
CHECK_MODE_LINES = {
    False: "  MODO DE PRUEBA: la clave es de prueba; los cobros y las facturas no son reales.",
    True: "  Modo: producción (la clave es en vivo).",
    None: "  Modo: la clave no dice si es de prueba o en vivo.",
}


def cmd_check(config: AppConfig, args: argparse.Namespace) -> int:
    from desktop.rules.teams import find_own_team

    core = open_core(config)
    try:
        with core.api_client() as api:
            # Read from the key itself, never printed: only its mode and team claims are used.
            livemode = api.key_info.livemode
            teams = api.teams.list_page(limit=10).items
            own = find_own_team(api)
            clients = api.clients.list_page(limit=1).total_results
            services = api.services.list_page(limit=1).total_results
    finally:
        core.close()
    print(f"Conectado a {config.api_url}")
    print(CHECK_MODE_LINES[livemode])
    for team in teams:
        name = getattr(team.brand, "alias", None) if team.brand else None
        mine = "  (equipo de la clave)" if own is not None and team.id == own.team_id else ""
        print(f"  Equipo: {team.id}  {name or team.legal_name or ''}".rstrip() + mine)
    if own is not None and all(team.id != own.team_id for team in teams):
        print(f"  Equipo de la clave: {own.team_id}")
    if config.team:
        print(f"  Actuando sobre el equipo (gigstack Connect): {config.team}")
    print(f"  Clientes: {clients if clients is not None else '?'}")
    print(f"  Servicios: {services if services is not None else '?'}")
    return EXIT_OK


# -- queue -------------------------------------------------------------------------------------


MAX_BODY_BYTES = 1_000_000  # a register-payment body is a few KB; refuse megabytes of input


_UNREADABLE: Any = object()


def _json_argument(path: str, few_levels: str) -> Any:
    """The JSON in `path` ("-": standard input), numbers as Decimal; `_UNREADABLE` once the
    reason why not is said on stderr (unreadable, too big, not JSON, nested too deep, NaN or
    a number too long). `few_levels` ends the "nested too deep" message for this body."""
    try:
        text = _read_stdin() if path == "-" else _read_file(path)
    except (OSError, UnicodeDecodeError) as exc:
        _err(f"No se pudo leer {path}: {_visible(str(exc))}")
        return _UNREADABLE
    if len(text) > MAX_BODY_BYTES:
        _err(f"El JSON es demasiado grande (más de {MAX_BODY_BYTES:,} caracteres).")
        return _UNREADABLE
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        _err(f"El JSON no es válido (línea {exc.lineno}, columna {exc.colno}): {exc.msg}")
    except RecursionError:
        _err(f"El JSON anida demasiados niveles; {few_levels}.")
    except ValueError as exc:  # NaN/Infinity (parse_constant), or an int too long to read
        _err(f"El JSON tiene un número que no se puede usar: {_visible(str(exc))}")
    return _UNREADABLE


def cmd_queue_add(config: AppConfig, args: argparse.Namespace) -> int:
    from desktop.sales import SaleRejectedError, check_payment, queue_payment

    body = _json_argument(args.file, "un cuerpo de /payments/register tiene pocos")
    if body is _UNREADABLE:
        return EXIT_USAGE
    if not isinstance(body, dict):
        _err("Se esperaba un objeto JSON con el cuerpo de /payments/register.")
        return EXIT_USAGE
    try:
        checked = check_payment(body)
    except SaleRejectedError as exc:
        _err("No se puso en cola; corrige estos campos:")
        for problem in exc.problems:
            _err(f"  - {_visible(str(problem))}")
        return EXIT_USAGE
    for warning in checked.warnings:
        _err(f"Aviso: {_visible(str(warning))}")
    core = open_core(config, allow_read_only=False)
    try:
        item = queue_payment(core.outbox, body, team=config.team)
    except SaleRejectedError as exc:  # e.g. a reused idempotency_key with another sale
        _err("No se puso en cola:")
        for problem in exc.problems:
            _err(f"  - {_visible(str(problem))}")
        return EXIT_USAGE
    finally:
        core.close()
    print(item.local_id)
    return EXIT_OK


def cmd_queue_add_invoice(config: AppConfig, args: argparse.Namespace) -> int:
    """`queue add-invoice`: the same core as the Facturas dialog (`desktop.invoicing`)."""
    from desktop.invoicing import InvoiceRejectedError, queue_invoice

    body: Any = {}
    if args.file is not None:
        body = _json_argument(args.file, "el cuerpo de una factura tiene pocos")
        if body is _UNREADABLE:
            return EXIT_USAGE
    if not isinstance(body, dict):
        _err("Se esperaba un objeto JSON con el cuerpo de /invoices/income.")
        return EXIT_USAGE
    core = open_core(config, allow_read_only=False)
    try:
        item = queue_invoice(
            core.outbox, body, team=config.team, payments=args.payment, cache=core.cache
        )
    except InvoiceRejectedError as exc:
        _err("No se puso en cola; corrige estos campos:")
        for problem in exc.problems:
            _err(f"  - {_visible(str(problem))}")
        return EXIT_USAGE
    finally:
        core.close()
    print(item.local_id)
    return EXIT_OK


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} no es un número")


def _visible(text: str) -> str:
    """`text` safe for any terminal: lone surrogates and the like become "?"."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _read_stdin() -> str:
    return sys.stdin.read(MAX_BODY_BYTES + 1)


def _read_file(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read(MAX_BODY_BYTES + 1)


def _age(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return f"{int(seconds)} s"
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _item_json(item: OutboxItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "local_id": item.local_id,
        "kind": item.kind.value,
        "folio": item.folio,
        "team": item.team,
        "state": item.state.value,
        "attempts": item.attempts,
        "created_at": item.created_at,
        "sold_at": item.sold_at,
        "next_attempt_at": item.next_attempt_at,
        "outcome_unknown": item.outcome_unknown,
        "last_status": item.last_status,
        "last_error": item.last_error,
        "server_id": item.server_id,
    }


_STATE_ES = {
    OutboxState.PENDING: "pendiente",
    OutboxState.SENDING: "enviando",
    OutboxState.SENT: "enviado",
    OutboxState.PARKED: "detenido",
    OutboxState.DISCARDED: "descartado",
}


def cmd_queue_list(config: AppConfig, args: argparse.Namespace) -> int:
    items: list[OutboxItem] = []
    # No database: nothing was ever queued here, so the list is empty (scripts that watch the
    # queue keep working); stderr names the folder, and none is created.
    if _has_data(config):
        core = open_core(config)
        try:
            states = [OutboxState(s) for s in args.state] if args.state else None
            items = core.outbox.rows(states)
        finally:
            core.close()
    if args.json:
        json.dump([_item_json(i) for i in items], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if not items:
        print("La cola está vacía.")
        return EXIT_OK
    now = time.time()
    print(f"{'#':>5}  {'folio':<12} {'estado':<11} {'int.':>4}  {'antigüedad':<11} detalle")
    for i in items:
        detail = i.server_id if i.state is OutboxState.SENT else (i.last_error or "")
        print(
            f"{i.id:>5}  {i.folio or i.kind.value:<12} {_STATE_ES[i.state]:<11} {i.attempts:>4}  "
            f"{_age(i.age(now)):<11} {detail}"
        )
    return EXIT_OK


def _with_row(config: AppConfig, ref: str, action: Callable[[Core, OutboxItem], None]) -> int:
    if not _has_data(config):
        return EXIT_NO_DATA  # no row to find, and nothing created looking for it
    core = open_core(config)
    try:
        item = core.outbox.get(int(ref) if ref.isdigit() else ref)
        action(core, item)
    except OutboxError as exc:
        _err(str(exc).capitalize() + ".")
        return EXIT_USAGE
    finally:
        core.close()
    return EXIT_OK


def cmd_queue_show(config: AppConfig, args: argparse.Namespace) -> int:
    def show(core: Core, item: OutboxItem) -> None:
        data = _item_json(item)
        data["idempotency_key"] = item.idempotency_key
        data["payload"] = item.payload
        data["response"] = item.response
        data["history"] = [
            {"at": a.at, "action": a.action, "detail": a.detail} for a in core.outbox.audit(item.id)
        ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()

    return _with_row(config, args.id, show)


def cmd_queue_retry(config: AppConfig, args: argparse.Namespace) -> int:
    def retry(core: Core, item: OutboxItem) -> None:
        core.outbox.retry_now(item.id)
        print(f"{item.folio or item.id}: se enviará en el próximo `sync`.")

    return _with_row(config, args.id, retry)


def cmd_queue_discard(config: AppConfig, args: argparse.Namespace) -> int:
    def discard(core: Core, item: OutboxItem) -> None:
        core.outbox.discard(item.id, args.reason)
        print(f"{item.folio or item.id}: descartado (queda en el historial).")

    return _with_row(config, args.id, discard)


# -- sync --------------------------------------------------------------------------------------


def cmd_sync(config: AppConfig, args: argparse.Namespace) -> int:
    from desktop.sync.delivery import GigstackDelivery
    from desktop.sync.lock import SenderLock
    from desktop.sync.sender import Sender, SenderEvent, SenderState

    lock = SenderLock(config.data_dir)
    if not lock.try_acquire():
        _err("Otro proceso ya está enviando la cola de esta carpeta de datos.")
        return EXIT_LOCKED
    core = open_core(config)
    stop = threading.Event()
    _stop_on_signals(stop)
    if args.timeout:
        timer = threading.Timer(args.timeout, stop.set)
        timer.daemon = True
        timer.start()

    pipe_closed: list[BrokenPipeError] = []

    def report(event: SenderEvent) -> None:
        try:
            if event.kind == "sent":
                print(f"enviado: {event.item_id}", flush=True)
            elif event.kind in {"parked", "paused", "offline", "online"}:
                _err(f"{event.kind}: {event.message or ''}".rstrip(": "))
        except BrokenPipeError as exc:
            # `sync | head`: nobody reads any more. The sender stops between two steps (what
            # was sent is recorded, the rest stays pending), then main() exits quietly.
            pipe_closed.append(exc)
            stop.set()

    try:
        with core.api_client() as api:
            sender = Sender(core.outbox, GigstackDelivery(api), on_event=report)
            try:
                sender.run(stop, until_idle=args.once)
            finally:
                sender.close()
        stats = core.outbox.stats()
        # Pending rows none of which can be claimed wait for other rows (an invoice for a
        # parked sale): with rows parked, the queue needs a person, it is not offline.
        waiting_only = bool(stats.pending) and core.outbox.next_due_at() is None
    finally:
        core.close()
        lock.release()
    if pipe_closed:
        raise pipe_closed[0]
    if sender.state is SenderState.PAUSED:
        return EXIT_AUTH
    if (stats.pending or stats.sending) and not (waiting_only and stats.parked):
        _err("Queda 1 pendiente." if stats.pending == 1 else f"Quedan {stats.pending} pendientes.")
        return EXIT_OFFLINE
    if stats.parked:
        parked = "1 detenido espera" if stats.parked == 1 else f"{stats.parked} detenidos esperan"
        _err(f"{parked} revisión (`queue list --state parked`).")
        if stats.pending:
            waiting = (
                "1 pendiente espera"
                if stats.pending == 1
                else f"{stats.pending} pendientes esperan"
            )
            _err(f"{waiting} a que se corrijan los detenidos.")
        return EXIT_PARKED
    return EXIT_OK


def _stop_on_signals(stop: threading.Event) -> None:
    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, handler)


# -- cache -------------------------------------------------------------------------------------


def cmd_cache_refresh(config: AppConfig, args: argparse.Namespace) -> int:
    from desktop.store.cache import Resource
    from desktop.sync.refresher import Refresher

    labels = {
        Resource.CLIENTS: "clientes",
        Resource.SERVICES: "servicios",
        Resource.PAYMENTS: "pagos",
    }
    core = open_core(config)
    try:
        with core.api_client() as api:
            reports = Refresher(api, core.cache, team=config.team).refresh()
    finally:
        core.close()
    for r in reports:
        removed = f", {r.removed} ya no existen" if r.removed else ""
        print(f"{labels[r.resource]}: {r.fetched}{removed}")
    return EXIT_OK


# -- report and shift ----------------------------------------------------------------------------


def parse_day(text: str) -> date:
    """A day as typed: 2026-11-27 (ISO) or 27/11/2026 (es-MX).

    Raises:
        ValueError: With a Spanish message.
    """
    value = text.strip()
    parts = value.replace("/", "-").split("-")
    if len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts):
        if len(parts[0]) != 4:  # 27/11/2026
            parts.reverse()
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            pass
    raise ValueError(f"«{value}» no es una fecha (usa AAAA-MM-DD, por ejemplo 2026-11-27).")


def cmd_report(config: AppConfig, args: argparse.Namespace) -> int:
    from desktop.reports import build_report, report_csv
    from desktop.till import form_name, money_text, sale_facts

    try:
        end = parse_day(args.date_to) if args.date_to else datetime.now().astimezone().date()
        start = parse_day(args.date_from) if args.date_from else end
    except ValueError as exc:
        _err(str(exc))
        return EXIT_USAGE
    if start > end:
        _err("La fecha inicial (--from) es posterior a la final (--to).")
        return EXIT_USAGE
    if not _has_data(config):
        return EXIT_NO_DATA
    core = open_core(config)
    try:
        data = sale_facts(core.outbox, core.cache, config.team, core.shifts)
    finally:
        core.close()
    report = build_report(data.sales, start, end)
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if args.csv:
        sys.stdout.write(report_csv(report))
        return EXIT_OK
    span = start.isoformat() if start == end else f"{start.isoformat()} a {end.isoformat()}"
    print(f"Ventas del {span}")
    print(f"  Ventas:         {report.count}")
    print(f"  Bruto:          {money_text(report.gross):>12}")
    print(f"  Reembolsos:     {money_text(report.refunds.total):>12}  ({report.refunds.count})")
    cancel = report.cancellations
    print(f"  Cancelaciones:  {money_text(cancel.total):>12}  ({cancel.count})")
    print(f"  Total:          {money_text(report.total):>12}")
    if report.queued.count:
        print(
            f"  En cola (aún no llegan a gigstack): {report.queued.count} "
            f"por {money_text(report.queued.total)}"
        )
    print("Por forma de pago:")
    for code, form in report.by_payment_form.items():
        print(f"  {code} {form_name(code):<28} {form.count:>5}  {money_text(form.total):>12}")
    print("Por día:")
    for day, bucket in report.by_day.items():
        print(f"  {day}  {bucket.count:>5}  {money_text(bucket.total):>12}")
    print("Por caja y cajero:")
    for who, bucket in report.by_cashier.items():
        print(f"  {who:<30} {bucket.count:>5}  {money_text(bucket.total):>12}")
    return EXIT_OK


def cmd_shift(config: AppConfig, args: argparse.Namespace) -> int:
    from desktop.store.shifts import ShiftError
    from desktop.till import form_name, open_shift_figures

    if not _has_data(config):
        return EXIT_NO_DATA
    core = open_core(config)
    try:
        if args.id is not None:
            try:
                shift = core.shifts.get(args.id)
            except ShiftError as exc:
                _err(exc.message)
                return EXIT_USAGE
        else:
            found = core.shifts.current()
            if found is None:
                _err("No hay un turno abierto en esta caja.")
                return EXIT_USAGE
            shift = found
        if shift.z_report is not None:
            figures_json = shift.z_report
        else:
            figures = open_shift_figures(core.outbox, core.cache, config.team, core.shifts, shift)
            figures_json = figures.to_json()
    finally:
        core.close()
    if args.json:
        json.dump(figures_json, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    kind = "Corte Z" if figures_json["kind"] == "Z" else "Corte X"
    print(f"{kind} del turno {shift.id} ({shift.terminal} {shift.cashier})".rstrip())
    print(f"  Fondo inicial: {figures_json['opening_float']}")
    print(f"  Ventas: {figures_json['sales_count']}  bruto {figures_json['gross']}")
    print(f"  Efectivo esperado en caja: {figures_json['expected_cash']}")
    for code, form in figures_json["by_payment_form"].items():
        line = f"  {code} {form_name(code):<28} esperado {form['expected']:>12}"
        if "counted" in form:
            line += f"  contado {form['counted']:>12}  diferencia {form['difference']:>10}"
        print(line)
    return EXIT_OK


def _err(message: str, stream: TextIO | None = None) -> None:
    # Echoed input may hold a lone surrogate: it must not turn a message into a traceback.
    print(_visible(message), file=stream or sys.stderr, flush=True)


GuiLauncher = Callable[[AppConfig, list[str]], int]


#: Commands that talk to gigstack: in demo mode they start the demo sandbox for the command.
_NETWORK_COMMANDS = frozenset({"check", "sync", "cache"})


def main(argv: Sequence[str] | None = None, *, gui: GuiLauncher | None = None) -> int:
    """Parse `argv`, resolve the configuration, run one command (or the app).

    A closed output (`report --json | head`) ends the command quietly with the exit code a
    Unix tool killed by SIGPIPE gives (141), without a crash report.

    Args:
        gui: Starts the Qt app when no command is given. The entry point
            (`desktop.__main__`) passes it: the CLI sits below the UI layer and never imports
            it (checked by import-linter).
    """
    try:
        code = _main(argv, gui=gui)
        if sys.stdout is not None:
            sys.stdout.flush()  # a pipe closed after the last write fails here, not at exit
    except BrokenPipeError:
        _quiet_stdout()
        log.info("output closed early (broken pipe): stopped")
        return EXIT_BROKEN_PIPE
    return code


def _quiet_stdout() -> None:
    """Point stdout at the null device: Python's own flush at exit must not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        # No real file descriptor (a test's captured stdout): nothing is flushed at exit.
        pass


def _main(argv: Sequence[str] | None, *, gui: GuiLauncher | None) -> int:
    from desktop.config import default_log_dir
    from desktop.logs import setup_logging

    parser = build_parser()
    args = parser.parse_args(argv)
    config = AppConfig.from_env(
        data_dir=args.data_dir, api_url=args.api_url, team=args.team, demo=args.demo
    )
    setup_logging(
        default_log_dir(), logging.DEBUG if args.verbose else logging.INFO, console=args.verbose
    )
    if args.command is None:
        if gui is None:
            parser.print_help()
            return EXIT_USAGE
        return gui(config, sys.argv[:1])
    if config.demo:
        return _run_demo(config, args)
    return _run_reporting_gigstack(config, args)


def _run_reporting_gigstack(config: AppConfig, args: argparse.Namespace) -> int:
    try:
        return run(config, args)
    except GigstackError as exc:
        _err(f"gigstack respondió con un error: {exc.message}")
        return EXIT_ERROR


def _run_demo(config: AppConfig, args: argparse.Namespace) -> int:
    """`--demo`: the demo folder the app uses (`desktop.demo.data_folder`), and for a command
    that talks to gigstack the demo sandbox with its key, for that command only."""
    import dataclasses

    from desktop.demo import data_folder, start_demo

    if args.command not in _NETWORK_COMMANDS:
        demo_config = dataclasses.replace(config, data_dir=data_folder(config.data_dir, True))
        return _run_reporting_gigstack(demo_config, args)
    from desktop.credentials import ENV_VAR

    sandbox, demo_config = start_demo(config)
    # The demo key reaches the command the way any key does (GIGSTACK_API_KEY, read by
    # `Core.api_client`), and the variable is put back as it was afterwards.
    saved = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = sandbox.api_key
    try:
        return _run_reporting_gigstack(demo_config, args)
    finally:
        if saved is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = saved
        sandbox.stop()
