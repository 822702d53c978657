from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_centers.models import BusinessCenter, Member
from app.core.db import Rows, Statement
from app.users.models import User

_TOKEN_OWNER = Statement("SELECT id, email, token_digest FROM users WHERE token_digest = :digest")


def token_owner(rows: Rows, digest: str) -> tuple[str, str, str] | None:
    """(id, email, token digest) of the user whose token has this digest."""
    found = rows(_TOKEN_OWNER, {"digest": digest})
    return (found[0][0], found[0][1], found[0][2]) if found else None


def get_by_email(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == email)).one_or_none()


def get(session: Session, user_id: str) -> User | None:
    return session.get(User, user_id)


def memberships(session: Session, user_id: str) -> list[tuple[Member, BusinessCenter]]:
    rows = session.execute(
        select(Member, BusinessCenter)
        .join(BusinessCenter, BusinessCenter.id == Member.business_center_id)
        .where(Member.user_id == user_id)
        .order_by(Member.id.desc())
    )
    return [(member, bc) for member, bc in rows]
