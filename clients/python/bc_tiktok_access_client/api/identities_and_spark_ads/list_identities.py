from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_identity import PageIdentity
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    ad_account_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["ad_account_id"] = ad_account_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/identities",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageIdentity | Problem | None:
    if response.status_code == 200:
        response_200 = PageIdentity.from_dict(response.json())

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
) -> Response[PageIdentity | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    ad_account_id: str,
) -> Response[PageIdentity | Problem]:
    """Identities the caller can use

     Every TikTok account the caller holds a right to: `BC_AUTH_TT` through a BC assignment on an
    `ACTIVE` authorization, `TT_USER` through an account link. The two flags say whether it can be used
    on the given ad account now.

    Args:
        ad_account_id (str): An ad account the caller can see.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageIdentity | Problem]
    """

    kwargs = _get_kwargs(
        ad_account_id=ad_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    ad_account_id: str,
) -> PageIdentity | Problem | None:
    """Identities the caller can use

     Every TikTok account the caller holds a right to: `BC_AUTH_TT` through a BC assignment on an
    `ACTIVE` authorization, `TT_USER` through an account link. The two flags say whether it can be used
    on the given ad account now.

    Args:
        ad_account_id (str): An ad account the caller can see.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageIdentity | Problem
    """

    return sync_detailed(
        client=client,
        ad_account_id=ad_account_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    ad_account_id: str,
) -> Response[PageIdentity | Problem]:
    """Identities the caller can use

     Every TikTok account the caller holds a right to: `BC_AUTH_TT` through a BC assignment on an
    `ACTIVE` authorization, `TT_USER` through an account link. The two flags say whether it can be used
    on the given ad account now.

    Args:
        ad_account_id (str): An ad account the caller can see.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageIdentity | Problem]
    """

    kwargs = _get_kwargs(
        ad_account_id=ad_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    ad_account_id: str,
) -> PageIdentity | Problem | None:
    """Identities the caller can use

     Every TikTok account the caller holds a right to: `BC_AUTH_TT` through a BC assignment on an
    `ACTIVE` authorization, `TT_USER` through an account link. The two flags say whether it can be used
    on the given ad account now.

    Args:
        ad_account_id (str): An ad account the caller can see.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageIdentity | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            ad_account_id=ad_account_id,
        )
    ).parsed
