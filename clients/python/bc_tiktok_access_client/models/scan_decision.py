from enum import StrEnum


class ScanDecision(StrEnum):
    APPROVE = "APPROVE"
    DECLINE = "DECLINE"

    def __str__(self) -> str:
        return str(self.value)
