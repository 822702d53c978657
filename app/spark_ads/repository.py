import functools
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.business_centers.models import AdAccount
from app.core.db import Fetch, Statement, utc_from_driver
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
from app.core.pagination import PageRequest, PageStatement, fetch_guarded_page
from app.spark_ads.eligibility import BcPath, LiveFacts, VideoFacts
from app.spark_ads.models import SparkAd
from app.tiktok_app.models import AccountLink

_ACTIVE = SparkAd.status == SparkAdStatus.ACTIVE


async def _pause(session: AsyncSession, *conditions: object) -> list[tuple[str, str]]:
    """Pause the matching ACTIVE ads; (ad id, its ad account's BC id) of each."""
    paused = (
        await session.execute(
            update(SparkAd)
            .where(_ACTIVE, *conditions)  # type: ignore[arg-type]
            .values(status=SparkAdStatus.PAUSED)
            .returning(SparkAd.id, SparkAd.ad_account_id)
        )
    ).all()
    if not paused:
        return []
    business_center_of = dict(
        (
            await session.execute(
                select(AdAccount.id, AdAccount.business_center_id).where(
                    AdAccount.id.in_({ad_account_id for _, ad_account_id in paused})
                )
            )
        ).all()
    )
    return [(ad_id, business_center_of[ad_account_id]) for ad_id, ad_account_id in paused]


async def pause_for_authorization(
    session: AsyncSession, authorization_id: str
) -> list[tuple[str, str]]:
    return await _pause(session, SparkAd.authorization_id == authorization_id)


async def pause_for_link(
    session: AsyncSession, tiktok_account_id: str, user_id: str
) -> list[tuple[str, str]]:
    return await _pause(
        session,
        SparkAd.identity_type == IdentityType.TT_USER,
        SparkAd.identity_id == tiktok_account_id,
        SparkAd.created_by_user_id == user_id,
    )


# The ad account's BC, the caller's role in that BC and the caller's role on the ad account
# (no row: no such ad account). A part of the statements below, written once.
_AD_ACCOUNT_ROLES = """
SELECT a.business_center_id AS bc_id, m.role AS bc_role, am.role AS ad_role
FROM ad_accounts AS a
LEFT JOIN members AS m ON m.business_center_id = a.business_center_id AND m.user_id = :user_id
LEFT JOIN ad_account_members AS am ON am.ad_account_id = a.id AND am.member_id = m.id
WHERE a.id = :ad_account_id
"""


@dataclass(frozen=True, slots=True)
class AdAccountRoles:
    business_center_id: str
    bc_role: BcRole | None  # the caller's role in the ad account's BC
    ad_role: AdAccountRole | None  # the caller's role on the ad account


def _ad_account_roles(bc_id: str, bc_role: str | None, ad_role: str | None) -> AdAccountRoles:
    return AdAccountRoles(
        business_center_id=bc_id,
        bc_role=BcRole(bc_role) if bc_role else None,
        ad_role=AdAccountRole(ad_role) if ad_role else None,
    )


def _bc_path(
    business_center_id: str,
    authorization_id: str,
    active: bool,
    scopes_json: str,
    roles_json: str | None,  # None: the caller is not assigned (it admins the BC)
) -> BcPath:
    return BcPath(
        business_center_id=business_center_id,
        authorization_id=authorization_id,
        active=active,
        scopes=_scopes(scopes_json),
        roles=_roles(roles_json) if roles_json else (),
    )


# The JSON lists of scopes and roles as stored: a handful of distinct values, which every row of
# a list (identities, a batch) decodes again.
@functools.lru_cache(maxsize=64)
def _scopes(scopes_json: str) -> tuple[Scope, ...]:
    return tuple(Scope(scope) for scope in json.loads(scopes_json))


@functools.lru_cache(maxsize=64)
def _roles(roles_json: str) -> tuple[AssignmentRole, ...]:
    return tuple(AssignmentRole(role) for role in json.loads(roles_json))


def _bc_paths(account: str, key: str = "") -> str:
    """The branch of the statements below that reads the caller's BC paths: its BCs' current
    (latest) authorizations for the TikTok account that it may use (it is assigned on one, or
    admins its BC). `account` is the condition on the account's id (`= :tiktok_account_id`, or
    `IN (...)` for a batch); `key` the columns that come before the facts' (a batch's account
    and content ids). The rule is written once, for every statement that decides eligibility."""
    return f"""
SELECT 'bc_path', {key}au.business_center_id, au.id, au.status, CAST(au.scopes AS TEXT),
       CAST(s.roles AS TEXT)
FROM members AS m
JOIN authorizations AS au
  ON au.business_center_id = m.business_center_id AND au.tiktok_account_id {account}
LEFT JOIN assignments AS s ON s.authorization_id = au.id AND s.member_id = m.id
WHERE m.user_id = :user_id
  AND (m.role = 'ADMIN' OR s.id IS NOT NULL)
  AND NOT EXISTS (
    SELECT 1 FROM authorizations AS newer
    WHERE newer.business_center_id = au.business_center_id
      AND newer.tiktok_account_id = au.tiktok_account_id
      AND newer.id > au.id)
"""  # noqa: S608 (constant SQL: only our own conditions are written in)


_BC_PATHS = _bc_paths("= :tiktok_account_id")

# Every fact of one eligibility decision, in one statement: one round trip, and one snapshot
# of the database, so the facts agree with each other even while a revocation commits.
# Each branch gives one kind of fact (`fact`) and up to five text values. BcRole.ADMIN and
# AuthorizationStatus.ACTIVE are written in, not bound: SQLite runs `status = 'ACTIVE'`
# several times faster than `status = ?` here (78 against 12 us in all).
_ELIGIBILITY_FACTS = Statement(
    """
SELECT 'ad_account' AS fact, bc_id AS v1, bc_role AS v2, ad_role AS v3, NULL AS v4, NULL AS v5
FROM ("""  # noqa: S608 (constant SQL: no input is written in)
    + _AD_ACCOUNT_ROLES
    + """) AS ad_account
UNION ALL"""
    + _BC_PATHS
    + """UNION ALL
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
"""
)


# Content facts as the statements below give them (visibility or status, and the ad
# authorization as 'true' or 'false'), decoded once: they are few, and a batch reads 100.
_VIDEO_FACTS = {
    (visibility.value, flag): VideoFacts(visibility, flag == "true")
    for visibility in Visibility
    for flag in ("true", "false")
}
_LIVE_FACTS = {status.value: LiveFacts(status) for status in LiveStatus}


def _video_facts(visibility: str, ad_authorization: str) -> VideoFacts:
    return _VIDEO_FACTS[visibility, ad_authorization]


@dataclass(frozen=True, slots=True)
class StoredFacts:
    """What the database says about one eligibility question."""

    ad_account: AdAccountRoles | None  # None: no such ad account
    bc_paths: list[BcPath]  # the caller's BCs' current authorizations it may use
    linked: bool
    held: bool  # one of the caller's BCs holds an ACTIVE authorization for the account
    video: VideoFacts | None
    live: LiveFacts | None


async def eligibility_facts(
    fetch: Fetch,
    user_id: str,
    ad_account_id: str,
    tiktok_account_id: str,
    video_id: str | None,
    live_id: str | None,
) -> StoredFacts:
    """A BC path counts when the user is assigned on the authorization or admins its BC; only
    a BC's current (latest) authorization for the account counts."""
    found = await fetch(
        _ELIGIBILITY_FACTS,
        {
            "user_id": user_id,
            "ad_account_id": ad_account_id,
            "tiktok_account_id": tiktok_account_id,
            "video_id": video_id,
            "live_id": live_id,
        },
    )
    ad_account = None
    paths = []
    linked = held = False
    video = live = None
    for fact, v1, v2, v3, v4, v5 in found:
        if fact == "ad_account":
            ad_account = _ad_account_roles(v1, v2, v3)
        elif fact == "bc_path":
            paths.append(_bc_path(v1, v2, v3 == AuthorizationStatus.ACTIVE, v4, v5))
        elif fact == "linked":
            linked = True
        elif fact == "held":
            held = True
        elif fact == "video":
            video = _video_facts(v1, v2)
        else:
            live = _LIVE_FACTS[v1]
    return StoredFacts(
        ad_account=ad_account,
        bc_paths=paths,
        linked=linked,
        held=held,
        video=video,
        live=live,
    )


@dataclass(frozen=True, slots=True)
class CheckIds:
    """What one check of a batch asks about."""

    tiktok_account_id: str
    video_id: str | None
    live_id: str | None


def _padded(count: int) -> int:
    """The number of VALUES rows a list of `count` ids is bound as: the next power of two, so
    that a handful of statement texts serve every batch (each kept prepared by the driver); the
    rows past the ids are NULLs, which match nothing."""
    size = 1
    while size < count:
        size *= 2
    return size


@functools.cache
def _batch_facts(accounts: int, contents: int) -> Statement:
    """The facts of every check of a batch, in one statement: one round trip and one snapshot,
    so a revocation that commits while a batch is read is in every answer or in none. The
    branches of `_ELIGIBILITY_FACTS`, each over all the checks at once: the batch's distinct
    TikTok accounts (`:a0`, `:a1`, ...) and its distinct video and LIVE ids (`:c0`, ...), bound
    as two VALUES lists; each fact says which account (and content) it is about. Distinct ids,
    not a row per check: a batch is mostly one account's videos, and binding costs SQLite's
    driver more than linear time in the number of named parameters (100 checks as three
    parameters each took 383 us of CPU, as one id each 170 us)."""
    account_rows = ", ".join(f"(:a{i})" for i in range(accounts))
    content_rows = ", ".join(f"(:c{i})" for i in range(contents))
    return Statement(
        f"""
WITH accounts (id) AS (VALUES {account_rows}),
contents (id) AS (VALUES {content_rows})
SELECT 'ad_account' AS fact, NULL AS account_id, NULL AS content_id, bc_id AS v1,
       bc_role AS v2, ad_role AS v3, NULL AS v4, NULL AS v5
FROM ({_AD_ACCOUNT_ROLES}) AS ad_account
UNION ALL{_bc_paths("IN (SELECT id FROM accounts)", key="au.tiktok_account_id, NULL, ")}UNION ALL
SELECT 'linked', tiktok_account_id, NULL, NULL, NULL, NULL, NULL, NULL
FROM account_links
WHERE user_id = :user_id AND tiktok_account_id IN (SELECT id FROM accounts)
UNION ALL
SELECT 'held', au.tiktok_account_id, NULL, NULL, NULL, NULL, NULL, NULL
FROM authorizations AS au
JOIN members AS m ON m.business_center_id = au.business_center_id
WHERE m.user_id = :user_id AND au.status = 'ACTIVE'
  AND au.tiktok_account_id IN (SELECT id FROM accounts)
UNION ALL
SELECT 'video', tiktok_account_id, id, visibility,
       CASE WHEN ad_authorization THEN 'true' ELSE 'false' END, NULL, NULL, NULL
FROM videos
WHERE id IN (SELECT id FROM contents)
UNION ALL
SELECT 'live', tiktok_account_id, id, status, NULL, NULL, NULL, NULL
FROM lives
WHERE id IN (SELECT id FROM contents)
"""  # noqa: S608 (constant SQL: only parameter names are written in)
    )


def batch_statement(checks: Sequence[CheckIds]) -> tuple[Statement, dict[str, object]]:
    """The batch statement for these checks, and its parameters."""
    accounts = list(dict.fromkeys(check.tiktok_account_id for check in checks))
    contents = list(
        dict.fromkeys(
            content
            for check in checks
            for content in (check.video_id, check.live_id)
            if content is not None
        )
    )
    statement = _batch_facts(_padded(len(accounts)), _padded(len(contents)))
    params: dict[str, object] = dict.fromkeys(statement.names)
    params.update(
        {f"a{i}": account for i, account in enumerate(accounts)}
        | {f"c{i}": content for i, content in enumerate(contents)}
    )
    return statement, params


@dataclass(frozen=True, slots=True)
class BatchFacts:
    """What the database says about every check of a batch, by TikTok account and content."""

    ad_account: AdAccountRoles | None  # None: no such ad account
    bc_paths: dict[str, list[BcPath]]
    linked: set[str]
    held: set[str]
    videos: dict[tuple[str, str], VideoFacts]  # (account, video id) -> the video
    lives: dict[tuple[str, str], LiveFacts]

    def content(self, check: CheckIds) -> VideoFacts | LiveFacts | None:
        """The check's video (or LIVE), if it is one of the check's own TikTok account, as
        `eligibility_facts` reads it; None: not found there."""
        if check.video_id is not None:
            return self.videos.get((check.tiktok_account_id, check.video_id))
        if check.live_id is not None:
            return self.lives.get((check.tiktok_account_id, check.live_id))
        return None

    def of(self, check: CheckIds) -> StoredFacts:
        """The check's facts, as `eligibility_facts` gives them for it alone."""
        content = self.content(check)
        return StoredFacts(
            ad_account=self.ad_account,
            bc_paths=self.bc_paths.get(check.tiktok_account_id, []),
            linked=check.tiktok_account_id in self.linked,
            held=check.tiktok_account_id in self.held,
            video=content if isinstance(content, VideoFacts) else None,
            live=content if isinstance(content, LiveFacts) else None,
        )


async def batch_eligibility_facts(
    fetch: Fetch, user_id: str, ad_account_id: str, checks: Sequence[CheckIds]
) -> BatchFacts:
    """What the database says about all the checks, from one statement."""
    statement, params = batch_statement(checks)
    params.update(user_id=user_id, ad_account_id=ad_account_id)
    ad_account = None
    paths: dict[str, list[BcPath]] = defaultdict(list)
    linked: set[str] = set()
    held: set[str] = set()
    videos: dict[tuple[str, str], VideoFacts] = {}
    lives: dict[tuple[str, str], LiveFacts] = {}
    for fact, account_id, content_id, v1, v2, v3, v4, v5 in await fetch(statement, params):
        if fact == "ad_account":
            ad_account = _ad_account_roles(v1, v2, v3)
        elif fact == "bc_path":
            paths[account_id].append(_bc_path(v1, v2, v3 == AuthorizationStatus.ACTIVE, v4, v5))
        elif fact == "linked":
            linked.add(account_id)
        elif fact == "held":
            held.add(account_id)
        elif fact == "video":
            videos[account_id, content_id] = _video_facts(v1, v2)
        else:
            lives[account_id, content_id] = _LIVE_FACTS[v1]
    return BatchFacts(ad_account, dict(paths), linked, held, videos, lives)


# An identity's public videos, a page of them, and every fact their eligibility needs, in one
# statement (one snapshot): the caller's roles for the ad account; the identity, if the caller
# holds it as `GET /v1/identities` would list it (for BC_AUTH_TT: the BC's ACTIVE authorization
# for the account and the caller's assignment on it, with its scopes; for TT_USER: the caller's
# link); the caller's BC paths to the account (as eligibility reads them); and the page, taken
# from the index (tiktok_account_id, id) at the cursor, read only for a caller who sees the ad
# account and holds the identity. What eligibility reads besides (the link, `held`) follows from
# holding the identity, so it is not read again.
_IDENTITY_VIDEOS_PAGE = PageStatement(
    """
WITH ad_account AS ("""  # noqa: S608 (constant SQL: no input is written in)
    + _AD_ACCOUNT_ROLES
    + """), identity AS (
  SELECT au.id AS authorization_id, CAST(au.scopes AS TEXT) AS scopes
  FROM members AS m
  JOIN authorizations AS au
    ON au.business_center_id = m.business_center_id AND au.tiktok_account_id = :tiktok_account_id
  JOIN assignments AS s ON s.authorization_id = au.id AND s.member_id = m.id
  WHERE CAST(:identity_type AS TEXT) = 'BC_AUTH_TT' AND m.user_id = :user_id
    AND m.business_center_id = :identity_authorized_bc_id AND au.status = 'ACTIVE'
  UNION ALL
  SELECT NULL, NULL
  FROM account_links
  WHERE CAST(:identity_type AS TEXT) = 'TT_USER'
    AND tiktok_account_id = :tiktok_account_id AND user_id = :user_id
)
SELECT fact, v1, v2, v3, v4, v5, NULL AS caption, NULL AS ad_authorization, NULL AS created_at
FROM (
SELECT 'ad_account' AS fact, bc_id AS v1, bc_role AS v2, ad_role AS v3, NULL AS v4, NULL AS v5
FROM ad_account
UNION ALL
SELECT 'identity', authorization_id, scopes, NULL, NULL, NULL
FROM identity
UNION ALL"""
    + _BC_PATHS
    + """) AS facts
UNION ALL
SELECT 'video', id, NULL, NULL, NULL, NULL, caption, ad_authorization, created_at
FROM (
  SELECT id, caption, ad_authorization, created_at
  FROM videos
  WHERE tiktok_account_id = :tiktok_account_id AND visibility = 'PUBLIC'
    AND (CAST(:ad_enabled AS BOOLEAN) IS NULL
         OR ad_authorization = CAST(:ad_enabled AS BOOLEAN)) {after}
  ORDER BY id DESC
  LIMIT :limit
) AS page
WHERE EXISTS (SELECT 1 FROM identity)
  AND EXISTS (SELECT 1 FROM ad_account WHERE bc_role = 'ADMIN' OR ad_role IS NOT NULL)
""",
    "id",
)


@dataclass(frozen=True, slots=True)
class StoredVideo:
    id: str
    caption: str
    ad_authorization: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class IdentityVideos:
    ad_account: AdAccountRoles | None  # None: no such ad account
    # The scopes the identity brings; None: the caller does not hold it. A link brings every
    # permission on the account.
    scopes: list[Scope] | None
    bc_paths: list[BcPath]  # as eligibility reads them
    videos: list[StoredVideo]  # the page, newest first (empty unless the caller may read it)


async def identity_videos(
    fetch: Fetch,
    user_id: str,
    ad_account_id: str,
    tiktok_account_id: str,
    identity_type: IdentityType,
    identity_authorized_bc_id: str | None,
    ad_enabled: bool | None,
    page: PageRequest,
) -> IdentityVideos:
    statement, params = page.bind(
        _IDENTITY_VIDEOS_PAGE,
        {
            "user_id": user_id,
            "ad_account_id": ad_account_id,
            "tiktok_account_id": tiktok_account_id,
            "identity_type": identity_type.value,
            "identity_authorized_bc_id": identity_authorized_bc_id,
            "ad_enabled": ad_enabled,
        },
    )
    ad_account = None
    scopes: list[Scope] | None = None
    paths = []
    videos = []
    for fact, v1, v2, v3, v4, v5, caption, ad_authorization, created_at in await fetch(
        statement, params
    ):
        if fact == "ad_account":
            ad_account = _ad_account_roles(v1, v2, v3)
        elif fact == "identity":
            scopes = list(Scope) if v2 is None else [Scope(scope) for scope in json.loads(v2)]
        elif fact == "bc_path":
            paths.append(_bc_path(v1, v2, v3 == AuthorizationStatus.ACTIVE, v4, v5))
        else:
            videos.append(
                StoredVideo(v1, caption, bool(ad_authorization), utc_from_driver(created_at))
            )
    videos.sort(key=lambda video: video.id, reverse=True)
    return IdentityVideos(ad_account=ad_account, scopes=scopes, bc_paths=paths, videos=videos)


# Every identity of the caller, and its roles for the ad account, in one statement. A right's
# id is its assignment's or its link's: both are time-ordered, newest first.
_IDENTITIES = Statement(
    """
SELECT 'ad_account' AS source, NULL AS right_id, bc_id AS v1, bc_role AS v2, ad_role AS v3,
       NULL AS v4, NULL AS account_id, NULL AS username, NULL AS display_name
FROM ("""
    + _AD_ACCOUNT_ROLES
    + """) AS ad_account
UNION ALL
SELECT 'assignment', s.id, au.business_center_id, au.id, CAST(au.scopes AS TEXT),
       CAST(s.roles AS TEXT), t.id, t.username, t.display_name
FROM members AS m
JOIN assignments AS s ON s.member_id = m.id
JOIN authorizations AS au ON au.id = s.authorization_id
JOIN tiktok_accounts AS t ON t.id = au.tiktok_account_id
WHERE m.user_id = :user_id AND au.status = 'ACTIVE'
UNION ALL
SELECT 'link', l.id, NULL, NULL, NULL, NULL, t.id, t.username, t.display_name
FROM account_links AS l
JOIN tiktok_accounts AS t ON t.id = l.tiktok_account_id
WHERE l.user_id = :user_id
"""
)


@dataclass(frozen=True, slots=True)
class HeldAccount:
    """A TikTok account the caller holds a right to: through a BC (`bc_path`) or a link."""

    right_id: str  # the assignment's or the link's id: newer rights have greater ids
    account_id: str
    username: str
    display_name: str
    bc_path: BcPath | None  # None: an account link


async def identities(
    fetch: Fetch, user_id: str, ad_account_id: str
) -> tuple[AdAccountRoles | None, list[HeldAccount]]:
    """The caller's roles for the ad account, and every account it holds a right to now (its
    assignments on ACTIVE authorizations, its links), newest right first."""
    ad_account = None
    held = []
    found = await fetch(_IDENTITIES, {"user_id": user_id, "ad_account_id": ad_account_id})
    for source, right_id, v1, v2, v3, v4, account_id, username, display_name in found:
        if source == "ad_account":
            ad_account = _ad_account_roles(v1, v2, v3)
            continue
        bc_path = None
        if source == "assignment":
            bc_path = _bc_path(v1, v2, True, v3, v4)
        held.append(HeldAccount(right_id, account_id, username, display_name, bc_path))
    held.sort(key=lambda account: account.right_id, reverse=True)
    return ad_account, held


async def link_exists(
    session: AsyncSession, tiktok_account_id: str, user_id: str, *, lock: bool = False
) -> bool:
    """`lock` holds the link (shared) so an unlink waits until the caller commits."""
    stmt = select(AccountLink.id).where(
        AccountLink.tiktok_account_id == tiktok_account_id, AccountLink.user_id == user_id
    )
    if lock:
        stmt = stmt.with_for_update(read=True)
    return await session.scalar(stmt) is not None


# The caller's roles for the ad account (no row: no such ad account) and, for a caller who
# sees it, a page of its Spark Ads: one statement, the page taken from the index
# (ad_account_id, id) at the cursor.
_SPARK_ADS_PAGE = PageStatement(
    """
SELECT r.bc_id, r.bc_role, r.ad_role, s.id, s.identity_type, s.identity_id,
       s.identity_authorized_bc_id, s.video_id, s.live_id, s.name, s.status,
       s.created_by_user_id, s.created_at
FROM ("""  # noqa: S608 (constant SQL: no input is written in)
    + _AD_ACCOUNT_ROLES
    + """) AS r
LEFT JOIN (
  SELECT id, identity_type, identity_id, identity_authorized_bc_id, video_id, live_id, name,
         status, created_by_user_id, created_at
  FROM spark_ads
  WHERE ad_account_id = :ad_account_id {after}
  ORDER BY id DESC
  LIMIT :limit
) AS s ON r.bc_role = 'ADMIN' OR r.ad_role IS NOT NULL
ORDER BY s.id DESC
""",
    "id",
)


@dataclass(frozen=True, slots=True)
class StoredSparkAd:
    id: str
    ad_account_id: str
    identity_type: IdentityType
    identity_id: str
    identity_authorized_bc_id: str | None
    video_id: str | None
    live_id: str | None
    name: str
    status: SparkAdStatus
    created_by_user_id: str
    created_at: datetime


async def page(
    fetch: Fetch, user_id: str, ad_account_id: str, page: PageRequest
) -> tuple[AdAccountRoles | None, list[StoredSparkAd]]:
    """The caller's roles for the ad account (None: no such ad account) and, if it sees the
    ad account, the page's Spark Ads."""
    found = await fetch_guarded_page(
        fetch, _SPARK_ADS_PAGE, page, {"user_id": user_id, "ad_account_id": ad_account_id}, guard=3
    )
    if found is None:
        return None, []
    roles, rows = found
    ads = [
        StoredSparkAd(
            id=ad_id,
            ad_account_id=ad_account_id,
            identity_type=IdentityType(identity_type),
            identity_id=identity_id,
            identity_authorized_bc_id=bc_id,
            video_id=video_id,
            live_id=live_id,
            name=name,
            status=SparkAdStatus(status),
            created_by_user_id=created_by,
            created_at=utc_from_driver(created_at),
        )
        for (
            ad_id,
            identity_type,
            identity_id,
            bc_id,
            video_id,
            live_id,
            name,
            status,
            created_by,
            created_at,
        ) in rows
    ]
    return _ad_account_roles(*roles), ads
