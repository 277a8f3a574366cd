"""Why an export (of notes, results, references or a PDF) could not be written, in the
interface language, from the error's code (see ``notes.destination.ExportError``)."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication

from jining_archive.notes.destination import ExportError, shown


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def describe_export_error(error: ExportError) -> str:
    """Why an export could not be written, in the interface language."""
    path = shown(error.path) if error.path is not None else ""
    code = error.code
    if code == "no-folder":
        return _tr("文件夹 {path} 不存在，请选择一个已有的文件夹").format(path=path)
    if code == "not-a-folder":
        return _tr("{path} 不是文件夹").format(path=path)
    if code == "is-a-folder":
        return _tr("{path} 是文件夹，请填写文件名").format(path=path)
    if code == "cannot-write-folder":
        return _tr("无法在文件夹 {path} 中写入（{reason}）").format(path=path, reason=error.detail)
    if code == "read-only-disk":
        return _tr("文件夹 {path} 在只读磁盘上，请选择其他文件夹").format(path=path)
    if code == "disk-full":
        return _tr("磁盘已满，无法写入 {path}；原有文件没有被替换").format(path=path)
    if code == "name-too-long":
        size = len(os.fsencode(error.path.name)) if error.path is not None else 0
        return _tr("文件名太长（{size} 字节；此磁盘上的文件名最多 {limit} 字节）").format(
            size=size, limit=error.detail
        )
    if code == "read-only-file":
        return _tr("{path} 是只读文件，没有被替换（请先设为可写，或另选文件名）").format(path=path)
    if code == "dangling-link":
        return _tr("{path} 是指向 {target} 的符号链接，而该文件不存在；未写入任何内容").format(
            path=path, target=shown(error.detail)
        )
    if code == "link-loop":
        return _tr("{path} 是指回自身的符号链接；未写入任何内容").format(path=path)
    if code == "not-writable-kind":
        return _tr("{path} 是磁盘设备或其他特殊文件，不是普通文件；未写入任何内容").format(
            path=path
        )
    if code == "no-reader":
        return _tr("没有程序在读取管道 {path}；未写入任何内容").format(path=path)
    if code == "reader-gone":
        return _tr("读取 {path} 的程序在导出完成前停止了").format(path=path)
    if code == "write-failed":
        return _tr("无法写入 {path}（{reason}）").format(path=path, reason=error.detail)
    return str(error)
