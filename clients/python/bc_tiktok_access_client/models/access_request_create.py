from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.scope import Scope

T = TypeVar("T", bound="AccessRequestCreate")


@_attrs_define
class AccessRequestCreate:
    """
    Attributes:
        scope (Scope):
    """

    scope: Scope

    def to_dict(self) -> dict[str, Any]:
        scope = self.scope.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "scope": scope,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scope = Scope(d.pop("scope"))

        access_request_create = cls(
            scope=scope,
        )

        return access_request_create
