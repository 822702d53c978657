"""Fill a database fast with a realistic shape, for the benchmarks.

    python -m bench.seed --database-url sqlite:///bench/bench.db --authorizations 1000000

The schema comes from the real migrations; rows go in with bulk inserts, in large
transactions, with a progress bar. The shape (for 1,000,000 authorizations):

- 10,000 Business Centers, each with 10 members (1 admin, 9 standard): 100,000 users;
- 100,000 TikTok accounts with 9 videos each (public, friends-only and private, ad-authorized
  or not), each authorized to 10 BCs: 1,000,000 authorizations, each with its AUTHORIZED access
  request and its audit event;
- one standard member per BC assigned to 10 of its accounts;
- the first BC is the benchmark's: an ad account, an OPERATOR member assigned on an account
  with a public ad-authorized video and a private one, and a long history (extra declined
  requests, audit events and Spark Ads) to page through; that account, the member's identity,
  has as many more videos (90% public, a quarter of those not ad-authorized), so that the videos
  table holds 1,000,000 rows.

It prints (and writes next to the database as JSON) the tokens and ids `bench/run.py` uses.
"""

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import make_url

from app.core.db import sync_engine
from app.core.ids import new_id
from app.core.migrations import upgrade
from app.core.security import token_digest
from app.models import Base

CHUNK = 20_000
MEMBERS_PER_BC = 10
ACCOUNTS_PER_BC = 100
BCS_PER_ACCOUNT = 10
# Each account's videos: the first public (and ad-authorized), the second private (an allowed
# and a denied eligibility check), then a mix; every other one ad-authorized.
VIDEO_VISIBILITIES = (
    *("PUBLIC", "PRIVATE"),
    *("PUBLIC", "FRIENDS", "PUBLIC", "PUBLIC", "FRIENDS", "PUBLIC", "PUBLIC"),
)
VIDEOS_PER_ACCOUNT = len(VIDEO_VISIBILITIES)
BATCH_CHECKS = 100  # the benchmark's batch of eligibility checks
ASSIGNED_PER_BC = 10


class Progress:
    """A one-line progress bar on stderr, with rows per second."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.started = time.monotonic()

    def advance(self, rows: int, label: str) -> None:
        self.done += rows
        share = self.done / self.total if self.total else 1.0
        elapsed = time.monotonic() - self.started
        bar = "#" * int(share * 30)
        print(
            f"\r[{bar:<30}] {share:6.1%} {self.done:>10,} rows "
            f"{self.done / max(elapsed, 1e-9):>9,.0f}/s  {label:<24}",
            end="",
            file=sys.stderr,
            flush=True,
        )

    def finish(self) -> float:
        elapsed = time.monotonic() - self.started
        print(file=sys.stderr)
        return elapsed


def _native(value: Any, sqlite: bool) -> Any:
    """A value as the driver takes it, skipping SQLAlchemy's per-row type processing."""
    if isinstance(value, datetime):
        # SQLAlchemy's storage format for DateTime on SQLite (naive UTC).
        return value.replace(tzinfo=None).isoformat(" ", "microseconds") if sqlite else value
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


class Loader:
    """Bulk inserts straight through the driver, in one transaction."""

    def __init__(self, connection: Any, sqlite: bool, progress: Progress) -> None:
        self.connection = connection
        self.cursor = connection.cursor()
        self.sqlite = sqlite
        self.progress = progress

    def load(self, table: Table, rows: Iterator[dict[str, Any]]) -> None:
        columns: list[str] = []
        statement = ""
        chunk: list[tuple[Any, ...]] = []
        constants: dict[str, Any] = {}
        for row in rows:
            if not columns:
                columns = list(row)
                marks = ", ".join("?" if self.sqlite else "%s" for _ in columns)
                names = ", ".join(columns)  # from our own rows, not from input
                statement = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"  # noqa: S608
            values = []
            for column in columns:
                value = row[column]
                if isinstance(value, datetime | dict | list):
                    # Most such values repeat (the seed's clock, a detail): convert each once.
                    key = f"{column}:{value!r}"
                    if key not in constants:
                        constants[key] = _native(value, self.sqlite)
                    value = constants[key]
                values.append(value)
            chunk.append(tuple(values))
            if len(chunk) == CHUNK:
                self.cursor.executemany(statement, chunk)
                self.progress.advance(len(chunk), table.name)
                chunk = []
        if chunk:
            self.cursor.executemany(statement, chunk)
            self.progress.advance(len(chunk), table.name)


def seed(database_url: str, authorizations: int, history: int) -> dict[str, Any]:
    bcs = max(authorizations // ACCOUNTS_PER_BC, 1)
    accounts = max(authorizations // BCS_PER_ACCOUNT, ACCOUNTS_PER_BC)
    users = bcs * MEMBERS_PER_BC
    now = datetime.now(UTC)
    expires = now + timedelta(days=7)
    tables = Base.metadata.tables
    total = (
        users * 2  # users, members
        + bcs
        + accounts * (1 + VIDEOS_PER_ACCOUNT)
        + bcs * ACCOUNTS_PER_BC * 3  # authorizations, their requests, their audit events
        + bcs * ASSIGNED_PER_BC
        + history * 4  # the benchmark BC's requests, audit events, Spark Ads; the videos
        + 3  # the benchmark's ad account and its two roles
    )
    progress = Progress(total)

    bc_ids = [new_id() for _ in range(bcs)]
    user_ids = [new_id() for _ in range(users)]
    member_ids = [new_id() for _ in range(users)]
    account_ids = [new_id() for _ in range(accounts)]
    video_ids = [new_id() for _ in range(accounts * VIDEOS_PER_ACCOUNT)]
    identity_video_ids = [new_id() for _ in range(history)]
    authorization_ids = {(bc, k): new_id() for bc in range(bcs) for k in range(ASSIGNED_PER_BC)}
    ad_account_id = new_id()
    tokens = {"admin": "bctu_bench-admin-token", "member": "bctu_bench-member-token"}

    def member(bc: int, k: int) -> int:
        return bc * MEMBERS_PER_BC + k

    def account_of(bc: int, k: int) -> int:
        # Each account lands in BCS_PER_ACCOUNT different BCs.
        return (bc * ACCOUNTS_PER_BC + k) % accounts

    def token_of(i: int) -> str:
        return tokens["admin"] if i == 0 else tokens["member"] if i == 1 else f"bctu_u{i}"

    engine = sync_engine(database_url)
    sqlite = engine.dialect.name == "sqlite"
    raw = engine.raw_connection()
    if sqlite:
        # A fresh file: nothing to protect while it loads. The service journals (WAL) again.
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA journal_mode=OFF")
        raw.execute("BEGIN")
    load = Loader(raw, sqlite, progress).load

    load(
        tables["users"],
        (
            {
                "id": user_id,
                "email": f"user{i}@bench.example",
                "display_name": f"User {i}",
                "token_digest": token_digest(token_of(i)),
                "created_at": now,
            }
            for i, user_id in enumerate(user_ids)
        ),
    )
    load(
        tables["business_centers"],
        ({"id": bc_id, "name": f"BC {i}", "created_at": now} for i, bc_id in enumerate(bc_ids)),
    )
    load(
        tables["members"],
        (
            {
                "id": member_ids[member(bc, k)],
                "business_center_id": bc_ids[bc],
                "user_id": user_ids[member(bc, k)],
                "role": "ADMIN" if k == 0 else "STANDARD",
                "created_at": now,
            }
            for bc in range(bcs)
            for k in range(MEMBERS_PER_BC)
        ),
    )
    load(
        tables["tiktok_accounts"],
        (
            {
                "id": account_id,
                "username": f"creator_{i}",
                "display_name": f"Creator {i}",
                "bio": "",
                "owner_token_digest": token_digest(f"bcto_a{i}"),
                "created_at": now,
            }
            for i, account_id in enumerate(account_ids)
        ),
    )
    load(
        tables["videos"],
        (
            {
                "id": video_ids[i * VIDEOS_PER_ACCOUNT + v],
                "tiktok_account_id": account_id,
                "caption": f"Video {v}",
                "visibility": VIDEO_VISIBILITIES[v],
                "ad_authorization": v % 2 == 0,
                "created_at": now,
            }
            for i, account_id in enumerate(account_ids)
            for v in range(VIDEOS_PER_ACCOUNT)
        ),
    )
    # The benchmark member's identity (its BC's account with an assignment) has a long list.
    load(
        tables["videos"],
        (
            {
                "id": video_id,
                "tiktok_account_id": account_ids[account_of(0, 0)],
                "caption": f"Sourdough {i}",
                "visibility": "FRIENDS" if i % 10 == 9 else "PUBLIC",
                "ad_authorization": i % 4 != 3,
                "created_at": now,
            }
            for i, video_id in enumerate(identity_video_ids)
        ),
    )
    load(
        tables["authorizations"],
        (
            {
                "id": authorization_ids.get((bc, k)) or new_id(),
                "business_center_id": bc_ids[bc],
                "tiktok_account_id": account_ids[account_of(bc, k)],
                "scopes": ["EXISTING_POSTS"],
                "status": "ACTIVE",
                "granted_at": now,
                "revoked_at": None,
                "revoked_by": None,
            }
            for bc in range(bcs)
            for k in range(ACCOUNTS_PER_BC)
        ),
    )
    load(
        tables["access_requests"],
        (
            {
                "id": new_id(),
                "business_center_id": bc_ids[bc],
                "scope": "EXISTING_POSTS",
                "status": "AUTHORIZED",
                "code_digest": token_digest(f"code-{bc}-{k}"),
                "expires_at": expires,
                "created_by_member_id": member_ids[member(bc, 0)],
                "created_at": now,
                "resolved_at": now,
                "tiktok_account_id": account_ids[account_of(bc, k)],
            }
            for bc in range(bcs)
            for k in range(ACCOUNTS_PER_BC)
        ),
    )
    load(
        tables["audit_events"],
        (
            {
                "id": new_id(),
                "business_center_id": bc_ids[bc],
                "at": now,
                "actor_type": "OWNER",
                "actor_id": account_ids[account_of(bc, k)],
                "action": "authorization.granted",
                "target_type": "authorization",
                "target_id": bc_ids[bc],
                "detail": {"scopes": ["EXISTING_POSTS"]},
            }
            for bc in range(bcs)
            for k in range(ACCOUNTS_PER_BC)
        ),
    )
    # One standard member per BC (the second member) is assigned to 10 of its accounts.
    load(
        tables["assignments"],
        (
            {
                "id": new_id(),
                "authorization_id": authorization_ids[(bc, k)],
                "member_id": member_ids[member(bc, 1)],
                "roles": ["POST"],
                "assigned_at": now,
            }
            for bc in range(bcs)
            for k in range(ASSIGNED_PER_BC)
        ),
    )
    # The benchmark BC's long history, to page through.
    load(
        tables["access_requests"],
        (
            {
                "id": new_id(),
                "business_center_id": bc_ids[0],
                "scope": "LIVE_VIDEOS",
                "status": "DECLINED",
                "code_digest": token_digest(f"history-{i}"),
                "expires_at": expires,
                "created_by_member_id": member_ids[0],
                "created_at": now,
                "resolved_at": now,
                "tiktok_account_id": None,
            }
            for i in range(history)
        ),
    )
    load(
        tables["audit_events"],
        (
            {
                "id": new_id(),
                "business_center_id": bc_ids[0],
                "at": now,
                "actor_type": "USER",
                "actor_id": user_ids[0],
                "action": "access_request.created",
                "target_type": "access_request",
                "target_id": bc_ids[0],
                "detail": {},
            }
            for _ in range(history)
        ),
    )
    load(
        tables["ad_accounts"],
        iter(
            [
                {
                    "id": ad_account_id,
                    "business_center_id": bc_ids[0],
                    "name": "Bench ads",
                    "created_at": now,
                }
            ]
        ),
    )
    load(
        tables["ad_account_members"],
        iter(
            [
                {
                    "ad_account_id": ad_account_id,
                    "member_id": member_ids[1],
                    "role": "OPERATOR",
                    "created_at": now,
                },
                {
                    "ad_account_id": ad_account_id,
                    "member_id": member_ids[0],
                    "role": "ADMIN",
                    "created_at": now,
                },
            ]
        ),
    )
    # The benchmark ad account's Spark Ads, to page through.
    load(
        tables["spark_ads"],
        (
            {
                "id": new_id(),
                "ad_account_id": ad_account_id,
                "identity_type": "BC_AUTH_TT",
                "identity_id": account_ids[account_of(0, 0)],
                "identity_authorized_bc_id": bc_ids[0],
                "authorization_id": authorization_ids[(0, 0)],
                "video_id": video_ids[account_of(0, 0) * VIDEOS_PER_ACCOUNT],
                "live_id": None,
                "name": f"Spark Ad {i}",
                "status": "ACTIVE",
                "created_by_user_id": user_ids[1],
                "created_at": now,
            }
            for i in range(history)
        ),
    )
    raw.commit()
    raw.close()
    # Fresh statistics, as autovacuum (PostgreSQL) or a maintained database would have:
    # without them the planners guess the new tables' sizes and pick poor plans.
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    engine.dispose()
    elapsed = progress.finish()

    account = account_of(0, 0)
    return {
        "database_url": database_url,
        "authorizations": bcs * ACCOUNTS_PER_BC,
        "rows": progress.done,
        "seconds": round(elapsed, 1),
        "admin_token": tokens["admin"],
        "member_token": tokens["member"],
        "business_center_id": bc_ids[0],
        "ad_account_id": ad_account_id,
        "tiktok_account_id": account_ids[account],
        "allowed_video_id": video_ids[account * VIDEOS_PER_ACCOUNT],
        "denied_video_id": video_ids[account * VIDEOS_PER_ACCOUNT + 1],
        # An account of the benchmark BC with an assignment (its second member's).
        "assigned_tiktok_account_id": account_ids[account_of(0, 0)],
        # The member's BC_AUTH_TT identity: that account through the benchmark BC.
        "identity_id": account_ids[account],
        "identity_authorized_bc_id": bc_ids[0],
        # The batch: as many of the identity's newest videos (some not ad-authorized, some
        # friends-only: allowed and refused checks).
        "batch_video_ids": identity_video_ids[::-1][:BATCH_CHECKS],
    }


def state_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database).with_suffix(".json")
    return Path(__file__).parent / f"{url.database}.{url.get_backend_name()}.json"


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="sqlite:///bench/bench.db")
    parser.add_argument("--authorizations", type=int, default=1_000_000)
    parser.add_argument(
        "--history",
        type=int,
        default=100_000,
        help="extra requests, audit events and Spark Ads of the benchmark BC",
    )
    args = parser.parse_args(argv)

    url = make_url(args.database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        Path(url.database).unlink(missing_ok=True)
    upgrade(args.database_url)
    state = seed(args.database_url, args.authorizations, args.history)
    state_path(args.database_url).write_text(json.dumps(state, indent=2))
    out(
        f"seeded {state['rows']:,} rows ({state['authorizations']:,} authorizations) "
        f"in {state['seconds']} s"
    )
    return state


if __name__ == "__main__":
    main()
