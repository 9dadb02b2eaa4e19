"""The site's SPARQL engine: a few worker processes holding dist/atlas.nt, with a time limit.

pyoxigraph cannot interrupt a query it is evaluating, so each query runs in a worker process
(atlas.site.sparql_worker) and a query past the time limit is stopped by killing its worker, which is
replaced at once. The waiting happens in a thread, never in the event loop, so the site keeps
answering every other request meanwhile. Workers start when a server starts (plugins/sparql_start.py)
or, in a Datasette that no server runs (tests, scripts), on the first request that needs one.

The dump is found in Datasette's configuration directory (`datasette dist`) or beside a
database file (`datasette dist/atlas.db`).
"""

from __future__ import annotations

import asyncio
import atexit
import json
import queue
import select
import subprocess
import sys
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

DUMP_NAME = "atlas.nt"
PLUGIN_NAME = "atlas-sparql"
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    base: str = ""  # the dump's base IRI, for turning its IRIs into the site's paths


@dataclass(frozen=True)
class Limits:
    """What one query may take; metadata.yml can set each under plugins → atlas-sparql."""

    time_limit_seconds: float = 10.0
    max_result_bytes: int = 20_000_000
    # A worker holding 1M triples uses about 0.6 GB; a query that needs more than the rest is
    # stopped by the kernel refusing memory, before it can starve the machine.
    max_memory_bytes: int = 2_000_000_000
    workers: int = 2
    load_seconds: float = 600.0

    @classmethod
    def from_config(cls, config: dict | None) -> Limits:
        known = {key: value for key, value in (config or {}).items() if key in cls.__dataclass_fields__}
        return cls(**known)


class Worker:
    def __init__(self, dump: Path, limits: Limits) -> None:
        self.limits = limits
        self.process = subprocess.Popen(
            [sys.executable, "-m", "atlas.site.sparql_worker", str(dump), str(limits.max_result_bytes),
             str(limits.max_memory_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )
        self.info: dict | None = None

    def _read(self, timeout: float) -> tuple[dict, bytes] | None:
        readable, _, _ = select.select([self.process.stdout], [], [], max(0.0, timeout))
        if not readable:
            return None
        line = self.process.stdout.readline()
        if not line:
            raise EOFError("the SPARQL worker stopped")
        header = json.loads(line)
        return header, self.process.stdout.read(header["length"])

    def ready(self) -> dict:
        if self.info is None:
            started = self._read(self.limits.load_seconds)
            if started is None:
                raise TimeoutError("the SPARQL worker did not load the dump in time")
            self.info = started[0]
        return self.info

    def ask(self, request: dict) -> Answer | None:
        """The worker's answer, or None when it took longer than the time limit."""
        self.ready()
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()
        answered = self._read(self.limits.time_limit_seconds)
        if answered is None:
            return None
        header, body = answered
        return Answer(header["status"], header["content_type"], body, self.info["base"])

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


class Engine:
    def __init__(self, dump: Path, limits: Limits) -> None:
        self.dump, self.limits = dump, limits
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._started = False

    def _new_worker(self) -> Worker:
        worker = Worker(self.dump, self.limits)
        with self._lock:
            self._all.add(worker)
        return worker

    def start(self) -> None:
        """Start the workers, once; each loads the dump in its own process while this returns."""
        with self._lock:
            if self._started:
                return
            self._started = True
        for _ in range(max(1, self.limits.workers)):
            self._idle.put(self._new_worker())

    def _retire(self, worker: Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        self._idle.put(self._new_worker())

    def run(self, request: dict) -> Answer:
        """Blocking: wait for a free worker, then for its answer, both within the time limit."""
        self.start()
        limit = self.limits.time_limit_seconds
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            return Answer(503, TEXT, b"Every SPARQL worker is busy; try again shortly.")
        try:
            worker.ready()
        except (OSError, EOFError, ValueError, TimeoutError) as error:
            self._retire(worker)
            return Answer(500, TEXT, f"The SPARQL worker could not load the dump: {error}".encode())
        try:
            answer = worker.ask(request)
        except EOFError:
            self._retire(worker)
            memory = self.limits.max_memory_bytes
            message = f"The query was stopped: it needed more than {memory:,} bytes of memory."
            return Answer(422, TEXT, message.encode())
        except (OSError, ValueError) as error:
            self._retire(worker)
            return Answer(500, TEXT, f"The SPARQL worker failed: {error}".encode())
        if answer is None:
            self._retire(worker)
            message = f"The query was stopped after the time limit of {limit:g} s."
            return Answer(503, TEXT, message.encode())
        self._idle.put(worker)
        return answer

    async def query(self, text: str, results_type: str, graph_type: str) -> Answer:
        request = {"op": "query", "query": text, "results_type": results_type, "graph_type": graph_type}
        return await asyncio.to_thread(self.run, request)

    async def describe(self, path: str, media_type: str) -> Answer:
        """The description of the resource whose IRI is the dump's base IRI followed by `path`."""
        return await asyncio.to_thread(self.run, {"op": "describe", "path": path, "media_type": media_type})

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()


_engines: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_engines_lock = threading.Lock()


def find_dump(datasette) -> Path | None:
    folders = [datasette.config_dir] if getattr(datasette, "config_dir", None) else []
    folders += [Path(db.path).parent for db in datasette.databases.values() if getattr(db, "path", None)]
    for folder in folders:
        if (Path(folder) / DUMP_NAME).is_file():
            return Path(folder) / DUMP_NAME
    return None


def engine_for(datasette) -> Engine | None:
    """The engine of this Datasette instance, or None when no dump is being served."""
    with _engines_lock:
        if datasette not in _engines:
            dump = find_dump(datasette)
            limits = Limits.from_config(datasette.plugin_config(PLUGIN_NAME))
            _engines[datasette] = Engine(dump, limits) if dump else None
            if dump:
                atexit.register(_engines[datasette].close)
        return _engines[datasette]
