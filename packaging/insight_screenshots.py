"""Screenshots of the insight views on the bundled archive (run under xvfb-run)."""
import os
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desktop"))
home = tempfile.mkdtemp()
os.environ["JINING_ARCHIVE_HOME"] = home
from PySide6.QtCore import QTimer, Qt
from jining_archive.ui.application import create_application
from jining_archive.ui.fonts import ensure_cjk_font
from jining_archive.ui.settings import Settings
from jining_archive.ui.i18n import LanguageSwitcher
from jining_archive.library import Library
from jining_archive.ui.main_window import MainWindow
from jining_archive.ui.side_panel import PROJECTS_TAB

OUT = str(Path(__file__).resolve().parent.parent / "resources" / "screenshots")
app = create_application()
ensure_cjk_font()
library = Library.open(reprocess=False)
window = MainWindow(library, Settings(os.path.join(home, "s.ini")), LanguageSwitcher())
window.resize(1400, 880)
window.show()
window.start_background_work()
steps = []

def save(widget, name):
    widget.grab().save(f"{OUT}/{name}.png")
    print("saved", name, flush=True)

def after_annotations():
    insight = window.insight.open_window()
    insight.resize(1380, 860)
    insight.dataShown.connect(lambda: QTimer.singleShot(800, figures), Qt.ConnectionType.SingleShotConnection)

def figures():
    insight = window.insight.window
    insight.tabs.setCurrentIndex(0)
    QTimer.singleShot(500, lambda: (save(insight, "insight-figures"), area()))

def area():
    insight = window.insight.window
    t = insight.figures
    t.kind_filter.setCurrentIndex(t.kind_filter.findData("area"))
    QTimer.singleShot(500, lambda: (save(insight, "insight-figures-area"), series()))

def series():
    insight = window.insight.window
    insight.tabs.setCurrentIndex(1)
    insight.series.select_measure("世界500强企业")
    QTimer.singleShot(800, lambda: (save(insight, "insight-series"), story()))

def story():
    insight = window.insight.window
    insight.show_story("小松全球智能制造产业基地")
    QTimer.singleShot(800, lambda: (save(insight, "insight-project-story"), panel()))

def panel():
    window.insight.window.hide()
    window.open_article("2023-intl-parks")
    p = window.side_panel
    p.setCurrentIndex(PROJECTS_TAB)
    proxy = p.projects_proxy
    for r in range(proxy.rowCount()):
        if proxy.index(r, 0).data() == "小松全球智能制造产业基地":
            p.projects_view.selectRow(r)
    QTimer.singleShot(800, lambda: (save(window, "insight-side-panel-story"), app.quit()))

window.annotationsReady.connect(lambda: QTimer.singleShot(500, after_annotations))
QTimer.singleShot(120000, app.quit)
app.exec()
