from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import timestamp
from app.core.db import Base


class RateLimitCounter(Base):
    """Failures counted per key in fixed windows, in the database so every replica agrees."""

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[datetime] = timestamp(primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
