from enum import StrEnum


class Via(StrEnum):
    ACCOUNT_LINK = "ACCOUNT_LINK"
    BUSINESS_CENTER = "BUSINESS_CENTER"

    def __str__(self) -> str:
        return str(self.value)
