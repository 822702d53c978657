from enum import StrEnum


class WebhookEventType(StrEnum):
    ACCESS_REQUEST_AUTHORIZED = "access_request.authorized"
    ACCESS_REQUEST_DECLINED = "access_request.declined"
    AUTHORIZATION_REVOKED = "authorization.revoked"

    def __str__(self) -> str:
        return str(self.value)
