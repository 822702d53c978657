from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import ID_LENGTH, enum_type, id_column, timestamp
from app.core.db import Base
from app.core.enums import AdAccountRole, BcRole

NAME_MAX_LENGTH = 200


class BusinessCenter(Base):
    __tablename__ = "business_centers"

    id: Mapped[str] = id_column()
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    created_at: Mapped[datetime] = timestamp()


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("business_center_id", "user_id"),
        Index("ix_members_user_id", "user_id"),
    )

    id: Mapped[str] = id_column()
    business_center_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("business_centers.id", ondelete="CASCADE")
    )
    user_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("users.id", ondelete="CASCADE")
    )
    role: Mapped[BcRole] = mapped_column(enum_type(BcRole, "bc_role"))
    created_at: Mapped[datetime] = timestamp()


class AdAccount(Base):
    __tablename__ = "ad_accounts"
    __table_args__ = (Index("ix_ad_accounts_business_center_id_id", "business_center_id", "id"),)

    id: Mapped[str] = id_column()
    business_center_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("business_centers.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    created_at: Mapped[datetime] = timestamp()


class AdAccountMember(Base):
    """A member's role on one ad account of its BC."""

    __tablename__ = "ad_account_members"
    __table_args__ = (Index("ix_ad_account_members_member_id", "member_id"),)

    ad_account_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("ad_accounts.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[AdAccountRole] = mapped_column(enum_type(AdAccountRole, "ad_account_role"))
    created_at: Mapped[datetime] = timestamp()
