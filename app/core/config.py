"""Settings, read once from the environment (SPEC section 10)."""

from functools import lru_cache
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.db import EngineOptions, check_database_url, is_sqlite
from app.core.logging import LogFormat, LogLevel

# Only ever used when SECRET_KEY is not set; the app warns at start-up.
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-do-not-use-in-production"  # noqa: S105


class Settings(BaseSettings):
    # A setting's value is never repeated in an error: DATABASE_URL may hold a password.
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", hide_input_in_errors=True)

    environment: Literal["development", "production"] = "development"
    database_url: Annotated[str, AfterValidator(check_database_url)] = (
        "sqlite:///./bc_tiktok_access.db"
    )
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET_KEY)
    public_base_url: str = "http://localhost:8000"
    qr_code_ttl_seconds: int = Field(default=604_800, gt=0)
    allow_signup: bool = True
    max_bcs_per_tiktok_account: int = Field(default=800, gt=0)
    max_tiktok_accounts_per_bc: int = Field(default=800, gt=0)
    # Logs on stderr: one JSON line per request and per record (`text` for a terminal).
    log_level: LogLevel = "INFO"
    log_format: LogFormat = "json"
    # The connection pool and its limits (PostgreSQL; SQLite needs none of them).
    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    db_pool_timeout_seconds: float = Field(default=10, gt=0)
    db_connect_timeout_seconds: int = Field(default=5, ge=1)
    db_statement_timeout_ms: int = Field(default=10_000, ge=0)  # 0: no limit
    # A transaction-mode pooler (PgBouncer) sits between the service and PostgreSQL: no
    # prepared statement outlives a transaction, statement_timeout is set per transaction.
    db_transaction_pooler: bool = False
    # How often a unit of work that lost a serialization race or a deadlock is run again.
    db_retry_attempts: int = Field(default=3, ge=1)
    # Abuse limits.
    max_request_body_bytes: int = Field(default=64 * 1024, ge=1024)
    qr_failure_window_seconds: int = Field(default=900, gt=0)
    qr_failures_per_owner: int = Field(default=10, gt=0)
    qr_failures_per_address: int = Field(default=50, gt=0)
    idempotency_key_ttl_seconds: int = Field(default=24 * 3600, gt=0)
    # The proxies whose X-Forwarded-For names the client (uvicorn reads the same variable):
    # comma-separated addresses or networks, `*` for any. The per-address QR limit keys on it.
    forwarded_allow_ips: str = "127.0.0.1"
    # When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`.
    metrics_token: SecretStr | None = None
    # Webhooks: signed event POSTs to each BC's registered URLs (app/webhooks).
    # Development only: also allow plain http and loopback, private and reserved addresses.
    webhooks_allow_private: bool = False
    # Run the background sender in this process (turn it off on replicas that should not send).
    webhooks_dispatcher: bool = True
    webhooks_poll_interval_seconds: float = Field(default=0.5, gt=0)
    webhooks_timeout_seconds: float = Field(default=5, gt=0)
    webhooks_max_attempts: int = Field(default=10, ge=1)
    # Retry n waits base * 2**(n-1): 1 s, 2 s, 4 s... by default.
    webhooks_backoff_base_seconds: float = Field(default=1, gt=0)
    max_webhooks_per_bc: int = Field(default=10, gt=0)

    @model_validator(mode="after")
    def _production_needs_a_secret(self) -> Self:
        if self.environment == "production":
            secret = self.secret_key.get_secret_value()
            if secret == DEVELOPMENT_SECRET_KEY or len(secret) < 32:
                raise ValueError(
                    "ENVIRONMENT=production needs SECRET_KEY: at least 32 random characters"
                )
        return self

    @model_validator(mode="after")
    def _production_sends_webhooks_to_public_https_only(self) -> Self:
        if self.environment == "production" and self.webhooks_allow_private:
            raise ValueError("WEBHOOKS_ALLOW_PRIVATE is for development: not with production")
        return self

    @model_validator(mode="after")
    def _a_pooler_stands_before_postgresql(self) -> Self:
        if self.db_transaction_pooler and is_sqlite(self.database_url):
            raise ValueError("DB_TRANSACTION_POOLER is for PostgreSQL behind PgBouncer, not SQLite")
        return self

    @property
    def engine_options(self) -> EngineOptions:
        return EngineOptions(
            pool_size=self.db_pool_size,
            max_overflow=self.db_max_overflow,
            pool_timeout_seconds=self.db_pool_timeout_seconds,
            connect_timeout_seconds=self.db_connect_timeout_seconds,
            statement_timeout_ms=self.db_statement_timeout_ms,
            transaction_pooler=self.db_transaction_pooler,
        )

    @property
    def uses_development_secret(self) -> bool:
        return self.secret_key.get_secret_value() == DEVELOPMENT_SECRET_KEY


@lru_cache
def get_settings() -> Settings:
    return Settings()
