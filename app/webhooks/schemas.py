from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from app.core.schemas import InputModel, OutputModel
from app.webhooks.models import URL_MAX_LENGTH, DeliveryOutcome, WebhookEventType

WebhookUrl = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=URL_MAX_LENGTH, pattern=r"^[!-~]+$"
    ),
]


class WebhookCreate(InputModel):
    url: WebhookUrl = Field(
        description="Where to POST the events: an `https` URL whose host is, and resolves to, "
        "a public address.",
        examples=["https://hooks.acme.example/tiktok-access"],
    )


class WebhookRead(OutputModel):
    id: str
    business_center_id: str
    url: str
    created_at: datetime


class WebhookCreated(WebhookRead):
    secret: str = Field(
        description="The signing secret, shown this once: keep it to check `X-Webhook-Signature`.",
        examples=["whsec_4q0Lr2V7Xc9yJb8mTt1kZp3sNw6eHd5aFg0uIoQy2Rk"],
    )


class DeliveryRead(OutputModel):
    id: str
    webhook_id: str
    event_id: str = Field(description="The event's `id`, also sent as `X-Webhook-Id`.")
    event_type: WebhookEventType
    attempt: int = Field(description="1 for the first attempt at this event, then 2, 3...")
    status_code: int | None = Field(description="The receiver's HTTP status, if it answered.")
    error: str | None = Field(description="Why no answer came (timeout, refused address...).")
    outcome: DeliveryOutcome
    duration_ms: int
    at: datetime


class WebhookEvent(OutputModel):
    """The JSON body of every delivery."""

    id: str
    type: WebhookEventType
    occurred_at: datetime
    business_center_id: str
    data: dict[str, Any]
