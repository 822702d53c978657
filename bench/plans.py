"""The query plans behind the benchmark's endpoints, on a seeded database (BENCHMARKS.md).

    python -m bench.plans                   # SQLite, bench/bench.db (python -m bench.seed first)
    python -m bench.plans --database-url postgresql://postgres@127.0.0.1:5432/bench

Every hot read and every list agencies page through is one `Statement` (app/core/db.py):
this prints the database's plan for each, with the parameters the benchmark uses (SQLite:
EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE, with the time the statement took). Lists are
explained at a deep page, where a plan that does not start from the cursor would show.
"""

import argparse
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, text

from app.access_requests.repository import _PAGES as ACCESS_REQUEST_PAGES
from app.assignments.repository import _PAGE as ASSIGNMENTS_PAGE
from app.audit.repository import _PAGE as AUDIT_PAGE
from app.authorizations.repository import _ACCOUNTS_PAGES
from app.business_centers.repository import _MEMBERS_PAGE
from app.core.db import Statement, sync_engine
from app.core.enums import AuthorizationStatus
from app.core.pagination import PageRequest, PageStatement
from app.core.security import token_digest
from app.spark_ads.repository import (
    _ELIGIBILITY_FACTS,
    _IDENTITIES,
    _IDENTITY_VIDEOS_PAGE,
    _SPARK_ADS_PAGE,
    CheckIds,
    batch_statement,
)
from app.users.repository import _TOKEN_OWNER
from bench import seed
from bench.run import deep_cursor


def explain(engine: Engine, statement: Statement, parameters: Mapping[str, Any]) -> list[str]:
    postgresql = engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, COSTS OFF) " if postgresql else "EXPLAIN QUERY PLAN "
    with engine.connect() as connection:
        rows = connection.execute(text(prefix + statement.sql), dict(parameters)).all()
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


def print_plan(engine: Engine, name: str, statement: Statement, params: Mapping[str, Any]) -> None:
    print(f"\n## {name}")
    for line in explain(engine, statement, params):
        print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="sqlite:///bench/bench.db")
    args = parser.parse_args()
    state = json.loads(seed.state_path(args.database_url).read_text())
    url, bc, ad = args.database_url, state["business_center_id"], state["ad_account_id"]
    engine = sync_engine(url)
    with engine.connect() as connection:
        user_of = {
            token: connection.execute(
                _TOKEN_OWNER.clause, {"digest": token_digest(state[token])}
            ).one()[0]
            for token in ("admin_token", "member_token")
        }
    admin, member = user_of["admin_token"], user_of["member_token"]

    def deep(
        page: PageStatement, cursor: str, params: dict[str, Any]
    ) -> tuple[Statement, dict[str, object]]:
        """A page half way down the list, bound as the service binds it."""
        return PageRequest(cursor=cursor).bind(page, params)

    def first(page: PageStatement, params: dict[str, Any]) -> tuple[Statement, dict[str, object]]:
        return PageRequest().bind(page, params)

    print_plan(engine, "the caller's token (every request)", _TOKEN_OWNER, {"digest": "x"})
    print_plan(
        engine,
        "eligibility facts",
        _ELIGIBILITY_FACTS,
        {
            "user_id": member,
            "ad_account_id": ad,
            "tiktok_account_id": state["tiktok_account_id"],
            "video_id": state["allowed_video_id"],
            "live_id": None,
        },
    )
    print_plan(engine, "identities", _IDENTITIES, {"user_id": member, "ad_account_id": ad})
    batch, batch_params = batch_statement(
        [CheckIds(state["identity_id"], video, None) for video in state["batch_video_ids"]]
    )
    print_plan(
        engine,
        f"eligibility batch ({len(state['batch_video_ids'])} checks, one statement)",
        batch,
        {**batch_params, "user_id": member, "ad_account_id": ad},
    )
    lists = [
        (
            "member's tiktok-accounts",
            *first(
                _ACCOUNTS_PAGES[AuthorizationStatus.ACTIVE],
                {"user_id": member, "business_center_id": bc, "status": "ACTIVE"},
            ),
        ),
        (
            "access-requests, deep page",
            *deep(
                ACCESS_REQUEST_PAGES[None],
                deep_cursor(url, "access_requests", bc),
                {"user_id": admin, "business_center_id": bc, "now": datetime.now(UTC)},
            ),
        ),
        (
            "audit-events, deep page",
            *deep(
                AUDIT_PAGE,
                deep_cursor(url, "audit_events", bc),
                {"user_id": admin, "business_center_id": bc},
            ),
        ),
        (
            "spark-ads, deep page",
            *deep(
                _SPARK_ADS_PAGE,
                deep_cursor(url, "spark_ads", ad, "ad_account_id"),
                {"user_id": member, "ad_account_id": ad},
            ),
        ),
        (
            "an identity's videos, first page",
            *first(
                _IDENTITY_VIDEOS_PAGE,
                {
                    "user_id": member,
                    "ad_account_id": ad,
                    "tiktok_account_id": state["identity_id"],
                    "identity_type": "BC_AUTH_TT",
                    "identity_authorized_bc_id": state["identity_authorized_bc_id"],
                    "ad_enabled": None,
                },
            ),
        ),
        (
            "members",
            *first(_MEMBERS_PAGE, {"user_id": member, "business_center_id": bc}),
        ),
        (
            "assignments",
            *first(
                ASSIGNMENTS_PAGE,
                {
                    "user_id": admin,
                    "business_center_id": bc,
                    "tiktok_account_id": state["assigned_tiktok_account_id"],
                },
            ),
        ),
    ]
    for name, statement, params in lists:
        print_plan(engine, name, statement, params)
    engine.dispose()


if __name__ == "__main__":
    main()
