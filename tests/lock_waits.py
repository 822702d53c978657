"""Proof that a request waits for a lock, by watching PostgreSQL, not the clock."""

import threading
import time

from sqlalchemy import Engine, text


def wait_until_a_backend_waits_for(
    engine: Engine, holder_pid: int, waiter: threading.Thread
) -> None:
    """Return once PostgreSQL shows a backend waiting for a lock that backend `holder_pid`
    holds; fail if `waiter` ends first (it never waited) or after 10 s."""
    deadline = time.monotonic() + 10
    with engine.connect() as monitor:
        while not monitor.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND :holder = ANY(pg_blocking_pids(pid))"
            ),
            {"holder": holder_pid},
        ).scalar_one():
            assert waiter.is_alive(), "it ended without waiting for the lock"
            assert time.monotonic() < deadline, "it never waited for the lock"
            monitor.rollback()  # a new transaction: pg_stat_activity is read afresh
            time.sleep(0.02)
