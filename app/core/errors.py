"""Domain errors and their RFC 9457 problem+json rendering.

Every error the service can answer with is an `ErrorCode`: its HTTP status and
title live here and nowhere else, so services raise `AppError(code, detail)`
and never think about HTTP.
"""

from enum import Enum
from typing import Any


class ErrorCode(Enum):
    """Stable `code` values (SPEC section 2) with their status and title."""

    VALIDATION_ERROR = (422, "Request validation failed")
    BAD_REQUEST = (400, "Bad request")
    UNAUTHENTICATED = (401, "Authentication required")
    FORBIDDEN = (403, "Not allowed")
    NOT_FOUND = (404, "Not found")
    METHOD_NOT_ALLOWED = (405, "Method not allowed")
    NOT_ACCEPTABLE = (406, "Not acceptable")
    PAYLOAD_TOO_LARGE = (413, "Request body too large")
    RATE_LIMITED = (429, "Too many requests")
    IDEMPOTENCY_KEY_REUSED = (422, "Idempotency key reused with another request")
    IDEMPOTENCY_KEY_IN_USE = (409, "A request with this idempotency key is in progress")
    UNSUPPORTED_MEDIA_TYPE = (415, "Unsupported media type")
    INTERNAL_ERROR = (500, "Internal error")
    SERVICE_UNAVAILABLE = (503, "Service unavailable")
    # Users, Business Centers, members
    SIGNUP_DISABLED = (403, "Sign-up is disabled")
    EMAIL_TAKEN = (409, "Email already registered")
    USER_NOT_FOUND = (404, "User not found")
    ALREADY_A_MEMBER = (409, "Already a member")
    LAST_ADMIN = (409, "A Business Center needs an admin")
    # Access requests and QR codes
    ACCESS_REQUEST_NOT_PENDING = (409, "Access request is not pending")
    QR_CODE_NOT_FOUND = (404, "QR code not found")
    QR_CODE_EXPIRED = (410, "QR code expired")
    ACCESS_REQUEST_CANCELED = (410, "Access request canceled")
    QR_CODE_ALREADY_USED = (409, "QR code already used")
    LIMIT_EXCEEDED = (409, "Limit exceeded")
    # The simulated TikTok app
    USERNAME_TAKEN = (409, "Username taken")
    ALREADY_LINKED = (409, "Account already linked")
    AUTHORIZATION_REVOKED = (409, "Authorization revoked")
    # TikTok accounts in a BC, assignments
    SCOPE_NOT_AUTHORIZED = (403, "Scope not authorized")
    MEMBER_NOT_FOUND = (422, "Member not found")
    ROLE_OUTSIDE_SCOPE = (409, "Role outside the authorized scopes")
    # Spark Ads: a refused Spark Ad is 403 with the first reason as its code
    AD_ACCOUNT_ROLE_REQUIRED = (403, "Ad account role required")
    TIKTOK_ACCOUNT_NOT_ASSIGNED = (403, "TikTok account not assigned")
    VIDEO_NOT_FOUND = (403, "Video not found")
    VIDEO_NOT_PUBLIC = (403, "Video not public")
    VIDEO_NOT_AD_AUTHORIZED = (403, "Video not ad-authorized")
    LIVE_NOT_FOUND = (403, "LIVE not found")
    LIVE_NOT_ACTIVE = (403, "LIVE not active")

    @property
    def status(self) -> int:
        return self.value[0]

    @property
    def title(self) -> str:
        return self.value[1]


class AppError(Exception):
    """A refusal the client can act on, rendered as problem+json."""

    def __init__(
        self,
        code: ErrorCode,
        detail: str,
        *,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        # A few codes answer with another status in one place (SPEC section 6:
        # reading through a revoked authorization is 403, changing it is 409).
        self.status = status or code.status
        self.headers = headers or {}
        self.extra = extra or {}


def not_found(what: str = "Resource") -> AppError:
    return AppError(ErrorCode.NOT_FOUND, f"{what} not found.")


def forbidden(detail: str = "Your role does not allow this.") -> AppError:
    return AppError(ErrorCode.FORBIDDEN, detail)
