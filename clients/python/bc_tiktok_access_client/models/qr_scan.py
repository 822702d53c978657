from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.scan_decision import ScanDecision

T = TypeVar("T", bound="QrScan")


@_attrs_define
class QrScan:
    """
    Attributes:
        code (str): The code at the end of the scanned `qr_code_url`.
        decision (ScanDecision):
    """

    code: str
    decision: ScanDecision

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        decision = self.decision.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "decision": decision,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        decision = ScanDecision(d.pop("decision"))

        qr_scan = cls(
            code=code,
            decision=decision,
        )

        return qr_scan
