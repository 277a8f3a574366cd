"""The note editor: what a bookmark points at, its note and its tags.

The dialog shows the citation (article, date, section) and the quoted text
read-only, lets the reader say what a passage is (a passage, a figure, a project
mention) with a short label, and edit the note (plain text or Markdown) and the
tags (separated by commas, 、 or ；, with completion from the tags in use).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jining_archive.notes.model import Bookmark, TargetKind, split_tags
from jining_archive.notes.targets import Citation

PASSAGE_KINDS = (TargetKind.PASSAGE, TargetKind.FIGURE, TargetKind.PROJECT)


class NoteEditorDialog(QDialog):
    """Edit one bookmark's note, tags, kind and label; see the module docstring."""

    def __init__(
        self,
        bookmark: Bookmark,
        citation: Citation,
        known_tags: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setMinimumWidth(520)
        self._bookmark = bookmark.copy()
        self._citation = citation

        self.source_label = QLabel(self)
        self.source_label.setObjectName("noteSource")
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setWordWrap(True)
        self.quote_view = QPlainTextEdit(self)
        self.quote_view.setObjectName("noteQuote")
        self.quote_view.setReadOnly(True)
        # An insight has no quote of its own: the articles its table cites are shown.
        quote = citation.quote or "\n".join(
            f"[{n}] {source.reference()}" for n, source in enumerate(citation.sources, 1)
        )
        self.quote_view.setPlainText(quote)
        self.quote_view.setMaximumHeight(90)
        self.quote_view.setVisible(bool(quote))
        self.detached_label = QLabel(self)
        self.detached_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detached_label.setWordWrap(True)
        self.detached_label.setVisible(bookmark.is_detached)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("noteKind")
        for kind in PASSAGE_KINDS:
            self.kind_combo.addItem("", kind.value)
        self.label_edit = QLineEdit(self)
        self.label_edit.setObjectName("noteLabel")
        self.label_edit.setText(bookmark.label)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("noteText")
        self.note_edit.setPlainText(bookmark.note)
        self.note_edit.setTabChangesFocus(True)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setObjectName("noteTags")
        self.tags_edit.setText("、".join(bookmark.tags))
        if known_tags:
            completer = QCompleter(sorted(known_tags), self.tags_edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.tags_edit.setCompleter(completer)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.kind_row_label = QLabel(self)
        self.label_row_label = QLabel(self)
        self.note_row_label = QLabel(self)
        self.tags_row_label = QLabel(self)
        self.form.addRow(self.kind_row_label, self.kind_combo)
        self.form.addRow(self.label_row_label, self.label_edit)
        self.form.addRow(self.note_row_label, self.note_edit)
        self.form.addRow(self.tags_row_label, self.tags_edit)
        passage_like = bookmark.kind in PASSAGE_KINDS
        self.kind_combo.setVisible(passage_like)
        self.kind_row_label.setVisible(passage_like)
        self.label_edit.setVisible(passage_like)
        self.label_row_label.setVisible(passage_like)
        if passage_like:
            self.kind_combo.setCurrentIndex(PASSAGE_KINDS.index(bookmark.kind))
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.quote_view)
        layout.addWidget(self.detached_label)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.note_edit.setFocus()

    def _kind_changed(self, _index: int) -> None:
        kind = TargetKind(self.kind_combo.currentData())
        if kind == TargetKind.PASSAGE:
            if self.label_edit.text() == self._citation.quote:
                self.label_edit.clear()
        elif not self.label_edit.text():
            self.label_edit.setText(self._citation.quote[:40])

    def retranslate(self) -> None:
        """Set every visible string in the interface language."""
        title = (
            self.tr("新建书签") if not self._bookmark.id else self.tr("编辑书签 #{id}")
        ).format(id=self._bookmark.id)
        self.setWindowTitle(title)
        c = self._citation
        kind_names = {
            TargetKind.ARTICLE: self.tr("文章"),
            TargetKind.SECTION: self.tr("章节"),
            TargetKind.FIGURE: self.tr("数据"),
            TargetKind.PROJECT: self.tr("项目"),
            TargetKind.PASSAGE: self.tr("段落"),
            TargetKind.INSIGHT: self.tr("洞察"),
        }
        self.source_label.setText(f"[{kind_names[self._bookmark.kind]}] {c.reference()}")
        self.detached_label.setText(self.tr("原文已改动，此书签未能重新定位；下面是书签时的原文。"))
        for i, kind in enumerate(PASSAGE_KINDS):
            self.kind_combo.setItemText(i, kind_names[kind])
        self.kind_row_label.setText(self.tr("类型"))
        self.label_row_label.setText(self.tr("名称"))
        self.label_edit.setPlaceholderText(self.tr("如数据或项目的名称(可不填)"))
        self.note_row_label.setText(self.tr("笔记"))
        self.note_edit.setPlaceholderText(self.tr("笔记内容,可用 Markdown"))
        self.tags_row_label.setText(self.tr("标签"))
        self.tags_edit.setPlaceholderText(self.tr("用逗号或顿号分隔,如:外贸、2023"))

    def changeEvent(self, event: QEvent) -> None:
        """Follow a change of the interface language."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def bookmark(self) -> Bookmark:
        """The bookmark with the edits made in the dialog."""
        result = self._bookmark.copy()
        result.note = self.note_edit.toPlainText()
        result.tags = split_tags(self.tags_edit.text())
        if result.kind in PASSAGE_KINDS:
            result.kind = TargetKind(self.kind_combo.currentData())
            result.label = self.label_edit.text().strip()
        return result
