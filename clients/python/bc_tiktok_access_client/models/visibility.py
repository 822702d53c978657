from enum import StrEnum


class Visibility(StrEnum):
    FRIENDS = "FRIENDS"
    PRIVATE = "PRIVATE"
    PUBLIC = "PUBLIC"

    def __str__(self) -> str:
        return str(self.value)
