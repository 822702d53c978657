"""Prometheus metrics at `GET /metrics` (text exposition format).

- `http_requests_total{method, route, status}`: requests answered, by route template.
- `http_request_duration_seconds{method, route}`: a latency histogram, by route template.
- `access_requests_resolved_total{status}`: access requests that became AUTHORIZED, DECLINED
  or CANCELED, counted once the change has committed (a rolled-back scan counts nothing).
- `access_requests_unresolved{status}`: read from the database at scrape time: PENDING (still
  scannable) and EXPIRED (pending past `expires_at`: expiry has no event to count).

With METRICS_TOKEN set, a scrape must present it as a bearer token: the gauges add up every
tenant's access requests.

With several worker processes each one has its own counters: when `PROMETHEUS_MULTIPROC_DIR`
is set (in the environment, before the process starts) they are kept in files there and every
scrape, whichever worker answers it, adds up all of them (prometheus-client's multiprocess mode).
"""

import hmac
import logging
import os
from collections.abc import Iterable, Iterator

from fastapi import APIRouter, Request, Response
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import choose_encoder
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from app.access_requests import repository as access_requests
from app.core.auth import bearer_token, unauthenticated
from app.core.context import Runtime, runtime_of
from app.core.enums import AccessRequestStatus

logger = logging.getLogger(__name__)

MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
FINAL_STATUSES = (
    AccessRequestStatus.AUTHORIZED,
    AccessRequestStatus.DECLINED,
    AccessRequestStatus.CANCELED,
)

HTTP_REQUESTS = Counter(
    "http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
HTTP_REQUEST_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by method and route template.",
    ["method", "route"],
)
ACCESS_REQUESTS_RESOLVED = Counter(
    "access_requests_resolved",
    "Access requests that reached a final status through an event: the owner's approval "
    "(AUTHORIZED) or refusal (DECLINED), or an admin's cancellation (CANCELED).",
    ["status"],
)
for _status in FINAL_STATUSES:
    ACCESS_REQUESTS_RESOLVED.labels(status=_status.value)  # present at 0 from the start


_request_metrics: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count and time one answered request (app/core/telemetry.py calls it for every one)."""
    method = method if method in _METHODS else "OTHER"  # a bounded set of label values
    key = (method, route, status)
    metrics = _request_metrics.get(key)
    if metrics is None:
        # Label lookups take a lock each; the labelled children are kept per (method, route,
        # status), a bounded set: known methods, route templates (not paths), status codes.
        metrics = _request_metrics[key] = (
            HTTP_REQUESTS.labels(method=method, route=route, status=str(status)),
            HTTP_REQUEST_DURATION.labels(method=method, route=route),
        )
    requests, duration = metrics
    requests.inc()
    duration.observe(seconds)


# --- access requests by final status, counted when the unit of work commits ------------------

_RESOLVED_KEY = "metrics.access_requests_resolved"


def count_resolved(session: AsyncSession, status: AccessRequestStatus) -> None:
    """Count an access request's final status once `session` commits; never if it rolls back."""
    session.info.setdefault(_RESOLVED_KEY, []).append(status.value)


@event.listens_for(Session, "after_commit")
def _count_committed(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: the transaction may still roll back
        return
    for status in session.info.pop(_RESOLVED_KEY, ()):
        ACCESS_REQUESTS_RESOLVED.labels(status=status).inc()


@event.listens_for(Session, "after_transaction_end")
def _forget_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the unit of work is over: what was not counted never will be
        session.info.pop(_RESOLVED_KEY, None)


# --- the scrape -------------------------------------------------------------------------------


class _UnresolvedAccessRequests:
    """Pending access requests, read from the database before each scrape."""

    def __init__(self, counts: dict[AccessRequestStatus, int]) -> None:
        self.counts = counts

    @classmethod
    async def read(cls, runtime: Runtime) -> "_UnresolvedAccessRequests | None":
        try:
            async with runtime.database.unit_of_work(write=False) as session:
                return cls(await access_requests.count_unresolved(session, runtime.clock()))
        except SQLAlchemyError as error:
            logger.warning("metrics: access requests not counted: %s", type(error).__name__)
            return None

    def collect(self) -> Iterator[Metric]:
        gauge = GaugeMetricFamily(
            "access_requests_unresolved",
            "Access requests without a decision: PENDING (still scannable) or EXPIRED "
            "(pending past expires_at).",
            labels=["status"],
        )
        for status, count in self.counts.items():
            gauge.add_metric([status.value], count)
        yield gauge


class _Scrape:
    def __init__(self, collectors: Iterable[Collector]) -> None:
        self.collectors = list(collectors)

    def collect(self) -> Iterator[Metric]:
        for collector in self.collectors:
            yield from collector.collect()


def _process_metrics() -> Collector:
    if os.environ.get(MULTIPROCESS_DIR_VARIABLE):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # all workers' files
        return registry
    return REGISTRY


router = APIRouter()


def _ensure_scraper(request: Request) -> None:
    """With METRICS_TOKEN set, only a scraper that presents it reads the metrics."""
    expected = runtime_of(request).settings.metrics_token
    if expected is None:
        return
    token = bearer_token(request.headers.get("authorization", "")) or ""
    if not hmac.compare_digest(token.encode(), expected.get_secret_value().encode()):
        raise unauthenticated("GET /metrics needs the METRICS_TOKEN as a bearer token.")


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    _ensure_scraper(request)
    encode, content_type = choose_encoder(request.headers.get("accept", ""))
    unresolved = await _UnresolvedAccessRequests.read(runtime_of(request))
    scrape = _Scrape([_process_metrics(), *([unresolved] if unresolved else [])])
    return Response(encode(scrape), headers={"Content-Type": content_type})
