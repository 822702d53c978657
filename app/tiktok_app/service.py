"""The simulated TikTok app: the owner's account, content, scans and authorizations (SPEC 5)."""

from sqlalchemy.exc import IntegrityError

from app.access_requests import repository as access_requests
from app.access_requests.service import effective_status, ensure_scannable
from app.audit.service import Actor, record
from app.authorizations import repository as authorizations
from app.authorizations import service as authorization_service
from app.business_centers import repository as business_centers
from app.core.context import Context
from app.core.enums import (
    AccessRequestStatus,
    AuthorizationStatus,
    LiveStatus,
    RevokedBy,
    ScanDecision,
    permissions_for,
)
from app.core.errors import AppError, ErrorCode, not_found
from app.core.metrics import count_resolved
from app.core.pagination import Page, PageRequest
from app.core.security import QrCodes, TokenKind, new_token, token_digest
from app.spark_ads import pausing
from app.tiktok_app import repository
from app.tiktok_app.models import AccountLink, Live, Showcase, TikTokAccount, Video
from app.tiktok_app.principal import OwnerPrincipal
from app.tiktok_app.schemas import (
    AccountLinkCreate,
    AccountLinkRead,
    BusinessCenterRef,
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
from app.users import repository as users
from app.webhooks import events as webhook_events


async def create_account(ctx: Context, body: TikTokAccountCreate) -> TikTokAccountCreated:
    taken = AppError(ErrorCode.USERNAME_TAKEN, "This username is taken.")
    if await repository.by_username(ctx.session, body.username) is not None:
        raise taken
    owner_token = new_token(TokenKind.OWNER)
    account = TikTokAccount(
        username=body.username,
        display_name=body.display_name,
        bio=body.bio,
        owner_token_digest=token_digest(owner_token),
        created_at=ctx.now(),
    )
    ctx.session.add(account)
    try:
        await ctx.session.flush()
    except IntegrityError:  # a concurrent sign-up took the username first
        raise taken from None
    return TikTokAccountCreated(
        account=TikTokAccountRead.model_validate(account), owner_token=owner_token
    )


async def _account(ctx: Context, owner: OwnerPrincipal) -> TikTokAccount:
    account = await repository.get(ctx.session, owner.tiktok_account_id)
    assert account is not None  # just authenticated, and accounts are never deleted
    return account


async def rotate_owner_token(ctx: Context, owner: OwnerPrincipal) -> NewOwnerToken:
    """A fresh owner token; the one used to ask stops working when this commits."""
    owner_token = new_token(TokenKind.OWNER)
    (await _account(ctx, owner)).owner_token_digest = token_digest(owner_token)
    await ctx.session.flush()
    return NewOwnerToken(owner_token=owner_token)


async def me(ctx: Context, owner: OwnerPrincipal) -> TikTokAccountRead:
    return TikTokAccountRead.model_validate(await _account(ctx, owner))


async def create_video(ctx: Context, owner: OwnerPrincipal, body: VideoCreate) -> VideoRead:
    video = Video(
        tiktok_account_id=owner.tiktok_account_id, created_at=ctx.now(), **body.model_dump()
    )
    ctx.session.add(video)
    await ctx.session.flush()
    return VideoRead.model_validate(video)


async def update_video(
    ctx: Context, owner: OwnerPrincipal, video_id: str, body: VideoUpdate
) -> VideoRead:
    video = await repository.video(ctx.session, owner.tiktok_account_id, video_id)
    if video is None:
        raise not_found("Video")
    for field, value in body.model_dump(exclude_none=True).items():
        setattr(video, field, value)
    await ctx.session.flush()
    return VideoRead.model_validate(video)


async def start_live(ctx: Context, owner: OwnerPrincipal, body: LiveCreate) -> LiveRead:
    live = Live(
        tiktok_account_id=owner.tiktok_account_id,
        title=body.title,
        status=LiveStatus.LIVE,
        started_at=ctx.now(),
    )
    ctx.session.add(live)
    await ctx.session.flush()
    return LiveRead.model_validate(live)


async def end_live(ctx: Context, owner: OwnerPrincipal, live_id: str) -> LiveRead:
    """Ending a LIVE that has already ended changes nothing."""
    live = await repository.live(ctx.session, owner.tiktok_account_id, live_id)
    if live is None:
        raise not_found("LIVE")
    if live.status is LiveStatus.LIVE:
        live.status = LiveStatus.ENDED
        live.ended_at = ctx.now()
        await ctx.session.flush()
    return LiveRead.model_validate(live)


async def put_showcase(ctx: Context, owner: OwnerPrincipal, body: ShowcaseWrite) -> ShowcaseRead:
    showcase = await repository.showcase(ctx.session, owner.tiktok_account_id)
    if showcase is None:
        showcase = Showcase(tiktok_account_id=owner.tiktok_account_id)
        ctx.session.add(showcase)
    showcase.enabled = body.enabled
    showcase.source = body.source
    showcase.shop_ids = list(body.shop_ids)
    showcase.updated_at = ctx.now()
    await ctx.session.flush()
    return ShowcaseRead.model_validate(showcase)


def _qr_code_not_found() -> AppError:
    return AppError(ErrorCode.QR_CODE_NOT_FOUND, "No access request has this QR code.")


def _code_digest(code: str) -> str:
    if not QrCodes.is_well_formed(code):
        raise _qr_code_not_found()
    return QrCodes.digest(code)


async def consent_screen(ctx: Context, code: str) -> ConsentScreen:
    access_request = await access_requests.by_code_digest(ctx.session, _code_digest(code))
    if access_request is None:
        raise _qr_code_not_found()
    bc = await business_centers.get(ctx.session, access_request.business_center_id)
    assert bc is not None
    return ConsentScreen(
        business_center=BusinessCenterRef(id=bc.id, name=bc.name),
        scope=access_request.scope,
        permissions=permissions_for([access_request.scope]),
        expires_at=access_request.expires_at,
        status=effective_status(access_request, ctx.now()),
    )


async def scan(ctx: Context, owner: OwnerPrincipal, body: QrScan) -> QrScanResult:
    """The callback. The request's row is locked first, so of racing scans exactly one wins."""
    access_request = await access_requests.by_code_digest(
        ctx.session, _code_digest(body.code), lock=True
    )
    if access_request is None:
        raise _qr_code_not_found()
    now = ctx.now()
    ensure_scannable(access_request, now)
    actor = Actor.owner(owner.tiktok_account_id)
    authorization = None
    if body.decision is ScanDecision.APPROVE:
        authorization = await authorization_service.grant(
            ctx,
            access_request.business_center_id,
            owner.tiktok_account_id,
            access_request.scope,
            actor,
        )
        access_request.status = AccessRequestStatus.AUTHORIZED
        access_request.tiktok_account_id = owner.tiktok_account_id
    else:
        access_request.status = AccessRequestStatus.DECLINED
    access_request.resolved_at = now
    count_resolved(ctx.session, access_request.status)  # once the scan commits
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=access_request.business_center_id,
        actor=actor,
        action=f"access_request.{access_request.status.lower()}",
        target_type="access_request",
        target_id=access_request.id,
        detail={"tiktok_account_id": owner.tiktok_account_id},
    )
    await webhook_events.access_request_resolved(ctx, access_request, authorization)
    return QrScanResult(
        access_request_id=access_request.id,
        business_center_id=access_request.business_center_id,
        status=access_request.status,
    )


async def list_authorizations(
    ctx: Context, owner: OwnerPrincipal, status: AuthorizationStatus, page: PageRequest
) -> Page[OwnerAuthorizationRead]:
    rows = await authorizations.page_of_account(ctx.session, owner.tiktok_account_id, status, page)
    return page.page(
        rows,
        lambda row: OwnerAuthorizationRead(
            id=row[0].id,
            business_center_id=row[0].business_center_id,
            business_center_name=row[1],
            scopes=row[0].scopes,
            permissions=permissions_for(row[0].scopes),
            status=row[0].status,
            granted_at=row[0].granted_at,
        ),
        key=lambda row: row[0].id,
    )


async def revoke_authorization(ctx: Context, owner: OwnerPrincipal, authorization_id: str) -> None:
    authorization = await authorizations.of_account(
        ctx.session, owner.tiktok_account_id, authorization_id, lock=True
    )
    if authorization is None:
        raise not_found("Authorization")
    await authorization_service.revoke(
        ctx, authorization, RevokedBy.OWNER, Actor.owner(owner.tiktok_account_id)
    )


def _link_read(link: AccountLink, email: str) -> AccountLinkRead:
    return AccountLinkRead(
        tiktok_account_id=link.tiktok_account_id,
        user_id=link.user_id,
        user_email=email,
        created_at=link.created_at,
    )


async def link_user(
    ctx: Context, owner: OwnerPrincipal, body: AccountLinkCreate
) -> AccountLinkRead:
    user = await users.get_by_email(ctx.session, body.user_email)
    if user is None:
        raise AppError(ErrorCode.USER_NOT_FOUND, "No TikTok For Business user has this email.")
    linked = AppError(ErrorCode.ALREADY_LINKED, "This user is already linked to this account.")
    if await repository.link(ctx.session, owner.tiktok_account_id, user.id) is not None:
        raise linked
    link = AccountLink(
        tiktok_account_id=owner.tiktok_account_id, user_id=user.id, created_at=ctx.now()
    )
    ctx.session.add(link)
    try:
        await ctx.session.flush()
    except IntegrityError:  # linked by a concurrent request
        raise linked from None
    return _link_read(link, user.email)


async def list_links(
    ctx: Context, owner: OwnerPrincipal, page: PageRequest
) -> Page[AccountLinkRead]:
    rows = await repository.links_page(ctx.session, owner.tiktok_account_id, page)
    return page.page(rows, lambda row: _link_read(row[0], row[1].email), key=lambda row: row[0].id)


async def unlink_user(ctx: Context, owner: OwnerPrincipal, user_id: str) -> None:
    link = await repository.link(ctx.session, owner.tiktok_account_id, user_id)
    if link is None:
        raise not_found("Account link")
    await ctx.session.delete(link)
    await ctx.session.flush()
    await pausing.pause_for_link(ctx, owner.tiktok_account_id, user_id)
