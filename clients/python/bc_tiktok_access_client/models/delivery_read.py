from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_outcome import DeliveryOutcome
from ..models.webhook_event_type import WebhookEventType

T = TypeVar("T", bound="DeliveryRead")


@_attrs_define
class DeliveryRead:
    """
    Attributes:
        id (str):
        webhook_id (str):
        event_id (str): The event's `id`, also sent as `X-Webhook-Id`.
        event_type (WebhookEventType):
        attempt (int): 1 for the first attempt at this event, then 2, 3...
        status_code (int | None): The receiver's HTTP status, if it answered.
        error (None | str): Why no answer came (timeout, refused address...).
        outcome (DeliveryOutcome):
        duration_ms (int):
        at (datetime.datetime):
    """

    id: str
    webhook_id: str
    event_id: str
    event_type: WebhookEventType
    attempt: int
    status_code: int | None
    error: None | str
    outcome: DeliveryOutcome
    duration_ms: int
    at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        webhook_id = self.webhook_id

        event_id = self.event_id

        event_type = self.event_type.value

        attempt = self.attempt

        status_code: int | None
        status_code = self.status_code

        error: None | str
        error = self.error

        outcome = self.outcome.value

        duration_ms = self.duration_ms

        at = self.at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "webhook_id": webhook_id,
                "event_id": event_id,
                "event_type": event_type,
                "attempt": attempt,
                "status_code": status_code,
                "error": error,
                "outcome": outcome,
                "duration_ms": duration_ms,
                "at": at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        webhook_id = d.pop("webhook_id")

        event_id = d.pop("event_id")

        event_type = WebhookEventType(d.pop("event_type"))

        attempt = d.pop("attempt")

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        outcome = DeliveryOutcome(d.pop("outcome"))

        duration_ms = d.pop("duration_ms")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        delivery_read = cls(
            id=id,
            webhook_id=webhook_id,
            event_id=event_id,
            event_type=event_type,
            attempt=attempt,
            status_code=status_code,
            error=error,
            outcome=outcome,
            duration_ms=duration_ms,
            at=at,
        )

        delivery_read.additional_properties = d
        return delivery_read

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
