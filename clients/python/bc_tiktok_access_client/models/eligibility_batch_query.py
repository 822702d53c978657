from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.eligibility_check import EligibilityCheck


T = TypeVar("T", bound="EligibilityBatchQuery")


@_attrs_define
class EligibilityBatchQuery:
    """Up to 100 checks on one ad account, answered from one snapshot of the database.

    Attributes:
        ad_account_id (str):
        checks (list[EligibilityCheck]): 1 to 100 checks; the answer has one item per check, in this order.
    """

    ad_account_id: str
    checks: list[EligibilityCheck]

    def to_dict(self) -> dict[str, Any]:
        ad_account_id = self.ad_account_id

        checks = []
        for checks_item_data in self.checks:
            checks_item = checks_item_data.to_dict()
            checks.append(checks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ad_account_id": ad_account_id,
                "checks": checks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.eligibility_check import EligibilityCheck  # noqa: PLC0415

        d = dict(src_dict)
        ad_account_id = d.pop("ad_account_id")

        checks = []
        _checks = d.pop("checks")
        for checks_item_data in _checks:
            checks_item = EligibilityCheck.from_dict(checks_item_data)

            checks.append(checks_item)

        eligibility_batch_query = cls(
            ad_account_id=ad_account_id,
            checks=checks,
        )

        return eligibility_batch_query
