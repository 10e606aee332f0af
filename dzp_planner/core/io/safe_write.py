"""One way to write every file the app writes: plans, PDFs, figures, library exports.

Why this much care: a chemist's files live on shared and full drives. The data goes to a
temporary file created exclusively (O_EXCL, an unpredictable name from `tempfile`) in the
target's own folder, so a planted link cannot redirect it; every write is checked and the
file fsynced before `os.replace` puts it in place, so a failure at any point leaves the
previous file as it was, and the message says so ("disk full: the previous report.pdf is
unchanged"). A link as the target is written through (its target is replaced, the link
stays); a folder, a device or any other non-regular file is refused, as is the file being
exported from. New files get the permissions the umask gives (0644 under 022), so colleagues
on a shared drive can read them; a replaced file keeps its own.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import tempfile
from pathlib import Path

from dzp_planner.core.errors import UserInputError

log = logging.getLogger(__name__)


class WriteError(OSError, UserInputError):
    """A file that could not be written; the previous file, if any, is unchanged."""

    def __init__(self, code: int, message: str) -> None:
        OSError.__init__(self, code, message)  # errno and strerror, as callers of an OSError expect
        self.field = None  # what UserInputError's callers read

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def _read_umask() -> int:
    """The process umask, read without changing it where the system says it (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # at import, on the main thread: set and put back at once
    os.umask(mask)
    return mask


UMASK = _read_umask()
_REASONS = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded", errno.EACCES: "permission denied",
            errno.EPERM: "not permitted", errno.EROFS: "read-only file system", errno.ENOENT: "the folder does not exist",
            errno.EIO: "input/output error"}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, (exc.strerror or str(exc)).lower())


def output_path(path: str | Path, *, suffix: str | None = None, inputs: tuple[str | Path, ...] = ()) -> Path:
    """The file to write for `path`: `suffix` added when missing, a link followed to its target.

    Raises WriteError for a folder, a device or other non-regular file, a missing folder, or one
    of `inputs` (exporting a plan over itself), whether as typed or once the suffix is added.
    """
    typed = Path(path)
    _check_existing(typed, inputs)
    target = typed
    if suffix and target.suffix.lower() != suffix.lower():
        target = target.with_name(target.name + suffix)
        _check_existing(target, inputs)
    if target.is_symlink():
        target = target.resolve()
        _check_existing(target, inputs)
    if not target.parent.is_dir():
        raise WriteError(errno.ENOENT, f"the folder {target.parent} does not exist")
    return target


def _check_existing(target: Path, inputs: tuple[str | Path, ...]) -> None:
    if not target.exists():
        return
    mode = target.stat().st_mode
    if stat.S_ISDIR(mode):
        raise WriteError(errno.EISDIR, f"{target} is a folder: give a file name")
    if not stat.S_ISREG(mode):
        raise WriteError(errno.EINVAL, f"{target} is not a regular file (a device or a pipe): choose a file")
    for source in inputs:
        try:
            same = Path(source).exists() and os.path.samefile(source, target)
        except OSError:
            same = False
        if same:
            raise WriteError(errno.EINVAL, f"{target} is the file being exported: choose another name")


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new content, nothing else.

    Raises WriteError ("disk full: the previous plan.dzp is unchanged") and leaves no
    temporary file behind.
    """
    target = output_path(path)
    directory = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~UMASK
    except OSError:
        mode = 0o666 & ~UMASK
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WriteError(exc.errno or errno.EIO, f"{_reason(exc)}: {target.name} could not be written"
                         + (f"; the previous {target.name} is unchanged" if target.exists() else "")) from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if written <= 0:
                raise OSError(errno.EIO, "nothing was written")
            view = view[written:]
        os.fsync(fd)
        os.fchmod(fd, mode)
        os.close(fd)
        fd = -1
        os.replace(tmp_name, target)
    except BaseException as exc:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            kept = f"; the previous {target.name} is unchanged" if target.exists() else ""
            raise WriteError(exc.errno or errno.EIO, f"{_reason(exc)}: {target.name} could not be written{kept}") from None
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory fsync."""
    if os.name != "posix":
        return
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
