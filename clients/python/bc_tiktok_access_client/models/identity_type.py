from enum import StrEnum


class IdentityType(StrEnum):
    BC_AUTH_TT = "BC_AUTH_TT"
    TT_USER = "TT_USER"

    def __str__(self) -> str:
        return str(self.value)
