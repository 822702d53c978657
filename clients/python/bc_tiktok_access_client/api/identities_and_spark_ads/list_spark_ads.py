from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_spark_ad_read import PageSparkAdRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["ad_account_id"] = ad_account_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/spark-ads",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageSparkAdRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageSparkAdRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[PageSparkAdRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
) -> Response[PageSparkAdRead | Problem]:
    """The ad account's Spark Ads

     For anyone who sees the ad account. Newest first.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        ad_account_id (str): An ad account the caller can see.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSparkAdRead | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        ad_account_id=ad_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
) -> PageSparkAdRead | Problem | None:
    """The ad account's Spark Ads

     For anyone who sees the ad account. Newest first.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        ad_account_id (str): An ad account the caller can see.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSparkAdRead | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        ad_account_id=ad_account_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
) -> Response[PageSparkAdRead | Problem]:
    """The ad account's Spark Ads

     For anyone who sees the ad account. Newest first.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        ad_account_id (str): An ad account the caller can see.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSparkAdRead | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        ad_account_id=ad_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
) -> PageSparkAdRead | Problem | None:
    """The ad account's Spark Ads

     For anyone who sees the ad account. Newest first.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        ad_account_id (str): An ad account the caller can see.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSparkAdRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            ad_account_id=ad_account_id,
        )
    ).parsed
