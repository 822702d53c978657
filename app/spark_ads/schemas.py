from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, StringConstraints, model_validator

from app.core.enums import IdentityType, Reason, SparkAdStatus, Via
from app.core.schemas import InputModel, OutputModel
from app.spark_ads.models import NAME_MAX_LENGTH

Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class _Content(BaseModel):
    """Exactly one of `video_id` and `live_id`."""

    video_id: Id | None = Field(default=None, description="A video of the TikTok account.")
    live_id: Id | None = Field(default=None, description="A LIVE of the TikTok account.")

    @model_validator(mode="after")
    def _one_content(self) -> Self:
        if (self.video_id is None) == (self.live_id is None):
            raise ValueError("give exactly one of video_id and live_id")
        return self


class EligibilityQuery(_Content):
    ad_account_id: Id
    tiktok_account_id: Id
    identity_type: IdentityType | None = Field(
        default=None, description="Check only this path; by default any path counts."
    )


class Eligibility(OutputModel):
    allowed: bool
    reasons: list[Reason] = Field(description="Every failing check, in the SPEC's order.")
    via: list[Via] = Field(description="The paths that give the caller the TikTok account.")


class SparkAdCreate(_Content, InputModel):
    ad_account_id: Id = Field(examples=["<ad account id>"])
    tiktok_account_id: Id = Field(examples=["<tiktok account id>"])
    name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX_LENGTH)
    ] = Field(examples=["Sourdough - summer"])
    identity_type: IdentityType | None = Field(
        default=None,
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
