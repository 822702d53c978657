from datetime import datetime

from pydantic import Field

from app.core.enums import AssignmentRole, AuthorizationStatus, Permission, RevokedBy, Scope
from app.core.pagination import PageRequest
from app.core.schemas import OutputModel
from app.tiktok_app.schemas import ShowcaseRead


class AuthorizationsQuery(PageRequest):
    """A page of authorizations (a BC's accounts, an owner's BCs), by status."""

    status: AuthorizationStatus = AuthorizationStatus.ACTIVE


class VideosQuery(PageRequest):
    ad_enabled: bool | None = Field(
        default=None, description="Only videos whose ad authorization is on (or off)."
    )


class BcTikTokAccountRead(OutputModel):
    """A TikTok account as a Business Center holds it, through its current authorization."""

    id: str = Field(description="The TikTok account's id.")
    username: str
    display_name: str
    scopes: list[Scope]
    permissions: list[Permission]
    authorization_status: AuthorizationStatus
    authorized_at: datetime
    revoked_at: datetime | None
    revoked_by: RevokedBy | None
    my_roles: list[AssignmentRole] = Field(description="The caller's roles on this account.")


class ProfileRead(OutputModel):
    username: str
    display_name: str
    bio: str
    showcase: ShowcaseRead
