"""Bearer tokens and QR codes: random or derived secrets, stored only as digests."""

import base64
import hashlib
import hmac
import secrets
from enum import StrEnum

TOKEN_BYTES = 32  # 256 random bits, well over the SPEC's 128


class TokenKind(StrEnum):
    """The prefix tells a user token from an owner token at a glance (and in leak scanners)."""

    USER = "bctu"
    OWNER = "bcto"


def new_token(kind: TokenKind) -> str:
    return f"{kind}_{secrets.token_urlsafe(TOKEN_BYTES)}"


def token_digest(token: str) -> str:
    """SHA-256 of a high-entropy token: all that is stored, and what lookups use."""
    return hashlib.sha256(token.encode()).hexdigest()


class QrCodes:
    """Single-use QR codes derived from the access request's id under SECRET_KEY.

    The code is an HMAC, so it is unguessable and a copy of the database (which
    holds only the code's SHA-256) yields no usable code.
    """

    def __init__(self, secret_key: str, public_base_url: str) -> None:
        self._key = hashlib.sha256(b"qr-code:" + secret_key.encode()).digest()
        self._base_url = public_base_url.rstrip("/")

    def code_for(self, access_request_id: str) -> str:
        mac = hmac.digest(self._key, access_request_id.encode(), "sha256")  # one C call
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def url_for(self, access_request_id: str) -> str:
        return f"{self._base_url}/v1/qr/{self.code_for(access_request_id)}"

    @staticmethod
    def digest(code: str) -> str:
        return token_digest(code)

    @staticmethod
    def is_well_formed(code: str) -> bool:
        return len(code) == 43 and all(c.isascii() and (c.isalnum() or c in "-_") for c in code)
