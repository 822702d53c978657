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


def create(ctx: Context, user: UserPrincipal, body: BusinessCenterCreate) -> BusinessCenterRead:
    now = ctx.now()
    bc = BusinessCenter(name=body.name, created_at=now)
    ctx.session.add(bc)
    ctx.session.flush()
    member = Member(business_center_id=bc.id, user_id=user.id, role=BcRole.ADMIN, created_at=now)
    ctx.session.add(member)
    ctx.session.flush()
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


def get(ctx: Context, user: UserPrincipal, business_center_id: str) -> BusinessCenterRead:
    policy.membership(ctx.session, user, business_center_id)
    bc = repository.get(ctx.session, business_center_id)
    assert bc is not None  # a membership implies its BC
    return BusinessCenterRead.model_validate(bc)


def list_members(
    ctx: Context, user: UserPrincipal, business_center_id: str, page: PageRequest
) -> Page[MemberRead]:
    policy.membership(ctx.session, user, business_center_id)
    rows = repository.members_page(ctx.session, business_center_id, page)
    return page.page(rows, lambda row: _member_read(*row), key=lambda row: row[0].id)


def add_member(
    ctx: Context, user: UserPrincipal, business_center_id: str, body: MemberCreate
) -> MemberRead:
    policy.admin_membership(ctx.session, user, business_center_id)
    new_user = users.get_by_email(ctx.session, body.email)
    if new_user is None:
        raise AppError(ErrorCode.USER_NOT_FOUND, "No user has this email; they must sign up first.")
    already = AppError(ErrorCode.ALREADY_A_MEMBER, "This user is already a member.")
    if repository.member_of_user(ctx.session, business_center_id, new_user.id) is not None:
        raise already
    member = Member(
        business_center_id=business_center_id,
        user_id=new_user.id,
        role=body.role,
        created_at=ctx.now(),
    )
    ctx.session.add(member)
    try:
        ctx.session.flush()
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


def _target_member(ctx: Context, business_center_id: str, member_id: str) -> tuple[Member, User]:
    found = repository.member_with_user(ctx.session, business_center_id, member_id)
    if found is None:
        raise not_found("Member")
    return found


def _ensure_another_admin(ctx: Context, business_center_id: str) -> None:
    """Called with the BC locked, so two admins leaving at once cannot both pass."""
    if repository.count_admins(ctx.session, business_center_id) <= 1:
        raise AppError(ErrorCode.LAST_ADMIN, "A Business Center must keep at least one admin.")


def update_member(
    ctx: Context, user: UserPrincipal, business_center_id: str, member_id: str, body: MemberUpdate
) -> MemberRead:
    # Lock first: the caller's own role may be changing in a concurrent request.
    repository.lock(ctx.session, business_center_id)
    policy.admin_membership(ctx.session, user, business_center_id)
    member, member_user = _target_member(ctx, business_center_id, member_id)
    if member.role is body.role:
        return _member_read(member, member_user)
    if member.role is BcRole.ADMIN:
        _ensure_another_admin(ctx, business_center_id)
    previous = member.role
    member.role = body.role
    ctx.session.flush()
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


def remove_member(
    ctx: Context, user: UserPrincipal, business_center_id: str, member_id: str
) -> None:
    # Lock first: the caller's own role may be changing in a concurrent request.
    repository.lock(ctx.session, business_center_id)
    policy.admin_membership(ctx.session, user, business_center_id)
    member, member_user = _target_member(ctx, business_center_id, member_id)
    if member.role is BcRole.ADMIN:
        _ensure_another_admin(ctx, business_center_id)
    repository.delete_member(ctx.session, member.id)
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="member.removed",
        target_type="member",
        target_id=member.id,
        detail={"user_id": member_user.id, "role": member.role},
    )


def create_ad_account(
    ctx: Context, user: UserPrincipal, business_center_id: str, body: AdAccountCreate
) -> AdAccountRead:
    policy.admin_membership(ctx.session, user, business_center_id)
    ad_account = AdAccount(
        business_center_id=business_center_id, name=body.name, created_at=ctx.now()
    )
    ctx.session.add(ad_account)
    ctx.session.flush()
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


def list_ad_accounts(
    ctx: Context, user: UserPrincipal, business_center_id: str, page: PageRequest
) -> Page[AdAccountListItem]:
    member = policy.membership(ctx.session, user, business_center_id)
    rows = repository.ad_accounts_page(
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


def _ad_account_and_member(
    ctx: Context, business_center_id: str, ad_account_id: str, member_id: str
) -> tuple[AdAccount, Member]:
    ad_account = repository.get_ad_account(
        ctx.session, business_center_id, ad_account_id, lock=True
    )
    if ad_account is None:
        raise not_found("Ad account")
    found = repository.member_with_user(ctx.session, business_center_id, member_id, share_lock=True)
    if found is None:
        raise not_found("Member")
    member, _ = found
    return ad_account, member


def set_ad_account_role(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    ad_account_id: str,
    member_id: str,
    body: AdAccountRoleSet,
) -> AdAccountRoleRead:
    policy.admin_membership(ctx.session, user, business_center_id)
    ad_account, member = _ad_account_and_member(ctx, business_center_id, ad_account_id, member_id)
    grant = repository.get_ad_account_member(ctx.session, ad_account.id, member.id)
    if grant is None:
        grant = AdAccountMember(
            ad_account_id=ad_account.id, member_id=member.id, role=body.role, created_at=ctx.now()
        )
        ctx.session.add(grant)
    elif grant.role is body.role:
        return AdAccountRoleRead.model_validate(grant)
    else:
        grant.role = body.role
    ctx.session.flush()
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


def remove_ad_account_role(
    ctx: Context, user: UserPrincipal, business_center_id: str, ad_account_id: str, member_id: str
) -> None:
    policy.admin_membership(ctx.session, user, business_center_id)
    ad_account, member = _ad_account_and_member(ctx, business_center_id, ad_account_id, member_id)
    grant = repository.get_ad_account_member(ctx.session, ad_account.id, member.id)
    if grant is None:
        raise not_found("Ad account role")
    ctx.session.delete(grant)
    ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="ad_account.role_removed",
        target_type="ad_account",
        target_id=ad_account.id,
        detail={"member_id": member.id, "role": grant.role},
    )
