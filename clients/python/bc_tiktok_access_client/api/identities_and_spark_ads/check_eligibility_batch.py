from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.eligibility_batch_query import EligibilityBatchQuery
from ...models.page_eligibility_batch_item import PageEligibilityBatchItem
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: EligibilityBatchQuery,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/spark-ads/eligibility/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageEligibilityBatchItem | Problem | None:
    if response.status_code == 200:
        response_200 = PageEligibilityBatchItem.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[PageEligibilityBatchItem | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EligibilityBatchQuery,
    idempotency_key: str | Unset = UNSET,
) -> Response[PageEligibilityBatchItem | Problem]:
    """Many eligibility checks at once

     Up to 100 checks on one ad account in one request, as an agency asks about a creator's posts before
    it builds Spark Ads. Each item is exactly what `GET /v1/spark-ads/eligibility` says for the same
    question (the same `reasons` in the same order, the same `via`), one item per check in the order
    given. The whole batch is read from one snapshot of the database: a revocation that commits
    meanwhile is in every item or in none. Nothing is written. 404 when the caller does not see the ad
    account; 422 for no check or more than 100, or a check with both or neither of `video_id` and
    `live_id`.

    ```json
    {"items": [{"tiktok_account_id": "<tiktok account id>", "video_id": "<video id>", "live_id": null,
    "allowed": true, "reasons": [], "via": ["BUSINESS_CENTER"]}, {"tiktok_account_id": "<tiktok account
    id>", "video_id": "<another video id>", "live_id": null, "allowed": false, "reasons":
    ["VIDEO_NOT_AD_AUTHORIZED"], "via": ["BUSINESS_CENTER"]}], "next_cursor": null}
    ```

    Args:
        idempotency_key (str | Unset):
        body (EligibilityBatchQuery): Up to 100 checks on one ad account, answered from one
            snapshot of the database.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageEligibilityBatchItem | Problem]
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
    body: EligibilityBatchQuery,
    idempotency_key: str | Unset = UNSET,
) -> PageEligibilityBatchItem | Problem | None:
    """Many eligibility checks at once

     Up to 100 checks on one ad account in one request, as an agency asks about a creator's posts before
    it builds Spark Ads. Each item is exactly what `GET /v1/spark-ads/eligibility` says for the same
    question (the same `reasons` in the same order, the same `via`), one item per check in the order
    given. The whole batch is read from one snapshot of the database: a revocation that commits
    meanwhile is in every item or in none. Nothing is written. 404 when the caller does not see the ad
    account; 422 for no check or more than 100, or a check with both or neither of `video_id` and
    `live_id`.

    ```json
    {"items": [{"tiktok_account_id": "<tiktok account id>", "video_id": "<video id>", "live_id": null,
    "allowed": true, "reasons": [], "via": ["BUSINESS_CENTER"]}, {"tiktok_account_id": "<tiktok account
    id>", "video_id": "<another video id>", "live_id": null, "allowed": false, "reasons":
    ["VIDEO_NOT_AD_AUTHORIZED"], "via": ["BUSINESS_CENTER"]}], "next_cursor": null}
    ```

    Args:
        idempotency_key (str | Unset):
        body (EligibilityBatchQuery): Up to 100 checks on one ad account, answered from one
            snapshot of the database.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageEligibilityBatchItem | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EligibilityBatchQuery,
    idempotency_key: str | Unset = UNSET,
) -> Response[PageEligibilityBatchItem | Problem]:
    """Many eligibility checks at once

     Up to 100 checks on one ad account in one request, as an agency asks about a creator's posts before
    it builds Spark Ads. Each item is exactly what `GET /v1/spark-ads/eligibility` says for the same
    question (the same `reasons` in the same order, the same `via`), one item per check in the order
    given. The whole batch is read from one snapshot of the database: a revocation that commits
    meanwhile is in every item or in none. Nothing is written. 404 when the caller does not see the ad
    account; 422 for no check or more than 100, or a check with both or neither of `video_id` and
    `live_id`.

    ```json
    {"items": [{"tiktok_account_id": "<tiktok account id>", "video_id": "<video id>", "live_id": null,
    "allowed": true, "reasons": [], "via": ["BUSINESS_CENTER"]}, {"tiktok_account_id": "<tiktok account
    id>", "video_id": "<another video id>", "live_id": null, "allowed": false, "reasons":
    ["VIDEO_NOT_AD_AUTHORIZED"], "via": ["BUSINESS_CENTER"]}], "next_cursor": null}
    ```

    Args:
        idempotency_key (str | Unset):
        body (EligibilityBatchQuery): Up to 100 checks on one ad account, answered from one
            snapshot of the database.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageEligibilityBatchItem | Problem]
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
    body: EligibilityBatchQuery,
    idempotency_key: str | Unset = UNSET,
) -> PageEligibilityBatchItem | Problem | None:
    """Many eligibility checks at once

     Up to 100 checks on one ad account in one request, as an agency asks about a creator's posts before
    it builds Spark Ads. Each item is exactly what `GET /v1/spark-ads/eligibility` says for the same
    question (the same `reasons` in the same order, the same `via`), one item per check in the order
    given. The whole batch is read from one snapshot of the database: a revocation that commits
    meanwhile is in every item or in none. Nothing is written. 404 when the caller does not see the ad
    account; 422 for no check or more than 100, or a check with both or neither of `video_id` and
    `live_id`.

    ```json
    {"items": [{"tiktok_account_id": "<tiktok account id>", "video_id": "<video id>", "live_id": null,
    "allowed": true, "reasons": [], "via": ["BUSINESS_CENTER"]}, {"tiktok_account_id": "<tiktok account
    id>", "video_id": "<another video id>", "live_id": null, "allowed": false, "reasons":
    ["VIDEO_NOT_AD_AUTHORIZED"], "via": ["BUSINESS_CENTER"]}], "next_cursor": null}
    ```

    Args:
        idempotency_key (str | Unset):
        body (EligibilityBatchQuery): Up to 100 checks on one ad account, answered from one
            snapshot of the database.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageEligibilityBatchItem | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
