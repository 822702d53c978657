from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    bc_id: str,
    ad_account_id: str,
    member_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/business-centers/{bc_id}/ad-accounts/{ad_account_id}/members/{member_id}".format(
            bc_id=quote(str(bc_id), safe=""),
            ad_account_id=quote(str(ad_account_id), safe=""),
            member_id=quote(str(member_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    bc_id: str,
    ad_account_id: str,
    member_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem]:
    """Take a member's role on an ad account away

     Admin only.

    Args:
        bc_id (str):
        ad_account_id (str):
        member_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        bc_id=bc_id,
        ad_account_id=ad_account_id,
        member_id=member_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    bc_id: str,
    ad_account_id: str,
    member_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | None:
    """Take a member's role on an ad account away

     Admin only.

    Args:
        bc_id (str):
        ad_account_id (str):
        member_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        bc_id=bc_id,
        ad_account_id=ad_account_id,
        member_id=member_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    bc_id: str,
    ad_account_id: str,
    member_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem]:
    """Take a member's role on an ad account away

     Admin only.

    Args:
        bc_id (str):
        ad_account_id (str):
        member_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        bc_id=bc_id,
        ad_account_id=ad_account_id,
        member_id=member_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    bc_id: str,
    ad_account_id: str,
    member_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | None:
    """Take a member's role on an ad account away

     Admin only.

    Args:
        bc_id (str):
        ad_account_id (str):
        member_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            bc_id=bc_id,
            ad_account_id=ad_account_id,
            member_id=member_id,
            client=client,
        )
    ).parsed
