"""Who sees a BC's TikTok account, and what they may read through its authorization."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments import repository as assignments
from app.assignments.models import Assignment
from app.authorizations import repository
from app.authorizations.models import Authorization
from app.business_centers import policy as bc_policy
from app.business_centers.models import Member
from app.core.enums import AssignmentRole, AuthorizationStatus, BcRole, Permission, permissions_for
from app.core.errors import AppError, ErrorCode, forbidden, not_found
from app.users.principal import UserPrincipal


@dataclass(frozen=True, slots=True)
class AccountAccess:
    member: Member
    authorization: Authorization
    assignment: Assignment | None

    @property
    def my_roles(self) -> list[AssignmentRole]:
        return [] if self.assignment is None else list(self.assignment.roles)


def _not_found() -> AppError:
    return not_found("TikTok account")


def ensure_sees_account(
    role: BcRole | None, status: AuthorizationStatus | None, assigned: bool
) -> None:
    """An admin sees every account the BC was ever authorized for; a standard member only
    those assigned to it on an ACTIVE authorization. Everything else is 404. `role` is the
    caller's in the BC (None: not a member), `status` the BC's current authorization's for
    the account (None: never authorized), `assigned` whether the caller holds an assignment
    on it."""
    if role is None:
        raise bc_policy.not_a_member()
    if status is None:
        raise _not_found()
    if role is not BcRole.ADMIN and not (status is AuthorizationStatus.ACTIVE and assigned):
        raise _not_found()


async def visible_account(
    session: AsyncSession, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> AccountAccess:
    member = await bc_policy.membership(session, user, business_center_id)
    authorization = await repository.current_for_pair(
        session, business_center_id, tiktok_account_id
    )
    assignment = (
        None
        if authorization is None
        else await assignments.get(session, authorization.id, member.id)
    )
    ensure_sees_account(
        member.role, None if authorization is None else authorization.status, assignment is not None
    )
    assert authorization is not None  # seen
    return AccountAccess(member, authorization, assignment)


async def admin_account(
    session: AsyncSession, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> AccountAccess:
    access = await visible_account(session, user, business_center_id, tiktok_account_id)
    bc_policy.require_admin(access.member)
    return access


def require_content(
    access: AccountAccess, permission: Permission, role: AssignmentRole | None
) -> None:
    """Reading content needs an ACTIVE authorization, its scope, and (below admin) the role."""
    if access.authorization.status is AuthorizationStatus.REVOKED:
        raise AppError(
            ErrorCode.AUTHORIZATION_REVOKED,
            "This Business Center's access to the account has ended.",
            status=403,
        )
    if permission not in permissions_for(access.authorization.scopes):
        raise AppError(
            ErrorCode.SCOPE_NOT_AUTHORIZED,
            f"The owner has not granted {permission} to this Business Center.",
        )
    if role is not None and access.member.role is not BcRole.ADMIN and role not in access.my_roles:
        raise forbidden(f"Reading this needs the {role} role on the account.")


def ensure_active(authorization: Authorization) -> None:
    """Any change through a revoked authorization is refused."""
    if authorization.status is AuthorizationStatus.REVOKED:
        raise AppError(ErrorCode.AUTHORIZATION_REVOKED, "This authorization has ended.")
