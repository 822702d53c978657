from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_centers.models import BusinessCenter, Member
from app.users.models import User


def get_by_token_digest(session: Session, digest: str) -> User | None:
    return session.scalars(select(User).where(User.token_digest == digest)).one_or_none()


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
