"""The QR card's render times by script: ``python -m bench.qr_card`` (BENCHMARKS.md).

For a Latin, a Japanese and an Arabic card (each in its own language, ``?lang=``), through HTTP
against the service in uvicorn (one worker, a fresh SQLite database, no access log, as
``bench.run`` serves it): the first card after the server starts (its fonts are loaded then),
the first render of a new request's card once warm, the same card again (served from the
rendered-image cache) and a revalidation answered 304. Each server serves one script, so "after
start" is that script's own cold start; the other figures are medians of ``--rounds`` new
requests.
"""

import argparse
import tempfile
import time
from pathlib import Path

import httpx

from app.core.migrations import upgrade
from tests.live_server import live_server

CARDS = (
    ("Latin (en)", "Acme Marketing GmbH", "en"),
    ("Japanese (ja)", "株式会社サクラ広告", "ja"),
    ("Arabic (ar)", "وكالة الإعلان", "ar"),
)


def _timed(
    client: httpx.Client, path: str, lang: str, headers: dict[str, str] | None = None
) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = client.get(path, params={"lang": lang}, headers=headers or {})
    elapsed = (time.perf_counter() - started) * 1e3
    if response.status_code not in (200, 304):
        raise RuntimeError(f"{path}: {response.status_code} {response.text}")
    return elapsed, response


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def card_timings(client: httpx.Client, bc: str, rounds: int, lang: str) -> dict[str, float]:
    """For `rounds` + 1 new access requests of BC `bc` (the client an admin of it): the first
    render of each one's card in `lang`, the same card again (the rendered-image cache) and a
    revalidation (304); medians, leaving out the first request's render, which is reported on
    its own (`after_start_ms`: whatever the server had not loaded for this card yet)."""
    first, cached, revalidated, cold = [], [], [], 0.0
    for round_ in range(rounds + 1):
        request = client.post(
            f"/v1/business-centers/{bc}/access-requests", json={"scope": "EXISTING_POSTS"}
        ).json()
        path = f"/v1/business-centers/{bc}/access-requests/{request['id']}/qr-card"
        elapsed, response = _timed(client, path, lang)
        if round_ == 0:
            cold = elapsed
            continue
        first.append(elapsed)
        cached.append(_timed(client, path, lang)[0])
        etag = {"If-None-Match": response.headers["etag"]}
        revalidated.append(_timed(client, path, lang, etag)[0])
    return {
        "after_start_ms": cold,
        "first_ms": _median(first),
        "cached_ms": _median(cached),
        "not_modified_ms": _median(revalidated),
    }


def measure(name: str, lang: str, rounds: int, directory: Path) -> dict[str, float]:
    database_url = f"sqlite:///{directory / f'qr-card-{lang}.db'}"
    upgrade(database_url)
    with (
        live_server({"DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}, workers=1) as base,
        httpx.Client(base_url=base, timeout=30) as client,
    ):
        signup = client.post(
            "/v1/users", json={"email": f"bench-{lang}@example.com", "display_name": "Bench"}
        ).json()
        client.headers["Authorization"] = f"Bearer {signup['token']}"
        bc = client.post("/v1/business-centers", json={"name": name}).json()["id"]
        # Each server serves one script: the first card loads that script's fonts.
        return card_timings(client, bc, rounds, lang)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    print("| card | first after start | first render | cached | 304 |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as directory:
        for label, name, lang in CARDS:
            figures = measure(name, lang, args.rounds, Path(directory))
            print(
                f"| {label} | {figures['after_start_ms']:.1f} ms | {figures['first_ms']:.1f} ms"
                f" | {figures['cached_ms']:.1f} ms | {figures['not_modified_ms']:.1f} ms |",
                flush=True,
            )


if __name__ == "__main__":
    main()
