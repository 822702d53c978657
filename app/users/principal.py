from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UserPrincipal:
    """An authenticated user: who is calling, nothing more."""

    id: str
    email: str
