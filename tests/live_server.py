"""The service run as its users run it: uvicorn in a separate process, several workers."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import httpx
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def through_the_pooler(url: str) -> tuple[str, bool]:
    """The URL the service under test uses for the suite's database, and whether a
    transaction-mode pooler stands in between: with TEST_POOLER (`host:port` of a PgBouncer in
    front of the suite's PostgreSQL server, as `.ci/run` starts one) every app and live server
    of the suite goes through it. Arranging rows, asserting and migrating stay direct."""
    pooler = os.environ.get("TEST_POOLER")
    if not pooler or not url.startswith("postgresql"):
        return url, False
    host, _, port = pooler.rpartition(":")
    through = make_url(url).set(host=host, port=int(port))
    return through.render_as_string(hide_password=False), True


def _through_the_pooler(env: dict[str, str]) -> dict[str, str]:
    """With TEST_POOLER, the server reaches the suite's PostgreSQL through the pooler, as its
    in-process apps do (tests/conftest.py)."""
    if "DATABASE_URL" not in env:
        return {}
    url, pooled = through_the_pooler(env["DATABASE_URL"])
    return {"DATABASE_URL": url, "DB_TRANSACTION_POOLER": str(pooled).lower()}


@contextmanager
def uvicorn_server(
    env: dict[str, str],
    log: BinaryIO,
    workers: int,
    extra_args: Sequence[str] = (),
    timeout: float = 30,
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Start `uvicorn app.main:app` with its stderr in `log`; yield the process and its base URL
    once `/readyz` answers 200. Stopped (SIGTERM, then SIGKILL after 30 s) unless it already
    exited."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            *extra_args,
        ],
        cwd=ROOT,
        # No webhook sender unless a test asks for one: a server on the suite's database
        # would otherwise send (and record) other tests' events.
        env={
            **os.environ,
            "WEBHOOKS_DISPATCHER": "false",
            **env,
            **_through_the_pooler(env),
            "PUBLIC_BASE_URL": base_url,
        },
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"server exited: {log.read().decode()}")
            try:
                if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("server did not become ready")
            time.sleep(0.1)
        yield process, base_url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def live_server(env: dict[str, str], workers: int = 4, timeout: float = 30) -> Iterator[str]:
    """The service's base URL, with its log in a temporary file."""
    # A file, not a pipe: nobody reads the log while the server runs, and a full pipe would
    # block every worker at its next log line (one per request).
    with (
        tempfile.TemporaryFile() as log,
        uvicorn_server(env, log, workers, ["--no-access-log"], timeout) as (_, base_url),
    ):
        yield base_url
