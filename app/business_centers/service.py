"""Business Centers, their members and ad accounts (SPEC section 3)."""

from sqlalchemy.exc import IntegrityError

from app.audit.service import Actor, record
from app.business_centers import policy, repository
from app.business_centers.models import AdAccount, AdAccountMember, BusinessCenter, Member
from app.business_centers.schemas import (
    AdAccountCreate,
    AdAccountListItem,
    AdAccountRead,
    AdAccountRoleRead,
    AdAccountRoleSet,
    BusinessCenterCreate,
    BusinessCenterRead,
    MemberCreate,
    MemberRead,
    MemberUpdate,
)
from app.core.context import Context
from app.core.db import Fetch
from app.core.enums import BcRole
from app.core.errors import AppError, ErrorCode, not_found
from app.core.pagination import Page, PageRequest
from app.users import repository as users
from app.users.models import User
from app.users.principal import UserPrincipal


def _member_read(member: Member, user: User) -> MemberRead:
    return MemberRead(
        id=member.id,
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=member.role,
        created_at=member.created_at,
    )


async def create(
    ctx: Context, user: UserPrincipal, body: BusinessCenterCreate
) -> BusinessCenterRead:
    now = ctx.now()
    bc = BusinessCenter(name=body.name, created_at=now)
    ctx.session.add(bc)
    await ctx.session.flush()
    member = Member(business_center_id=bc.id, user_id=user.id, role=BcRole.ADMIN, created_at=now)
    ctx.session.add(member)
    await ctx.session.flush()
    actor = Actor.user(user.id)
    record(
        ctx,
        business_center_id=bc.id,
        actor=actor,
        action="business_center.created",
        target_type="business_center",
        target_id=bc.id,
        detail={"name": bc.name},
    )
    record(
        ctx,
        business_center_id=bc.id,
        actor=actor,
        action="member.added",
        target_type="member",
        target_id=member.id,
        detail={"user_id": user.id, "role": member.role},
    )
    return BusinessCenterRead.model_validate(bc)


async def get(ctx: Context, user: UserPrincipal, business_center_id: str) -> BusinessCenterRead:
    await policy.membership(ctx.session, user, business_center_id)
    bc = await repository.get(ctx.session, business_center_id)
    assert bc is not None  # a membership implies its BC
    return BusinessCenterRead.model_validate(bc)


async def list_members(
    fetch: Fetch, user: UserPrincipal, business_center_id: str, page: PageRequest
) -> Page[MemberRead]:
    """Any member reads the list, in one statement: the routes run it outside any unit of
    work (`Database.fetch`)."""
    role, members = await repository.members_page(fetch, user.id, business_center_id, page)
    if role is None:
        raise policy.not_a_member()
    return page.page(members, MemberRead.model_validate, key=lambda member: member.id)


async def add_member(
    ctx: Context, user: UserPrincipal, business_center_id: str, body: MemberCreate
) -> MemberRead:
    await policy.admin_membership(ctx.session, user, business_center_id)
    new_user = await users.get_by_email(ctx.session, body.email)
    if new_user is None:
        raise AppError(ErrorCode.USER_NOT_FOUND, "No user has this email; they must sign up first.")
    already = AppError(ErrorCode.ALREADY_A_MEMBER, "This user is already a member.")
    if await repository.member_of_user(ctx.session, business_center_id, new_user.id) is not None:
        raise already
    member = Member(
        business_center_id=business_center_id,
        user_id=new_user.id,
        role=body.role,
        created_at=ctx.now(),
    )
    ctx.session.add(member)
    try:
        await ctx.session.flush()
    except IntegrityError:  # added by a concurrent request
        raise already from None
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="member.added",
        target_type="member",
        target_id=member.id,
        detail={"user_id": new_user.id, "role": member.role},
    )
    return _member_read(member, new_user)


async def _target_member(
    ctx: Context, business_center_id: str, member_id: str
) -> tuple[Member, User]:
    found = await repository.member_with_user(ctx.session, business_center_id, member_id)
    if found is None:
        raise not_found("Member")
    return found


async def _ensure_another_admin(ctx: Context, business_center_id: str) -> None:
    """Called with the BC locked, so two admins leaving at once cannot both pass."""
    if await repository.count_admins(ctx.session, business_center_id) <= 1:
        raise AppError(ErrorCode.LAST_ADMIN, "A Business Center must keep at least one admin.")


async def update_member(
    ctx: Context, user: UserPrincipal, business_center_id: str, member_id: str, body: MemberUpdate
) -> MemberRead:
    # Lock first: the caller's own role may be changing in a concurrent request.
    await repository.lock(ctx.session, business_center_id)
    await policy.admin_membership(ctx.session, user, business_center_id)
    member, member_user = await _target_member(ctx, business_center_id, member_id)
    if member.role is body.role:
        return _member_read(member, member_user)
    if member.role is BcRole.ADMIN:
        await _ensure_another_admin(ctx, business_center_id)
    previous = member.role
    member.role = body.role
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="member.role_changed",
        target_type="member",
        target_id=member.id,
        detail={"from": previous, "to": member.role},
    )
    return _member_read(member, member_user)


async def remove_member(
    ctx: Context, user: UserPrincipal, business_center_id: str, member_id: str
) -> None:
    # Lock first: the caller's own role may be changing in a concurrent request.
    await repository.lock(ctx.session, business_center_id)
    await policy.admin_membership(ctx.session, user, business_center_id)
    member, member_user = await _target_member(ctx, business_center_id, member_id)
    if member.role is BcRole.ADMIN:
        await _ensure_another_admin(ctx, business_center_id)
    await repository.delete_member(ctx.session, member.id)
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="member.removed",
        target_type="member",
        target_id=member.id,
        detail={"user_id": member_user.id, "role": member.role},
    )


async def create_ad_account(
    ctx: Context, user: UserPrincipal, business_center_id: str, body: AdAccountCreate
) -> AdAccountRead:
    await policy.admin_membership(ctx.session, user, business_center_id)
    ad_account = AdAccount(
        business_center_id=business_center_id, name=body.name, created_at=ctx.now()
    )
    ctx.session.add(ad_account)
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="ad_account.created",
        target_type="ad_account",
        target_id=ad_account.id,
        detail={"name": ad_account.name},
    )
    return AdAccountRead.model_validate(ad_account)


async def list_ad_accounts(
    ctx: Context, user: UserPrincipal, business_center_id: str, page: PageRequest
) -> Page[AdAccountListItem]:
    member = await policy.membership(ctx.session, user, business_center_id)
    rows = await repository.ad_accounts_page(
        ctx.session,
        business_center_id,
        member.id,
        only_mine=member.role is not BcRole.ADMIN,
        page=page,
    )
    return page.page(
        rows,
        lambda row: AdAccountListItem(
            **AdAccountRead.model_validate(row[0]).model_dump(), my_role=row[1]
        ),
        key=lambda row: row[0].id,
    )


async def _ad_account_and_member(
    ctx: Context, business_center_id: str, ad_account_id: str, member_id: str
) -> tuple[AdAccount, Member]:
    ad_account = await repository.get_ad_account(
        ctx.session, business_center_id, ad_account_id, lock=True
    )
    if ad_account is None:
        raise not_found("Ad account")
    found = await repository.member_with_user(
        ctx.session, business_center_id, member_id, share_lock=True
    )
    if found is None:
        raise not_found("Member")
    member, _ = found
    return ad_account, member


async def set_ad_account_role(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    ad_account_id: str,
    member_id: str,
    body: AdAccountRoleSet,
) -> AdAccountRoleRead:
    await policy.admin_membership(ctx.session, user, business_center_id)
    ad_account, member = await _ad_account_and_member(
        ctx, business_center_id, ad_account_id, member_id
    )
    grant = await repository.get_ad_account_member(ctx.session, ad_account.id, member.id)
    if grant is None:
        grant = AdAccountMember(
            ad_account_id=ad_account.id, member_id=member.id, role=body.role, created_at=ctx.now()
        )
        ctx.session.add(grant)
    elif grant.role is body.role:
        return AdAccountRoleRead.model_validate(grant)
    else:
        grant.role = body.role
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="ad_account.role_set",
        target_type="ad_account",
        target_id=ad_account.id,
        detail={"member_id": member.id, "role": body.role},
    )
    return AdAccountRoleRead.model_validate(grant)


async def remove_ad_account_role(
    ctx: Context, user: UserPrincipal, business_center_id: str, ad_account_id: str, member_id: str
) -> None:
    await policy.admin_membership(ctx.session, user, business_center_id)
    ad_account, member = await _ad_account_and_member(
        ctx, business_center_id, ad_account_id, member_id
    )
    grant = await repository.get_ad_account_member(ctx.session, ad_account.id, member.id)
    if grant is None:
        raise not_found("Ad account role")
    await ctx.session.delete(grant)
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="ad_account.role_removed",
        target_type="ad_account",
        target_id=ad_account.id,
        detail={"member_id": member.id, "role": grant.role},
    )
