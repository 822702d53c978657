from enum import StrEnum


class BcRole(StrEnum):
    ADMIN = "ADMIN"
    STANDARD = "STANDARD"

    def __str__(self) -> str:
        return str(self.value)
