"""gigstack's business behaviour, independent of HTTP, one module per resource.

Handlers parse the request and call these functions under the store lock; the demo seed
calls the same functions so seeded history looks exactly like API-made data. Decisions where
REFERENCE.md says "inferred" or "not documented" are marked ``Inferred:``. Everything is
re-exported here (``domain.register_payment`` ...).
"""

from __future__ import annotations

from .clients import (
    CLIENT_STR_FIELDS as CLIENT_STR_FIELDS,
)
from .clients import (
    SEARCH_KEYS as SEARCH_KEYS,
)
from .clients import (
    apply_client_fields as apply_client_fields,
)
from .clients import (
    client_out as client_out,
)
from .clients import (
    client_summary as client_summary,
)
from .clients import (
    create_or_find_client as create_or_find_client,
)
from .clients import (
    new_client as new_client,
)
from .clients import (
    resolve_payment_client as resolve_payment_client,
)
from .clients import (
    search_clients as search_clients,
)
from .common import (
    AUTOMATION_ALIASES as AUTOMATION_ALIASES,
)
from .common import (
    DEFAULT_REGISTER_AUTOMATION as DEFAULT_REGISTER_AUTOMATION,
)
from .common import (
    fingerprint as fingerprint,
)
from .common import (
    fiscal_uuid as fiscal_uuid,
)
from .common import (
    new_id as new_id,
)
from .invoices import (
    _LEGAL_SUFFIX_RE as _LEGAL_SUFFIX_RE,
)
from .invoices import (
    _tax_breakdown as _tax_breakdown,
)
from .invoices import (
    add_complement as add_complement,
)
from .invoices import (
    effective_use as effective_use,
)
from .invoices import (
    fiscal_gap as fiscal_gap,
)
from .invoices import (
    invoice_series as invoice_series,
)
from .invoices import (
    make_invoice as make_invoice,
)
from .invoices import (
    next_folio as next_folio,
)
from .invoices import (
    receiver_name as receiver_name,
)
from .invoices import (
    stamping_checks as stamping_checks,
)
from .items import (
    build_items as build_items,
)
from .items import (
    check_payment_basics as check_payment_basics,
)
from .items import (
    check_third_party as check_third_party,
)
from .items import (
    lines_of as lines_of,
)
from .payments import (
    _payment_record as _payment_record,
)
from .payments import (
    mark_paid as mark_paid,
)
from .payments import (
    payment_out as payment_out,
)
from .payments import (
    refund as refund,
)
from .payments import (
    register_payment as register_payment,
)
from .payments import (
    request_payment as request_payment,
)
from .payments import (
    run_automation as run_automation,
)
from .services import (
    apply_service_fields as apply_service_fields,
)
from .services import (
    new_service as new_service,
)
from .teams import (
    DEFAULT_SETTINGS as DEFAULT_SETTINGS,
)
from .teams import (
    apply_settings as apply_settings,
)
from .teams import (
    apply_team_fields as apply_team_fields,
)
from .teams import (
    check_role as check_role,
)
from .teams import (
    check_series_counters as check_series_counters,
)
from .teams import (
    new_team as new_team,
)
from .users import (
    apply_user_fields as apply_user_fields,
)
from .users import (
    user_out as user_out,
)
