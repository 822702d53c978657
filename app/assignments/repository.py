from collections.abc import Collection

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.assignments.models import Assignment
from app.business_centers.models import Member
from app.core.pagination import PageRequest
from app.users.models import User


def get(session: Session, authorization_id: str, member_id: str) -> Assignment | None:
    return session.scalars(
        select(Assignment).where(
            Assignment.authorization_id == authorization_id, Assignment.member_id == member_id
        )
    ).one_or_none()


def for_members(
    session: Session, authorization_id: str, member_ids: Collection[str]
) -> dict[str, Assignment]:
    rows = session.scalars(
        select(Assignment).where(
            Assignment.authorization_id == authorization_id, Assignment.member_id.in_(member_ids)
        )
    )
    return {assignment.member_id: assignment for assignment in rows}


def members_with_users(
    session: Session, business_center_id: str, member_ids: Collection[str]
) -> dict[str, tuple[Member, User]]:
    """The BC's members among `member_ids`, held (shared) so none is removed mid-assignment."""
    rows = session.execute(
        select(Member, User)
        .join(User, User.id == Member.user_id)
        .where(Member.business_center_id == business_center_id, Member.id.in_(member_ids))
        .with_for_update(read=True, of=Member)
    )
    return {member.id: (member, user) for member, user in rows}


def page_with_users(
    session: Session, authorization_id: str, page: PageRequest
) -> list[tuple[Assignment, Member, User]]:
    stmt = (
        select(Assignment, Member, User)
        .join(Member, Member.id == Assignment.member_id)
        .join(User, User.id == Member.user_id)
        .where(Assignment.authorization_id == authorization_id)
    )
    return [(a, m, u) for a, m, u in session.execute(page.apply(stmt, Assignment.id))]


def remove(session: Session, assignment_id: str) -> None:
    session.execute(delete(Assignment).where(Assignment.id == assignment_id))
