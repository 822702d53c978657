import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.db import Fetch, utc_from_driver
from app.core.enums import ActorType, BcRole
from app.core.pagination import PageRequest, PageStatement, fetch_guarded_page

# The caller's role in the BC (no row: not a member) and, for an admin, a page of the BC's
# events: one statement, the page taken from the index (business_center_id, id) at the cursor.
_PAGE = PageStatement(
    """
SELECT me.role, e.id, e.at, e.actor_type, e.actor_id, e.action, e.target_type, e.target_id,
       e.detail
FROM members AS me
LEFT JOIN (
  SELECT id, at, actor_type, actor_id, action, target_type, target_id,
         CAST(detail AS TEXT) AS detail
  FROM audit_events
  WHERE business_center_id = :business_center_id {after}
  ORDER BY id DESC
  LIMIT :limit
) AS e ON me.role = 'ADMIN'
WHERE me.business_center_id = :business_center_id AND me.user_id = :user_id
ORDER BY e.id DESC
""",
    "id",
)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: str
    at: datetime
    actor_type: ActorType
    actor_id: str | None
    action: str
    target_type: str
    target_id: str
    detail: dict[str, Any]


async def page(
    fetch: Fetch, user_id: str, business_center_id: str, page: PageRequest
) -> tuple[BcRole | None, list[StoredEvent]]:
    """The caller's role in the BC (None: not a member) and, for an admin, the page's events."""
    found = await fetch_guarded_page(
        fetch, _PAGE, page, {"user_id": user_id, "business_center_id": business_center_id}
    )
    if found is None:
        return None, []
    (role,), rows = found
    events = [
        StoredEvent(
            id=event_id,
            at=utc_from_driver(at),
            actor_type=ActorType(actor_type),
            actor_id=actor_id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            detail=json.loads(detail),
        )
        for event_id, at, actor_type, actor_id, action, target_type, target_id, detail in rows
    ]
    return BcRole(role), events
