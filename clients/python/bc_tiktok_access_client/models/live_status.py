from enum import StrEnum


class LiveStatus(StrEnum):
    ENDED = "ENDED"
    LIVE = "LIVE"

    def __str__(self) -> str:
        return str(self.value)
