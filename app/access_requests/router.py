from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from app.access_requests import service
from app.access_requests.schemas import (
    AccessRequestCreate,
    AccessRequestRead,
    AccessRequestsQuery,
    QrCardQuery,
    QrCodeQuery,
)
from app.core.context import Ctx, runtime_of
from app.core.errors import ErrorCode
from app.core.pagination import Page
from app.core.problems import problem_responses
from app.core.query import QueryModel
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.users.dependencies import CurrentUser

router = APIRouter(
    route_class=UnitOfWorkRoute,
    prefix="/v1/business-centers/{bc_id}/access-requests",
    tags=["Step 1: access requests"],
)

_ADMIN_DOES = (ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND)
_IMAGE_ERRORS = problem_responses(
    *_ADMIN_DOES,
    ErrorCode.QR_CODE_EXPIRED,
    ErrorCode.ACCESS_REQUEST_CANCELED,
    ErrorCode.QR_CODE_ALREADY_USED,
)
IfNoneMatch = Annotated[
    str | None,
    Header(max_length=1000, description="The `ETag` of a copy the client has: 304 if current."),
]


Accept = Annotated[str | None, Header(include_in_schema=False)]

# Each image is bytes: `format` picks PNG or SVG, and a client that asks for
# application/octet-stream (`Accept`) gets the same bytes labelled so. Client generators type
# each of them as bytes; openapi-python-client knows only application/octet-stream as a download.
_DOWNLOAD = "application/octet-stream"
IMAGE_MEDIA_TYPES = ("image/png", "image/svg+xml", _DOWNLOAD)


def _image_responses(description: str) -> dict[int | str, dict[str, object]]:
    return {
        200: {
            "description": f"{description} `format` picks the media type: `image/png` (the "
            "default) or `image/svg+xml`. With `Accept: application/octet-stream` the same bytes "
            "come as `application/octet-stream`.",
            "content": {
                media_type: {"schema": {"type": "string", "format": "binary"}}
                for media_type in IMAGE_MEDIA_TYPES
            },
            "headers": {"ETag": {"schema": {"type": "string"}}},
        },
        304: {"description": "The client's copy (`If-None-Match`) is current."},
        **_IMAGE_ERRORS,
    }


def _labelled(media_type: str, accept: str | None) -> str:
    """The image's own media type, or application/octet-stream when the client asks for that
    and not for an image type."""
    ranges = {part.split(";")[0].strip().lower() for part in (accept or "").split(",")}
    if _DOWNLOAD in ranges and media_type not in ranges and "image/*" not in ranges:
        return _DOWNLOAD
    return media_type


async def _image_response(
    image: service.Image, if_none_match: str | None, accept: str | None
) -> Response:
    """The image, or 304 when the client already holds this version of it."""
    headers = {"ETag": image.etag, "Cache-Control": "private, no-cache", "Vary": "Accept"}
    if if_none_match is not None:
        tags = {tag.strip() for tag in if_none_match.split(",")}
        if image.etag in tags or "*" in tags:
            return Response(status_code=304, headers=headers)
    return Response(
        await image.render(), media_type=_labelled(image.media_type, accept), headers=headers
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Request access to a TikTok account",
    description="Admin only. Returns a `PENDING` request whose `qr_code_url` the account's owner "
    "scans in the TikTok app. It expires after `QR_CODE_TTL_SECONDS`.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def create_access_request(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, body: AccessRequestCreate
) -> AccessRequestRead:
    return await service.create(ctx, user, bc_id, body)


@router.get(
    "",
    summary="List access requests",
    description="Admin only. Newest first; filter by `status` (a pending request past its expiry "
    "is `EXPIRED`).",
    responses=problem_responses(*_ADMIN_DOES),
)
async def list_access_requests(
    request: Request,
    user: CurrentUser,
    bc_id: LookupId,
    query: Annotated[AccessRequestsQuery, Depends(QueryModel(AccessRequestsQuery))],
) -> Page[AccessRequestRead]:
    runtime = runtime_of(request)
    return await service.list_requests(
        runtime, runtime.database.fetch, user, bc_id, query.status, page=query
    )


@router.get(
    "/{request_id}",
    summary="Read an access request",
    description="Admin only.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def get_access_request(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, request_id: LookupId
) -> AccessRequestRead:
    return await service.get(ctx, user, bc_id, request_id)


@router.get(
    "/{request_id}/qr-code",
    summary="The QR code image",
    description="Admin only. The QR code of `qr_code_url`, as PNG or SVG, while the request is "
    "pending.",
    response_class=Response,
    responses=_image_responses("The QR code."),
)
async def get_qr_code(
    request: Request,
    user: CurrentUser,
    bc_id: LookupId,
    request_id: LookupId,
    query: Annotated[QrCodeQuery, Depends(QueryModel(QrCodeQuery))],
    if_none_match: IfNoneMatch = None,
    accept: Accept = None,
) -> Response:
    image = await service.qr_code(runtime_of(request), user, bc_id, request_id, query.image_format)
    return await _image_response(image, if_none_match, accept)


@router.get(
    "/{request_id}/qr-card",
    summary='The "Copy QR card" image',
    description="Admin only. One image to send to the owner: the QR code, the Business Center's "
    "name, the permissions asked for, the expiry time and where to find the scanner in the "
    "TikTok app.",
    response_class=Response,
    responses=_image_responses("The QR card."),
)
async def get_qr_card(
    request: Request,
    user: CurrentUser,
    bc_id: LookupId,
    request_id: LookupId,
    query: Annotated[QrCardQuery, Depends(QueryModel(QrCardQuery))],
    if_none_match: IfNoneMatch = None,
    accept: Accept = None,
) -> Response:
    image = await service.qr_card(
        runtime_of(request), user, bc_id, request_id, query.image_format, query.language
    )
    return await _image_response(image, if_none_match, accept)


@router.post(
    "/{request_id}/cancel",
    summary="Cancel an access request",
    description="Admin only. Only a pending request can be canceled; its QR code stops working.",
    responses=problem_responses(*_ADMIN_DOES, ErrorCode.ACCESS_REQUEST_NOT_PENDING),
)
async def cancel_access_request(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, request_id: LookupId
) -> AccessRequestRead:
    return await service.cancel(ctx, user, bc_id, request_id)
