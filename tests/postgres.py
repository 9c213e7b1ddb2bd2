"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl in a temporary folder.

It listens on 127.0.0.1 on a free port, trusts local connections, and is removed at the end.
PostgreSQL refuses to run as root, so as root the server runs as the unprivileged `nobody`
user (`subprocess`'s `user=`/`group=`, no sudo needed); the folder is made theirs.
The binaries are looked up in PARISCALL_PG_BIN, then `pg_config --bindir`, then
/usr/lib/postgresql/*/bin. `Cluster.find()` returns None, with the reason, when they are absent.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

UNPRIVILEGED = "nobody"


def pg_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    candidates = []
    if os.environ.get("PARISCALL_PG_BIN"):  # when set, the only place looked at
        candidates.append(os.environ["PARISCALL_PG_BIN"])
    elif shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
            candidates.append(out.stdout.strip())
    if not os.environ.get("PARISCALL_PG_BIN"):
        candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _temp_root() -> Path:
    # As root the server runs as `nobody`, who must be able to reach the folder: a TMPDIR
    # that others cannot enter (e.g. under /root) is replaced by /tmp.
    base = tempfile.gettempdir()
    if os.geteuid() == 0 and not os.stat(base).st_mode & 0o001:
        base = "/tmp"
    return Path(tempfile.mkdtemp(prefix="pariscall-pg-", dir=base))


@dataclass
class Cluster:
    bindir: Path
    root: Path = field(default_factory=_temp_root)
    port: int = field(default_factory=free_port)
    _as: dict[str, object] = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 60) -> None:
        result = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            **self._as,  # type: ignore[arg-type]
        )
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip()}\n{tail}")

    def start(self) -> Cluster:
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam(UNPRIVILEGED)
            except KeyError:
                raise RuntimeError(
                    f"running as root and there is no {UNPRIVILEGED!r} user to run PostgreSQL "
                    "as (it refuses root): create one, or run the tests as another user"
                ) from None
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--no-sync", "-E", "UTF8", "--locale=C")  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        # The log goes to a file: a server started with a pipe keeps it open after pg_ctl exits.
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")  # fmt: skip
        return self

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
