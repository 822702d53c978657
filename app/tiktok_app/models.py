"""The simulated TikTok app: accounts, their content, and account links."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import ID_LENGTH, enum_type, id_column, timestamp
from app.core.db import Base
from app.core.enums import LiveStatus, ShowcaseSource, Visibility

USERNAME_MAX_LENGTH = 24
DISPLAY_NAME_MAX_LENGTH = 100
BIO_MAX_LENGTH = 500
CAPTION_MAX_LENGTH = 2200
TITLE_MAX_LENGTH = 200


class TikTokAccount(Base):
    __tablename__ = "tiktok_accounts"

    id: Mapped[str] = id_column()
    username: Mapped[str] = mapped_column(String(USERNAME_MAX_LENGTH))
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX_LENGTH))
    bio: Mapped[str] = mapped_column(String(BIO_MAX_LENGTH), default="")
    owner_token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = timestamp()


# Usernames are unique whatever their case, as in the TikTok app.
Index("uq_tiktok_accounts_username_lower", func.lower(TikTokAccount.username), unique=True)


class Video(Base):
    __tablename__ = "videos"
    __table_args__ = (Index("ix_videos_tiktok_account_id_id", "tiktok_account_id", "id"),)

    id: Mapped[str] = id_column()
    tiktok_account_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("tiktok_accounts.id", ondelete="CASCADE")
    )
    caption: Mapped[str] = mapped_column(Text)
    visibility: Mapped[Visibility] = mapped_column(enum_type(Visibility, "visibility"))
    ad_authorization: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = timestamp()


class Live(Base):
    __tablename__ = "lives"
    __table_args__ = (Index("ix_lives_tiktok_account_id_id", "tiktok_account_id", "id"),)

    id: Mapped[str] = id_column()
    tiktok_account_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("tiktok_accounts.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX_LENGTH))
    status: Mapped[LiveStatus] = mapped_column(enum_type(LiveStatus, "live_status"))
    started_at: Mapped[datetime] = timestamp()
    ended_at: Mapped[datetime | None] = timestamp(nullable=True)


class Showcase(Base):
    """Product Showcase settings on the profile; an account without a row has it off."""

    __tablename__ = "showcases"

    tiktok_account_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("tiktok_accounts.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[ShowcaseSource] = mapped_column(enum_type(ShowcaseSource, "showcase_source"))
    shop_ids: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = timestamp()


class AccountLink(Base):
    """A TikTok For Business user linked directly to a TikTok account (SPEC section 5)."""

    __tablename__ = "account_links"
    __table_args__ = (
        UniqueConstraint("tiktok_account_id", "user_id"),
        Index("ix_account_links_user_id", "user_id"),
    )

    id: Mapped[str] = id_column()
    tiktok_account_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("tiktok_accounts.id", ondelete="CASCADE")
    )
    user_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("users.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = timestamp()
