"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, start it on
a free port of 127.0.0.1, one fresh database per test (empty, or copied from a template
database coded once per session), stop and delete it at the end.

Uses the server binaries of Debian's `postgresql` package (`apt-get install postgresql`;
.ci/run installs it). PostgreSQL refuses to run as root, so as root the cluster belongs to
the `postgres` system user the package creates. When the binaries or psycopg are
missing, `PostgresCluster.start` says why, and the fixtures skip with that reason.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

SUPERUSER = "eirene"


def server_binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    return versions[-1].parent if versions else None


def missing() -> str | None:
    """Why a test server cannot start here, or None."""
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        return "psycopg and psycopg_pool are not installed (pip install 'psycopg[binary]' psycopg_pool)"
    if server_binaries() is None:
        return "the PostgreSQL server is not installed (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a 'postgres' user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresCluster:
    """One server in a temporary folder; `database()` makes a fresh database, returns its URL."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="eirene-pg-"))
        self.port = _free_port()
        self._names = itertools.count(1)
        self._as: list[str] = []
        if os.geteuid() == 0:
            os.chown(self.folder, pwd.getpwnam("postgres").pw_uid, -1)
            self._as = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        done = subprocess.run([*self._as, *command], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr or done.stdout}")

    def start(self) -> PostgresCluster:
        binaries = server_binaries()
        assert binaries is not None
        data = self.folder / "data"
        self._run(str(binaries / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                  "--no-locale", "--encoding=UTF8", "--no-sync")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return self

    def database(self, *, template: str | None = None, name: str | None = None) -> str:
        """Create a database, empty or a copy of the database `template` (which nobody may be
        connected to: PostgreSQL copies a template file by file). RETURNS its URL."""
        import psycopg

        name = name or f"test_{next(self._names)}"
        copy = f" TEMPLATE {template}" if template else ""
        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}{copy}")
        return self.url_of(name)

    def drop(self, url: str) -> None:
        """Drop the database at `url` (made by `database`), ending any connection left to it."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def url_of(self, name: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def template(self, name: str, fill: Callable[[str], object]) -> str:
        """A database `name` filled once by `fill(url)`, to be copied by `database(template=name)`;
        RETURNS `name`. Every connection of `fill` must be closed when it returns."""
        fill(self.database(name=name))
        return name

    def stop(self) -> None:
        binaries = server_binaries()
        try:
            if binaries is not None and (self.folder / "data" / "postmaster.pid").exists():
                self._run(str(binaries / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
