from datetime import datetime
from typing import Annotated

from pydantic import Field

from app.core.enums import BcRole
from app.core.schemas import Email, InputModel, OutputModel, single_line
from app.users.models import DISPLAY_NAME_MAX_LENGTH

DisplayName = Annotated[str, single_line(DISPLAY_NAME_MAX_LENGTH)]


class UserCreate(InputModel):
    email: Email = Field(examples=["alice@brand.example"])
    display_name: DisplayName = Field(examples=["Alice"])


class UserRead(OutputModel):
    id: str
    email: str
    display_name: str
    created_at: datetime


class UserCreated(OutputModel):
    user: UserRead
    token: str = Field(description="Bearer token for this user. Shown once; store it safely.")


class NewToken(OutputModel):
    token: str = Field(description="The new bearer token. Shown once; the old one has stopped.")


class Membership(OutputModel):
    business_center_id: str
    business_center_name: str
    member_id: str
    role: BcRole


class Me(UserRead):
    memberships: list[Membership]
