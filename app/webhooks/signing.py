"""Signing secrets: made, kept encrypted under SECRET_KEY, and used to sign each delivery.

The receiver checks `X-Webhook-Signature: sha256=<hex>`, the HMAC-SHA256 under the secret of
`"{X-Webhook-Timestamp}.{body}"`, compares it in constant time, and refuses an old timestamp.
"""

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet

SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)
SIGNATURE_SCHEME = "sha256"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The value of the `X-Webhook-Signature` header."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"{SIGNATURE_SCHEME}={mac.hexdigest()}"


class SecretBox:
    """Encrypts the signing secrets at rest under a key derived from SECRET_KEY."""

    def __init__(self, secret_key: str) -> None:
        key = hashlib.sha256(b"webhook-secrets:" + secret_key.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, secret: str) -> bytes:
        return self._fernet.encrypt(secret.encode())

    def open(self, sealed: bytes) -> str:
        return self._fernet.decrypt(sealed).decode()
