from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OwnerPrincipal:
    """The owner of one TikTok account, calling from the (simulated) TikTok app."""

    tiktok_account_id: str
