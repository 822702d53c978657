from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, model_validator

from app.core.enums import IdentityType, Reason, SparkAdStatus, Via
from app.core.pagination import PageRequest
from app.core.schemas import InputModel, LookupId, OutputModel, single_line
from app.spark_ads.models import NAME_MAX_LENGTH


class _Content(BaseModel):
    """Exactly one of `video_id` and `live_id`."""

    video_id: LookupId | None = Field(
        default=None,
        description="A video of the TikTok account. Give exactly one of `video_id` and `live_id`.",
        examples=["<video id>"],
    )
    live_id: LookupId | None = Field(
        default=None,
        description="A LIVE of the TikTok account. Give exactly one of `video_id` and `live_id`.",
        examples=[None],
    )

    @model_validator(mode="after")
    def _one_content(self) -> Self:
        if (self.video_id is None) == (self.live_id is None):
            raise ValueError("give exactly one of video_id and live_id")
        return self


class AdAccountQuery(BaseModel):
    ad_account_id: LookupId = Field(description="An ad account the caller can see.")


class SparkAdsQuery(AdAccountQuery, PageRequest):
    """A page of an ad account's Spark Ads."""


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


# --- many checks at once, and an identity's videos (SPEC section 8) ---------------------------

MAX_CHECKS_PER_BATCH = 100


class EligibilityCheck(_Content, InputModel):
    """One question of a batch: the same as the single check's, on the batch's ad account. Its
    ids come back in its answer as given (an id of a form this service never issues matches
    nothing, as in the single check)."""

    tiktok_account_id: str = Field(examples=["<tiktok account id>"])
    video_id: str | None = Field(
        default=None,
        description="A video of the TikTok account. Give exactly one of `video_id` and `live_id`.",
        examples=["<video id>"],
    )
    live_id: str | None = Field(
        default=None,
        description="A LIVE of the TikTok account. Give exactly one of `video_id` and `live_id`.",
        examples=[None],
    )
    identity_type: IdentityType | None = Field(
        default=None,
        examples=[None],
        description="Check only this path; by default any path counts.",
    )


class EligibilityBatchQuery(InputModel):
    """Up to 100 checks on one ad account, answered from one snapshot of the database."""

    ad_account_id: LookupId = Field(examples=["<ad account id>"])
    checks: list[EligibilityCheck] = Field(
        min_length=1,
        max_length=MAX_CHECKS_PER_BATCH,
        description="1 to 100 checks; the answer has one item per check, in this order.",
        examples=[
            [
                {"tiktok_account_id": "<tiktok account id>", "video_id": "<video id>"},
                {"tiktok_account_id": "<tiktok account id>", "video_id": "<another video id>"},
                {
                    "tiktok_account_id": "<tiktok account id>",
                    "live_id": "<live id>",
                    "identity_type": "TT_USER",
                },
            ]
        ],
    )


class EligibilityBatchItem(OutputModel):
    """One check's answer: exactly what the single eligibility check says for it."""

    tiktok_account_id: str = Field(examples=["<tiktok account id>"])
    video_id: str | None = Field(examples=["<video id>"])
    live_id: str | None = Field(examples=[None])
    allowed: bool = Field(examples=[False])
    reasons: list[Reason] = Field(
        description="Every failing check, in the SPEC's order.",
        examples=[[Reason.VIDEO_NOT_AD_AUTHORIZED]],
    )
    via: list[Via] = Field(
        description="The paths that give the caller the TikTok account.",
        examples=[[Via.BUSINESS_CENTER]],
    )


class IdentityVideosQuery(AdAccountQuery, PageRequest):
    """The identity (as `GET /v1/identities` lists it), the ad account to use it on, and the
    page."""

    identity_type: IdentityType = Field(
        description="`BC_AUTH_TT` (through a BC authorization) or `TT_USER` (an account link)."
    )
    identity_authorized_bc_id: LookupId | None = Field(
        default=None,
        description="The BC whose authorization the identity is: required for `BC_AUTH_TT`, "
        "refused for `TT_USER`.",
    )
    ad_enabled: bool | None = Field(
        default=None, description="Only videos whose ad authorization is on (or off)."
    )

    @model_validator(mode="after")
    def _bc_for_bc_identities_only(self) -> Self:
        bc_given = self.identity_authorized_bc_id is not None
        if self.identity_type is IdentityType.BC_AUTH_TT and not bc_given:
            raise ValueError("identity_authorized_bc_id is required for BC_AUTH_TT")
        if self.identity_type is IdentityType.TT_USER and bc_given:
            raise ValueError("identity_authorized_bc_id is not allowed for TT_USER")
        return self


class IdentityVideo(OutputModel):
    """A public video of the identity's account, and whether the caller can pull it now."""

    id: str = Field(examples=["<video id>"])
    caption: str = Field(examples=["Crumb shot"])
    ad_authorization: bool = Field(examples=[True])
    created_at: datetime
    can_pull: bool = Field(
        description="Eligibility's `allowed` for this video through this identity on this ad "
        "account.",
        examples=[True],
    )
    reasons: list[Reason] = Field(
        description="Eligibility's `reasons` for it: every failing check, in the SPEC's order.",
        examples=[[]],
    )
