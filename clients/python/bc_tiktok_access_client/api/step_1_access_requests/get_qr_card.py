from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.image_format import ImageFormat
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    bc_id: str,
    request_id: str,
    *,
    format_: ImageFormat | Unset = UNSET,
    lang: str | Unset = "en",
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["if-none-match"] = if_none_match

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["lang"] = lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/business-centers/{bc_id}/access-requests/{request_id}/qr-card".format(
            bc_id=quote(str(bc_id), safe=""),
            request_id=quote(str(request_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

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
) -> Response[Any | File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    bc_id: str,
    request_id: str,
    *,
    client: AuthenticatedClient,
    format_: ImageFormat | Unset = UNSET,
    lang: str | Unset = "en",
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | File | Problem]:
    """The "Copy QR card" image

     Admin only. One image to send to the owner: the QR code, the Business Center's name, the permissions
    asked for, the expiry time and where to find the scanner in the TikTok app.

    Args:
        bc_id (str):
        request_id (str):
        format_ (ImageFormat | Unset): The image formats the QR code and the QR card are rendered
            in.
        lang (str | Unset): The owner's language for the card's texts: a BCP 47 tag, matched by
            its primary language (`pt-BR` gives `pt`). One of `en`, `ja`, `ko`, `zh-Hans`, `zh-Hant`,
            `th`, `vi`, `id`, `es`, `pt`, `de`, `fr`, `tr`, `ar` (`ar` right to left); default `en`.
            Default: 'en'.
        if_none_match (None | str | Unset): The `ETag` of a copy the client has: 304 if current.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | Problem]
    """

    kwargs = _get_kwargs(
        bc_id=bc_id,
        request_id=request_id,
        format_=format_,
        lang=lang,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    bc_id: str,
    request_id: str,
    *,
    client: AuthenticatedClient,
    format_: ImageFormat | Unset = UNSET,
    lang: str | Unset = "en",
    if_none_match: None | str | Unset = UNSET,
) -> Any | File | Problem | None:
    """The "Copy QR card" image

     Admin only. One image to send to the owner: the QR code, the Business Center's name, the permissions
    asked for, the expiry time and where to find the scanner in the TikTok app.

    Args:
        bc_id (str):
        request_id (str):
        format_ (ImageFormat | Unset): The image formats the QR code and the QR card are rendered
            in.
        lang (str | Unset): The owner's language for the card's texts: a BCP 47 tag, matched by
            its primary language (`pt-BR` gives `pt`). One of `en`, `ja`, `ko`, `zh-Hans`, `zh-Hant`,
            `th`, `vi`, `id`, `es`, `pt`, `de`, `fr`, `tr`, `ar` (`ar` right to left); default `en`.
            Default: 'en'.
        if_none_match (None | str | Unset): The `ETag` of a copy the client has: 304 if current.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | Problem
    """

    return sync_detailed(
        bc_id=bc_id,
        request_id=request_id,
        client=client,
        format_=format_,
        lang=lang,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    bc_id: str,
    request_id: str,
    *,
    client: AuthenticatedClient,
    format_: ImageFormat | Unset = UNSET,
    lang: str | Unset = "en",
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | File | Problem]:
    """The "Copy QR card" image

     Admin only. One image to send to the owner: the QR code, the Business Center's name, the permissions
    asked for, the expiry time and where to find the scanner in the TikTok app.

    Args:
        bc_id (str):
        request_id (str):
        format_ (ImageFormat | Unset): The image formats the QR code and the QR card are rendered
            in.
        lang (str | Unset): The owner's language for the card's texts: a BCP 47 tag, matched by
            its primary language (`pt-BR` gives `pt`). One of `en`, `ja`, `ko`, `zh-Hans`, `zh-Hant`,
            `th`, `vi`, `id`, `es`, `pt`, `de`, `fr`, `tr`, `ar` (`ar` right to left); default `en`.
            Default: 'en'.
        if_none_match (None | str | Unset): The `ETag` of a copy the client has: 304 if current.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | Problem]
    """

    kwargs = _get_kwargs(
        bc_id=bc_id,
        request_id=request_id,
        format_=format_,
        lang=lang,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    bc_id: str,
    request_id: str,
    *,
    client: AuthenticatedClient,
    format_: ImageFormat | Unset = UNSET,
    lang: str | Unset = "en",
    if_none_match: None | str | Unset = UNSET,
) -> Any | File | Problem | None:
    """The "Copy QR card" image

     Admin only. One image to send to the owner: the QR code, the Business Center's name, the permissions
    asked for, the expiry time and where to find the scanner in the TikTok app.

    Args:
        bc_id (str):
        request_id (str):
        format_ (ImageFormat | Unset): The image formats the QR code and the QR card are rendered
            in.
        lang (str | Unset): The owner's language for the card's texts: a BCP 47 tag, matched by
            its primary language (`pt-BR` gives `pt`). One of `en`, `ja`, `ko`, `zh-Hans`, `zh-Hant`,
            `th`, `vi`, `id`, `es`, `pt`, `de`, `fr`, `tr`, `ar` (`ar` right to left); default `en`.
            Default: 'en'.
        if_none_match (None | str | Unset): The `ETag` of a copy the client has: 304 if current.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | Problem
    """

    return (
        await asyncio_detailed(
            bc_id=bc_id,
            request_id=request_id,
            client=client,
            format_=format_,
            lang=lang,
            if_none_match=if_none_match,
        )
    ).parsed
