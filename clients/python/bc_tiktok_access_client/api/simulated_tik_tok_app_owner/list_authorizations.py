from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.authorization_status import AuthorizationStatus
from ...models.page_owner_authorization_read import PageOwnerAuthorizationRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    status: AuthorizationStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tiktok-app/authorizations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageOwnerAuthorizationRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageOwnerAuthorizationRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[PageOwnerAuthorizationRead | Problem]:
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
    status: AuthorizationStatus | Unset = UNSET,
) -> Response[PageOwnerAuthorizationRead | Problem]:
    """Business Centers holding access

     The account's authorizations, newest first; `status` defaults to `ACTIVE`.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        status (AuthorizationStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageOwnerAuthorizationRead | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
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
    status: AuthorizationStatus | Unset = UNSET,
) -> PageOwnerAuthorizationRead | Problem | None:
    """Business Centers holding access

     The account's authorizations, newest first; `status` defaults to `ACTIVE`.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        status (AuthorizationStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageOwnerAuthorizationRead | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    status: AuthorizationStatus | Unset = UNSET,
) -> Response[PageOwnerAuthorizationRead | Problem]:
    """Business Centers holding access

     The account's authorizations, newest first; `status` defaults to `ACTIVE`.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        status (AuthorizationStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageOwnerAuthorizationRead | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    status: AuthorizationStatus | Unset = UNSET,
) -> PageOwnerAuthorizationRead | Problem | None:
    """Business Centers holding access

     The account's authorizations, newest first; `status` defaults to `ACTIVE`.

    Args:
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        status (AuthorizationStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageOwnerAuthorizationRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
        )
    ).parsed
