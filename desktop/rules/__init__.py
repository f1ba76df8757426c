"""Business rules below the UI: what a client, a service's taxes or a team choice may be.

Qt-free and network-free: the dialogs display and collect, these modules decide, and the CLI
and tests call the same functions. Messages are Spanish (es-MX), ready to show next to the
field they name; the UI may pass them through Qt's translate() with the "Rules" context.
"""
