from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.eligibility import Eligibility
from ...models.identity_type import IdentityType
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    video_id: None | str | Unset = UNSET,
    live_id: None | str | Unset = UNSET,
    ad_account_id: str,
    tiktok_account_id: str,
    identity_type: IdentityType | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_video_id: None | str | Unset
    if isinstance(video_id, Unset):
        json_video_id = UNSET
    else:
        json_video_id = video_id
    params["video_id"] = json_video_id

    json_live_id: None | str | Unset
    if isinstance(live_id, Unset):
        json_live_id = UNSET
    else:
        json_live_id = live_id
    params["live_id"] = json_live_id

    params["ad_account_id"] = ad_account_id

    params["tiktok_account_id"] = tiktok_account_id

    json_identity_type: None | str | Unset
    if isinstance(identity_type, Unset):
        json_identity_type = UNSET
    elif isinstance(identity_type, IdentityType):
        json_identity_type = identity_type.value
    else:
        json_identity_type = identity_type
    params["identity_type"] = json_identity_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/spark-ads/eligibility",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Eligibility | Problem | None:
    if response.status_code == 200:
        response_200 = Eligibility.from_dict(response.json())

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
) -> Response[Eligibility | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    video_id: None | str | Unset = UNSET,
    live_id: None | str | Unset = UNSET,
    ad_account_id: str,
    tiktok_account_id: str,
    identity_type: IdentityType | None | Unset = UNSET,
) -> Response[Eligibility | Problem]:
    """May the caller make this Spark Ad?

     Runs every check on its own and reports each failing one, in order: `AD_ACCOUNT_ROLE_REQUIRED`,
    `TIKTOK_ACCOUNT_NOT_ASSIGNED`, `AUTHORIZATION_REVOKED`, `SCOPE_NOT_AUTHORIZED`, `VIDEO_NOT_FOUND`,
    `VIDEO_NOT_PUBLIC`, `VIDEO_NOT_AD_AUTHORIZED`, `LIVE_NOT_FOUND`, `LIVE_NOT_ACTIVE`. `via` names the
    paths that give the caller the account. Give exactly one of `video_id` and `live_id`.

    Args:
        video_id (None | str | Unset): A video of the TikTok account. Give exactly one of
            `video_id` and `live_id`.
        live_id (None | str | Unset): A LIVE of the TikTok account. Give exactly one of `video_id`
            and `live_id`.
        ad_account_id (str):
        tiktok_account_id (str):
        identity_type (IdentityType | None | Unset): Check only this path; by default any path
            counts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Eligibility | Problem]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        live_id=live_id,
        ad_account_id=ad_account_id,
        tiktok_account_id=tiktok_account_id,
        identity_type=identity_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    video_id: None | str | Unset = UNSET,
    live_id: None | str | Unset = UNSET,
    ad_account_id: str,
    tiktok_account_id: str,
    identity_type: IdentityType | None | Unset = UNSET,
) -> Eligibility | Problem | None:
    """May the caller make this Spark Ad?

     Runs every check on its own and reports each failing one, in order: `AD_ACCOUNT_ROLE_REQUIRED`,
    `TIKTOK_ACCOUNT_NOT_ASSIGNED`, `AUTHORIZATION_REVOKED`, `SCOPE_NOT_AUTHORIZED`, `VIDEO_NOT_FOUND`,
    `VIDEO_NOT_PUBLIC`, `VIDEO_NOT_AD_AUTHORIZED`, `LIVE_NOT_FOUND`, `LIVE_NOT_ACTIVE`. `via` names the
    paths that give the caller the account. Give exactly one of `video_id` and `live_id`.

    Args:
        video_id (None | str | Unset): A video of the TikTok account. Give exactly one of
            `video_id` and `live_id`.
        live_id (None | str | Unset): A LIVE of the TikTok account. Give exactly one of `video_id`
            and `live_id`.
        ad_account_id (str):
        tiktok_account_id (str):
        identity_type (IdentityType | None | Unset): Check only this path; by default any path
            counts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Eligibility | Problem
    """

    return sync_detailed(
        client=client,
        video_id=video_id,
        live_id=live_id,
        ad_account_id=ad_account_id,
        tiktok_account_id=tiktok_account_id,
        identity_type=identity_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    video_id: None | str | Unset = UNSET,
    live_id: None | str | Unset = UNSET,
    ad_account_id: str,
    tiktok_account_id: str,
    identity_type: IdentityType | None | Unset = UNSET,
) -> Response[Eligibility | Problem]:
    """May the caller make this Spark Ad?

     Runs every check on its own and reports each failing one, in order: `AD_ACCOUNT_ROLE_REQUIRED`,
    `TIKTOK_ACCOUNT_NOT_ASSIGNED`, `AUTHORIZATION_REVOKED`, `SCOPE_NOT_AUTHORIZED`, `VIDEO_NOT_FOUND`,
    `VIDEO_NOT_PUBLIC`, `VIDEO_NOT_AD_AUTHORIZED`, `LIVE_NOT_FOUND`, `LIVE_NOT_ACTIVE`. `via` names the
    paths that give the caller the account. Give exactly one of `video_id` and `live_id`.

    Args:
        video_id (None | str | Unset): A video of the TikTok account. Give exactly one of
            `video_id` and `live_id`.
        live_id (None | str | Unset): A LIVE of the TikTok account. Give exactly one of `video_id`
            and `live_id`.
        ad_account_id (str):
        tiktok_account_id (str):
        identity_type (IdentityType | None | Unset): Check only this path; by default any path
            counts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Eligibility | Problem]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        live_id=live_id,
        ad_account_id=ad_account_id,
        tiktok_account_id=tiktok_account_id,
        identity_type=identity_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    video_id: None | str | Unset = UNSET,
    live_id: None | str | Unset = UNSET,
    ad_account_id: str,
    tiktok_account_id: str,
    identity_type: IdentityType | None | Unset = UNSET,
) -> Eligibility | Problem | None:
    """May the caller make this Spark Ad?

     Runs every check on its own and reports each failing one, in order: `AD_ACCOUNT_ROLE_REQUIRED`,
    `TIKTOK_ACCOUNT_NOT_ASSIGNED`, `AUTHORIZATION_REVOKED`, `SCOPE_NOT_AUTHORIZED`, `VIDEO_NOT_FOUND`,
    `VIDEO_NOT_PUBLIC`, `VIDEO_NOT_AD_AUTHORIZED`, `LIVE_NOT_FOUND`, `LIVE_NOT_ACTIVE`. `via` names the
    paths that give the caller the account. Give exactly one of `video_id` and `live_id`.

    Args:
        video_id (None | str | Unset): A video of the TikTok account. Give exactly one of
            `video_id` and `live_id`.
        live_id (None | str | Unset): A LIVE of the TikTok account. Give exactly one of `video_id`
            and `live_id`.
        ad_account_id (str):
        tiktok_account_id (str):
        identity_type (IdentityType | None | Unset): Check only this path; by default any path
            counts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Eligibility | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            video_id=video_id,
            live_id=live_id,
            ad_account_id=ad_account_id,
            tiktok_account_id=tiktok_account_id,
            identity_type=identity_type,
        )
    ).parsed
