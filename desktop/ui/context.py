"""What pages get: the core objects, the lanes, notices and the app's preferences."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    # Annotations only: the main window's frame imports this module before its first paint,
    # and the lanes and the operation API bring httpx and pydantic (issue 12).
    from desktop.app import Core
    from desktop.config import AppConfig
    from desktop.gigstack import GigstackClient
    from desktop.gigstack.keyinfo import KeyInfo
    from desktop.store.cache import Resource
    from desktop.ui.lanes import Lanes
    from desktop.ui.ops import OnError, Op

T = TypeVar("T")

#: Notice levels, from least to most urgent. "error" stays on screen until dismissed.
NOTICE_LEVELS = ("info", "success", "warning", "error")


class Notices(QObject):
    """The app's notice channel; the main window shows what is posted here.

    Signals:
        posted(str, str): text (Spanish, for people) and level (one of `NOTICE_LEVELS`).
    """

    posted = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last: tuple[str, str] | None = None

    def post(self, text: str, level: str = "info") -> None:
        if level not in NOTICE_LEVELS:
            level = "info"
        self.last = (text, level)
        self.posted.emit(text, level)


@dataclass
class UiContext:
    """Shared by the main window and every page (GUI thread only).

    Attributes:
        core: Database, outbox and cache (reads and quick writes are fine on the GUI thread).
        bridge: The two lanes (`desktop.ui.lanes.Lanes`): sender, page calls, cache refresh.
        config: Data folder, API URL, team, demo flag.
        settings: Window state and, until every page reads `TerminalConfig`, preferences.
        notices: Where `notify()` posts; the main window shows it.
        key_info: What the API key says of itself (its `team` and `livemode` claims, never
            the key); None when the context was built without it (test mode shown nowhere).
    """

    core: Core
    bridge: Lanes
    config: AppConfig
    settings: QSettings
    notices: Notices = field(default_factory=Notices)
    key_info: KeyInfo | None = None

    @property
    def team(self) -> str | None:
        return self.config.team

    def notify(self, text: str, level: str = "info") -> None:
        """Tell the cashier something in the window's notice area.

        Levels: "info" and "success" fade after a few seconds, "warning" stays longer,
        "error" stays until the cashier closes it (a failed print, a sale not saved).
        """
        self.notices.post(text, level)

    def run_op(
        self,
        parent: QObject | None,
        fn: Callable[[GigstackClient], T],
        on_done: Callable[[T], None],
        *,
        on_error: OnError | None = None,
        needs_online: bool = True,
        busy: QWidget | Iterable[QWidget] | None = None,
        write_through: Callable[[T], Any] | None = None,
        touches: Iterable[Resource] = (),
    ) -> Op[T]:
        """Run a server action for a page; see `desktop.ui.ops` for the whole contract."""
        from desktop.ui.ops import run_op

        return run_op(
            self.bridge,
            parent,
            fn,
            on_done,
            on_error=on_error,
            notify=self.notify,
            needs_online=needs_online,
            busy=busy,
            write_through=write_through,
            touches=touches,
        )
