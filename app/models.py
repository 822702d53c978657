"""Every table, imported in one place for Alembic's autogenerate and `alembic check`."""

from app.access_requests.models import AccessRequest
from app.assignments.models import Assignment
from app.audit.models import AuditEvent
from app.authorizations.models import Authorization
from app.business_centers.models import AdAccount, AdAccountMember, BusinessCenter, Member
from app.core.db import Base
from app.idempotency.models import IdempotencyRecord
from app.rate_limits.models import RateLimitCounter
from app.spark_ads.models import SparkAd
from app.tiktok_app.models import AccountLink, Live, Showcase, TikTokAccount, Video
from app.users.models import User
from app.webhooks.models import Webhook, WebhookDelivery, WebhookOutbox

__all__ = [
    "AccessRequest",
    "AccountLink",
    "AdAccount",
    "AdAccountMember",
    "Assignment",
    "AuditEvent",
    "Authorization",
    "Base",
    "BusinessCenter",
    "IdempotencyRecord",
    "Live",
    "Member",
    "RateLimitCounter",
    "Showcase",
    "SparkAd",
    "TikTokAccount",
    "User",
    "Video",
    "Webhook",
    "WebhookDelivery",
    "WebhookOutbox",
]
