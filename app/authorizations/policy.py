"""Who sees a BC's TikTok account, and what they may read through its authorization."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

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


def visible_account(
    session: Session, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> AccountAccess:
    """An admin sees every account the BC was ever authorized for; a standard member only
    those assigned to it on an ACTIVE authorization. Everything else is 404."""
    member = bc_policy.membership(session, user, business_center_id)
    authorization = repository.current_for_pair(session, business_center_id, tiktok_account_id)
    if authorization is None:
        raise _not_found()
    assignment = assignments.get(session, authorization.id, member.id)
    active = authorization.status is AuthorizationStatus.ACTIVE
    if member.role is not BcRole.ADMIN and not (active and assignment is not None):
        raise _not_found()
    return AccountAccess(member, authorization, assignment)


def admin_account(
    session: Session, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> AccountAccess:
    access = visible_account(session, user, business_center_id, tiktok_account_id)
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
