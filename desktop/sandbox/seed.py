"""Demo and empty seeds.

The demo business is a corner shop in Roma Norte (CDMX) that sells stationery, groceries and
coffee at the counter: "Papelería La Esquina". RFCs are built with a correct SAT check digit and
barcodes are EAN-13 with a correct check digit (GS1 prefix 750 for Mexico, 2xx for in-store
items such as copies or goods sold by weight). Prices include taxes, as at any Mexican counter.
Seeded ids are stable (``client_demo_...``) so tests and demos can refer to them.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from . import domain, receipts
from .store import Record, Store, TeamData
from .validation import ean13_check_digit, rfc_check_digit

DAY = 24 * 3600
BUSINESS_ZIP = "06700"


def rfc(first: str) -> str:
    """Complete an RFC (11 chars moral / 12 física) with its SAT check digit."""
    return first + rfc_check_digit(first)


def ean13(first12: str) -> str:
    return first12 + ean13_check_digit(first12)


IVA16_INC = {"type": "IVA", "rate": 0.16, "factor": "Tasa", "inclusive": True, "withholding": False}
IVA0_INC = {"type": "IVA", "rate": 0.0, "factor": "Tasa", "inclusive": True, "withholding": False}
IEPS8_INC = {
    "type": "IEPS",
    "rate": 0.08,
    "factor": "Tasa",
    "inclusive": True,
    "withholding": False,
}

# (slug, description, sku, barcode first 12, price, product_key, unit_key, unit_name, taxes)
# fmt: off
SERVICES: list[tuple[str, str, str, str, float, str, str, str, list[dict[str, Any]]]] = [
    ("cuaderno", "Cuaderno profesional raya 100 hojas", "PAP-001", "750100000101",
     45.00, "14111514", "H87", "Pieza", [IVA16_INC]),
    ("lapiz", "Lápiz grafito No. 2", "PAP-002", "750100000102",
     6.50, "44121706", "H87", "Pieza", [IVA16_INC]),
    ("boligrafo", "Bolígrafo tinta azul punto medio", "PAP-003", "750100000103",
     8.00, "44121701", "H87", "Pieza", [IVA16_INC]),
    ("marcador", "Marcador permanente negro", "PAP-004", "750100000104",
     18.00, "44121708", "H87", "Pieza", [IVA16_INC]),
    ("hojas", "Paquete hojas blancas carta 500", "PAP-005", "750100000105",
     115.00, "14111507", "XPK", "Paquete", [IVA16_INC]),
    ("engrapadora", "Engrapadora de escritorio", "PAP-006", "750100000106",
     85.00, "44121615", "H87", "Pieza", [IVA16_INC]),
    ("tijeras", "Tijeras escolares punta roma", "PAP-007", "750100000107",
     25.00, "44121618", "H87", "Pieza", [IVA16_INC]),
    ("pegamento", "Pegamento en barra 21 g", "PAP-008", "750100000108",
     22.00, "31201610", "H87", "Pieza", [IVA16_INC]),
    ("folder", "Folder tamaño carta", "PAP-009", "750100000109",
     3.50, "44122011", "H87", "Pieza", [IVA16_INC]),
    ("copia", "Copia blanco y negro carta", "SRV-001", "200000000011",
     1.50, "82121701", "E48", "Servicio", [IVA16_INC]),
    ("impresion", "Impresión a color carta", "SRV-002", "200000000012",
     5.00, "82121702", "E48", "Servicio", [IVA16_INC]),
    ("refresco", "Refresco de cola 600 ml", "ABA-001", "750100000201",
     19.00, "50202306", "H87", "Pieza", [IVA16_INC]),
    ("garrafon", "Garrafón de agua purificada 20 L", "ABA-002", "750100000202",
     38.00, "50202301", "H87", "Pieza", [IVA0_INC]),
    ("leche", "Leche entera 1 L", "ABA-003", "750100000203",
     28.50, "50131700", "LTR", "Litro", [IVA0_INC]),
    ("huevo", "Huevo blanco a granel", "ABA-004", "200000000021",
     52.00, "50131600", "KGM", "Kilogramo", [IVA0_INC]),
    ("papas", "Papas fritas sal 45 g", "ABA-005", "750100000205",
     18.00, "50192100", "H87", "Pieza", [IEPS8_INC, IVA0_INC]),
    ("americano", "Café americano 12 oz", "CAF-001", "200000000031",
     35.00, "50201706", "H87", "Pieza", [IVA16_INC]),
    ("capuchino", "Capuchino 12 oz", "CAF-002", "200000000032",
     45.00, "50201706", "H87", "Pieza", [IVA16_INC]),
    ("concha", "Pan dulce concha", "CAF-003", "200000000033",
     14.00, "50181900", "H87", "Pieza", [IVA0_INC]),
    ("cafe_grano", "Café de grano Chiapas 250 g", "CAF-004", "750100000304",
     120.00, "50201706", "H87", "Pieza", [IVA0_INC]),
]
# fmt: on


def _clients() -> list[tuple[str, dict[str, Any]]]:
    return [
        (
            "publico",
            {
                "name": "Público en general",
                "legal_name": "PUBLICO EN GENERAL",
                "tax_id": "XAXX010101000",
                "tax_system": "616",
                "use": "S01",
                "address": {"zip": BUSINESS_ZIP, "country": "Mexico"},
            },
        ),
        (
            "juan",
            {
                "name": "Juan Carlos Hernández Mendoza",
                "legal_name": "JUAN CARLOS HERNANDEZ MENDOZA",
                "email": "jc.hernandez@correo.mx",
                "phone": "+52 55 2345 6789",
                "tax_id": rfc("HEMJ850714K2"),
                "tax_system": "612",
                "use": "G03",
                "address": {
                    "street": "Av. Universidad",
                    "exterior": "1200",
                    "neighborhood": "Xoco",
                    "city": "Ciudad de México",
                    "state": "CDMX",
                    "zip": "03330",
                    "country": "Mexico",
                },
            },
        ),
        (
            "ana",
            {
                "name": "Ana Sofía Ramírez Torres",
                "legal_name": "ANA SOFIA RAMIREZ TORRES",
                "email": "ana.ramirez@correo.mx",
                "tax_id": rfc("RATA920623QW"),
                "tax_system": "605",
                "use": "S01",
                "address": {"zip": "06600", "city": "Ciudad de México", "country": "Mexico"},
            },
        ),
        (
            "luis",
            {
                "name": "Luis Alberto Gómez Pérez",
                "legal_name": "LUIS ALBERTO GOMEZ PEREZ",
                "email": "luis.gomez@correo.mx",
                "tax_id": rfc("GOPL780911H4"),
                "tax_system": "626",
                "use": "G03",
                "address": {
                    "zip": "72000",
                    "city": "Puebla",
                    "state": "Puebla",
                    "country": "Mexico",
                },
            },
        ),
        (
            "mariana",
            {
                "name": "Mariana Castillo Vega",
                "legal_name": "MARIANA CASTILLO VEGA",
                "email": "mariana.castillo@correo.mx",
                "tax_id": rfc("CAVM900215LT"),
                "tax_system": "612",
                "use": "G03",
                "address": {"zip": "06700", "city": "Ciudad de México", "country": "Mexico"},
            },
        ),
        (
            "constructora",
            {
                "name": "Constructora del Valle",
                "company": "Constructora del Valle",
                "legal_name": "CONSTRUCTORA DEL VALLE",
                "email": "compras@constructoradelvalle.mx",
                "tax_id": rfc("CVA120315R4"),
                "tax_system": "601",
                "use": "G03",
                "address": {
                    "street": "Av. Constitución",
                    "exterior": "455",
                    "city": "Monterrey",
                    "state": "Nuevo León",
                    "zip": "64000",
                    "country": "Mexico",
                },
            },
        ),
        (
            "escuela",
            {
                "name": "Colegio Benito Juárez",
                "company": "Colegio Benito Juárez A.C.",
                "legal_name": "COLEGIO BENITO JUAREZ",
                "email": "administracion@colegiobj.edu.mx",
                "tax_id": rfc("CBJ980812MN"),
                "tax_system": "603",
                "use": "G03",
                "address": {
                    "zip": "44100",
                    "city": "Guadalajara",
                    "state": "Jalisco",
                    "country": "Mexico",
                },
            },
        ),
        (
            "distribuidora",
            {
                "name": "Distribuidora Papelera del Centro",
                "company": "Distribuidora Papelera del Centro S.A. de C.V.",
                "legal_name": "DISTRIBUIDORA PAPELERA DEL CENTRO",
                "email": "ventas@dpcentro.com.mx",
                "tax_id": rfc("DPC050420AB"),
                "tax_system": "601",
                "use": "G01",
                "address": {"zip": "06000", "city": "Ciudad de México", "country": "Mexico"},
            },
        ),
    ]


def _team_record(
    team_id: str,
    *,
    alias: str,
    legal: str,
    tax_id: str,
    zip_code: str,
    created: int,
    livemode: bool,
) -> Record:
    record: Record = {
        "id": team_id,
        "object": "team",
        "name": alias,
        "legal_name": legal,
        "brand": {"alias": alias, "primary_color": "#0F766E", "secondary_color": "#F59E0B"},
        "tax_id": tax_id,
        "tax_system": "626",
        "address": {
            "street": "Calle Colima",
            "exterior": "128",
            "neighborhood": "Roma Norte",
            "municipality": "Cuauhtémoc",
            "city": "Ciudad de México",
            "state": "CDMX",
            "zip": zip_code,
            "country": "MEX",
        },
        "support_email": "hola@papelerialaesquina.mx",
        "support_phone": "+52 55 5584 1234",
        "owner": "user_demo_owner",
        "created_at": created,
        "credit_limit": 1000,
        "used_credits": 0,
        "credit_period_start": created * 1000,
        "sat": {
            "completed": True,
            "connected_at": created,
            "csd_expires_at": created + 4 * 365 * DAY,
        },
        "members": [
            {"id": "user_demo_owner", "email": "fernanda@papelerialaesquina.mx", "role": "admin"},
        ],
        "integrations": {"stripe": {"completed": False}},
        "settings": copy.deepcopy(domain.DEFAULT_SETTINGS),
        "livemode": livemode,
    }
    return record


def build_store(seed: str, key_team: str, connect_teams: tuple[str, ...], livemode: bool) -> Store:
    if seed not in ("demo", "empty"):
        raise ValueError(f"unknown seed {seed!r} (demo or empty)")
    now = int(time.time())
    start = now - 90 * DAY
    store = Store(key_team, livemode)
    store.users.add(
        {
            "id": "user_demo_owner",
            "object": "user",
            "email": "fernanda@papelerialaesquina.mx",
            "name": "María Fernanda López Ruiz",
            "firstName": "María Fernanda",
            "lastName": "López Ruiz",
            "first_name": "María Fernanda",
            "last_name": "López Ruiz",
            "phone": "+52 55 5584 1234",
            "company_role": "Dueña",
            "role": "admin",
            "created_at": start,
            "last_login": now - DAY,
        }
    )
    store.users.add(
        {
            "id": "user_demo_cajero",
            "object": "user",
            "email": "caja1@papelerialaesquina.mx",
            "name": "Diego Morales Sánchez",
            "firstName": "Diego",
            "lastName": "Morales Sánchez",
            "first_name": "Diego",
            "last_name": "Morales Sánchez",
            "role": "editor",
            "company_role": "Cajero",
            "created_at": start + DAY,
            "last_login": now - 2 * 3600,
        }
    )
    teams = [(key_team, "Papelería La Esquina", "MARIA FERNANDA LOPEZ RUIZ", rfc("LORF850312TQ"))]
    for i, team_id in enumerate(connect_teams):
        label = team_id.removeprefix("team_").replace("_", " ").title()
        teams.append(
            (team_id, f"La Esquina {label}", "MARIA FERNANDA LOPEZ RUIZ", rfc("LORF850312TQ"))
        )
        del i
    for team_id, alias, legal, tax_id in teams:
        data = TeamData(
            _team_record(
                team_id,
                alias=alias,
                legal=legal,
                tax_id=tax_id,
                zip_code=BUSINESS_ZIP,
                created=start,
                livemode=livemode,
            )
        )
        data.series["A"] = {"id": "A", "series": "A", "live": 0, "test": 0}
        data.series["MOS"] = {"id": "MOS", "series": "MOS", "live": 0, "test": 0}
        if team_id == key_team:
            data.team["members"].append(
                {"id": "user_demo_cajero", "email": "caja1@papelerialaesquina.mx", "role": "editor"}
            )
        store.teams[team_id] = data
    if seed == "demo":
        _seed_team(store.teams[key_team], start, now, full=True)
        for team_id in connect_teams:
            _seed_team(store.teams[team_id], start, now, full=False)
    return store


def _seed_team(team: TeamData, start: int, now: int, full: bool) -> None:
    clients = _clients() if full else _clients()[:2]
    for n, (slug, body) in enumerate(clients):
        record = domain.new_client(team, body, start + n * 3600)
        record["id"] = f"client_demo_{slug}"
        team.clients.add(record)
    services = SERVICES if full else SERVICES[:3]
    for n, (slug, desc, sku, code, price, pkey, ukey, uname, taxes) in enumerate(services):
        barcode = ean13(code)
        record = domain.new_service(
            team,
            {
                "description": desc,
                "sku": sku,
                "barcode": barcode,
                "unit_price": price,
                "product_key": pkey,
                "unit_key": ukey,
                "unit_name": uname,
                "taxes": copy.deepcopy(taxes),
                "metadata": {"barcode": barcode},
            },
            start + DAY + n * 60,
        )
        record["id"] = f"service_demo_{slug}"
        team.services.add(record)
    history: list[tuple[int, dict[str, Any]]] = [
        (
            60,
            {
                "client": {"id": "client_demo_publico"},
                "payment_form": "01",
                "automation_type": "pue_invoice",
                "items": [
                    {"id": "service_demo_cuaderno", "quantity": 2},
                    {"id": "service_demo_boligrafo", "quantity": 3},
                ],
            },
        ),
        (
            45,
            {
                "client": {"id": "client_demo_juan"},
                "payment_form": "04",
                "automation_type": "pue_invoice",
                "invoice_config": {"serie": "MOS"},
                "items": [
                    {"id": "service_demo_hojas", "quantity": 1},
                    {"id": "service_demo_engrapadora", "quantity": 1},
                ],
            },
        ),
        (
            30,
            {
                "client": {"id": "client_demo_publico"},
                "payment_form": "01",
                "automation_type": "none",
                "items": [{"id": "service_demo_lapiz", "quantity": 4}],
            },
        ),
        (
            20,
            {
                "client": {"id": "client_demo_constructora"},
                "payment_form": "03",
                "automation_type": "pue_invoice",
                "items": [{"id": "service_demo_hojas", "quantity": 10, "unit_price": 105.0}],
            },
        ),
        (
            7,
            {
                "client": {"id": "client_demo_mariana"},
                "payment_form": "28",
                "automation_type": "pue_invoice",
                "items": [
                    {"id": "service_demo_americano", "quantity": 2},
                    {"id": "service_demo_concha", "quantity": 2},
                ],
            },
        ),
        (
            2,
            {
                "client": {"id": "client_demo_ana"},
                "payment_form": "01",
                "automation_type": "none",
                "items": [
                    {"id": "service_demo_refresco", "quantity": 1},
                    {"id": "service_demo_papas", "quantity": 2},
                ],
            },
        ),
    ]
    if not full:
        history = [
            (
                10,
                {
                    # A client with full fiscal data: an invoice whatever today's date is.
                    "client": {"id": "client_demo_juan"},
                    "payment_form": "01",
                    "automation_type": "pue_invoice",
                    "items": [{"id": "service_demo_cuaderno", "quantity": 1}],
                },
            ),
        ]
    services_ids = set(team.services.records)
    for days_ago, body in history:
        if not all(i["id"] in services_ids for i in body["items"]):
            continue
        body["metadata"] = {"source": "seed"}
        domain.register_payment(team, body, now - days_ago * DAY)
    # gigstack's end-of-period run already happened for the periods before this one: walk-in
    # sales of earlier months sit in a global invoice; this month's receipts are still open.
    current_start = receipts.period_bounds(receipts.team_periodicity(team), now)[0]
    receipts.close_period(team, now, until=current_start)
