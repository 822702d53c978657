from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEvent
from app.core.pagination import PageRequest


def page(session: Session, business_center_id: str, page: PageRequest) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(AuditEvent.business_center_id == business_center_id)
    return list(session.scalars(page.apply(stmt, AuditEvent.id)))
