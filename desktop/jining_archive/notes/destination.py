"""Writing an export file where the user asked, without replacing what should stay.

What the target is decides how it is written:

- a regular file, or a name that does not exist yet: the bytes go to a temporary
  file in the same folder, are flushed to disk, and the temporary file is renamed
  over the target, so a failed export never leaves half a file. A new file is made
  readable by the user only (0600, whatever the umask); a file replaced keeps the
  permission bits it had (and, when run as root, its owner).
- a regular file without its owner's write permission is never replaced, even by
  root, who could.
- a symbolic link is followed: the file it points to is replaced (as above) and the
  link stays. A link that points nowhere, or to itself, is refused.
- a character device or a FIFO (a named pipe) is opened and written directly; the
  node is never renamed over. A FIFO nobody reads is refused at once rather than
  waited on.
- a block device (a disk), a socket or a folder is refused.

Every failure raises :class:`ExportError` whose ``code`` names the fault, so a
front end can word it in its own language; its text is the English message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from jining_archive.errors import CodedError

#: The mode of an export file the app creates.
NEW_FILE_MODE = 0o600
#: Bytes of the target's name kept in the temporary file's name (names are limited
#: to 255 bytes on most disks; the temporary name adds a prefix and a suffix).
_TEMP_NAME_BYTES = 64
_DEFAULT_NAME_MAX = 255


class ExportError(CodedError):
    """An export that could not be written; the message says why, for the user.

    ``code`` is one of: ``no-folder``, ``not-a-folder``, ``is-a-folder``,
    ``cannot-write-folder``, ``read-only-disk``, ``disk-full``, ``name-too-long``,
    ``read-only-file``, ``dangling-link``, ``link-loop``, ``not-writable-kind``
    (a disk device or a socket), ``no-reader`` (a FIFO nobody reads),
    ``reader-gone``, ``write-failed`` (any other error; ``detail`` says which),
    or the empty code.
    """


class WriteMode(StrEnum):
    """How the export reached its target."""

    CREATED = "created"  # a new file
    REPLACED = "replaced"  # an existing regular file, replaced atomically
    DIRECT = "direct"  # a device or FIFO, written in place


@dataclass(frozen=True)
class Written:
    """Where an export was written and how."""

    path: Path  # the file actually written (a link's target when ``link`` is set)
    mode: WriteMode
    link: Path | None = None  # the symbolic link followed, if any


def shown(path: Path | str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as escapes."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def write_export(target: Path, data: bytes) -> Written:
    """Write ``data`` to ``target`` by the rules of the module docstring."""
    target = Path(target)
    link: Path | None = None
    info = _lstat(target)
    if info is not None and stat.S_ISLNK(info.st_mode):
        link = target
        target, info = _follow(target)
    if info is None:
        _check_folder(target)
        write_atomically(target, data, None)
        return Written(target, WriteMode.CREATED, link)
    kind = info.st_mode
    if stat.S_ISDIR(kind):
        raise ExportError(f"{shown(target)} is a folder; give a file name", "is-a-folder", target)
    if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
        write_directly(target, data, fifo=stat.S_ISFIFO(kind))
        return Written(target, WriteMode.DIRECT, link)
    if not stat.S_ISREG(kind):
        what = "a disk device" if stat.S_ISBLK(kind) else "a socket or other special file"
        raise ExportError(
            f"{shown(target)} is {what}, not a file; nothing was written there",
            "not-writable-kind",
            target,
            what,
        )
    refused = _read_only(target, info)
    if refused is not None:
        raise refused
    write_atomically(target, data, info)
    return Written(target, WriteMode.REPLACED, link)


def read_only_refusal(target: Path) -> ExportError | None:
    """The error ``write_export`` would raise because ``target`` (or the file a link at
    it points to) is a read-only regular file, or None: asked before "replace it?", so
    that nobody is asked to replace a file that will not be replaced."""
    try:
        info = _lstat(target)
        if info is not None and stat.S_ISLNK(info.st_mode):
            target, info = _follow(target)
    except ExportError:
        return None  # a broken link: writing says so
    if info is None or not stat.S_ISREG(info.st_mode):
        return None
    return _read_only(target, info)


def _read_only(target: Path, info: os.stat_result) -> ExportError | None:
    if info.st_mode & stat.S_IWUSR and (os.geteuid() == 0 or os.access(target, os.W_OK)):
        return None
    return ExportError(
        f"{shown(target)} is read-only; it was not replaced "
        "(make it writable or choose another name)",
        "read-only-file",
        target,
    )


def _lstat(target: Path) -> os.stat_result | None:
    """The target's own status (not a link's), None when it does not exist."""
    try:
        return os.lstat(target)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        _check_folder(target)
        raise ExportError(
            f"{shown(target.parent)} is not a folder", "not-a-folder", target.parent
        ) from None
    except OSError as exc:
        raise _os_error(exc, target, target.parent) from None


def _follow(link: Path) -> tuple[Path, os.stat_result | None]:
    """The file a symbolic link points to, and its status."""
    try:
        os.stat(link)
    except FileNotFoundError:
        pointed = os.readlink(link)
        raise ExportError(
            f"{shown(link)} is a symbolic link to {shown(pointed)}, which does not exist; "
            "nothing was written",
            "dangling-link",
            link,
            pointed,
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ExportError(
                f"{shown(link)} is a symbolic link that leads back to itself; nothing was written",
                "link-loop",
                link,
            ) from None
        raise _os_error(exc, link, link.parent) from None
    resolved = Path(os.path.realpath(link))
    return resolved, _lstat(resolved)


def _check_folder(target: Path) -> None:
    folder = target.parent
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        raise ExportError(
            f"the folder {shown(folder)} does not exist; choose an existing folder",
            "no-folder",
            folder,
        ) from None
    except NotADirectoryError:
        raise ExportError(f"{shown(folder)} is not a folder", "not-a-folder", folder) from None
    except OSError as exc:
        raise _os_error(exc, target, folder) from None
    if not stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{shown(folder)} is not a folder", "not-a-folder", folder)


def write_atomically(target: Path, data: bytes, replacing: os.stat_result | None = None) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``.

    ``replacing`` is the status of the regular file being replaced (its mode is
    kept), None for a new file (mode 0600).
    """
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".part", dir=folder)
    except OSError as exc:
        raise _os_error(exc, target, folder, creating=True) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if replacing is None:
                os.fchmod(out.fileno(), NEW_FILE_MODE)
            else:
                os.fchmod(out.fileno(), stat.S_IMODE(replacing.st_mode))
                if os.geteuid() == 0:  # root's new file would otherwise belong to root
                    with contextlib.suppress(OSError):
                        os.fchown(out.fileno(), replacing.st_uid, replacing.st_gid)
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _os_error(exc, target, folder) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(folder)


def _temp_prefix(target: Path) -> str:
    """A hidden name for the temporary file, short enough whatever the target's length."""
    name = os.fsencode(target.name)[:_TEMP_NAME_BYTES]
    return "." + name.decode("utf-8", "ignore").replace("\x00", "") + "."


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk (best effort: not every system can open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_directly(target: Path, data: bytes, *, fifo: bool = False) -> None:
    """Write ``data`` into a device or FIFO in place (no temporary file, no rename)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if fifo:
        # Opening a FIFO for writing waits for a reader; without one, say so at once.
        flags |= os.O_NONBLOCK
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO and fifo:
            raise ExportError(
                f"no program is reading from the FIFO {shown(target)}; nothing was written",
                "no-reader",
                target,
            ) from None
        raise _os_error(exc, target, target.parent) from None
    try:
        if fifo:
            os.set_blocking(fd, True)
        write_all(fd, data, target)
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def write_all(fd: int, data: bytes, target: Path | str) -> None:
    """Write every byte of ``data`` to ``fd`` (``target`` names it in messages)."""
    view = memoryview(data)
    try:
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except BrokenPipeError:
        raise ExportError(
            f"the program reading from {shown(target)} stopped before the export was complete",
            "reader-gone",
            Path(target),
        ) from None
    except OSError as exc:
        raise _os_error(exc, Path(target), Path(target).parent) from None


def _os_error(exc: OSError, target: Path, folder: Path, *, creating: bool = False) -> ExportError:
    """An OSError while exporting as an ExportError with a message for the user."""
    reason = exc.strerror or str(exc)
    number = exc.errno
    if number == errno.ENOSPC or number == errno.EDQUOT:
        return ExportError(
            f"could not write {shown(target)}: the disk is full ({reason}); nothing was replaced",
            "disk-full",
            target,
            reason,
        )
    if number == errno.ENAMETOOLONG:
        limit = _name_max(folder)
        size = len(os.fsencode(target.name))
        return ExportError(
            f"the file name is too long ({size} bytes; names on this disk hold at most "
            f"{limit}): {shown(target.name)[:60]}…",
            "name-too-long",
            target,
            str(limit),
        )
    if number == errno.EROFS:
        return ExportError(
            f"the folder {shown(folder)} is on a read-only disk; choose another folder",
            "read-only-disk",
            folder,
            reason,
        )
    if creating:
        return ExportError(
            f"cannot write in the folder {shown(folder)}: {reason}",
            "cannot-write-folder",
            folder,
            reason,
        )
    return ExportError(f"could not write {shown(target)}: {reason}", "write-failed", target, reason)


def _name_max(folder: Path) -> int:
    """The longest file name, in bytes, the disk holding ``folder`` allows."""
    probe = folder
    while True:
        try:
            return int(os.pathconf(probe, "PC_NAME_MAX"))
        except (OSError, ValueError):
            if probe == probe.parent:
                return _DEFAULT_NAME_MAX
            probe = probe.parent
