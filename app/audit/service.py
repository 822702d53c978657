"""Writing the audit log: called by every service that changes something of a BC."""

from dataclasses import dataclass
from typing import Any

from app.audit import repository
from app.audit.models import AuditEvent
from app.audit.schemas import AuditEventRead
from app.business_centers import policy
from app.core.context import Context
from app.core.db import Fetch
from app.core.enums import ActorType
from app.core.pagination import Page, PageRequest
from app.users.principal import UserPrincipal


@dataclass(frozen=True, slots=True)
class Actor:
    type: ActorType
    id: str | None

    @classmethod
    def user(cls, user_id: str) -> "Actor":
        return cls(ActorType.USER, user_id)

    @classmethod
    def owner(cls, tiktok_account_id: str) -> "Actor":
        return cls(ActorType.OWNER, tiktok_account_id)


def record(
    ctx: Context,
    *,
    business_center_id: str,
    actor: Actor,
    action: str,
    target_type: str,
    target_id: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one event to the change's own transaction: it commits with the change or not at all."""
    ctx.session.add(
        AuditEvent(
            business_center_id=business_center_id,
            at=ctx.now(),
            actor_type=actor.type,
            actor_id=actor.id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            detail=detail or {},
        )
    )


async def list_events(
    fetch: Fetch, user: UserPrincipal, business_center_id: str, page: PageRequest
) -> Page[AuditEventRead]:
    """Agencies page through long logs: one statement, which the route runs outside any unit
    of work (`Database.fetch`)."""
    role, events = await repository.page(fetch, user.id, business_center_id, page)
    policy.require_admin_role(role)
    return page.page(events, AuditEventRead.model_validate, key=lambda event: event.id)
