from enum import StrEnum


class DeliveryOutcome(StrEnum):
    DELIVERED = "DELIVERED"
    GAVE_UP = "GAVE_UP"
    WILL_RETRY = "WILL_RETRY"

    def __str__(self) -> str:
        return str(self.value)
