from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.member_create import MemberCreate
from ...models.member_read import MemberRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    bc_id: str,
    *,
    body: MemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/business-centers/{bc_id}/members".format(
            bc_id=quote(str(bc_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MemberRead | Problem | None:
    if response.status_code == 201:
        response_201 = MemberRead.from_dict(response.json())

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
) -> Response[MemberRead | Problem]:
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
    body: MemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[MemberRead | Problem]:
    """Add a member

     Add a signed-up user, by email, as `ADMIN` or `STANDARD`. Admin only.

    Args:
        bc_id (str):
        idempotency_key (str | Unset):
        body (MemberCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MemberRead | Problem]
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
    body: MemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> MemberRead | Problem | None:
    """Add a member

     Add a signed-up user, by email, as `ADMIN` or `STANDARD`. Admin only.

    Args:
        bc_id (str):
        idempotency_key (str | Unset):
        body (MemberCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MemberRead | Problem
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
    body: MemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[MemberRead | Problem]:
    """Add a member

     Add a signed-up user, by email, as `ADMIN` or `STANDARD`. Admin only.

    Args:
        bc_id (str):
        idempotency_key (str | Unset):
        body (MemberCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MemberRead | Problem]
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
    body: MemberCreate,
    idempotency_key: str | Unset = UNSET,
) -> MemberRead | Problem | None:
    """Add a member

     Add a signed-up user, by email, as `ADMIN` or `STANDARD`. Admin only.

    Args:
        bc_id (str):
        idempotency_key (str | Unset):
        body (MemberCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MemberRead | Problem
    """

    return (
        await asyncio_detailed(
            bc_id=bc_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
