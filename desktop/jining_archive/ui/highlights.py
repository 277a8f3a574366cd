"""Highlight colours for figures, projects and search matches, derived from the palette.

Three hues that stay apart for most colour-vision types (amber, blue, magenta);
their lightness follows the palette's base colour, so a dark theme gets dark
tints under light text and a light theme light tints under dark text, each
legible (contrast ratio at least 4.5 with the palette's text colour).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

FIGURE_HUE = 38 / 360
PROJECT_HUE = 205 / 360
SEARCH_HUE = 315 / 360
MIN_CONTRAST = 4.5


def relative_luminance(color: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(palette: QPalette) -> bool:
    """Whether the palette draws light text on a dark base."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return relative_luminance(base) < relative_luminance(text)


def _tint(hue: float, palette: QPalette, strength: float) -> QColor:
    """A background of ``hue`` that keeps the palette's text legible.

    ``strength`` 0..1: how far from the base colour (the flash uses more).
    """
    text = palette.color(QPalette.ColorRole.Text)
    dark = is_dark(palette)
    saturation = 0.75 if not dark else 0.55
    lightness = (0.88 - 0.16 * strength) if not dark else (0.22 + 0.12 * strength)
    color = QColor.fromHslF(hue, saturation, lightness)
    # Walk away from the text colour until the contrast is enough.
    step = 0.02 if not dark else -0.02
    while contrast_ratio(color, text) < MIN_CONTRAST and 0.02 < lightness < 0.98:
        lightness += step
        color = QColor.fromHslF(hue, saturation, lightness)
    return color


def muted_text(palette: QPalette) -> QColor:
    """A secondary text colour (captions, source notes) that still reads: the
    palette's placeholder grey, moved towards the text colour until its contrast
    with the base reaches :data:`MIN_CONTRAST` (WCAG AA), light or dark palette."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    grey = palette.color(QPalette.ColorRole.PlaceholderText)
    for step in range(11):
        share = step / 10
        color = QColor.fromRgbF(
            grey.redF() + (text.redF() - grey.redF()) * share,
            grey.greenF() + (text.greenF() - grey.greenF()) * share,
            grey.blueF() + (text.blueF() - grey.blueF()) * share,
        )
        if contrast_ratio(color, base) >= MIN_CONTRAST + 0.05:
            return color
    return QColor(text)


def _line(hue: float, palette: QPalette) -> QColor:
    """A saturated mark (underline) of ``hue`` that stands out from the base colour."""
    return QColor.fromHslF(hue, 0.85, 0.62 if is_dark(palette) else 0.38)


@dataclass(frozen=True)
class HighlightColours:
    """The reader's highlight colours for one palette."""

    figure: QColor
    project: QColor
    project_line: QColor
    search: QColor
    current: QColor
    flash: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> HighlightColours:
        """Colours that suit ``palette`` (light or dark)."""
        return cls(
            figure=_tint(FIGURE_HUE, palette, 0.0),
            project=_tint(PROJECT_HUE, palette, 0.0),
            project_line=_line(PROJECT_HUE, palette),
            search=_tint(SEARCH_HUE, palette, 0.3),
            current=_tint(SEARCH_HUE, palette, 1.0),
            flash=_tint(SEARCH_HUE, palette, 1.0),
        )


def problem_colour(palette: QPalette) -> QColor:
    """A red for warnings that stays legible on the palette's window colour."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b00020")


def set_problem_style(label: QWidget, problem: bool) -> None:
    """Show ``label``'s text as a warning (red, legible in light and dark themes) or normally."""
    palette = label.palette()
    parent = label.parentWidget()
    normal = (parent.palette() if parent else palette).color(QPalette.ColorRole.WindowText)
    colour = problem_colour(palette) if problem else normal
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    label.setProperty("problem", problem)
