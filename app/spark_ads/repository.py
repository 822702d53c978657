import json
from dataclasses import dataclass

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from app.assignments.models import Assignment
from app.authorizations.models import Authorization
from app.business_centers.models import AdAccount, AdAccountMember, Member
from app.core.db import Rows, Statement
from app.core.enums import (
    AdAccountRole,
    AssignmentRole,
    AuthorizationStatus,
    BcRole,
    IdentityType,
    LiveStatus,
    Scope,
    SparkAdStatus,
    Visibility,
)
from app.core.pagination import PageRequest
from app.spark_ads.eligibility import BcPath, LiveFacts, VideoFacts
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


# Every fact of one eligibility decision, in one statement: one round trip, and one snapshot
# of the database, so the facts agree with each other even while a revocation commits.
# Each branch gives one kind of fact (`fact`) and up to five text values. BcRole.ADMIN and
# AuthorizationStatus.ACTIVE are written in, not bound: SQLite runs `status = 'ACTIVE'`
# several times faster than `status = ?` here (78 against 12 us in all).
_ELIGIBILITY_FACTS = Statement("""
SELECT 'ad_account' AS fact, a.business_center_id AS v1, m.role AS v2, am.role AS v3,
       NULL AS v4, NULL AS v5
FROM ad_accounts AS a
LEFT JOIN members AS m ON m.business_center_id = a.business_center_id AND m.user_id = :user_id
LEFT JOIN ad_account_members AS am ON am.ad_account_id = a.id AND am.member_id = m.id
WHERE a.id = :ad_account_id
UNION ALL
SELECT 'bc_path', au.business_center_id, au.id, au.status, CAST(au.scopes AS TEXT),
       CAST(s.roles AS TEXT)
FROM members AS m
JOIN authorizations AS au
  ON au.business_center_id = m.business_center_id AND au.tiktok_account_id = :tiktok_account_id
LEFT JOIN assignments AS s ON s.authorization_id = au.id AND s.member_id = m.id
WHERE m.user_id = :user_id
  AND (m.role = 'ADMIN' OR s.id IS NOT NULL)
  AND NOT EXISTS (
    SELECT 1 FROM authorizations AS newer
    WHERE newer.business_center_id = au.business_center_id
      AND newer.tiktok_account_id = au.tiktok_account_id
      AND newer.id > au.id)
UNION ALL
SELECT 'linked', NULL, NULL, NULL, NULL, NULL
FROM account_links
WHERE tiktok_account_id = :tiktok_account_id AND user_id = :user_id
UNION ALL
SELECT 'held', NULL, NULL, NULL, NULL, NULL
WHERE EXISTS (
  SELECT 1 FROM authorizations AS au
  JOIN members AS m ON m.business_center_id = au.business_center_id
  WHERE m.user_id = :user_id AND au.tiktok_account_id = :tiktok_account_id
    AND au.status = 'ACTIVE')
UNION ALL
SELECT 'video', visibility, CASE WHEN ad_authorization THEN 'true' ELSE 'false' END, NULL,
       NULL, NULL
FROM videos
WHERE id = :video_id AND tiktok_account_id = :tiktok_account_id
UNION ALL
SELECT 'live', status, NULL, NULL, NULL, NULL
FROM lives
WHERE id = :live_id AND tiktok_account_id = :tiktok_account_id
""")


@dataclass(frozen=True, slots=True)
class StoredFacts:
    """What the database says about one eligibility question."""

    ad_account_business_center_id: str | None  # None: no such ad account
    bc_role: BcRole | None  # the caller's role in the ad account's BC
    ad_role: AdAccountRole | None  # the caller's role on the ad account
    bc_paths: list[BcPath]  # the caller's BCs' current authorizations it may use
    linked: bool
    held: bool  # one of the caller's BCs holds an ACTIVE authorization for the account
    video: VideoFacts | None
    live: LiveFacts | None


def eligibility_facts(
    rows: Rows,
    user_id: str,
    ad_account_id: str,
    tiktok_account_id: str,
    video_id: str | None,
    live_id: str | None,
) -> StoredFacts:
    """A BC path counts when the user is assigned on the authorization or admins its BC; only
    a BC's current (latest) authorization for the account counts."""
    found = rows(
        _ELIGIBILITY_FACTS,
        {
            "user_id": user_id,
            "ad_account_id": ad_account_id,
            "tiktok_account_id": tiktok_account_id,
            "video_id": video_id,
            "live_id": live_id,
        },
    )
    ad_account: tuple[str, BcRole | None, AdAccountRole | None] | None = None
    paths = []
    linked = held = False
    video = live = None
    for fact, v1, v2, v3, v4, v5 in found:
        if fact == "ad_account":
            ad_account = (v1, BcRole(v2) if v2 else None, AdAccountRole(v3) if v3 else None)
        elif fact == "bc_path":
            paths.append(
                BcPath(
                    business_center_id=v1,
                    authorization_id=v2,
                    active=v3 == AuthorizationStatus.ACTIVE,
                    scopes=[Scope(scope) for scope in json.loads(v4)],
                    roles=[AssignmentRole(role) for role in json.loads(v5)] if v5 else [],
                )
            )
        elif fact == "linked":
            linked = True
        elif fact == "held":
            held = True
        elif fact == "video":
            video = VideoFacts(Visibility(v1), v2 == "true")
        else:
            live = LiveFacts(LiveStatus(v1))
    return StoredFacts(
        ad_account_business_center_id=ad_account[0] if ad_account else None,
        bc_role=ad_account[1] if ad_account else None,
        ad_role=ad_account[2] if ad_account else None,
        bc_paths=paths,
        linked=linked,
        held=held,
        video=video,
        live=live,
    )


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
