"""Fetch the newest version of a list from where it comes from: the only module that networks.

`build.py --update` calls it; the build never does. A git upstream is cloned into a temporary
folder (`git` on the PATH, any URL git takes: https, ssh, file:// or a local path) and the file is
read at the remote's default branch with `git show`; an http(s) upstream is one GET.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass

from atlas.build.errors import InputError
from atlas.build.records import Upstream
from atlas.build.sources import MAX_SOURCE_BYTES

TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Fetched:
    data: bytes
    revision: str  # the commit (git); the ETag, else Last-Modified, else the checksum (http)
    sha256: str


def fetch(upstream: Upstream, where: str) -> Fetched:
    """The file as upstream holds it now; `where` names the manifest entry in errors."""
    data, revision = _git(upstream, where) if upstream.is_git else _http(upstream, where)
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(where, f"upstream file is larger than {MAX_SOURCE_BYTES:,} bytes")
    sha256 = hashlib.sha256(data).hexdigest()
    return Fetched(data, revision or f"sha256:{sha256}", sha256)


def _git(upstream: Upstream, where: str) -> tuple[bytes, str]:
    with tempfile.TemporaryDirectory(prefix="atlas-upstream-") as folder:
        _run(["clone", "--quiet", "--no-checkout", "--depth", "1", "--", upstream.url, folder], where)
        revision = _run(["-C", folder, "rev-parse", "HEAD"], where).decode().strip()
        data = _run(["-C", folder, "show", f"{revision}:{upstream.path}"], where)
    return data, revision


def _run(arguments: list[str], where: str) -> bytes:
    """Run git; its last fatal line, if it fails, is the error."""
    name = "git " + (arguments[2] if arguments[0] == "-C" else arguments[0])
    try:
        done = subprocess.run(["git", *arguments], capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})  # fail, never ask a password
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError(where, f"cannot run {name}: {error}") from None
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        fatal = [line for line in lines if line.startswith("fatal")]
        message = (fatal or lines or [""])[-1]
        raise InputError(where, f"{name} failed: {message}")
    return done.stdout


def _http(upstream: Upstream, where: str) -> tuple[bytes, str]:
    request = urllib.request.Request(upstream.url, headers={"User-Agent": "dl-theory-atlas-update"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (http(s) only)
            data = response.read(MAX_SOURCE_BYTES + 1)
            revision = response.headers.get("ETag") or response.headers.get("Last-Modified") or ""
    except urllib.error.HTTPError as error:
        raise InputError(where, f"GET {upstream.url} failed: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        raise InputError(where, f"GET {upstream.url} failed: {getattr(error, 'reason', error)}") from None
    return data, revision.strip()
