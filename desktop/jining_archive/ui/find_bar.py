"""Find in this article (Ctrl+F): a bar under the reader with its own next and previous,
separate from searching the whole archive.

Matching is on the folded text (full-width and traditional characters, letter
case), as the archive search matches, so 濟寧 finds 济宁; offsets are the article's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from jining_archive.documents.normalise import fold


def find_all_folded(text: str, query: str) -> list[tuple[int, int]]:
    """Every place ``query`` occurs in ``text``, compared folded (same offsets)."""
    needle = fold(query.strip())
    if not needle:
        return []
    haystack = fold(text)
    found = []
    start = haystack.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return found


class FindBar(QWidget):
    """Type to find in the open article; Enter / F3 next, Shift+Enter / Shift+F3 previous.

    Signals:
        matchesChanged(list): every match of the current text, article offsets.
        currentChanged(int, int): the match to show (start, end).
        closed(): the bar was closed (Escape or ×).
    """

    matchesChanged = Signal(list)
    currentChanged = Signal(int, int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.text = ""
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._fresh = False
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("↑")
        self.next_button = QToolButton(self)
        self.next_button.setText("↓")
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.label = QLabel(self)
        layout.addWidget(self.label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self._return)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the interface language."""
        self.label.setText(self.tr("在本文中查找："))
        self.field.setPlaceholderText(self.tr("输入要在本文中查找的文字"))
        self.previous_button.setToolTip(self.tr("上一个 (Shift+Enter)"))
        self.next_button.setToolTip(self.tr("下一个 (Enter)"))
        self.close_button.setToolTip(self.tr("关闭 (Esc)"))
        self._show_count()

    def open_bar(self, selected: str = "") -> None:
        """Show the bar with the cursor in its field (and the selection as its text)."""
        self.show()
        if selected and "\n" not in selected and len(selected) <= 100:
            self.field.setText(selected)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and its highlights."""
        self.hide()
        self.matchesChanged.emit([])
        self.closed.emit()

    def set_article_text(self, text: str) -> None:
        """The open article changed: find again in it."""
        self.text = text
        if self.isVisible():
            self._find(self.field.text(), keep=False)

    def _typed(self, query: str) -> None:
        self._find(query, keep=False)

    def _find(self, query: str, keep: bool) -> None:
        self.matches = find_all_folded(self.text, query)
        self.current = 0 if self.matches else -1
        self._fresh = True  # Enter right after typing stays on the first match
        self.matchesChanged.emit(list(self.matches))
        if self.matches:
            self.currentChanged.emit(*self.matches[0])
        self._show_count()

    def _return(self) -> None:
        if QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_previous()
        else:
            self.find_next()

    def find_next(self) -> None:
        """The next match, round to the first (the first one right after typing)."""
        if self._fresh:
            self._fresh = False
            if self.matches:
                self.currentChanged.emit(*self.matches[self.current])
            return
        self._step(1)

    def find_previous(self) -> None:
        """The previous match, round to the last."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + delta) % len(self.matches)
        self.currentChanged.emit(*self.matches[self.current])
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText(self.tr("没有找到"))
        else:
            self.count_label.setText(
                self.tr("第 {n} 个，共 {total} 个").format(
                    n=self.current + 1, total=len(self.matches)
                )
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the bar."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
