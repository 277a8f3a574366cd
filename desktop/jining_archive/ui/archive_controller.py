"""Changing the archive from the window: import (menu and drag and drop), remove, edit.

Imports run on the window's single index-writer thread (so the catalogue and
the index are never written by two tasks at once), with progress and Cancel in
the status bar; the index is brought up to date for the new articles in the
same task. When it ends the tree, the side panel and the bookmarks follow and
a summary lists what was added, unchanged, a repost or skipped, and why.

Removing an article asks first and can be undone; its bookmarks are kept,
detached, with their quotes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from jining_archive.importing import ImportResult
from jining_archive.library import LibraryError
from jining_archive.storage.catalogue import CatalogueError, CatalogueRow
from jining_archive.ui import settings as opts
from jining_archive.ui import tree_model
from jining_archive.ui.tasks import TaskContext

if TYPE_CHECKING:
    from jining_archive.ui.main_window import MainWindow

FILE_FILTER = "*.txt *.md *.markdown *.html *.htm *.docx *.pdf"


class ArchiveController(QObject):
    """Import, remove and edit articles from the window; see the module docstring.

    Signals:
        importFinished(list): the ImportResults of an import that ended (also cancelled).
        articlesChanged(): articles were added, removed or edited.
    """

    importFinished = Signal(list)
    articlesChanged = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self._removed: list[CatalogueRow] = []
        self._partial: list[ImportResult] = []
        self._importing = False
        self.summary: Any = None
        self.details_dialog: Any = None
        self._build_actions()
        self._build_menus()
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        window.reader.setAcceptDrops(False)  # files dropped on the text import, not paste
        window.tree_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.tree_view.customContextMenuRequested.connect(self._tree_menu)
        window.articleOpened.connect(self._update_actions)
        grouping = window.settings.get(opts.TREE_GROUPING)
        if grouping in tree_model.GROUPINGS and grouping != "none":
            self.grouping_actions[grouping].setChecked(True)
            self._regroup(grouping)
        self.retranslate()
        self._update_actions()

    # -- actions and menus -------------------------------------------------------------

    def _build_actions(self) -> None:
        w = self.window
        self.import_files_action = w._action(QKeySequence("Ctrl+O"))
        self.import_files_action.setObjectName("importFilesAction")
        self.import_folder_action = w._action(QKeySequence("Ctrl+Shift+O"))
        self.import_folder_action.setObjectName("importFolderAction")
        self.edit_details_action = w._action()
        self.edit_details_action.setObjectName("editDetailsAction")
        self.remove_article_action = w._action()
        self.remove_article_action.setObjectName("removeArticleAction")
        self.export_article_notes_action = QAction(w)
        self.export_article_notes_action.setObjectName("exportArticleNotesAction")
        self.export_article_notes_action.triggered.connect(self._export_article_notes)
        self.undo_remove_action = w._action()
        self.undo_remove_action.setObjectName("undoRemoveAction")
        self.undo_remove_action.setEnabled(False)
        self.furniture_action = w._action()
        self.furniture_action.setObjectName("furnitureAction")
        self.grouping_group = QActionGroup(self)
        self.grouping_actions: dict[str, QAction] = {}
        for key in tree_model.GROUPINGS:
            action = QAction(self.grouping_group)
            action.setCheckable(True)
            action.setData(key)
            self.grouping_actions[key] = action
        self.grouping_actions["none"].setChecked(True)
        self.import_files_action.triggered.connect(self.choose_files)
        self.import_folder_action.triggered.connect(self.choose_folder)
        self.edit_details_action.triggered.connect(lambda: self.edit_details())
        self.remove_article_action.triggered.connect(lambda: self.remove_article())
        self.undo_remove_action.triggered.connect(self.undo_remove)
        self.furniture_action.triggered.connect(lambda: self.show_furniture())
        self.grouping_group.triggered.connect(lambda a: self._regroup(str(a.data())))

    def _build_menus(self) -> None:
        w = self.window
        first = w.export_action  # the file menu opens with Export
        w.file_menu.insertAction(first, self.import_files_action)
        w.file_menu.insertAction(first, self.import_folder_action)
        w.file_menu.insertSeparator(first)
        w.edit_menu.addSeparator()
        w.edit_menu.addAction(self.edit_details_action)
        w.edit_menu.addAction(self.remove_article_action)
        w.edit_menu.addAction(self.undo_remove_action)
        self.grouping_menu = QMenu(w)
        for action in self.grouping_actions.values():
            self.grouping_menu.addAction(action)
        w.view_menu.insertMenu(w.language_menu.menuAction(), self.grouping_menu)
        w.view_menu.insertAction(w.language_menu.menuAction(), self.furniture_action)
        w.view_menu.insertSeparator(w.language_menu.menuAction())

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.import_files_action.setText(self.tr("导入文件(&I)…"))
        self.import_files_action.setToolTip(
            self.tr("把网页、Word、PDF 或文本文件加入资料库（也可以直接拖到窗口里）")
        )
        self.import_folder_action.setText(self.tr("导入文件夹…"))
        self.edit_details_action.setText(self.tr("编辑文章信息…"))
        self.export_article_notes_action.setText(self.tr("导出本文的书签和笔记…"))
        self.remove_article_action.setText(self.tr("从资料库删除文章…"))
        self.undo_remove_action.setText(self.tr("撤销删除文章"))
        self.furniture_action.setText(self.tr("查看页面杂项…"))
        self.grouping_menu.setTitle(self.tr("目录分组"))
        self.grouping_actions["none"].setText(self.tr("不分组"))
        self.grouping_actions["year"].setText(self.tr("按年份"))
        self.grouping_actions["source"].setText(self.tr("按来源"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Retranslate when the interface language changes."""
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def drag_entered(self, event: QDragEnterEvent | QDragMoveEvent) -> None:
        """Accept files and folders dragged over the window."""
        if self._dropped_paths(event) and not self.library.read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropped(self, event: QDropEvent) -> None:
        """Import the files and folders dropped on the window."""
        dropped = self._dropped_paths(event)
        if not dropped:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(dropped)

    @staticmethod
    def _dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def _update_actions(self, *_args: object) -> None:
        writable = not self.library.read_only
        article = self.window.current_article
        for action in (self.import_files_action, self.import_folder_action):
            action.setEnabled(writable and not self._importing)
        self.edit_details_action.setEnabled(writable and article is not None)
        self.remove_article_action.setEnabled(writable and article is not None)
        self.furniture_action.setEnabled(
            article is not None and bool(self.library.furniture(article.id))
        )

    def _tree_menu(self, point: QPoint) -> None:
        view = self.window.tree_view
        index = view.indexAt(point)
        article_id = index.data(tree_model.ARTICLE_ID_ROLE) if index.isValid() else None
        menu = QMenu(view)
        if article_id:
            self.window.open_article(str(article_id))
            menu.addAction(self.edit_details_action)
            menu.addAction(self.furniture_action)
            store = self.window.notes.store
            has_notes = store is not None and bool(store.bookmarks(article_id=str(article_id)))
            self.export_article_notes_action.setEnabled(has_notes)
            self.export_article_notes_action.setData(str(article_id))
            menu.addAction(self.export_article_notes_action)
            menu.addSeparator()
            menu.addAction(self.remove_article_action)
            menu.addSeparator()
        menu.addAction(self.import_files_action)
        menu.addAction(self.import_folder_action)
        menu.addMenu(self.grouping_menu)
        menu.popup(view.viewport().mapToGlobal(point))

    def _export_article_notes(self) -> None:
        article_id = self.export_article_notes_action.data()
        if article_id:
            self.window.notes.export(article_id=str(article_id))

    def _regroup(self, grouping: str) -> None:
        window = self.window
        current = window.current_article
        window.tree_model.set_grouping(grouping)
        window.tree_view.expandToDepth(0)
        window.settings.set(opts.TREE_GROUPING, grouping)
        if current is not None:
            window._select_in_tree(current.id, None)

    # -- importing ---------------------------------------------------------------------

    def choose_files(self) -> None:
        """File → Import files…"""
        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("导入文件"),
            str(Path.home()),
            self.tr("文章 ({patterns});;所有文件 (*)").format(patterns=FILE_FILTER),
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        """File → Import folder… (recursively)"""
        name = QFileDialog.getExistingDirectory(
            self.window, self.tr("导入文件夹"), str(Path.home())
        )
        if name:
            self.import_paths([Path(name)])

    def import_paths(self, targets: list[Path]) -> None:
        """Import files and folders in the background; a summary follows."""
        window = self.window
        if self._importing:
            window.status.show_message(self.tr("正在导入，请等当前导入结束后再试。"))
            return
        if self.library.read_only:
            window.status.show_problem(self.tr("资料库是只读的，无法导入。"))
            return
        library = self.library
        self._importing = True
        self._partial = []
        self._update_actions()
        partial = self._partial

        def work(context: TaskContext) -> list[ImportResult]:
            cancel = context.cancel_event.is_set

            def progress(done: int, total: int, path: str) -> None:
                context.progress(done, total, Path(path).name if path else "")

            results = library.import_paths(targets, progress=progress, cancel=cancel)
            partial.extend(results)
            if any(r.article_id and r.status in ("added", "repost") for r in results):
                library.prepare_search()  # the index follows at once, for these articles only
            return results

        task = window.index_writer.run(
            work,
            on_success=self._imported,
            on_failure=self._import_failed,
            name="import",
        )
        task.signals.cancelled.connect(lambda: self._imported(list(partial), cancelled=True))
        window.status.track(task, self.tr("正在导入"))

    def _imported(self, results: list[ImportResult], cancelled: bool = False) -> None:
        self._importing = False
        self._update_actions()
        if any(r.article_id and r.status in ("added", "repost") for r in results):
            self.refresh()
        self.importFinished.emit(results)
        self.show_summary(results, cancelled)

    def _import_failed(self, message: str, _details: str) -> None:
        self._importing = False
        self._update_actions()
        if self._partial:
            self.refresh()
        self.window.status.show_problem(self.tr("导入失败：{message}").format(message=message))

    def show_summary(self, results: list[ImportResult], cancelled: bool = False) -> None:
        """The import summary (added, unchanged, reposts, skipped, with reasons)."""
        from jining_archive.ui.import_summary import ImportSummaryDialog

        dialog = ImportSummaryDialog(results, cancelled=cancelled, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.articleRequested.connect(self.window.open_article)
        dialog.dropRepostsRequested.connect(self._drop_reposts)
        self.summary = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "summary", None))
        dialog.show()

    def _drop_reposts(self, article_ids: list[str]) -> None:
        known = [a for a in article_ids if a in self.library]
        if known:
            self._remove(known)

    # -- keeping the window in step ----------------------------------------------------

    def refresh(self) -> None:
        """After the articles changed: tree, reader, bookmarks, figures and projects."""
        window = self.window
        current = window.current_article
        window.tree_model.set_articles(self.library.articles)
        window.tree_view.expandToDepth(0)
        if current is not None and current.id in self.library:
            window.current_article = None  # the article object may have been replaced
            window.open_article(current.id)
        elif current is not None:
            window.current_article = None
            window.reader.show_placeholder(self.tr("这篇文章已从资料库删除。"))
        notes = getattr(window, "notes", None)
        if notes is not None and notes.store is not None:
            try:
                notes.store.reconcile(self.library.articles)
            except Exception as exc:  # a notes problem must not undo the import
                window.status.show_problem(str(exc))
            if notes.panel is not None:
                notes.panel.refresh()
            notes.mark_bookmarks()
        window.refresh_annotations()
        self._update_actions()
        self.articlesChanged.emit()

    # -- removing and editing ----------------------------------------------------------

    def remove_article(self, article_id: str | None = None) -> bool:
        """Remove an article after asking; returns whether it was removed."""
        article_id = article_id or (
            self.window.current_article.id if self.window.current_article else None
        )
        if not article_id or article_id not in self.library:
            return False
        article = self.library.article(article_id)
        copies = self.library.reposts_of(article_id)
        text = self.tr("从资料库删除《{title}》？").format(title=article.title)
        info = self.tr("书签会保留并标为“未定位”，可以用“编辑 → 撤销删除文章”恢复。")
        if copies:
            info += "\n" + self.tr("它的 {n} 篇转载会成为独立文章。").format(n=len(copies))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("删除文章"), text, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(info)
        remove = box.addButton(self.tr("删除"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not remove:
            return False
        return self._remove([article_id])

    def _remove(self, article_ids: list[str]) -> bool:
        try:
            removed = self.library.remove(article_ids)
        except (LibraryError, CatalogueError) as exc:
            self.window.status.show_problem(
                self.tr("无法删除：{message}").format(message=self.error_text(exc))
            )
            return False
        self._removed = removed
        self.undo_remove_action.setEnabled(bool(removed))
        self._update_index()
        self.refresh()
        self.window.status.show_message(
            self.tr("已删除 {n} 篇文章（编辑 → 撤销删除文章）").format(n=len(removed)), 10000
        )
        return True

    def undo_remove(self) -> None:
        """Put the articles removed last back."""
        if not self._removed:
            return
        try:
            restored = self.library.restore(self._removed)
        except (LibraryError, CatalogueError) as exc:
            self.window.status.show_problem(
                self.tr("无法恢复：{message}").format(message=self.error_text(exc))
            )
            return
        self._removed = []
        self.undo_remove_action.setEnabled(False)
        self._update_index()
        self.refresh()
        if restored:
            self.window.open_article(restored[0].id)

    def _update_index(self) -> None:
        library = self.library

        def work(_context: TaskContext) -> list[str]:
            return library.prepare_search()

        self.window.index_writer.run(work, name="index-update")

    def edit_details(self, article_id: str | None = None) -> bool:
        """Edit details… of an article; returns whether anything changed."""
        from jining_archive.ui.article_details import ArticleDetailsDialog

        article_id = article_id or (
            self.window.current_article.id if self.window.current_article else None
        )
        if not article_id or article_id not in self.library:
            return False
        article = self.library.article(article_id)
        row = self.library.row(article_id)
        dialog = ArticleDetailsDialog(
            article,
            origin_path=article.path,
            format=row.format if row else "",
            encoding=row.encoding if row else "",
            parent=self.window,
        )
        self.details_dialog = dialog
        try:
            if dialog.exec() != ArticleDetailsDialog.DialogCode.Accepted:
                return False
            changes = dialog.changes()
        finally:
            self.details_dialog = None
        return self.apply_edit(article_id, changes)

    def apply_edit(self, article_id: str, changes: dict[str, Any]) -> bool:
        """Store metadata changes and show them everywhere."""
        if not changes:
            return False
        try:
            self.library.edit(article_id, changes)
        except (LibraryError, CatalogueError) as exc:
            self.window.status.show_problem(
                self.tr("无法保存：{message}").format(message=self.error_text(exc))
            )
            return False
        self._update_index()
        self.refresh()
        return True

    def error_text(self, exc: LibraryError | CatalogueError) -> str:
        """A library or catalogue error in the interface language (its English text when
        the code is not one the window knows)."""
        texts = {
            "read-only": self.tr("资料库无法写入，没有做任何改动。"),
            "unwritable": self.tr("资料库无法写入，没有做任何改动。"),
            "full": self.tr("磁盘已满，资料库没有改动。"),
            "busy": self.tr("资料库正被另一个程序使用，请稍后再试。"),
            "date": self.tr("日期应写成 YYYY、YYYY-MM 或 YYYY-MM-DD。"),
            "title": self.tr("标题不能为空。"),
        }
        return texts.get(exc.code, str(exc))

    def show_furniture(self, article_id: str | None = None) -> None:
        """The page furniture set apart from an imported article, in a read-only window."""
        article_id = article_id or (
            self.window.current_article.id if self.window.current_article else None
        )
        if not article_id:
            return
        lines = self.library.furniture(article_id)
        box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("页面杂项"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr("导入时从正文中隐去的 {n} 行（导航、计数、版权等）：").format(n=len(lines))
        )
        box.setDetailedText("\n".join(lines))
        box.open()
