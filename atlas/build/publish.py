"""Publish a build as `dist/` in one atomic step, one build at a time.

Layout: `dist` is a symlink to `.dist-builds/<n>`, a complete build. A build writes a new
`.dist-builds/<n+1>`, then renames a new symlink over `dist`: a reader sees the old build or the
new one, never a missing or half-written `dist/`, whenever the build is killed. A lock file in
`.dist-builds/` makes a second build into the same `dist` wait for the first. Each build removes
what killed builds left and keeps only the current build and the one it replaced (a reader that
is halfway through the previous one can finish).

An older build's plain `dist/` folder is swapped for the symlink with Linux's atomic exchange
rename (renameat2 RENAME_EXCHANGE); where that call is missing, with two renames, the only moment
`dist` is missing being between them, once.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from atlas.build.errors import InputError, OutputBusy

LOCK_NAME = "lock"
NEW_LINK = "dist-link.new"
LEGACY_NAME = "legacy"
# What the pipeline before this module left: its staging folders (tempfile.mkdtemp) and retired dist.
_OLD_LEFTOVER = r"\.{name}-(retired|[a-z0-9_]{{8}})"


def builds_folder(out: Path) -> Path:
    return out.parent / f".{out.name}-builds"


@contextmanager
def publish(out: Path, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Yield an empty folder to write a build into; when the block succeeds, it becomes `out`.

    On an exception the folder is removed and `out` stays as it was.
    """
    if out.exists() and not out.is_dir():
        raise InputError(out, "the output is a file, not a folder")
    folder = builds_folder(out)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o755)
    with _locked(folder / LOCK_NAME, out, wait, on_wait or _say):
        _remove_leftovers(out, folder)
        staging = folder / str(_next_number(folder))
        staging.mkdir(mode=0o755)
        previous = _target_of(out, folder) or LEGACY_NAME
        try:
            yield staging
            _make_readable_and_durable(staging)
            _swap_in(staging, out, folder)
        except BaseException:
            if _target_of(out, folder) != staging.name:
                shutil.rmtree(staging, ignore_errors=True)
            raise
        _remove_leftovers(out, folder, keep=previous)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


@contextmanager
def _locked(lock_path: Path, out: Path, wait: bool, on_wait: Callable[[str], None]) -> Iterator[None]:
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    os.fchmod(descriptor, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                message = f"another build is writing {out} (it holds {lock_path}); try again when it ends"
                raise OutputBusy(message) from None
            on_wait(f"waiting for another build writing {out} to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _next_number(folder: Path) -> int:
    numbers = [int(child.name) for child in folder.iterdir() if child.name.isdigit()]
    return max(numbers, default=0) + 1


def _target_of(out: Path, folder: Path) -> str | None:
    """The name of the build `out` links to, if it links into our builds folder."""
    if not out.is_symlink():
        return None
    target = Path(os.readlink(out))
    return target.name if target.parent.name == folder.name else None


def _remove_leftovers(out: Path, folder: Path, keep: str | None = None) -> None:
    """Everything but the lock, the build `out` links to, and `keep` (the one just replaced)."""
    current = _target_of(out, folder)
    for child in folder.iterdir():
        if child.name in (LOCK_NAME, current, keep):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    old = re.compile(_OLD_LEFTOVER.format(name=re.escape(out.name)))
    for child in out.parent.iterdir():
        if old.fullmatch(child.name) and child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)


def _make_readable_and_durable(staging: Path) -> None:
    """Folders 0755 and files 0644 whatever the umask, so a server running as another user can
    read them; and on disk before the swap, so a crash cannot publish empty files."""
    for folder, _, files in os.walk(staging):
        os.chmod(folder, 0o755)
        for name in files:
            path = os.path.join(folder, name)
            os.chmod(path, 0o644)
            fsync_path(path)
    fsync_path(staging)
    fsync_path(staging.parent)


@contextmanager
def synced_beside(path: Path) -> Iterator[None]:
    """Sync a finished file in a thread while the block runs (the sync waits on the disk, not on
    the interpreter), so that publishing's sync of it finds it clean; a failure is publishing's
    to report, when it syncs the file again."""
    syncing = threading.Thread(target=_sync_quietly, args=(path,), daemon=True)
    syncing.start()
    try:
        yield
    finally:
        syncing.join()


def _sync_quietly(path: Path) -> None:
    try:
        fsync_path(path)
    except OSError:
        pass


def fsync_path(path: Path | str) -> None:
    """A file's or a folder's data on disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _swap_in(staging: Path, out: Path, folder: Path) -> None:
    new_link = folder / NEW_LINK
    new_link.unlink(missing_ok=True)
    os.symlink(f"{folder.name}/{staging.name}", new_link)  # relative: the tree can be moved
    if out.is_dir() and not out.is_symlink():
        _replace_folder_with_link(new_link, out, folder / LEGACY_NAME)
    else:
        _rename_over(new_link, out)
    fsync_path(out.parent)


def _rename_over(source: Path, target: Path) -> None:
    """The one atomic step: a rename that replaces `target`."""
    os.replace(source, target)


def _replace_folder_with_link(link: Path, out: Path, legacy: Path) -> None:
    shutil.rmtree(legacy, ignore_errors=True)
    if _exchange(link, out):
        os.rename(link, legacy)  # `link` now names the old folder
    else:
        os.rename(out, legacy)
        _rename_over(link, out)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
