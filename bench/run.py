"""One command: seed, serve, load, and print the figures (BENCHMARKS.md).

    python -m bench.run                     # SQLite, 1,000 and 1,000,000 authorizations
    python -m bench.run --database-url postgresql://postgres@127.0.0.1:5432/bench

Starts the service as a user would (uvicorn, one worker, no access log) and, in the same run,
two references served the same way: the bare app (`bench/bare_app.py`, an `async def`
endpoint returning a constant: the framework's ceiling) and the anchor (`bench/anchor_app.py`:
the eligibility check's own two statements through asyncpg, or sqlite3 on the event loop,
and nothing else). Drives each with wrk on loopback (installed with apt-get when missing) at
32 connections and at 1; prints requests per second, p50 and p99 for each endpoint, its ratio
to the bare app and, for eligibility, to the anchor. Absolute times vary between machines;
the ratios are the figures.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.core.db import sync_engine, sync_url
from app.core.pagination import encode_cursor
from bench import seed
from bench.qr_card import card_timings
from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[1]

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


@dataclass
class Figure:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    apt_install = Path(__file__).parent.parent / "scripts" / "apt-install"
    subprocess.run([apt_install, "the benchmark", "wrk"], check=True)  # noqa: S603
    return shutil.which("wrk") or "wrk"


@contextmanager
def serve(app: str, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        # "Access log off": uvicorn's (above) and the service's own line per request, which
        # LOG_LEVEL=WARNING leaves out (BENCHMARKS.md gives its cost).
        env={**os.environ, "LOG_LEVEL": "WARNING", **env},
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{base}/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=15)


BATCH = f"eligibility batch ({seed.BATCH_CHECKS} checks)"


def _anchor_ratio(figure: Figure, anchor: Figure) -> str:
    """Eligibility runs the anchor's own statements: the ratio says what the service adds."""
    if not figure.name.startswith(("eligibility (", "anchor")):
        return ""
    return f"{figure.requests_per_second / anchor.requests_per_second:.2f}"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wrk(
    wrk_path: str,
    name: str,
    url: str,
    token: str | None,
    seconds: int,
    connections: int,
    body: Any = None,
) -> Figure:
    """wrk's figures for GET `url`, or for POST `url` with `body` as JSON."""
    command = [wrk_path, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if token:
        command[1:1] = ["-H", f"Authorization: Bearer {token}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if body is not None:
            # A Lua long string holds the JSON as it is (ids and field names only).
            script.write(
                'wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/json"\n'
                f"wrk.body = [==[{json.dumps(body)}]==]\n"
            )
            script.flush()
            command[1:1] = ["-s", script.name]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    if re.search(r"Non-2xx or 3xx responses", output):
        raise RuntimeError(f"{name}: errors under load\n{output}")

    def latency(percentile: str) -> float:
        match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        assert match, output
        return float(match.group(1)) * UNITS[match.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    assert rps, output
    return Figure(name, float(rps.group(1)), latency("50"), latency("99"))


def deep_cursor(
    database_url: str, table: str, owner: str, column: str = "business_center_id"
) -> str:
    """A cursor half way down the list of the rows whose `column` is `owner`: a page deep in it."""
    engine = sync_engine(database_url)
    with engine.connect() as connection:
        total = connection.execute(
            text(f"SELECT count(*) FROM {table} WHERE {column} = :owner"),  # noqa: S608
            {"owner": owner},
        ).scalar_one()
        middle = connection.execute(
            text(
                f"SELECT id FROM {table} WHERE {column} = :owner "  # noqa: S608
                "ORDER BY id DESC LIMIT 1 OFFSET :skip"
            ),
            {"owner": owner, "skip": total // 2},
        ).scalar_one()
    engine.dispose()
    return encode_cursor(middle)


def measure_service(
    args: argparse.Namespace, wrk_path: str, state: dict[str, Any], only_lists: bool = False
) -> tuple[list[Figure], dict[str, float]]:
    url = state["database_url"]
    bc, ad, tt = state["business_center_id"], state["ad_account_id"], state["tiktok_account_id"]
    member, admin = state["member_token"], state["admin_token"]
    extra: dict[str, float] = {}
    env = {"DATABASE_URL": url, "PUBLIC_BASE_URL": "http://127.0.0.1", **args.service_env}
    with serve("app.main:app", env) as (base, pid):
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {admin}"}) as client:
            request = client.post(
                f"/v1/business-centers/{bc}/access-requests", json={"scope": "EXISTING_POSTS"}
            ).json()
            qr_path = f"/v1/business-centers/{bc}/access-requests/{request['id']}/qr-code"
            card = card_timings(client, bc, rounds=20, lang="en")
            extra |= {
                "qr_card_first_ms": card["first_ms"],
                "qr_card_cached_ms": card["cached_ms"],
                "qr_card_304_ms": card["not_modified_ms"],
            }
        endpoints = [
            ("member's tiktok-accounts", f"/v1/business-centers/{bc}/tiktok-accounts", member),
            (
                "access-requests, deep page",
                f"/v1/business-centers/{bc}/access-requests?cursor="
                f"{deep_cursor(url, 'access_requests', bc)}",
                admin,
            ),
            (
                "audit-events, deep page",
                f"/v1/business-centers/{bc}/audit-events?cursor="
                f"{deep_cursor(url, 'audit_events', bc)}",
                admin,
            ),
            (
                "spark-ads, deep page",
                f"/v1/spark-ads?ad_account_id={ad}&cursor="
                f"{deep_cursor(url, 'spark_ads', ad, 'ad_account_id')}",
                member,
            ),
            ("members", f"/v1/business-centers/{bc}/members", member),
            (
                "assignments",
                f"/v1/business-centers/{bc}/tiktok-accounts/"
                f"{state['assigned_tiktok_account_id']}/assignments",
                admin,
            ),
            (
                "identity's videos, deep page",
                f"/v1/identities/{state['identity_id']}/videos?ad_account_id={ad}"
                "&identity_type=BC_AUTH_TT&identity_authorized_bc_id="
                f"{state['identity_authorized_bc_id']}&cursor="
                f"{deep_cursor(url, 'videos', state['identity_id'], 'tiktok_account_id')}",
                member,
            ),
        ]
        bodies: dict[str, Any] = {}
        if not only_lists:
            endpoints = [
                (
                    "eligibility (allowed)",
                    "/v1/spark-ads/eligibility?ad_account_id="
                    f"{ad}&tiktok_account_id={tt}&video_id={state['allowed_video_id']}",
                    member,
                ),
                (
                    "eligibility (denied)",
                    "/v1/spark-ads/eligibility?ad_account_id="
                    f"{ad}&tiktok_account_id={tt}&video_id={state['denied_video_id']}",
                    member,
                ),
                ("identities", f"/v1/identities?ad_account_id={ad}", member),
                (BATCH, "/v1/spark-ads/eligibility/batch", member),
                *endpoints,
                ("QR code PNG (cached render)", qr_path, admin),
            ]
            bodies[BATCH] = {
                "ad_account_id": ad,
                "checks": [
                    {"tiktok_account_id": state["identity_id"], "video_id": video_id}
                    for video_id in state["batch_video_ids"]
                ],
            }
        figures = []
        for name, path, token in endpoints:
            figures.append(
                wrk(
                    wrk_path,
                    name,
                    base + path,
                    token,
                    args.duration,
                    args.connections,
                    bodies.get(name),
                )
            )
            extra["rss_mb"] = max(extra.get("rss_mb", 0.0), rss_mb(pid))
            print(f"  {name:<32} {figures[-1].requests_per_second:>8.0f} req/s", flush=True)
        for name, path, token in endpoints if not only_lists else []:
            # One connection: the time a request takes, without waiting behind others.
            figures.append(
                wrk(wrk_path, f"{name}, 1 connection", base + path, token, 5, 1, bodies.get(name))
            )
    return figures, extra


def seeded(database_url: str, authorizations: int, history: int) -> dict[str, Any]:
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        admin = create_engine(
            sync_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))
        admin.dispose()
    print(f"seeding {authorizations:,} authorizations into {database_url} ...", flush=True)
    return seed.main(
        [
            "--database-url",
            database_url,
            "--authorizations",
            str(authorizations),
            "--history",
            str(history),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="sqlite:///bench/bench.db",
        help="the large database; the small one gets a _small suffix",
    )
    parser.add_argument("--authorizations", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--reuse", action="store_true", help="reuse seeded databases")
    parser.add_argument(
        "--service-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the service (e.g. DB_TRANSACTION_POOLER=true); repeatable",
    )
    args = parser.parse_args()
    args.service_env = dict(item.split("=", 1) for item in args.service_env)
    wrk_path = ensure_wrk()

    large_url = args.database_url
    url = make_url(large_url)
    small_url = (
        large_url.replace(".db", "_small.db")
        if url.get_backend_name() == "sqlite"
        else url.set(database=f"{url.database}_small").render_as_string(hide_password=False)
    )
    states = {}
    for name, db_url, count, history in (
        ("small", small_url, args.small, args.small),
        ("large", large_url, args.authorizations, 100_000),
    ):
        path = seed.state_path(db_url)
        states[name] = (
            json.loads(path.read_text())
            if args.reuse and path.exists()
            else seeded(db_url, count, history)
        )

    print(f"bare FastAPI app, {args.connections} connections, {args.duration} s", flush=True)
    with serve("bench.bare_app:app", {}) as (base, _):
        bare = wrk(wrk_path, "bare FastAPI", base + "/", None, args.duration, args.connections)
        bare_alone = wrk(wrk_path, "bare FastAPI, 1 connection", base + "/", None, 5, 1)
    print(f"  bare                             {bare.requests_per_second:>8.0f} req/s")
    large_state = states["large"]
    anchor_path = (
        "/v1/spark-ads/eligibility?ad_account_id={ad_account_id}&tiktok_account_id="
        "{tiktok_account_id}&video_id={allowed_video_id}".format(**large_state)
    )
    with serve("bench.anchor_app:app", {"DATABASE_URL": large_state["database_url"]}) as (
        base,
        _,
    ):
        token = large_state["member_token"]
        anchor = wrk(wrk_path, "anchor", base + anchor_path, token, args.duration, args.connections)
        anchor_alone = wrk(wrk_path, "anchor, 1 connection", base + anchor_path, token, 5, 1)
    print(f"  anchor                           {anchor.requests_per_second:>8.0f} req/s")
    print(f"service, {large_state['authorizations']:,} authorizations", flush=True)
    large, extra = measure_service(args, wrk_path, large_state)
    print(f"service, {states['small']['authorizations']:,} authorizations (lists only)")
    small, _ = measure_service(args, wrk_path, states["small"], only_lists=True)

    backend = make_url(large_url).get_backend_name()
    print(f"\n### {backend}: {args.connections} connections ({args.duration} s each), and 1\n")
    print(
        "| endpoint | req/s | p50 ms | p99 ms | x bare | x anchor "
        "| 1 conn: req/s | p50 ms | p99 ms | x bare | x anchor |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    alone = {figure.name.removesuffix(", 1 connection"): figure for figure in large}
    rows = [(bare, bare_alone), (anchor, anchor_alone)] + [
        (figure, alone.get(figure.name))
        for figure in large
        if not figure.name.endswith("1 connection")
    ]
    for figure, single in rows:
        cells = [
            f"{figure.requests_per_second:,.0f}",
            f"{figure.p50_ms:.2f}",
            f"{figure.p99_ms:.2f}",
            f"{figure.requests_per_second / bare.requests_per_second:.2f}",
            _anchor_ratio(figure, anchor),
        ]
        if single is not None:
            cells += [
                f"{single.requests_per_second:,.0f}",
                f"{single.p50_ms:.2f}",
                f"{single.p99_ms:.2f}",
                f"{single.requests_per_second / bare_alone.requests_per_second:.2f}",
                _anchor_ratio(single, anchor_alone),
            ]
        print(f"| {figure.name} | {' | '.join(cells)} |")
    queueing_ms = 1000 * args.connections / bare.requests_per_second
    print(
        f"\nAt {args.connections} connections a request waits behind the others: by Little's law "
        f"the mean latency is {args.connections} / throughput, {queueing_ms:.1f} ms for the "
        "bare app itself."
    )
    print(
        f"\n| list (p50 ms) | {states['small']['authorizations']:,} authorizations "
        f"| {states['large']['authorizations']:,} authorizations | ratio |"
    )
    print("|---|---:|---:|---:|")
    small_by_name = {figure.name: figure for figure in small}
    for figure in large:
        if figure.name in small_by_name:
            before = small_by_name[figure.name].p50_ms
            print(
                f"| {figure.name} | {before:.2f} | {figure.p50_ms:.2f} | "
                f"{figure.p50_ms / before:.2f} |"
            )
    print(
        f"\nQR card: first render {extra['qr_card_first_ms']:.1f} ms, cached "
        f"{extra['qr_card_cached_ms']:.1f} ms, 304 {extra['qr_card_304_ms']:.1f} ms "
        f"({extra['qr_card_first_ms'] / extra['qr_card_cached_ms']:.1f}x)"
    )
    print(f"Worker RSS under load: {extra['rss_mb']:.0f} MB")
    by_name = {figure.name: figure for figure in large}
    single, batch = by_name["eligibility (allowed)"], by_name[BATCH]
    single_alone, batch_alone = (
        by_name[f"{single.name}, 1 connection"],
        by_name[f"{BATCH}, 1 connection"],
    )
    print(
        f"A batch of {seed.BATCH_CHECKS} checks costs "
        f"{single.requests_per_second / batch.requests_per_second:.2f}x one check "
        f"({single_alone.p50_ms:.2f} against {batch_alone.p50_ms:.2f} ms p50 at 1 connection: "
        f"{batch_alone.p50_ms / single_alone.p50_ms:.2f}x); "
        f"{seed.BATCH_CHECKS} single checks cost {seed.BATCH_CHECKS}x."
    )
    results = {
        "bare": bare.__dict__,
        "bare_one_connection": bare_alone.__dict__,
        "anchor": anchor.__dict__,
        "anchor_one_connection": anchor_alone.__dict__,
        "large": [f.__dict__ for f in large],
        "small": [f.__dict__ for f in small],
        **extra,
    }
    (ROOT / "bench" / f"results-{backend}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
