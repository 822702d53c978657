from datetime import datetime
from typing import Annotated

from pydantic import Field

from app.business_centers.models import NAME_MAX_LENGTH
from app.core.enums import AdAccountRole, BcRole
from app.core.schemas import Email, InputModel, OutputModel, single_line

Name = Annotated[str, single_line(NAME_MAX_LENGTH)]


class BusinessCenterCreate(InputModel):
    name: Name = Field(examples=["Acme Agency"])


class BusinessCenterRead(OutputModel):
    id: str
    name: str
    created_at: datetime


class MemberCreate(InputModel):
    email: Email = Field(examples=["bob@brand.example"])
    role: BcRole = Field(examples=[BcRole.STANDARD])


class MemberUpdate(InputModel):
    role: BcRole = Field(examples=[BcRole.ADMIN])


class MemberRead(OutputModel):
    id: str
    user_id: str
    email: str
    display_name: str
    role: BcRole
    created_at: datetime


class AdAccountCreate(InputModel):
    name: Name = Field(examples=["Acme - Summer campaign"])


class AdAccountRead(OutputModel):
    id: str
    business_center_id: str
    name: str
    created_at: datetime


class AdAccountListItem(AdAccountRead):
    my_role: AdAccountRole | None = Field(description="The caller's role on this ad account.")


class AdAccountRoleSet(InputModel):
    role: AdAccountRole = Field(examples=[AdAccountRole.OPERATOR])


class AdAccountRoleRead(OutputModel):
    ad_account_id: str
    member_id: str
    role: AdAccountRole
