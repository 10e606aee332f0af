"""A real PostgreSQL for the lab tests: a throwaway cluster in a temporary folder, on a Unix socket only.

`initdb` and `pg_ctl` from Debian's postgresql (PATH, else /usr/lib/postgresql/*/bin). PostgreSQL refuses
to run as root: under root (a CI container) the cluster runs as the `postgres` system user via runuser.
Local connections are trusted on the socket, which lives in a folder only this run can reach; each test
module gets a database of its own. Never a mock. Imported by the conftests that need it (tests/lab, the
window's lab tests in tests/gui).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        pytest.fail(f"{name} not found: install Debian's postgresql (the README's test command does)")
    return found


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Cluster:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = str(folder)
        self.data = folder / "data"

    def start(self) -> None:
        subprocess.run(_as_server_user([_tool("pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w",
                                        "-o", f"-k {self.socket} -c listen_addresses='' -c fsync=off", "start"]),
                       check=True, capture_output=True, timeout=60)

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(_as_server_user([_tool("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]),
                       capture_output=True, timeout=60)

    def dsn(self, user: str, database: str) -> str:
        return f"host={self.socket} dbname={database} user={user}"


def new_cluster(prefix: str = "dzp-pg-") -> tuple[Path, Cluster]:
    """A throwaway cluster in a new temporary folder (initdb, then started on its Unix socket); the folder
    is the caller's to remove after `stop`."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = Cluster(folder)
    subprocess.run(_as_server_user([_tool("initdb"), "-D", str(server.data), "-A", "trust", "-U", "dzp_admin", "-E", "UTF8"]),
                   check=True, capture_output=True, timeout=120)
    server.start()
    return folder, server


@pytest.fixture(scope="session")
def cluster():
    folder, server = new_cluster()
    yield server
    server.stop("immediate")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def lab_db(cluster, request):
    import psycopg

    name = "lab_" + request.module.__name__.rsplit(".", 1)[-1].lower()
    with psycopg.connect(cluster.dsn("dzp_admin", "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return name


@pytest.fixture(scope="module")
def chemists(cluster, lab_db):
    """The schema and three roles, made with the commands the README gives a lab."""
    from dzp_planner import cli

    admin = cluster.dsn("dzp_admin", lab_db)
    assert cli.run(["lab", "init", admin]) == 0
    for role, extra in (("alice", []), ("bob", []), ("rita", ["--reviewer"])):
        assert cli.run(["lab", "add-chemist", role, *extra, "--dsn", admin]) == 0
    return {role: cluster.dsn(role, lab_db) for role in ("alice", "bob", "rita")}
