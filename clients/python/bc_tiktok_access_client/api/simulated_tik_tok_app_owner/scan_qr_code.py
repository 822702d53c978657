from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.qr_scan import QrScan
from ...models.qr_scan_result import QrScanResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: QrScan,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tiktok-app/qr-scans",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | QrScanResult | None:
    if response.status_code == 200:
        response_200 = QrScanResult.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | QrScanResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: QrScan,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | QrScanResult]:
    """Approve or decline a scanned QR code (the callback)

     `APPROVE` creates the Business Center's authorization for this account, or widens its active one
    with the request's scope. A code works once: of racing scans exactly one wins; the others get
    `QR_CODE_ALREADY_USED`.

    Args:
        idempotency_key (str | Unset):
        body (QrScan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QrScanResult]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: QrScan,
    idempotency_key: str | Unset = UNSET,
) -> Problem | QrScanResult | None:
    """Approve or decline a scanned QR code (the callback)

     `APPROVE` creates the Business Center's authorization for this account, or widens its active one
    with the request's scope. A code works once: of racing scans exactly one wins; the others get
    `QR_CODE_ALREADY_USED`.

    Args:
        idempotency_key (str | Unset):
        body (QrScan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QrScanResult
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: QrScan,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | QrScanResult]:
    """Approve or decline a scanned QR code (the callback)

     `APPROVE` creates the Business Center's authorization for this account, or widens its active one
    with the request's scope. A code works once: of racing scans exactly one wins; the others get
    `QR_CODE_ALREADY_USED`.

    Args:
        idempotency_key (str | Unset):
        body (QrScan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QrScanResult]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: QrScan,
    idempotency_key: str | Unset = UNSET,
) -> Problem | QrScanResult | None:
    """Approve or decline a scanned QR code (the callback)

     `APPROVE` creates the Business Center's authorization for this account, or widens its active one
    with the request's scope. A code works once: of racing scans exactly one wins; the others get
    `QR_CODE_ALREADY_USED`.

    Args:
        idempotency_key (str | Unset):
        body (QrScan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QrScanResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
