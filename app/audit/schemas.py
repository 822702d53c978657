from datetime import datetime
from typing import Any

from app.core.enums import ActorType
from app.core.schemas import OutputModel


class AuditEventRead(OutputModel):
    id: str
    at: datetime
    actor_type: ActorType
    actor_id: str | None
    action: str
    target_type: str
    target_id: str
    detail: dict[str, Any]
