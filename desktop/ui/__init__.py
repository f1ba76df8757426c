"""The Qt front end: widgets, item models, dialogs and the worker thread (PySide6).

Everything below `desktop.ui` is usable without Qt; only this package imports PySide6.
"""
