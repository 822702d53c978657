from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignment_role import AssignmentRole
from ..models.authorization_status import AuthorizationStatus
from ..models.permission import Permission
from ..models.revoked_by import RevokedBy
from ..models.scope import Scope

T = TypeVar("T", bound="BcTikTokAccountRead")


@_attrs_define
class BcTikTokAccountRead:
    """A TikTok account as a Business Center holds it, through its current authorization.

    Attributes:
        id (str): The TikTok account's id.
        username (str):
        display_name (str):
        scopes (list[Scope]):
        permissions (list[Permission]):
        authorization_status (AuthorizationStatus):
        authorized_at (datetime.datetime):
        revoked_at (datetime.datetime | None):
        revoked_by (None | RevokedBy):
        my_roles (list[AssignmentRole]): The caller's roles on this account.
    """

    id: str
    username: str
    display_name: str
    scopes: list[Scope]
    permissions: list[Permission]
    authorization_status: AuthorizationStatus
    authorized_at: datetime.datetime
    revoked_at: datetime.datetime | None
    revoked_by: None | RevokedBy
    my_roles: list[AssignmentRole]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        username = self.username

        display_name = self.display_name

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        authorization_status = self.authorization_status.value

        authorized_at = self.authorized_at.isoformat()

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        revoked_by: None | str
        if isinstance(self.revoked_by, RevokedBy):
            revoked_by = self.revoked_by.value
        else:
            revoked_by = self.revoked_by

        my_roles = []
        for my_roles_item_data in self.my_roles:
            my_roles_item = my_roles_item_data.value
            my_roles.append(my_roles_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "username": username,
                "display_name": display_name,
                "scopes": scopes,
                "permissions": permissions,
                "authorization_status": authorization_status,
                "authorized_at": authorized_at,
                "revoked_at": revoked_at,
                "revoked_by": revoked_by,
                "my_roles": my_roles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        username = d.pop("username")

        display_name = d.pop("display_name")

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = Scope(scopes_item_data)

            scopes.append(scopes_item)

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        authorization_status = AuthorizationStatus(d.pop("authorization_status"))

        authorized_at = datetime.datetime.fromisoformat(d.pop("authorized_at"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        def _parse_revoked_by(data: object) -> None | RevokedBy:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_by_type_0 = RevokedBy(data)

                return revoked_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RevokedBy, data)

        revoked_by = _parse_revoked_by(d.pop("revoked_by"))

        my_roles = []
        _my_roles = d.pop("my_roles")
        for my_roles_item_data in _my_roles:
            my_roles_item = AssignmentRole(my_roles_item_data)

            my_roles.append(my_roles_item)

        bc_tik_tok_account_read = cls(
            id=id,
            username=username,
            display_name=display_name,
            scopes=scopes,
            permissions=permissions,
            authorization_status=authorization_status,
            authorized_at=authorized_at,
            revoked_at=revoked_at,
            revoked_by=revoked_by,
            my_roles=my_roles,
        )

        bc_tik_tok_account_read.additional_properties = d
        return bc_tik_tok_account_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
