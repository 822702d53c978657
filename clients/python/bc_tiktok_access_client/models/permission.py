from enum import StrEnum


class Permission(StrEnum):
    AD_ENABLED_POSTS = "AD_ENABLED_POSTS"
    LIVE_VIDEOS = "LIVE_VIDEOS"
    PROFILE_INFO = "PROFILE_INFO"
    PUBLIC_VIDEOS = "PUBLIC_VIDEOS"

    def __str__(self) -> str:
        return str(self.value)
