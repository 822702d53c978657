from enum import StrEnum


class AssignmentRole(StrEnum):
    LIVE = "LIVE"
    POST = "POST"

    def __str__(self) -> str:
        return str(self.value)
