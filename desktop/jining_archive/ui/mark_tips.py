"""What a highlight says on hover: a figure's kind, normalised value, qualifier and
measure; a project's or organisation's kind, name and status in that sentence."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication

from jining_archive.extraction import Figure
from jining_archive.ui.annotations import Annotations, figure_key
from jining_archive.ui.figures_model import format_value, kind_label
from jining_archive.ui.import_summary import plain_tooltip
from jining_archive.ui.projects_model import entity_kind_label
from jining_archive.ui.reader import Mark, MarkKind


def _tr(text: str) -> str:
    return QCoreApplication.translate("marks", text)


def figure_tip(figure: Figure) -> str:
    """The lines shown over a figure (plain text)."""
    lines = [f"{kind_label(figure.kind)}：{figure.text}"]
    if figure.value is not None:
        value = format_value(figure.value, figure.kind)
        unit = "" if figure.kind == "date" else figure.unit
        lines.append(_tr("数值：{value}").format(value=f"{value} {unit}".strip()))
        if figure.date_basis == "article_date":
            lines.append(_tr("年份按文章日期推算"))
        elif figure.date_basis == "estimated_article_date":
            lines.append(_tr("年份按估计的文章日期推算（不确定）"))
    if figure.qualifier:
        lines.append(_tr("限定：{qualifier}").format(qualifier=figure.qualifier))
    if figure.measure:
        lines.append(_tr("指标：{measure}").format(measure=figure.measure))
    return "\n".join(lines)


def with_tips(annotations: Annotations, article_id: str) -> list[Mark]:
    """The reader marks of one article, each with its hover text (escaped rich text)."""
    figures = {figure_key(f): f for f in annotations.figures(article_id)}
    statuses = {
        (m.key, m.mention.start, m.mention.end): m.mention.status
        for m in annotations.mentions(article_id)
    }
    marks = []
    for mark in annotations.marks(article_id):
        if mark.kind == MarkKind.FIGURE:
            figure = figures.get(mark.key)
            tip = figure_tip(figure) if figure is not None else ""
        else:
            entity = annotations.entities.get(mark.key)
            kind = annotations.entity_kinds.get(mark.key, "")
            tip = f"{entity_kind_label(kind)}：{entity.name if entity else mark.key}"
            status = statuses.get((mark.key, mark.start, mark.end))
            if status:
                tip += "\n" + _tr("状态：{status}").format(status=status)
        marks.append(dataclasses.replace(mark, tip=plain_tooltip(tip)))
    return marks
