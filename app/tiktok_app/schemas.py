from datetime import datetime
from typing import Annotated

from pydantic import Field, StrictBool, StringConstraints

from app.core.enums import (
    AccessRequestStatus,
    AuthorizationStatus,
    LiveStatus,
    Permission,
    ScanDecision,
    Scope,
    ShowcaseSource,
    Visibility,
)
from app.core.schemas import (
    NOT_WHITESPACE,
    Email,
    InputModel,
    OutputModel,
    multiline,
    single_line,
)
from app.tiktok_app.models import (
    BIO_MAX_LENGTH,
    CAPTION_MAX_LENGTH,
    DISPLAY_NAME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Showcase,
)

MAX_SHOP_IDS = 20

Username = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_.]{1,23}[A-Za-z0-9_]$"),
    Field(
        description="2 to 24 letters, digits, `_` and `.`; it may not end with `.`.",
        examples=["nora.bakes"],
    ),
]


class TikTokAccountCreate(InputModel):
    username: Username
    display_name: Annotated[str, single_line(DISPLAY_NAME_MAX_LENGTH)] = Field(
        examples=["Nora Bakes"]
    )
    bio: Annotated[str, multiline(BIO_MAX_LENGTH)] = Field(
        default="", examples=["Sourdough every day"]
    )


class TikTokAccountRead(OutputModel):
    id: str
    username: str
    display_name: str
    bio: str
    created_at: datetime


class TikTokAccountCreated(OutputModel):
    account: TikTokAccountRead
    owner_token: str = Field(description="The owner's bearer token. Shown once.")


class NewOwnerToken(OutputModel):
    owner_token: str = Field(description="The new owner token. Shown once; the old one stopped.")


class VideoCreate(InputModel):
    caption: Annotated[str, multiline(CAPTION_MAX_LENGTH)] = Field(examples=["Crumb shot"])
    visibility: Visibility = Field(examples=[Visibility.PUBLIC])
    ad_authorization: StrictBool = Field(
        description="The app's ad authorization toggle: may this video be used in ads?",
        examples=[True],
    )


class VideoUpdate(InputModel):
    visibility: Visibility | None = Field(default=None, examples=[Visibility.PRIVATE])
    ad_authorization: StrictBool | None = Field(default=None, examples=[False])


class VideoRead(OutputModel):
    id: str
    tiktok_account_id: str
    caption: str
    visibility: Visibility
    ad_authorization: bool
    created_at: datetime


class LiveCreate(InputModel):
    title: Annotated[str, single_line(TITLE_MAX_LENGTH)] = Field(examples=["Baking live"])


class LiveRead(OutputModel):
    id: str
    tiktok_account_id: str
    title: str
    status: LiveStatus
    started_at: datetime
    ended_at: datetime | None


ShopId = Annotated[str, single_line(64)]


class ShowcaseWrite(InputModel):
    enabled: StrictBool = Field(examples=[True])
    source: ShowcaseSource = Field(examples=[ShowcaseSource.ALL_SHOP_PRODUCTS])
    shop_ids: list[ShopId] = Field(
        default_factory=list, max_length=MAX_SHOP_IDS, examples=[["shop_1"]]
    )


class ShowcaseRead(OutputModel):
    enabled: bool
    source: ShowcaseSource
    shop_ids: list[str]

    @classmethod
    def of(cls, showcase: Showcase | None) -> "ShowcaseRead":
        """An account that never set its Product Showcase has it off."""
        if showcase is None:
            return cls(enabled=False, source=ShowcaseSource.ALL_SHOP_PRODUCTS, shop_ids=[])
        return cls.model_validate(showcase)


class BusinessCenterRef(OutputModel):
    id: str
    name: str


class ConsentScreen(OutputModel):
    """What the owner sees after scanning: who asks for what, until when. The "Copy QR card"
    that brought the owner here says the same in the owner's language (its `?lang=`)."""

    business_center: BusinessCenterRef
    scope: Scope
    permissions: list[Permission]
    expires_at: datetime
    status: AccessRequestStatus


class QrScan(InputModel):
    # Any text (one this service never issued is QR_CODE_NOT_FOUND), but not only spaces.
    code: Annotated[
        str, StringConstraints(min_length=1, max_length=200, pattern=NOT_WHITESPACE)
    ] = Field(
        description="The code at the end of the scanned `qr_code_url`.",
        examples=["V_RS9Bhw6ed0uVpvIi4b0ifBF6hKmkI0VUPrWuOYo3c"],
    )
    decision: ScanDecision = Field(examples=[ScanDecision.APPROVE])


class QrScanResult(OutputModel):
    access_request_id: str
    business_center_id: str
    status: AccessRequestStatus


class OwnerAuthorizationRead(OutputModel):
    id: str
    business_center_id: str
    business_center_name: str
    scopes: list[Scope]
    permissions: list[Permission]
    status: AuthorizationStatus
    granted_at: datetime


class AccountLinkCreate(InputModel):
    user_email: Email = Field(examples=["carol@creators.example"])


class AccountLinkRead(OutputModel):
    tiktok_account_id: str
    user_id: str
    user_email: str
    created_at: datetime
