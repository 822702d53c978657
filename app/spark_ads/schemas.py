from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, model_validator

from app.core.enums import IdentityType, Reason, SparkAdStatus, Via
from app.core.schemas import InputModel, LookupId, OutputModel, single_line
from app.spark_ads.models import NAME_MAX_LENGTH


class _Content(BaseModel):
    """Exactly one of `video_id` and `live_id`."""

    video_id: LookupId | None = Field(
        default=None, description="A video of the TikTok account.", examples=["<video id>"]
    )
    live_id: LookupId | None = Field(
        default=None, description="A LIVE of the TikTok account.", examples=[None]
    )

    @model_validator(mode="after")
    def _one_content(self) -> Self:
        if (self.video_id is None) == (self.live_id is None):
            raise ValueError("give exactly one of video_id and live_id")
        return self


class EligibilityQuery(_Content):
    ad_account_id: LookupId
    tiktok_account_id: LookupId
    identity_type: IdentityType | None = Field(
        default=None, description="Check only this path; by default any path counts."
    )


class Eligibility(OutputModel):
    allowed: bool
    reasons: list[Reason] = Field(description="Every failing check, in the SPEC's order.")
    via: list[Via] = Field(description="The paths that give the caller the TikTok account.")


class SparkAdCreate(_Content, InputModel):
    ad_account_id: LookupId = Field(examples=["<ad account id>"])
    tiktok_account_id: LookupId = Field(examples=["<tiktok account id>"])
    name: Annotated[str, single_line(NAME_MAX_LENGTH)] = Field(examples=["Sourdough - summer"])
    identity_type: IdentityType | None = Field(
        default=None,
        examples=[IdentityType.BC_AUTH_TT],
        description="`BC_AUTH_TT` (through a BC authorization) or `TT_USER` (through an account "
        "link). By default `BC_AUTH_TT` when a BC path allows, else `TT_USER`.",
    )


class SparkAdRead(OutputModel):
    id: str
    ad_account_id: str
    identity_type: IdentityType
    identity_id: str
    identity_authorized_bc_id: str | None
    video_id: str | None
    live_id: str | None
    name: str
    status: SparkAdStatus
    created_by_user_id: str
    created_at: datetime


class Identity(OutputModel):
    identity_type: IdentityType
    identity_id: str = Field(description="The TikTok account's id.")
    identity_authorized_bc_id: str | None
    username: str
    display_name: str
    can_pull_video: bool
    can_use_live_ads: bool
