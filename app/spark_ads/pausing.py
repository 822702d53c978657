"""Ending a right to a TikTok account pauses the Spark Ads made through it (SPEC section 8)."""

from app.audit.service import Actor, record
from app.core.context import Context
from app.core.enums import ActorType
from app.spark_ads import repository

_SYSTEM = Actor(ActorType.SYSTEM, None)


def _record(ctx: Context, paused: list[tuple[str, str]]) -> None:
    """One audit event per paused ad, in its ad account's BC."""
    for spark_ad_id, business_center_id in paused:
        record(
            ctx,
            business_center_id=business_center_id,
            actor=_SYSTEM,
            action="spark_ad.paused",
            target_type="spark_ad",
            target_id=spark_ad_id,
        )


async def pause_for_authorization(ctx: Context, authorization_id: str) -> None:
    """The BC_AUTH_TT ads made through this authorization, and only those."""
    _record(ctx, await repository.pause_for_authorization(ctx.session, authorization_id))


async def pause_for_link(ctx: Context, tiktok_account_id: str, user_id: str) -> None:
    """The TT_USER ads of this account that the unlinked user made."""
    _record(ctx, await repository.pause_for_link(ctx.session, tiktok_account_id, user_id))
