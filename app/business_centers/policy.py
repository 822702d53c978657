"""Role policy inside a Business Center: first what the caller may see, then what it may do."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.business_centers import repository
from app.business_centers.models import Member
from app.core.enums import BcRole
from app.core.errors import AppError, forbidden, not_found
from app.users.principal import UserPrincipal


async def membership(session: AsyncSession, user: UserPrincipal, business_center_id: str) -> Member:
    """The caller's membership; a BC it does not belong to does not exist for it (404)."""
    member = await repository.member_of_user(session, business_center_id, user.id)
    if member is None:
        raise not_a_member()
    return member


def require_admin(member: Member) -> None:
    require_admin_role(member.role)


def require_admin_role(role: BcRole | None) -> None:
    """What `admin_membership` decides, from the caller's role in the BC (None: no member)."""
    if role is None:
        raise not_a_member()
    if role is not BcRole.ADMIN:
        raise forbidden("Only an admin of this Business Center may do this.")


def not_a_member() -> AppError:
    return not_found("Business Center")


async def admin_membership(
    session: AsyncSession, user: UserPrincipal, business_center_id: str
) -> Member:
    member = await membership(session, user, business_center_id)
    require_admin(member)
    return member
