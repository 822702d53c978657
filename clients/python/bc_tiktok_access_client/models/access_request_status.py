from enum import StrEnum


class AccessRequestStatus(StrEnum):
    AUTHORIZED = "AUTHORIZED"
    CANCELED = "CANCELED"
    DECLINED = "DECLINED"
    EXPIRED = "EXPIRED"
    PENDING = "PENDING"

    def __str__(self) -> str:
        return str(self.value)
