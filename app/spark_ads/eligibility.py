"""The permission decision for a Spark Ad (SPEC section 8), as a pure function of facts.

A caller may pull content into a Spark Ad when it holds `ADMIN` or `OPERATOR` on the ad
account, and a right to the TikTok account through a BC assignment on an ACTIVE
authorization (with the role and scope the content needs) and/or an account link, and the
content itself is usable. Each check runs on its own and every failing one is reported,
with one exception: what the content is like (found, public, ad-authorized, live) is told only
to a caller whose BC holds the account now (an ACTIVE authorization) or who is linked to it.
Anyone else, another tenant or a BC whose access has ended, would learn the owner's settings
by asking.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from app.core.enums import (
    AdAccountRole,
    AssignmentRole,
    IdentityType,
    LiveStatus,
    Permission,
    Reason,
    Scope,
    Via,
    Visibility,
    permissions_for,
)

PULLING_ROLES = frozenset({AdAccountRole.ADMIN, AdAccountRole.OPERATOR})


class ContentKind(Enum):
    """What a piece of content needs: a role on the TikTok account and a permission."""

    VIDEO = (AssignmentRole.POST, Permission.PUBLIC_VIDEOS)
    LIVE = (AssignmentRole.LIVE, Permission.LIVE_VIDEOS)

    @property
    def role(self) -> AssignmentRole:
        return self.value[0]

    @property
    def permission(self) -> Permission:
        return self.value[1]


@dataclass(frozen=True, slots=True)
class BcPath:
    """The caller's way to a TikTok account through one BC's current authorization."""

    business_center_id: str
    authorization_id: str
    active: bool
    scopes: Sequence[Scope]
    roles: Sequence[AssignmentRole]

    def failures(self, kind: ContentKind) -> list[Reason]:
        failures = []
        if kind.role not in self.roles:
            failures.append(Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED)
        if not self.active:
            failures.append(Reason.AUTHORIZATION_REVOKED)
        if kind.permission not in permissions_for(self.scopes):
            failures.append(Reason.SCOPE_NOT_AUTHORIZED)
        return failures


@dataclass(frozen=True, slots=True)
class VideoFacts:
    visibility: Visibility
    ad_authorization: bool


@dataclass(frozen=True, slots=True)
class LiveFacts:
    status: LiveStatus


@dataclass(frozen=True, slots=True)
class Facts:
    ad_account_business_center_id: str
    ad_role: AdAccountRole | None
    bc_paths: Sequence[BcPath]
    linked: bool
    # One of the caller's BCs holds an ACTIVE authorization for the account, or it is linked.
    sees_account: bool
    kind: ContentKind
    content: VideoFacts | LiveFacts | None  # None: not found on this TikTok account


@dataclass(frozen=True, slots=True)
class Decision:
    reasons: list[Reason]
    via: list[Via]
    bc_path: BcPath | None  # the authorization a BC_AUTH_TT ad would go through

    @property
    def allowed(self) -> bool:
        return not self.reasons

    @property
    def identity_type(self) -> IdentityType:
        """BC_AUTH_TT when a BC path allows, else TT_USER."""
        return IdentityType.BC_AUTH_TT if Via.BUSINESS_CENTER in self.via else IdentityType.TT_USER


def _content_reasons(kind: ContentKind, content: VideoFacts | LiveFacts | None) -> list[Reason]:
    if kind is ContentKind.VIDEO:
        if not isinstance(content, VideoFacts):
            return [Reason.VIDEO_NOT_FOUND]
        reasons = []
        if content.visibility is not Visibility.PUBLIC:
            reasons.append(Reason.VIDEO_NOT_PUBLIC)
        if not content.ad_authorization:
            reasons.append(Reason.VIDEO_NOT_AD_AUTHORIZED)
        return reasons
    if not isinstance(content, LiveFacts):
        return [Reason.LIVE_NOT_FOUND]
    return [] if content.status is LiveStatus.LIVE else [Reason.LIVE_NOT_ACTIVE]


def decide(facts: Facts, identity_type: IdentityType | None = None) -> Decision:
    kind = facts.kind
    use_bc = identity_type is not IdentityType.TT_USER
    use_link = identity_type is not IdentityType.BC_AUTH_TT and facts.linked

    # The BC path that fails the fewest checks speaks for the BC side; among paths that
    # pass, the ad account's own BC is preferred.
    paths = sorted(
        facts.bc_paths if use_bc else (),
        key=lambda path: (
            len(path.failures(kind)),
            path.business_center_id != facts.ad_account_business_center_id,
            path.business_center_id,
        ),
    )
    best = paths[0] if paths else None
    bc_failures = best.failures(kind) if best else [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]
    via = []
    if not bc_failures:
        via.append(Via.BUSINESS_CENTER)
    if use_link:
        via.append(Via.ACCOUNT_LINK)

    reasons = set(_content_reasons(kind, facts.content)) if facts.sees_account else set()
    if facts.ad_role not in PULLING_ROLES:
        reasons.add(Reason.AD_ACCOUNT_ROLE_REQUIRED)
    if not via:
        reasons.update(bc_failures)
    return Decision(
        reasons=[reason for reason in Reason if reason in reasons],
        via=via,
        bc_path=best if Via.BUSINESS_CENTER in via else None,
    )
