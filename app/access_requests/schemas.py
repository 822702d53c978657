from datetime import datetime

from pydantic import Field

from app.core.enums import AccessRequestStatus, Permission, Scope
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
