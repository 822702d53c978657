from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_create import WebhookCreate
from ...models.webhook_created import WebhookCreated
from ...types import UNSET, Response, Unset


def _get_kwargs(
    bc_id: str,
    *,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/business-centers/{bc_id}/webhooks".format(
            bc_id=quote(str(bc_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookCreated | None:
    if response.status_code == 201:
        response_201 = WebhookCreated.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | WebhookCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    bc_id: str,
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | WebhookCreated]:
    """Register a webhook

     Admin only. The URL must be `https`, and its host must not be, or resolve to, a loopback, private,
    link-local or reserved address (422 `VALIDATION_ERROR`); the host is resolved and checked again
    before every delivery. The response shows the signing `secret` this once. At most
    `MAX_WEBHOOKS_PER_BC` (10) per BC: 409 `LIMIT_EXCEEDED`.

    Events: `access_request.authorized` and `access_request.declined` (the owner's decision on
    a QR code), `authorization.revoked` (by the owner or by the BC). Each is POSTed as JSON
    `{"id", "type", "occurred_at", "business_center_id", "data": {...}}` with the headers
    `X-Webhook-Id` (the event id: the same on every retry, so a receiver can drop duplicates),
    `X-Webhook-Timestamp` (Unix seconds) and `X-Webhook-Signature: sha256=<hex>`, the
    HMAC-SHA256, under the webhook's secret, of `"{timestamp}.{body}"`. Check it in constant
    time and refuse old timestamps.

    Any 2xx answer is a delivery; anything else (another status, a timeout, a refused address)
    is retried with exponential backoff (1 s, 2 s, 4 s...) up to `WEBHOOKS_MAX_ATTEMPTS`
    attempts. Redirects are not followed.

    Args:
        bc_id (str):
        idempotency_key (str | Unset):
        body (WebhookCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookCreated]
    """

    kwargs = _get_kwargs(
        bc_id=bc_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    bc_id: str,
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | WebhookCreated | None:
    """Register a webhook

     Admin only. The URL must be `https`, and its host must not be, or resolve to, a loopback, private,
    link-local or reserved address (422 `VALIDATION_ERROR`); the host is resolved and checked again
    before every delivery. The response shows the signing `secret` this once. At most
    `MAX_WEBHOOKS_PER_BC` (10) per BC: 409 `LIMIT_EXCEEDED`.

    Events: `access_request.authorized` and `access_request.declined` (the owner's decision on
    a QR code), `authorization.revoked` (by the owner or by the BC). Each is POSTed as JSON
    `{"id", "type", "occurred_at", "business_center_id", "data": {...}}` with the headers
    `X-Webhook-Id` (the event id: the same on every retry, so a receiver can drop duplicates),
    `X-Webhook-Timestamp` (Unix seconds) and `X-Webhook-Signature: sha256=<hex>`, the
    HMAC-SHA256, under the webhook's secret, of `"{timestamp}.{body}"`. Check it in constant
    time and refuse old timestamps.

    Any 2xx answer is a delivery; anything else (another status, a timeout, a refused address)
    is retried with exponential backoff (1 s, 2 s, 4 s...) up to `WEBHOOKS_MAX_ATTEMPTS`
    attempts. Redirects are not followed.

    Args:
        bc_id (str):
        idempotency_key (str | Unset):
        body (WebhookCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookCreated
    """

    return sync_detailed(
        bc_id=bc_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    bc_id: str,
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | WebhookCreated]:
    """Register a webhook

     Admin only. The URL must be `https`, and its host must not be, or resolve to, a loopback, private,
    link-local or reserved address (422 `VALIDATION_ERROR`); the host is resolved and checked again
    before every delivery. The response shows the signing `secret` this once. At most
    `MAX_WEBHOOKS_PER_BC` (10) per BC: 409 `LIMIT_EXCEEDED`.

    Events: `access_request.authorized` and `access_request.declined` (the owner's decision on
    a QR code), `authorization.revoked` (by the owner or by the BC). Each is POSTed as JSON
    `{"id", "type", "occurred_at", "business_center_id", "data": {...}}` with the headers
    `X-Webhook-Id` (the event id: the same on every retry, so a receiver can drop duplicates),
    `X-Webhook-Timestamp` (Unix seconds) and `X-Webhook-Signature: sha256=<hex>`, the
    HMAC-SHA256, under the webhook's secret, of `"{timestamp}.{body}"`. Check it in constant
    time and refuse old timestamps.

    Any 2xx answer is a delivery; anything else (another status, a timeout, a refused address)
    is retried with exponential backoff (1 s, 2 s, 4 s...) up to `WEBHOOKS_MAX_ATTEMPTS`
    attempts. Redirects are not followed.

    Args:
        bc_id (str):
        idempotency_key (str | Unset):
        body (WebhookCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookCreated]
    """

    kwargs = _get_kwargs(
        bc_id=bc_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    bc_id: str,
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | WebhookCreated | None:
    """Register a webhook

     Admin only. The URL must be `https`, and its host must not be, or resolve to, a loopback, private,
    link-local or reserved address (422 `VALIDATION_ERROR`); the host is resolved and checked again
    before every delivery. The response shows the signing `secret` this once. At most
    `MAX_WEBHOOKS_PER_BC` (10) per BC: 409 `LIMIT_EXCEEDED`.

    Events: `access_request.authorized` and `access_request.declined` (the owner's decision on
    a QR code), `authorization.revoked` (by the owner or by the BC). Each is POSTed as JSON
    `{"id", "type", "occurred_at", "business_center_id", "data": {...}}` with the headers
    `X-Webhook-Id` (the event id: the same on every retry, so a receiver can drop duplicates),
    `X-Webhook-Timestamp` (Unix seconds) and `X-Webhook-Signature: sha256=<hex>`, the
    HMAC-SHA256, under the webhook's secret, of `"{timestamp}.{body}"`. Check it in constant
    time and refuse old timestamps.

    Any 2xx answer is a delivery; anything else (another status, a timeout, a refused address)
    is retried with exponential backoff (1 s, 2 s, 4 s...) up to `WEBHOOKS_MAX_ATTEMPTS`
    attempts. Redirects are not followed.

    Args:
        bc_id (str):
        idempotency_key (str | Unset):
        body (WebhookCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookCreated
    """

    return (
        await asyncio_detailed(
            bc_id=bc_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
