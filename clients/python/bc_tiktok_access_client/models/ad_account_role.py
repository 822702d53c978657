from enum import StrEnum


class AdAccountRole(StrEnum):
    ADMIN = "ADMIN"
    ANALYST = "ANALYST"
    OPERATOR = "OPERATOR"

    def __str__(self) -> str:
        return str(self.value)
