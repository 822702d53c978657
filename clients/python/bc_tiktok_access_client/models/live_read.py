from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.live_status import LiveStatus

T = TypeVar("T", bound="LiveRead")


@_attrs_define
class LiveRead:
    """
    Attributes:
        id (str):
        tiktok_account_id (str):
        title (str):
        status (LiveStatus):
        started_at (datetime.datetime):
        ended_at (datetime.datetime | None):
    """

    id: str
    tiktok_account_id: str
    title: str
    status: LiveStatus
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        tiktok_account_id = self.tiktok_account_id

        title = self.title

        status = self.status.value

        started_at = self.started_at.isoformat()

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "tiktok_account_id": tiktok_account_id,
                "title": title,
                "status": status,
                "started_at": started_at,
                "ended_at": ended_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        tiktok_account_id = d.pop("tiktok_account_id")

        title = d.pop("title")

        status = LiveStatus(d.pop("status"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        live_read = cls(
            id=id,
            tiktok_account_id=tiktok_account_id,
            title=title,
            status=status,
            started_at=started_at,
            ended_at=ended_at,
        )

        live_read.additional_properties = d
        return live_read

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
