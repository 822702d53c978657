from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_request_status import AccessRequestStatus
from ...models.page_access_request_read import PageAccessRequestRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    bc_id: str,
    *,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    status: AccessRequestStatus | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, AccessRequestStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/business-centers/{bc_id}/access-requests".format(
            bc_id=quote(str(bc_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageAccessRequestRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageAccessRequestRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[PageAccessRequestRead | Problem]:
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
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    status: AccessRequestStatus | None | Unset = UNSET,
) -> Response[PageAccessRequestRead | Problem]:
    """List access requests

     Admin only. Newest first; filter by `status` (a pending request past its expiry is `EXPIRED`).

    Args:
        bc_id (str):
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        status (AccessRequestStatus | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAccessRequestRead | Problem]
    """

    kwargs = _get_kwargs(
        bc_id=bc_id,
        limit=limit,
        cursor=cursor,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    bc_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    status: AccessRequestStatus | None | Unset = UNSET,
) -> PageAccessRequestRead | Problem | None:
    """List access requests

     Admin only. Newest first; filter by `status` (a pending request past its expiry is `EXPIRED`).

    Args:
        bc_id (str):
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        status (AccessRequestStatus | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAccessRequestRead | Problem
    """

    return sync_detailed(
        bc_id=bc_id,
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
    ).parsed


async def asyncio_detailed(
    bc_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    status: AccessRequestStatus | None | Unset = UNSET,
) -> Response[PageAccessRequestRead | Problem]:
    """List access requests

     Admin only. Newest first; filter by `status` (a pending request past its expiry is `EXPIRED`).

    Args:
        bc_id (str):
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        status (AccessRequestStatus | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAccessRequestRead | Problem]
    """

    kwargs = _get_kwargs(
        bc_id=bc_id,
        limit=limit,
        cursor=cursor,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    bc_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    status: AccessRequestStatus | None | Unset = UNSET,
) -> PageAccessRequestRead | Problem | None:
    """List access requests

     Admin only. Newest first; filter by `status` (a pending request past its expiry is `EXPIRED`).

    Args:
        bc_id (str):
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        status (AccessRequestStatus | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAccessRequestRead | Problem
    """

    return (
        await asyncio_detailed(
            bc_id=bc_id,
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
        )
    ).parsed
