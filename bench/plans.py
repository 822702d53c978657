"""The query plans behind the benchmark's endpoints, on a seeded database (BENCHMARKS.md).

    python -m bench.plans                   # SQLite, bench/bench.db (python -m bench.seed first)
    python -m bench.plans --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

Calls each endpoint once through the app, records the SQL it runs, and prints the database's
plan for each statement (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE, with the
time the statement took). The statements the hot paths run by the driver itself (the caller's
token, the eligibility facts) are explained the same way.
"""

import argparse
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from app.core.config import Settings
from app.core.security import token_digest
from app.main import create_app
from app.spark_ads.repository import _ELIGIBILITY_FACTS
from app.users.repository import _TOKEN_OWNER
from bench import seed
from bench.run import deep_cursor

Captured = list[tuple[str, Any]]


@contextmanager
def capturing(engine: Engine) -> Iterator[Captured]:
    """The statements SQLAlchemy sends while the block runs, with their parameters."""
    captured: Captured = []

    def capture(_conn: Connection, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SELECT 1")):
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield captured
    finally:
        event.remove(engine, "before_cursor_execute", capture)


def explain(engine: Engine, statement: str, parameters: Any) -> list[str]:
    postgresql = engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, COSTS OFF) " if postgresql else "EXPLAIN QUERY PLAN "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
        connection.rollback()
    if postgresql:
        return [row[0] for row in rows]
    return [f"{'  ' * _depth(rows, row)}{row[3]}" for row in rows]


def _depth(rows: Sequence[Any], row: Any) -> int:
    """SQLite gives each plan line its parent's id: indent by how deep it sits."""
    parents = {r[0]: r[1] for r in rows}
    depth, parent = 0, row[1]
    while parent:
        depth, parent = depth + 1, parents.get(parent, 0)
    return depth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="sqlite:///bench/bench.db")
    args = parser.parse_args()
    state = json.loads(seed.state_path(args.database_url).read_text())
    url, bc = args.database_url, state["business_center_id"]
    app = create_app(Settings(database_url=url, log_level="WARNING", webhooks_dispatcher=False))
    engine = app.state.runtime.database.engine
    endpoints = {
        "member's tiktok-accounts": (
            f"/v1/business-centers/{bc}/tiktok-accounts",
            state["member_token"],
        ),
        "access-requests, deep page": (
            f"/v1/business-centers/{bc}/access-requests"
            f"?cursor={deep_cursor(url, 'access_requests', bc)}",
            state["admin_token"],
        ),
        "audit-events, deep page": (
            f"/v1/business-centers/{bc}/audit-events?cursor={deep_cursor(url, 'audit_events', bc)}",
            state["admin_token"],
        ),
    }
    with TestClient(app) as client:
        for name, (path, token) in endpoints.items():
            with capturing(engine) as captured:
                response = client.get(path, headers={"Authorization": f"Bearer {token}"})
                assert response.status_code == 200, response.text
            print(f"\n## {name}: GET {path.split('?')[0]}")
            for statement, parameters in captured:
                print_plan(engine, statement, parameters)

        user_id = client.get(
            "/v1/users/me", headers={"Authorization": f"Bearer {state['member_token']}"}
        ).json()["id"]
    dialect = engine.dialect
    print("\n## the caller's token (every request)")
    print_plan(
        engine,
        _TOKEN_OWNER.text_for(dialect),
        {"digest": token_digest(state["member_token"])},
    )
    print("\n## eligibility facts (one statement)")
    print_plan(
        engine,
        _ELIGIBILITY_FACTS.text_for(dialect),
        {
            "user_id": user_id,
            "ad_account_id": state["ad_account_id"],
            "tiktok_account_id": state["tiktok_account_id"],
            "video_id": state["allowed_video_id"],
            "live_id": None,
        },
    )
    engine.dispose()


def print_plan(engine: Engine, statement: str, parameters: Mapping[str, Any] | Any) -> None:
    first_line = " ".join(statement.split())[:110]
    print(f"\n    {first_line}{'...' if len(' '.join(statement.split())) > 110 else ''}")
    for line in explain(engine, statement, parameters):
        print(f"      {line}")


if __name__ == "__main__":
    main()
