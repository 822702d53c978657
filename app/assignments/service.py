"""Step 2: an admin hands an authorized TikTok account to members, with roles (SPEC 7)."""

from collections.abc import Sequence

from app.assignments import repository
from app.assignments.models import Assignment
from app.assignments.schemas import AssignmentRead, AssignmentsCreate, AssignmentUpdate
from app.audit.service import Actor, record
from app.authorizations import policy
from app.authorizations import repository as authorizations
from app.authorizations.models import Authorization
from app.business_centers import policy as bc_policy
from app.business_centers.models import Member
from app.core.context import Context
from app.core.db import Fetch
from app.core.enums import AssignmentRole, Scope
from app.core.errors import AppError, ErrorCode, not_found
from app.core.ids import is_valid_id
from app.core.pagination import Page, PageRequest
from app.users.models import User
from app.users.principal import UserPrincipal

ROLE_SCOPES = {AssignmentRole.POST: Scope.EXISTING_POSTS, AssignmentRole.LIVE: Scope.LIVE_VIDEOS}


def _read(assignment: Assignment, user: User) -> AssignmentRead:
    return AssignmentRead(
        member_id=assignment.member_id,
        user_id=user.id,
        email=user.email,
        roles=assignment.roles,
        assigned_at=assignment.assigned_at,
    )


async def _authorization_to_change(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    roles: Sequence[AssignmentRole] = (),
) -> Authorization:
    """The account's ACTIVE authorization, locked, where `roles` are all within its scopes."""
    access = await policy.admin_account(ctx.session, user, business_center_id, tiktok_account_id)
    authorization = await authorizations.lock(ctx.session, access.authorization)
    policy.ensure_active(authorization)
    outside = [role for role in roles if ROLE_SCOPES[role] not in authorization.scopes]
    if outside:
        raise AppError(
            ErrorCode.ROLE_OUTSIDE_SCOPE,
            f"The owner has not granted the scope for {', '.join(outside)} "
            f"(granted: {', '.join(authorization.scopes)}).",
        )
    return authorization


async def _set_roles(
    ctx: Context,
    user: UserPrincipal,
    authorization: Authorization,
    member: Member,
    assignment: Assignment | None,
    roles: list[AssignmentRole],
) -> Assignment:
    """Create or replace one member's assignment; an unchanged one writes nothing."""
    if assignment is not None and list(assignment.roles) == roles:
        return assignment
    if assignment is None:
        assignment = Assignment(authorization_id=authorization.id, member_id=member.id)
        ctx.session.add(assignment)
    assignment.roles = roles
    assignment.assigned_at = ctx.now()
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=authorization.business_center_id,
        actor=Actor.user(user.id),
        action="assignment.set",
        target_type="assignment",
        target_id=assignment.id,
        detail={
            "member_id": member.id,
            "tiktok_account_id": authorization.tiktok_account_id,
            "roles": roles,
        },
    )
    return assignment


async def list_assignments(
    fetch: Fetch,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    page: PageRequest,
) -> Page[AssignmentRead]:
    """Admin only: one statement, which the route runs outside any unit of work."""
    found = await repository.page(fetch, user.id, business_center_id, tiktok_account_id, page)
    policy.ensure_sees_account(found.role, found.status, found.assigned)
    bc_policy.require_admin_role(found.role)
    return page.page(found.items, AssignmentRead.model_validate, key=lambda item: item.id)


async def assign(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    body: AssignmentsCreate,
) -> Page[AssignmentRead]:
    """All or nothing: every member gets `roles`, or nothing changes."""
    authorization = await _authorization_to_change(
        ctx, user, business_center_id, tiktok_account_id, body.roles
    )
    members = await repository.members_with_users(
        ctx.session, business_center_id, [m for m in body.member_ids if is_valid_id(m)]
    )
    missing = [i for i, member_id in enumerate(body.member_ids) if member_id not in members]
    if missing:
        raise AppError(
            ErrorCode.MEMBER_NOT_FOUND,
            f"{len(missing)} of the member ids are not members of this Business Center; "
            "see `errors`. Nothing was changed.",
            extra={
                "errors": [
                    {
                        "loc": ["body", "member_ids", i],
                        "msg": "Not a member of this Business Center",
                    }
                    for i in missing
                ]
            },
        )
    existing = await repository.for_members(ctx.session, authorization.id, body.member_ids)
    items = []
    for member_id in body.member_ids:
        member, member_user = members[member_id]
        assignment = await _set_roles(
            ctx, user, authorization, member, existing.get(member_id), body.roles
        )
        items.append(_read(assignment, member_user))
    return Page(items=items)


async def update(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    member_id: str,
    body: AssignmentUpdate,
) -> AssignmentRead:
    authorization = await _authorization_to_change(
        ctx, user, business_center_id, tiktok_account_id, body.roles
    )
    found = await repository.members_with_users(ctx.session, business_center_id, [member_id])
    if member_id not in found:
        raise not_found("Member")
    member, member_user = found[member_id]
    existing = await repository.get(ctx.session, authorization.id, member_id)
    assignment = await _set_roles(ctx, user, authorization, member, existing, body.roles)
    return _read(assignment, member_user)


async def remove(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    member_id: str,
) -> None:
    authorization = await _authorization_to_change(ctx, user, business_center_id, tiktok_account_id)
    assignment = await repository.get(ctx.session, authorization.id, member_id)
    if assignment is None:
        raise not_found("Assignment")
    await repository.remove(ctx.session, assignment.id)
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="assignment.removed",
        target_type="assignment",
        target_id=assignment.id,
        detail={"member_id": member_id, "tiktok_account_id": tiktok_account_id},
    )
