"""Pages are built when first shown (issue 12: start near a bare window), and behave the same."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.config import AppConfig
from desktop.ui.app import AppShell, page_classes
from desktop.ui.page import Page
from tests.conftest import SANDBOX_KEY


def test_only_the_first_page_is_built_at_start(qtbot: QtBot, shell: AppShell) -> None:
    window = shell.window
    classes = page_classes()
    assert [type(p) for p in window.built_pages()] == [classes[0]]
    # The navigation lists every page from the classes, before any is built.
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [QCoreApplication.translate("Page", c.title) for c in classes]
    assert window.stack.count() == len(classes)
    assert type(window.stack.currentWidget()) is classes[0]


def test_a_page_is_built_once_when_shown_and_takes_its_place(qtbot: QtBot, shell: AppShell) -> None:
    window = shell.window
    window.show()
    classes = page_classes()
    last = len(classes) - 1
    placeholder = window.stack.widget(last)
    assert type(placeholder) is QWidget
    window.show_page(last)
    page = window.stack.currentWidget()
    assert type(page) is classes[last] and window.nav.currentRow() == last
    assert window.stack.indexOf(page) == last and window.stack.count() == len(classes)
    window.show_page(0)
    window.show_page(last)
    assert window.stack.currentWidget() is page  # built once
    assert window.pages[last] is page


def test_pages_by_name_and_by_index_build_on_demand(qtbot: QtBot, shell: AppShell) -> None:
    window = shell.window
    window.show()
    window.show_page_named("queue")
    current = window.stack.currentWidget()
    assert isinstance(current, Page) and current.objectName() == "queue"
    everything = list(window.pages)  # what tests and the smoke run iterate: all built
    assert [type(p) for p in everything] == page_classes()
    assert len(window.built_pages()) == len(everything)
    for index, page in enumerate(everything):
        assert window.stack.widget(index) is page


def test_the_app_paints_first_and_builds_its_first_page_right_after(
    qtbot: QtBot, ui_config: AppConfig
) -> None:
    """`run_gui`'s start: the window's first paint comes before the counter is built."""
    shell = AppShell(ui_config, SANDBOX_KEY, first_page_after_paint=True)
    try:
        window = shell.window
        settled: list[int] = []
        window.after_first_page = lambda: settled.append(len(window.built_pages()))
        # Before the first paint: the frame only (no page module imported for it).
        assert window.built_pages() == [] and window.nav.count() == 0
        window.show()
        qtbot.waitUntil(lambda: len(window.built_pages()) == 1, timeout=10_000)
        assert settled == [1]  # `run_gui` settles (gc.freeze) once the first page is up
        assert window.nav.count() == len(page_classes()) and window.nav.currentRow() == 0
        first = window.stack.currentWidget()
        assert type(first) is page_classes()[0] and window.stack.indexOf(first) == 0
        window.show_page(1)
        window.show_page(0)
        assert window.stack.currentWidget() is first  # built once
    finally:
        shell.close()
