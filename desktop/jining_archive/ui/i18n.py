"""The interface language: Chinese source strings, English from a Qt Linguist .ts file.

Every visible string is written in Chinese in the code (``self.tr("打开")``) and
extracted with ``pyside6-lupdate desktop/jining_archive/ui/*.py -ts
resources/translations/jining_archive_en.ts`` (without ``-no-obsolete``).
The app reads that .ts file directly with :class:`TsTranslator`, a QTranslator
whose catalogue is a Python dict, instead of a compiled .qm: a pip install has no
build step that could run ``lrelease``, committed .qm files would be generated
files drifting from their source, and parsing a few hundred messages takes about
a millisecond.

PySide6's ``self.tr`` uses the *runtime* class name as context, so a subclass
would miss its parent's translations; the translator falls back to a lookup by
source text alone when the (context, source) pair is unknown.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
)

from jining_archive import paths

SOURCE_LANGUAGE = "zh_CN"
# Language code → the name shown in the Language menu (each in its own language).
LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English"}


class TranslationFileError(ValueError):
    """A .ts file could not be read."""


def translations_dir() -> Path:
    """Where the .ts files are shipped."""
    return paths.resources_dir() / "translations"


def load_ts(path: Path) -> dict[tuple[str, str], str]:
    """The finished translations of a .ts file as {(context, source): translation}."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise TranslationFileError(f"cannot read {path}: {exc}") from exc
    catalogue: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            source = message.findtext("source")
            element = message.find("translation")
            if source is None or element is None:
                continue
            # Vanished/obsolete entries are kept: strings translated at run time from a
            # variable (QCoreApplication.translate(context, name)) are invisible to
            # lupdate, which marks them vanished although the program still asks for them.
            if element.get("type") == "unfinished":
                continue
            if element.text:
                catalogue[(name, source)] = element.text
    return catalogue


class TsTranslator(QTranslator):
    """A QTranslator over a dict loaded from a .ts file; see the module docstring."""

    def __init__(self, catalogue: dict[tuple[str, str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._catalogue = dict(catalogue)
        by_source: dict[str, str] = {}
        ambiguous: set[str] = set()
        for (_context, source), text in catalogue.items():
            if source in by_source and by_source[source] != text:
                ambiguous.add(source)
            by_source[source] = text
        self._by_source = {s: t for s, t in by_source.items() if s not in ambiguous}

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """The translation of ``source_text`` in ``context``; None lets Qt keep the source."""
        found = self._catalogue.get((context, source_text))
        if found is None:
            found = self._by_source.get(source_text)
        return found

    def isEmpty(self) -> bool:
        """False: Qt skips translators that say they are empty."""
        return not self._catalogue

    def language(self) -> str:
        """The target language code."""
        return "en"


class LanguageSwitcher:
    """Installs and swaps the translators of the running application."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.current = SOURCE_LANGUAGE

    def apply(self, language: str) -> str:
        """Switch the application to ``language``; returns the language actually used.

        Unknown codes fall back to the source language (Chinese). Installing a
        translator sends every widget a LanguageChange event.
        """
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("no QCoreApplication")
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed.clear()
        if language not in LANGUAGES:
            language = SOURCE_LANGUAGE
        if language != SOURCE_LANGUAGE:
            try:
                catalogue = load_ts(translations_dir() / f"jining_archive_{language}.ts")
            except TranslationFileError:
                catalogue = {}
                language = SOURCE_LANGUAGE
            if catalogue:
                self._install(TsTranslator(catalogue, app))
        # Qt's own strings (standard buttons, context menus) in the same language.
        qt_translator = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(f"qtbase_{language}", qt_dir):
            self._install(qt_translator)
        QLocale.setDefault(QLocale("en_GB" if language == "en" else "zh_CN"))
        self.current = language
        # Widgets get LanguageChange as posted events: deliver them now, so the
        # whole window has changed language when this returns.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return language

    def _install(self, translator: QTranslator) -> None:
        QCoreApplication.installTranslator(translator)
        self._installed.append(translator)
