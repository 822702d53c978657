from enum import StrEnum


class ActorType(StrEnum):
    OWNER = "OWNER"
    SYSTEM = "SYSTEM"
    USER = "USER"

    def __str__(self) -> str:
        return str(self.value)
