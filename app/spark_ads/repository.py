from sqlalchemy import and_, exists, select, update
from sqlalchemy.orm import Session, aliased

from app.assignments.models import Assignment
from app.authorizations.models import Authorization
from app.business_centers.models import AdAccount, AdAccountMember, Member
from app.core.enums import (
    AdAccountRole,
    AuthorizationStatus,
    BcRole,
    IdentityType,
    SparkAdStatus,
)
from app.core.pagination import PageRequest
from app.spark_ads.models import SparkAd
from app.tiktok_app.models import AccountLink, TikTokAccount

_ACTIVE = SparkAd.status == SparkAdStatus.ACTIVE


def _pause(session: Session, *conditions: object) -> list[tuple[str, str]]:
    """Pause the matching ACTIVE ads; (ad id, its ad account's BC id) of each."""
    paused = session.execute(
        update(SparkAd)
        .where(_ACTIVE, *conditions)  # type: ignore[arg-type]
        .values(status=SparkAdStatus.PAUSED)
        .returning(SparkAd.id, SparkAd.ad_account_id)
    ).all()
    if not paused:
        return []
    business_center_of = dict(
        session.execute(
            select(AdAccount.id, AdAccount.business_center_id).where(
                AdAccount.id.in_({ad_account_id for _, ad_account_id in paused})
            )
        ).all()
    )
    return [(ad_id, business_center_of[ad_account_id]) for ad_id, ad_account_id in paused]


def pause_for_authorization(session: Session, authorization_id: str) -> list[tuple[str, str]]:
    return _pause(session, SparkAd.authorization_id == authorization_id)


def pause_for_link(session: Session, tiktok_account_id: str, user_id: str) -> list[tuple[str, str]]:
    return _pause(
        session,
        SparkAd.identity_type == IdentityType.TT_USER,
        SparkAd.identity_id == tiktok_account_id,
        SparkAd.created_by_user_id == user_id,
    )


def page(session: Session, ad_account_id: str, page: PageRequest) -> list[SparkAd]:
    stmt = select(SparkAd).where(SparkAd.ad_account_id == ad_account_id)
    return list(session.scalars(page.apply(stmt, SparkAd.id)))


def ad_account_for_user(
    session: Session, ad_account_id: str, user_id: str
) -> tuple[AdAccount, BcRole | None, AdAccountRole | None] | None:
    """The ad account, the caller's role in its BC and its role on the ad account itself."""
    row = session.execute(
        select(AdAccount, Member.role, AdAccountMember.role)
        .outerjoin(
            Member,
            and_(
                Member.business_center_id == AdAccount.business_center_id, Member.user_id == user_id
            ),
        )
        .outerjoin(
            AdAccountMember,
            and_(
                AdAccountMember.ad_account_id == AdAccount.id,
                AdAccountMember.member_id == Member.id,
            ),
        )
        .where(AdAccount.id == ad_account_id)
    ).one_or_none()
    return None if row is None else (row[0], row[1], row[2])


def bc_paths(
    session: Session, user_id: str, tiktok_account_id: str
) -> list[tuple[Member, Authorization, Assignment | None]]:
    """The user's BCs' current authorizations for a TikTok account, with its assignment; an
    authorization counts when the user is assigned on it or admins its BC."""
    newer = aliased(Authorization)
    is_current = ~exists().where(
        newer.business_center_id == Authorization.business_center_id,
        newer.tiktok_account_id == Authorization.tiktok_account_id,
        newer.id > Authorization.id,
    )
    stmt = (
        select(Member, Authorization, Assignment)
        .join(Authorization, Authorization.business_center_id == Member.business_center_id)
        .outerjoin(
            Assignment,
            and_(
                Assignment.authorization_id == Authorization.id, Assignment.member_id == Member.id
            ),
        )
        .where(
            Member.user_id == user_id,
            Authorization.tiktok_account_id == tiktok_account_id,
            (Member.role == BcRole.ADMIN) | Assignment.id.is_not(None),
            is_current,
        )
    )
    return [(m, a, s) for m, a, s in session.execute(stmt.order_by(Authorization.id))]


def business_center_holds(session: Session, user_id: str, tiktok_account_id: str) -> bool:
    """One of the user's BCs holds an ACTIVE authorization for the account."""
    stmt = (
        select(Authorization.id)
        .join(Member, Member.business_center_id == Authorization.business_center_id)
        .where(
            Member.user_id == user_id,
            Authorization.tiktok_account_id == tiktok_account_id,
            Authorization.status == AuthorizationStatus.ACTIVE,
        )
        .limit(1)
    )
    return session.scalar(stmt) is not None


def assigned_accounts(
    session: Session, user_id: str
) -> list[tuple[Authorization, Assignment, TikTokAccount]]:
    """The accounts the user is assigned to on ACTIVE authorizations, newest assignment first."""
    stmt = (
        select(Authorization, Assignment, TikTokAccount)
        .join(Assignment, Assignment.authorization_id == Authorization.id)
        .join(Member, Member.id == Assignment.member_id)
        .join(TikTokAccount, TikTokAccount.id == Authorization.tiktok_account_id)
        .where(Member.user_id == user_id, Authorization.status == AuthorizationStatus.ACTIVE)
        .order_by(Assignment.id.desc())
    )
    return [(a, s, t) for a, s, t in session.execute(stmt)]


def linked_accounts(session: Session, user_id: str) -> list[tuple[str, TikTokAccount]]:
    """(link id, account) of the user's account links, newest first."""
    stmt = (
        select(AccountLink.id, TikTokAccount)
        .join(TikTokAccount, TikTokAccount.id == AccountLink.tiktok_account_id)
        .where(AccountLink.user_id == user_id)
        .order_by(AccountLink.id.desc())
    )
    return [(link_id, account) for link_id, account in session.execute(stmt)]


def link_exists(
    session: Session, tiktok_account_id: str, user_id: str, *, lock: bool = False
) -> bool:
    """`lock` holds the link (shared) so an unlink waits until the caller commits."""
    stmt = select(AccountLink.id).where(
        AccountLink.tiktok_account_id == tiktok_account_id, AccountLink.user_id == user_id
    )
    if lock:
        stmt = stmt.with_for_update(read=True)
    return session.scalar(stmt) is not None
