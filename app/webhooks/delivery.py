"""The background sender: takes due events from the outbox, POSTs them, records each attempt.

One task per process polls the outbox (WEBHOOKS_POLL_INTERVAL_SECONDS); it only touches the
database beyond one small read when events are due. It claims a batch in a short transaction
(on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so replicas never take the same rows; SQLite's
write transactions are serial) by pushing the rows' next attempt past a lease and stamping
them with a lease token. It then sends outside any transaction, a batch at a time (in worker
threads: the sockets block), and records
each attempt in another short transaction, only if its lease still holds: a delivery row,
and either the outbox row's removal (delivered, or the last attempt failed) or its next
attempt, after an exponential backoff. A process that dies mid-send leaves its rows to be
sent again once the lease runs out: delivery is at least once, and `X-Webhook-Id` lets a
receiver drop a duplicate.

Each send resolves the host, checks every address it gets (`destinations`), and connects to a
checked address itself, so a DNS answer that changes after the check is never used. Plain
`http.client`: no proxy from the environment, no redirects followed.
"""

import asyncio
import contextlib
import http.client
import logging
import secrets
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from anyio import to_thread
from cryptography.fernet import InvalidToken

from app.core.config import Settings
from app.core.db import Database, utcnow
from app.webhooks import destinations, repository
from app.webhooks.models import ERROR_MAX_LENGTH, DeliveryOutcome, WebhookDelivery
from app.webhooks.signing import SecretBox, signature

logger = logging.getLogger(__name__)

BATCH_SIZE = 8  # rows claimed at once, and sent in parallel
MAX_BACKOFF_SECONDS = 3600
MAX_RESPONSE_BYTES = 64 * 1024  # read (and dropped) from an answer, at most
MAX_ADDRESSES = 3  # a host's addresses tried, in the resolver's order
USER_AGENT = "bc-tiktok-access-webhooks/0.1"
_FAILING_POLL_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Claim:
    outbox_id: str
    webhook_id: str
    lease_token: str
    url: str
    secret: str | None  # None: it cannot be decrypted (SECRET_KEY changed)
    event_id: str
    event_type: str
    payload: str
    attempt: int


@dataclass(frozen=True, slots=True)
class Attempt:
    status_code: int | None
    error: str | None
    duration_ms: int = 0

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to `address`, with `host` in the Host header."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to `address`; the certificate must be valid for `host` (SNI too)."""

    def __init__(
        self, host: str, port: int, address: str, timeout: float, tls: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=tls)
        self._address = address
        self._tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        try:
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        text = "timed out"
    elif isinstance(error, ssl.SSLCertVerificationError):
        text = f"TLS certificate not accepted: {error.verify_message}"
    elif isinstance(error, ssl.SSLError):
        text = f"TLS error: {error.reason or error}"
    elif isinstance(error, ConnectionRefusedError):
        text = "connection refused"
    elif isinstance(error, http.client.HTTPException):
        text = f"invalid HTTP answer ({type(error).__name__})"
    else:
        text = f"{type(error).__name__}: {error}"
    return text[:ERROR_MAX_LENGTH]


def post(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float,
    allow_private: bool,
    tls: ssl.SSLContext,
) -> Attempt:
    """POST `body` to `url`, connecting only to addresses that pass the rules right now."""
    try:
        destination, addresses = destinations.for_delivery(url, allow_private=allow_private)
    except destinations.DestinationError as error:
        return Attempt(None, f"refused: {error}"[:ERROR_MAX_LENGTH])
    except OSError:
        return Attempt(None, "the host name does not resolve")
    last_error = "no address to connect to"
    for address in addresses[:MAX_ADDRESSES]:
        connection: http.client.HTTPConnection
        if destination.scheme == "https":
            connection = _PinnedHTTPSConnection(
                destination.host, destination.port, str(address), timeout, tls
            )
        else:
            connection = _PinnedHTTPConnection(
                destination.host, destination.port, str(address), timeout
            )
        try:
            try:
                connection.connect()
            except OSError as connect_error:
                last_error = _describe(connect_error)
                continue  # the next address, if any: nothing was sent to this one
            try:
                connection.request("POST", destination.target, body=body, headers=headers)
                response = connection.getresponse()
                response.read(MAX_RESPONSE_BYTES)
            except (OSError, http.client.HTTPException) as send_error:
                return Attempt(None, _describe(send_error))
            return Attempt(response.status, None)
        finally:
            connection.close()
    return Attempt(None, last_error)


class Dispatcher:
    """The sender of one process, a task on the app's event loop: `start()` at start-up,
    `await stop()` at shutdown. The sends themselves (blocking sockets, pinned addresses) run
    in worker threads, a batch at a time; the database is reached from the loop."""

    def __init__(self, settings: Settings, database: Database) -> None:
        self._settings = settings
        self._database = database
        self._box = SecretBox(settings.secret_key.get_secret_value())
        self._tls = ssl.create_default_context()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def lease(self) -> timedelta:
        """Long enough for a batch's sends: until then no other sender takes its rows."""
        return timedelta(seconds=30 + 2 * MAX_ADDRESSES * self._settings.webhooks_timeout_seconds)

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1, 2, ...)."""
        base = self._settings.webhooks_backoff_base_seconds
        return float(min(base * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS))

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.get_running_loop().create_task(self._run(), name="webhook-dispatcher")

    async def stop(self) -> None:
        """Finish the sends in flight (each bounded by the timeout), then end the task."""
        self._stopping.set()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(self._task, timeout=self.lease.total_seconds())
        except TimeoutError:
            logger.warning("webhook dispatcher did not stop in time")
        self._task = None

    async def _run(self) -> None:
        failing = False
        while not self._stopping.is_set():
            try:
                sent = await self.run_once()
            except Exception as error:  # the database is away, say: keep trying, quietly
                if not failing:
                    logger.warning("webhook dispatcher: %s; will retry", type(error).__name__)
                failing = True
                await self._pause(max(_FAILING_POLL_SECONDS, self._poll_interval))
                continue
            if failing:
                logger.info("webhook dispatcher: working again")
                failing = False
            if sent == 0:
                await self._pause(self._poll_interval)

    async def _pause(self, seconds: float) -> None:
        """Sleep, but wake at once when asked to stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)

    @property
    def _poll_interval(self) -> float:
        return self._settings.webhooks_poll_interval_seconds

    async def run_once(self) -> int:
        """Claim the due events, send them, record the attempts; how many were sent."""
        now = utcnow()
        async with self._database.unit_of_work(write=False) as session:
            if not await repository.any_due(session, now):
                return 0
        claims = await self._claim(now)
        await asyncio.gather(*(self._deliver(claim) for claim in claims))
        return len(claims)

    async def _claim(self, now: datetime) -> list[Claim]:
        token = secrets.token_hex(16)
        claims = []
        async with self._database.unit_of_work(write=True) as session:
            for row, webhook in await repository.due(session, now, BATCH_SIZE):
                row.lease_token = token
                row.next_attempt_at = now + self.lease
                try:
                    secret: str | None = self._box.open(webhook.secret_encrypted)
                except InvalidToken:
                    secret = None
                claims.append(
                    Claim(
                        outbox_id=row.id,
                        webhook_id=webhook.id,
                        lease_token=token,
                        url=webhook.url,
                        secret=secret,
                        event_id=row.event_id,
                        event_type=row.event_type,
                        payload=row.payload,
                        attempt=row.attempts + 1,
                    )
                )
            await session.flush()
        return claims

    def _send(self, claim: Claim) -> Attempt:
        if claim.secret is None:
            return Attempt(None, "the signing secret cannot be read (was SECRET_KEY changed?)")
        body = claim.payload.encode()
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "Connection": "close",
            "X-Webhook-Id": claim.event_id,
            "X-Webhook-Timestamp": str(timestamp),
            "X-Webhook-Signature": signature(claim.secret, timestamp, body),
        }
        started = time.monotonic()
        attempt = post(
            claim.url,
            body,
            headers,
            timeout=self._settings.webhooks_timeout_seconds,
            allow_private=self._settings.webhooks_allow_private,
            tls=self._tls,
        )
        elapsed = int((time.monotonic() - started) * 1000)
        return Attempt(attempt.status_code, attempt.error, elapsed)

    async def _deliver(self, claim: Claim) -> None:
        try:
            attempt = await to_thread.run_sync(self._send, claim)
        except Exception as error:  # a bug in sending must not stop the sender
            logger.exception("webhook send failed unexpectedly")
            attempt = Attempt(None, f"internal error: {type(error).__name__}")
        await self._record(claim, attempt)

    async def _record(self, claim: Claim, attempt: Attempt) -> None:
        async with self._database.unit_of_work(write=True) as session:
            row = await repository.leased(
                session, claim.webhook_id, claim.outbox_id, claim.lease_token
            )
            if row is None:  # the webhook is gone, or the lease ran out and another took over
                return
            now = utcnow()
            if attempt.ok:
                outcome = DeliveryOutcome.DELIVERED
            elif claim.attempt >= self._settings.webhooks_max_attempts:
                outcome = DeliveryOutcome.GAVE_UP
            else:
                outcome = DeliveryOutcome.WILL_RETRY
            session.add(
                WebhookDelivery(
                    webhook_id=claim.webhook_id,
                    event_id=claim.event_id,
                    event_type=claim.event_type,
                    attempt=claim.attempt,
                    status_code=attempt.status_code,
                    error=attempt.error,
                    outcome=outcome,
                    duration_ms=attempt.duration_ms,
                    at=now,
                )
            )
            if outcome is DeliveryOutcome.WILL_RETRY:
                row.attempts = claim.attempt
                row.lease_token = None
                row.next_attempt_at = now + timedelta(seconds=self.backoff(claim.attempt))
            else:
                await session.delete(row)
            await session.flush()
        log = logger.warning if outcome is DeliveryOutcome.GAVE_UP else logger.info
        log(
            "webhook delivery %s",
            outcome,
            extra={
                "webhook_id": claim.webhook_id,
                "event_id": claim.event_id,
                "attempt": claim.attempt,
                "status_code": attempt.status_code,
            },
        )
