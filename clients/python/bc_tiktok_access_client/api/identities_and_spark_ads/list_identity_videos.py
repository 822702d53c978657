from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.identity_type import IdentityType
from ...models.page_identity_video import PageIdentityVideo
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    identity_id: str,
    *,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
    identity_type: IdentityType,
    identity_authorized_bc_id: None | str | Unset = UNSET,
    ad_enabled: bool | None | Unset = UNSET,
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

    json_identity_type = identity_type.value
    params["identity_type"] = json_identity_type

    json_identity_authorized_bc_id: None | str | Unset
    if isinstance(identity_authorized_bc_id, Unset):
        json_identity_authorized_bc_id = UNSET
    else:
        json_identity_authorized_bc_id = identity_authorized_bc_id
    params["identity_authorized_bc_id"] = json_identity_authorized_bc_id

    json_ad_enabled: bool | None | Unset
    if isinstance(ad_enabled, Unset):
        json_ad_enabled = UNSET
    else:
        json_ad_enabled = ad_enabled
    params["ad_enabled"] = json_ad_enabled

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/identities/{identity_id}/videos".format(
            identity_id=quote(str(identity_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageIdentityVideo | Problem | None:
    if response.status_code == 200:
        response_200 = PageIdentityVideo.from_dict(response.json())

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
) -> Response[PageIdentityVideo | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    identity_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
    identity_type: IdentityType,
    identity_authorized_bc_id: None | str | Unset = UNSET,
    ad_enabled: bool | None | Unset = UNSET,
) -> Response[PageIdentityVideo | Problem]:
    """An identity's videos, and which the caller can pull

     The `PUBLIC` videos of the TikTok account `identity_id`, newest first, as the caller can use them
    through this identity on this ad account: `can_pull` and `reasons` are what `GET /v1/spark-
    ads/eligibility` says for each video with this `identity_type`. The identity is one that `GET
    /v1/identities?ad_account_id=` lists for the caller (`BC_AUTH_TT`: `identity_authorized_bc_id` names
    the BC, whose `ACTIVE` authorization the caller is assigned on; `TT_USER`: the caller's account
    link, without `identity_authorized_bc_id`). Any other identity, and an ad account the caller does
    not see, is 404; a `BC_AUTH_TT` identity whose authorization lacks `PUBLIC_VIDEOS` is 403
    `SCOPE_NOT_AUTHORIZED`. `FRIENDS` and `PRIVATE` videos are never listed; `ad_enabled` filters on
    `ad_authorization`. One snapshot of the database per page; nothing is written.

    ```json
    {"items": [{"id": "<video id>", "caption": "Crumb shot", "ad_authorization": true, "created_at":
    "2026-11-24T22:48:26.315000Z", "can_pull": true, "reasons": []}, {"id": "<older video id>",
    "caption": "Proofing", "ad_authorization": false, "created_at": "2026-11-23T09:12:03.100000Z",
    "can_pull": false, "reasons": ["VIDEO_NOT_AD_AUTHORIZED"]}], "next_cursor": null}
    ```

    Args:
        identity_id (str): The TikTok account's id.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        ad_account_id (str): An ad account the caller can see.
        identity_type (IdentityType): How a Spark Ad uses a TikTok account: through a BC's
            authorization, or a direct link.
        identity_authorized_bc_id (None | str | Unset): The BC whose authorization the identity
            is: required for `BC_AUTH_TT`, refused for `TT_USER`.
        ad_enabled (bool | None | Unset): Only videos whose ad authorization is on (or off).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageIdentityVideo | Problem]
    """

    kwargs = _get_kwargs(
        identity_id=identity_id,
        limit=limit,
        cursor=cursor,
        ad_account_id=ad_account_id,
        identity_type=identity_type,
        identity_authorized_bc_id=identity_authorized_bc_id,
        ad_enabled=ad_enabled,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    identity_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
    identity_type: IdentityType,
    identity_authorized_bc_id: None | str | Unset = UNSET,
    ad_enabled: bool | None | Unset = UNSET,
) -> PageIdentityVideo | Problem | None:
    """An identity's videos, and which the caller can pull

     The `PUBLIC` videos of the TikTok account `identity_id`, newest first, as the caller can use them
    through this identity on this ad account: `can_pull` and `reasons` are what `GET /v1/spark-
    ads/eligibility` says for each video with this `identity_type`. The identity is one that `GET
    /v1/identities?ad_account_id=` lists for the caller (`BC_AUTH_TT`: `identity_authorized_bc_id` names
    the BC, whose `ACTIVE` authorization the caller is assigned on; `TT_USER`: the caller's account
    link, without `identity_authorized_bc_id`). Any other identity, and an ad account the caller does
    not see, is 404; a `BC_AUTH_TT` identity whose authorization lacks `PUBLIC_VIDEOS` is 403
    `SCOPE_NOT_AUTHORIZED`. `FRIENDS` and `PRIVATE` videos are never listed; `ad_enabled` filters on
    `ad_authorization`. One snapshot of the database per page; nothing is written.

    ```json
    {"items": [{"id": "<video id>", "caption": "Crumb shot", "ad_authorization": true, "created_at":
    "2026-11-24T22:48:26.315000Z", "can_pull": true, "reasons": []}, {"id": "<older video id>",
    "caption": "Proofing", "ad_authorization": false, "created_at": "2026-11-23T09:12:03.100000Z",
    "can_pull": false, "reasons": ["VIDEO_NOT_AD_AUTHORIZED"]}], "next_cursor": null}
    ```

    Args:
        identity_id (str): The TikTok account's id.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        ad_account_id (str): An ad account the caller can see.
        identity_type (IdentityType): How a Spark Ad uses a TikTok account: through a BC's
            authorization, or a direct link.
        identity_authorized_bc_id (None | str | Unset): The BC whose authorization the identity
            is: required for `BC_AUTH_TT`, refused for `TT_USER`.
        ad_enabled (bool | None | Unset): Only videos whose ad authorization is on (or off).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageIdentityVideo | Problem
    """

    return sync_detailed(
        identity_id=identity_id,
        client=client,
        limit=limit,
        cursor=cursor,
        ad_account_id=ad_account_id,
        identity_type=identity_type,
        identity_authorized_bc_id=identity_authorized_bc_id,
        ad_enabled=ad_enabled,
    ).parsed


async def asyncio_detailed(
    identity_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
    identity_type: IdentityType,
    identity_authorized_bc_id: None | str | Unset = UNSET,
    ad_enabled: bool | None | Unset = UNSET,
) -> Response[PageIdentityVideo | Problem]:
    """An identity's videos, and which the caller can pull

     The `PUBLIC` videos of the TikTok account `identity_id`, newest first, as the caller can use them
    through this identity on this ad account: `can_pull` and `reasons` are what `GET /v1/spark-
    ads/eligibility` says for each video with this `identity_type`. The identity is one that `GET
    /v1/identities?ad_account_id=` lists for the caller (`BC_AUTH_TT`: `identity_authorized_bc_id` names
    the BC, whose `ACTIVE` authorization the caller is assigned on; `TT_USER`: the caller's account
    link, without `identity_authorized_bc_id`). Any other identity, and an ad account the caller does
    not see, is 404; a `BC_AUTH_TT` identity whose authorization lacks `PUBLIC_VIDEOS` is 403
    `SCOPE_NOT_AUTHORIZED`. `FRIENDS` and `PRIVATE` videos are never listed; `ad_enabled` filters on
    `ad_authorization`. One snapshot of the database per page; nothing is written.

    ```json
    {"items": [{"id": "<video id>", "caption": "Crumb shot", "ad_authorization": true, "created_at":
    "2026-11-24T22:48:26.315000Z", "can_pull": true, "reasons": []}, {"id": "<older video id>",
    "caption": "Proofing", "ad_authorization": false, "created_at": "2026-11-23T09:12:03.100000Z",
    "can_pull": false, "reasons": ["VIDEO_NOT_AD_AUTHORIZED"]}], "next_cursor": null}
    ```

    Args:
        identity_id (str): The TikTok account's id.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        ad_account_id (str): An ad account the caller can see.
        identity_type (IdentityType): How a Spark Ad uses a TikTok account: through a BC's
            authorization, or a direct link.
        identity_authorized_bc_id (None | str | Unset): The BC whose authorization the identity
            is: required for `BC_AUTH_TT`, refused for `TT_USER`.
        ad_enabled (bool | None | Unset): Only videos whose ad authorization is on (or off).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageIdentityVideo | Problem]
    """

    kwargs = _get_kwargs(
        identity_id=identity_id,
        limit=limit,
        cursor=cursor,
        ad_account_id=ad_account_id,
        identity_type=identity_type,
        identity_authorized_bc_id=identity_authorized_bc_id,
        ad_enabled=ad_enabled,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    identity_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    ad_account_id: str,
    identity_type: IdentityType,
    identity_authorized_bc_id: None | str | Unset = UNSET,
    ad_enabled: bool | None | Unset = UNSET,
) -> PageIdentityVideo | Problem | None:
    """An identity's videos, and which the caller can pull

     The `PUBLIC` videos of the TikTok account `identity_id`, newest first, as the caller can use them
    through this identity on this ad account: `can_pull` and `reasons` are what `GET /v1/spark-
    ads/eligibility` says for each video with this `identity_type`. The identity is one that `GET
    /v1/identities?ad_account_id=` lists for the caller (`BC_AUTH_TT`: `identity_authorized_bc_id` names
    the BC, whose `ACTIVE` authorization the caller is assigned on; `TT_USER`: the caller's account
    link, without `identity_authorized_bc_id`). Any other identity, and an ad account the caller does
    not see, is 404; a `BC_AUTH_TT` identity whose authorization lacks `PUBLIC_VIDEOS` is 403
    `SCOPE_NOT_AUTHORIZED`. `FRIENDS` and `PRIVATE` videos are never listed; `ad_enabled` filters on
    `ad_authorization`. One snapshot of the database per page; nothing is written.

    ```json
    {"items": [{"id": "<video id>", "caption": "Crumb shot", "ad_authorization": true, "created_at":
    "2026-11-24T22:48:26.315000Z", "can_pull": true, "reasons": []}, {"id": "<older video id>",
    "caption": "Proofing", "ad_authorization": false, "created_at": "2026-11-23T09:12:03.100000Z",
    "can_pull": false, "reasons": ["VIDEO_NOT_AD_AUTHORIZED"]}], "next_cursor": null}
    ```

    Args:
        identity_id (str): The TikTok account's id.
        limit (int | Unset): Page size, 1 to 100. Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page; omit for the first page.
        ad_account_id (str): An ad account the caller can see.
        identity_type (IdentityType): How a Spark Ad uses a TikTok account: through a BC's
            authorization, or a direct link.
        identity_authorized_bc_id (None | str | Unset): The BC whose authorization the identity
            is: required for `BC_AUTH_TT`, refused for `TT_USER`.
        ad_enabled (bool | None | Unset): Only videos whose ad authorization is on (or off).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageIdentityVideo | Problem
    """

    return (
        await asyncio_detailed(
            identity_id=identity_id,
            client=client,
            limit=limit,
            cursor=cursor,
            ad_account_id=ad_account_id,
            identity_type=identity_type,
            identity_authorized_bc_id=identity_authorized_bc_id,
            ad_enabled=ad_enabled,
        )
    ).parsed
