from enum import StrEnum


class Scope(StrEnum):
    EXISTING_POSTS = "EXISTING_POSTS"
    LIVE_VIDEOS = "LIVE_VIDEOS"

    def __str__(self) -> str:
        return str(self.value)
