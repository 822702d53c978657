from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.authorizations.schemas import AuthorizationsQuery
from app.core.context import Ctx
from app.core.errors import ErrorCode
from app.core.pagination import Page, Pagination
from app.core.problems import problem_responses
from app.core.query import QueryModel
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.rate_limits.dependencies import ConsentGuard, ScanGuard
from app.tiktok_app import service
from app.tiktok_app.dependencies import CurrentOwner
from app.tiktok_app.schemas import (
    AccountLinkCreate,
    AccountLinkRead,
    ConsentScreen,
    LiveCreate,
    LiveRead,
    NewOwnerToken,
    OwnerAuthorizationRead,
    QrScan,
    QrScanResult,
    ShowcaseRead,
    ShowcaseWrite,
    TikTokAccountCreate,
    TikTokAccountCreated,
    TikTokAccountRead,
    VideoCreate,
    VideoRead,
    VideoUpdate,
)

router = APIRouter(
    route_class=UnitOfWorkRoute, prefix="/v1/tiktok-app", tags=["Simulated TikTok app (owner)"]
)
qr_router = APIRouter(
    route_class=UnitOfWorkRoute, prefix="/v1/qr", tags=["Simulated TikTok app (owner)"]
)

_OWNER = (ErrorCode.UNAUTHENTICATED,)
_OWNER_FINDS = (ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
_SCAN_ERRORS = (
    ErrorCode.QR_CODE_NOT_FOUND,
    ErrorCode.QR_CODE_EXPIRED,
    ErrorCode.ACCESS_REQUEST_CANCELED,
    ErrorCode.QR_CODE_ALREADY_USED,
)


@router.post(
    "/accounts",
    status_code=status.HTTP_201_CREATED,
    summary="Create a TikTok account",
    description="No authentication. Returns the account and its owner token, shown only here.",
    responses=problem_responses(ErrorCode.USERNAME_TAKEN),
)
async def create_tiktok_app_account(ctx: Ctx, body: TikTokAccountCreate) -> TikTokAccountCreated:
    return await service.create_account(ctx, body)


@router.get(
    "/me",
    summary="The owner's TikTok account",
    description="The account the owner token belongs to.",
    responses=problem_responses(*_OWNER),
)
async def get_tiktok_app_account(ctx: Ctx, owner: CurrentOwner) -> TikTokAccountRead:
    return await service.me(ctx, owner)


@router.post(
    "/me/token",
    summary="Rotate the owner token",
    description="Issues a new owner token; the one used for this call stops working at once.",
    responses=problem_responses(*_OWNER),
)
async def rotate_owner_token(ctx: Ctx, owner: CurrentOwner) -> NewOwnerToken:
    return await service.rotate_owner_token(ctx, owner)


@router.post(
    "/videos",
    status_code=status.HTTP_201_CREATED,
    summary="Post a video",
    description="`ad_authorization` is the app's ad authorization toggle.",
    responses=problem_responses(*_OWNER),
)
async def create_video(ctx: Ctx, owner: CurrentOwner, body: VideoCreate) -> VideoRead:
    return await service.create_video(ctx, owner, body)


@router.patch(
    "/videos/{video_id}",
    summary="Change a video's visibility or ad authorization",
    description="Fields left out stay as they are.",
    responses=problem_responses(*_OWNER_FINDS),
)
async def update_video(
    ctx: Ctx, owner: CurrentOwner, video_id: LookupId, body: VideoUpdate
) -> VideoRead:
    return await service.update_video(ctx, owner, video_id, body)


@router.post(
    "/lives",
    status_code=status.HTTP_201_CREATED,
    summary="Go LIVE",
    description="Starts a LIVE session with status `LIVE`.",
    responses=problem_responses(*_OWNER),
)
async def start_live(ctx: Ctx, owner: CurrentOwner, body: LiveCreate) -> LiveRead:
    return await service.start_live(ctx, owner, body)


@router.post(
    "/lives/{live_id}/end",
    summary="End a LIVE",
    description="Sets status `ENDED`; ending an ended LIVE changes nothing.",
    responses=problem_responses(*_OWNER_FINDS),
)
async def end_live(ctx: Ctx, owner: CurrentOwner, live_id: LookupId) -> LiveRead:
    return await service.end_live(ctx, owner, live_id)


@router.put(
    "/showcase",
    summary="Set Product Showcase",
    description="The Product Showcase settings shown on the profile.",
    responses=problem_responses(*_OWNER),
)
async def set_showcase(ctx: Ctx, owner: CurrentOwner, body: ShowcaseWrite) -> ShowcaseRead:
    return await service.put_showcase(ctx, owner, body)


@qr_router.get(
    "/{code}",
    summary="Consent screen (scan a QR code)",
    description="No authentication: the code is the capability. Shows who asks for what until "
    "when. Reading it does not use the code.",
    responses=problem_responses(ErrorCode.QR_CODE_NOT_FOUND, ErrorCode.RATE_LIMITED),
    dependencies=[ConsentGuard],
)
async def get_consent_screen(ctx: Ctx, code: str) -> ConsentScreen:
    return await service.consent_screen(ctx, code)


@router.post(
    "/qr-scans",
    summary="Approve or decline a scanned QR code (the callback)",
    description="`APPROVE` creates the Business Center's authorization for this account, or widens "
    "its active one with the request's scope. A code works once: of racing scans exactly one wins; "
    "the others get `QR_CODE_ALREADY_USED`.",
    responses=problem_responses(
        *_OWNER, *_SCAN_ERRORS, ErrorCode.LIMIT_EXCEEDED, ErrorCode.RATE_LIMITED
    ),
    dependencies=[ScanGuard],
)
async def scan_qr_code(ctx: Ctx, owner: CurrentOwner, body: QrScan) -> QrScanResult:
    return await service.scan(ctx, owner, body)


@router.get(
    "/authorizations",
    summary="Business Centers holding access",
    description="The account's authorizations, newest first; `status` defaults to `ACTIVE`.",
    responses=problem_responses(*_OWNER),
)
async def list_authorizations(
    ctx: Ctx,
    owner: CurrentOwner,
    query: Annotated[AuthorizationsQuery, Depends(QueryModel(AuthorizationsQuery))],
) -> Page[OwnerAuthorizationRead]:
    return await service.list_authorizations(ctx, owner, query.status, page=query)


@router.delete(
    "/authorizations/{authorization_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End a Business Center's access",
    description="The owner revokes the authorization (`revoked_by: OWNER`). It stops every use at "
    "once.",
    responses=problem_responses(*_OWNER_FINDS, ErrorCode.AUTHORIZATION_REVOKED),
)
async def revoke_authorization(
    ctx: Ctx, owner: CurrentOwner, authorization_id: LookupId
) -> Response:
    await service.revoke_authorization(ctx, owner, authorization_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/account-links",
    status_code=status.HTTP_201_CREATED,
    summary="Link a TikTok For Business user",
    description="The linked user holds every permission on this account for its own use.",
    responses=problem_responses(*_OWNER, ErrorCode.USER_NOT_FOUND, ErrorCode.ALREADY_LINKED),
)
async def link_user(ctx: Ctx, owner: CurrentOwner, body: AccountLinkCreate) -> AccountLinkRead:
    return await service.link_user(ctx, owner, body)


@router.get(
    "/account-links",
    summary="Linked TikTok For Business users",
    description="Newest first.",
    responses=problem_responses(*_OWNER),
)
async def list_account_links(
    ctx: Ctx, owner: CurrentOwner, page: Pagination
) -> Page[AccountLinkRead]:
    return await service.list_links(ctx, owner, page)


@router.delete(
    "/account-links/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Unlink a TikTok For Business user",
    description="The user loses the link's permissions at once.",
    responses=problem_responses(*_OWNER_FINDS),
)
async def unlink_user(ctx: Ctx, owner: CurrentOwner, user_id: LookupId) -> Response:
    await service.unlink_user(ctx, owner, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
