"""One error type for bad input, so the command line can report it in one line."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input a user can fix: names the file and, where there is one, the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.message}"

    def __reduce__(self):
        """Pickled as its parts, so that it comes back whole from a forked helper process."""
        return InputError, (self.path, self.message, self.line)


class OutputBusy(Exception):
    """Another build holds the output folder's lock, and this one was told not to wait."""


class ExportFailed(Exception):
    """An export written in a process of its own (atlas/build/export_process.py) failed or ran over."""
