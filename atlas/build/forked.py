"""One function run beside the build's process, on the other core, in a forked child.

Forked, not fresh: the child starts with every record the build holds (the pages are shared until
one side writes them; the collector is paused, so neither walks them), and only what the function
returns crosses back, pickled through a pipe. The function may also be handed one value the build
makes after the fork (`Forked.send`), which it asks for (`given()`) only when it needs it, so the
child starts before that value exists. A second, `first` function may run in the child before
it, its result sent back ahead (`Forked.first`), so the build can use it while the child goes on.
Where a process cannot fork, each function runs in the build's own process when its result is
asked for: the same results, one core.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_NOT_SENT = object()
_NOT_READ = object()
_LENGTH = struct.Struct("<Q")  # the first result's length, ahead of it in the pipe


class Forked(Generic[T]):
    """The build's side of the child: send() hands it a value; calling this waits for the child and
    returns what the function returned, or raises what it raised."""

    def __init__(
        self, function: Callable[..., T], takes_input: bool, first: Callable[[], Any] | None = None
    ) -> None:
        self._function, self._takes_input, self._first = function, takes_input, first
        self._sent: Any = _NOT_SENT
        self._first_result: Any = _NOT_READ
        self.pid = 0
        self._result_pipe = self._input_pipe = None

    @property
    def is_forked(self) -> bool:
        """Whether the functions run in a child (else here, when their results are asked for)."""
        return self.pid != 0

    def send(self, value: Any) -> None:
        """The value the function's given() returns; given once, and only if the function takes it."""
        if self._input_pipe is None:
            self._sent = value
            return
        try:
            with self._input_pipe as pipe:
                pipe.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except BrokenPipeError:  # the child has ended already: waiting for it says why
            pass
        self._input_pipe = None

    def first(self) -> Any:
        """What the `first` function returned, as soon as the child has it; or raises what it raised."""
        if self._first_result is _NOT_READ:
            if not self.pid:
                self._first_result = self._first()
            else:
                head = self._result_pipe.read(_LENGTH.size)
                if len(head) < _LENGTH.size:  # the child died before it had a result
                    raise EOFError("the forked child ended without a result")
                self._first_result = _value(self._result_pipe.read(_LENGTH.unpack(head)[0]))
        return self._first_result

    def __call__(self) -> T:
        if not self.pid:  # no fork: run here, with what was sent (first() only if asked for)
            return self._function(lambda: self._sent) if self._takes_input else self._function()
        if self._first is not None:
            self.first()  # ahead of the function's result in the pipe
        payload = self._result_pipe.read()
        os.waitpid(self.pid, 0)  # its CPU seconds now count among this process's children's
        self.pid = 0
        return _value(payload)


def _value(payload: bytes) -> Any:
    """A result the child sent: (True, value) gives the value, (False, error) raises the error."""
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    return value


@contextmanager
def forked(
    function: Callable[..., T], takes_input: bool = False, first: Callable[[], Any] | None = None
) -> Iterator[Forked[T]]:
    """Start function() in a forked child, or function(given) when it `takes_input`, after
    first() when given, and run the block, which gets the Forked to send to and to wait on. A
    child the block did not wait for (the block failed) is stopped."""
    child = Forked(function, takes_input, first)
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        yield child
        return
    reader, writer = os.pipe()
    input_reader, input_writer = os.pipe() if takes_input else (-1, -1)
    pid = os.fork()
    if pid == 0:  # the child: it never leaves _child
        os.close(reader)
        if takes_input:
            os.close(input_writer)
        _child(function, writer, input_reader, first)
    os.close(writer)
    child.pid, child._result_pipe = pid, os.fdopen(reader, "rb")
    if takes_input:
        os.close(input_reader)
        child._input_pipe = os.fdopen(input_writer, "wb")
    try:
        yield child
    finally:
        child._result_pipe.close()
        if child._input_pipe is not None:
            child._input_pipe.close()
        if child.pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _child(
    function: Callable[..., T], writer: int, input_reader: int, first: Callable[[], Any] | None
) -> None:
    """Write first()'s (True, result) or (False, the exception), its length ahead, then the
    function's, to the pipe, and exit at once: no cleanup of the parent's (no buffered output
    written twice, no temporary folder removed)."""
    try:
        given = _given(input_reader) if input_reader >= 0 else None
        with os.fdopen(writer, "wb") as pipe:
            if first is not None:
                ok, payload = _outcome(first)
                pipe.write(_LENGTH.pack(len(payload)) + payload)
                pipe.flush()
                if not ok:
                    return
            pipe.write(_outcome(lambda: function(given) if given is not None else function())[1])
    finally:
        os._exit(0)


def _outcome(function: Callable[[], Any]) -> tuple[bool, bytes]:
    """Whether function() returned, and (True, what it returned) or (False, what it raised), pickled."""
    try:
        return True, pickle.dumps((True, function()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the build
        try:
            return False, pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an exception that does not pickle, as its words
            return False, pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))


def _given(input_reader: int) -> Callable[[], Any]:
    """The call that returns the value the build sends. The pipe is read from the start, in a
    thread, so the build's send() never waits for the function to ask for it."""
    received: list[bytes] = []

    def read() -> None:
        with os.fdopen(input_reader, "rb") as pipe:
            received.append(pipe.read())

    reading = threading.Thread(target=read, daemon=True)
    reading.start()

    def given() -> Any:
        reading.join()
        return pickle.loads(received[0])

    return given
