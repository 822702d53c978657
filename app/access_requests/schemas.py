from datetime import datetime

from pydantic import BaseModel, Field

from app.access_requests.card_texts import (
    DEFAULT_LANGUAGE,
    LANGUAGE_TAG_MAX_LENGTH,
    SUPPORTED_LANGUAGES,
    CardLanguageTag,
)
from app.access_requests.qr_images import ImageFormat
from app.core.enums import AccessRequestStatus, Permission, Scope
from app.core.pagination import PageRequest
from app.core.schemas import InputModel, OutputModel


class AccessRequestCreate(InputModel):
    scope: Scope = Field(
        description="`EXISTING_POSTS`: ad delivery with existing posts. "
        "`LIVE_VIDEOS`: ad delivery with LIVE videos.",
        examples=[Scope.EXISTING_POSTS],
    )


class AccessRequestRead(OutputModel):
    id: str
    business_center_id: str
    scope: Scope
    permissions: list[Permission]
    status: AccessRequestStatus
    qr_code_url: str = Field(description="What the QR code encodes; single use.")
    expires_at: datetime
    created_by_member_id: str
    created_at: datetime
    resolved_at: datetime | None
    tiktok_account_id: str | None = Field(description="Set once the owner approves.")


class AccessRequestsQuery(PageRequest):
    status: AccessRequestStatus | None = None


class QrCodeQuery(BaseModel):
    image_format: ImageFormat = Field(
        default=ImageFormat.PNG, alias="format", description="`png` (default) or `svg`."
    )


# The tags `lang` takes, for clients: one of the supported primary languages (in any case),
# then BCP 47 subtags; at most 35 characters.
CARD_LANGUAGE_PATTERN = (
    "^(?:"
    + "|".join(
        "".join(f"[{letter.lower()}{letter.upper()}]" for letter in primary)
        for primary in sorted({tag.split("-")[0] for tag in SUPPORTED_LANGUAGES})
    )
    + ")(?:-[A-Za-z0-9]{1,8})*$"
)


class QrCardQuery(QrCodeQuery):
    language: CardLanguageTag = Field(
        default=DEFAULT_LANGUAGE,
        alias="lang",
        description="The owner's language for the card's texts: a BCP 47 tag, matched by its "
        "primary language (`pt-BR` gives `pt`). One of "
        + ", ".join(f"`{tag}`" for tag in SUPPORTED_LANGUAGES)
        + f" (`ar` right to left); default `{DEFAULT_LANGUAGE}`.",
        json_schema_extra={"pattern": CARD_LANGUAGE_PATTERN, "maxLength": LANGUAGE_TAG_MAX_LENGTH},
    )
