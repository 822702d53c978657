from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.spark_ad_create import SparkAdCreate
from ...models.spark_ad_read import SparkAdRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SparkAdCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/spark-ads",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SparkAdRead | None:
    if response.status_code == 201:
        response_201 = SparkAdRead.from_dict(response.json())

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
) -> Response[Problem | SparkAdRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SparkAdCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SparkAdRead]:
    """Make a Spark Ad

     Pulls a video (or an active LIVE) of the TikTok account into a Spark Ad on the ad account. Refused
    with 403: `code` is the first reason, `reasons` all of them.

    Args:
        idempotency_key (str | Unset):
        body (SparkAdCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SparkAdRead]
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
    body: SparkAdCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SparkAdRead | None:
    """Make a Spark Ad

     Pulls a video (or an active LIVE) of the TikTok account into a Spark Ad on the ad account. Refused
    with 403: `code` is the first reason, `reasons` all of them.

    Args:
        idempotency_key (str | Unset):
        body (SparkAdCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SparkAdRead
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SparkAdCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SparkAdRead]:
    """Make a Spark Ad

     Pulls a video (or an active LIVE) of the TikTok account into a Spark Ad on the ad account. Refused
    with 403: `code` is the first reason, `reasons` all of them.

    Args:
        idempotency_key (str | Unset):
        body (SparkAdCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SparkAdRead]
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
    body: SparkAdCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SparkAdRead | None:
    """Make a Spark Ad

     Pulls a video (or an active LIVE) of the TikTok account into a Spark Ad on the ad account. Refused
    with 403: `code` is the first reason, `reasons` all of them.

    Args:
        idempotency_key (str | Unset):
        body (SparkAdCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SparkAdRead
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
