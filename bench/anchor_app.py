"""The anchor: the eligibility check's own two statements (the caller's token, then every fact
in one statement) through the fastest driver, with nothing of the service around them: no
session, no pool of SQLAlchemy's, no decision, no response model (BENCHMARKS.md).

On PostgreSQL it is asyncpg as its documentation shows it: a pool, one connection acquired
per request, `fetch` with `$n` parameters (asyncpg prepares and caches the statements). On
SQLite, sqlite3 on the event loop, one connection. Served and loaded as `bench.run` serves the
service: `DATABASE_URL` picks the database.
"""

import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Header, HTTPException

from app.core.db import sync_url
from app.core.security import token_digest
from app.spark_ads.repository import _ELIGIBILITY_FACTS as FACTS
from app.users.repository import _TOKEN_OWNER as TOKEN_OWNER

DATABASE_URL = os.environ["DATABASE_URL"]
SQLITE = DATABASE_URL.startswith("sqlite")


class Driver:
    """The two statements' rows, straight from the driver."""

    def __init__(self) -> None:
        self.pool: asyncpg.Pool | None = None
        self.sqlite: sqlite3.Connection | None = None

    async def open(self) -> None:
        url = sync_url(DATABASE_URL)
        if SQLITE:
            self.sqlite = sqlite3.connect(url.database or "", isolation_level=None)
            self.sqlite.execute("PRAGMA journal_mode=WAL")
        else:
            self.pool = await asyncpg.create_pool(
                host=url.host,
                port=url.port,
                user=url.username,
                database=url.database,
                password=url.password,
                min_size=1,
                max_size=10,
            )

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()
        if self.sqlite is not None:
            self.sqlite.close()


driver = Driver()


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    await driver.open()
    yield
    await driver.close()


app = FastAPI(lifespan=lifespan)


@app.get("/")
async def ready() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/v1/spark-ads/eligibility")
async def eligibility(
    ad_account_id: str,
    tiktok_account_id: str,
    video_id: str | None = None,
    live_id: str | None = None,
    authorization: str = Header(default=""),
) -> dict[str, int]:
    digest = token_digest(authorization.removeprefix("Bearer "))
    # The same user id the token names: the facts statement needs it, as the service's does.
    token_params = {"digest": digest}
    if SQLITE:
        assert driver.sqlite is not None
        token = driver.sqlite.execute(TOKEN_OWNER.sql, token_params).fetchall()
        if not token:
            raise HTTPException(401)
        facts = driver.sqlite.execute(
            FACTS.sql,
            {
                "user_id": token[0][0],
                "ad_account_id": ad_account_id,
                "tiktok_account_id": tiktok_account_id,
                "video_id": video_id,
                "live_id": live_id,
            },
        ).fetchall()
        return {"facts": len(facts)}
    assert driver.pool is not None
    async with driver.pool.acquire() as connection:
        token = await connection.fetch(TOKEN_OWNER.postgresql, digest)
        if not token:
            raise HTTPException(401)
        facts = await connection.fetch(
            FACTS.postgresql,
            *FACTS.positional(
                {
                    "user_id": token[0][0],
                    "ad_account_id": ad_account_id,
                    "tiktok_account_id": tiktok_account_id,
                    "video_id": video_id,
                    "live_id": live_id,
                }
            ),
        )
    return {"facts": len(facts)}
