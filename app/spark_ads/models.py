from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import ID_LENGTH, enum_type, id_column, timestamp
from app.core.db import Base
from app.core.enums import IdentityType, SparkAdStatus

NAME_MAX_LENGTH = 200


class SparkAd(Base):
    """An ad on an ad account that uses a TikTok account's own video or LIVE."""

    __tablename__ = "spark_ads"
    __table_args__ = (
        Index("ix_spark_ads_ad_account_id_id", "ad_account_id", "id"),
        # Ending an authorization pauses the ads made through it ...
        Index("ix_spark_ads_authorization_id_status", "authorization_id", "status"),
        # ... and ending an account link pauses the TT_USER ads its user made.
        Index("ix_spark_ads_identity_id_created_by_user_id", "identity_id", "created_by_user_id"),
    )

    id: Mapped[str] = id_column()
    ad_account_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("ad_accounts.id", ondelete="CASCADE")
    )
    identity_type: Mapped[IdentityType] = mapped_column(enum_type(IdentityType, "identity_type"))
    identity_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("tiktok_accounts.id", ondelete="CASCADE")
    )
    identity_authorized_bc_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), nullable=True)
    # The BC authorization a BC_AUTH_TT ad was made through.
    authorization_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("authorizations.id", ondelete="SET NULL"), nullable=True
    )
    video_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("videos.id", ondelete="SET NULL"), nullable=True
    )
    live_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("lives.id", ondelete="SET NULL"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    status: Mapped[SparkAdStatus] = mapped_column(enum_type(SparkAdStatus, "spark_ad_status"))
    created_by_user_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[datetime] = timestamp()
