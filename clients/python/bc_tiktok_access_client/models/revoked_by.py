from enum import StrEnum


class RevokedBy(StrEnum):
    BUSINESS_CENTER = "BUSINESS_CENTER"
    OWNER = "OWNER"

    def __str__(self) -> str:
        return str(self.value)
