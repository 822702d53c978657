"""The service's vocabulary (SPEC sections 3 to 9): one place for every enum."""

import functools
from collections.abc import Iterable
from enum import StrEnum


class BcRole(StrEnum):
    ADMIN = "ADMIN"
    STANDARD = "STANDARD"


class AdAccountRole(StrEnum):
    ADMIN = "ADMIN"
    OPERATOR = "OPERATOR"
    ANALYST = "ANALYST"


class Scope(StrEnum):
    EXISTING_POSTS = "EXISTING_POSTS"
    LIVE_VIDEOS = "LIVE_VIDEOS"


class Permission(StrEnum):
    PROFILE_INFO = "PROFILE_INFO"
    AD_ENABLED_POSTS = "AD_ENABLED_POSTS"
    PUBLIC_VIDEOS = "PUBLIC_VIDEOS"
    LIVE_VIDEOS = "LIVE_VIDEOS"


SCOPE_PERMISSIONS: dict[Scope, tuple[Permission, ...]] = {
    Scope.EXISTING_POSTS: (
        Permission.PROFILE_INFO,
        Permission.AD_ENABLED_POSTS,
        Permission.PUBLIC_VIDEOS,
    ),
    Scope.LIVE_VIDEOS: (Permission.PROFILE_INFO, Permission.LIVE_VIDEOS),
}


def sorted_scopes(scopes: Iterable[Scope | str]) -> list[Scope]:
    """Scopes in the SPEC's order, without duplicates."""
    wanted = {Scope(scope) for scope in scopes}
    return [scope for scope in Scope if scope in wanted]


def permissions_for(scopes: Iterable[Scope | str]) -> list[Permission]:
    """The permissions a set of scopes brings, in the SPEC's order."""
    return list(_permissions_of(frozenset(Scope(scope) for scope in scopes)))


@functools.cache
def _permissions_of(scopes: frozenset[Scope]) -> tuple[Permission, ...]:
    # A list's every item asks this again: there are three sets of scopes in all.
    granted = {perm for scope in scopes for perm in SCOPE_PERMISSIONS[scope]}
    return tuple(perm for perm in Permission if perm in granted)


class AccessRequestStatus(StrEnum):
    PENDING = "PENDING"
    AUTHORIZED = "AUTHORIZED"
    DECLINED = "DECLINED"
    EXPIRED = "EXPIRED"
    CANCELED = "CANCELED"


class AuthorizationStatus(StrEnum):
    ACTIVE = "ACTIVE"
    REVOKED = "REVOKED"


class RevokedBy(StrEnum):
    OWNER = "OWNER"
    BUSINESS_CENTER = "BUSINESS_CENTER"


class AssignmentRole(StrEnum):
    POST = "POST"
    LIVE = "LIVE"


class Visibility(StrEnum):
    PUBLIC = "PUBLIC"
    FRIENDS = "FRIENDS"
    PRIVATE = "PRIVATE"


class LiveStatus(StrEnum):
    LIVE = "LIVE"
    ENDED = "ENDED"


class ShowcaseSource(StrEnum):
    ALL_SHOP_PRODUCTS = "ALL_SHOP_PRODUCTS"
    SELECTED_PRODUCTS = "SELECTED_PRODUCTS"
    MULTIPLE_SHOPS = "MULTIPLE_SHOPS"


class ScanDecision(StrEnum):
    APPROVE = "APPROVE"
    DECLINE = "DECLINE"


class ActorType(StrEnum):
    USER = "USER"
    OWNER = "OWNER"
    SYSTEM = "SYSTEM"


class IdentityType(StrEnum):
    """How a Spark Ad uses a TikTok account: through a BC's authorization, or a direct link."""

    BC_AUTH_TT = "BC_AUTH_TT"
    TT_USER = "TT_USER"


class Via(StrEnum):
    BUSINESS_CENTER = "BUSINESS_CENTER"
    ACCOUNT_LINK = "ACCOUNT_LINK"


class SparkAdStatus(StrEnum):
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"


class Reason(StrEnum):
    """Why a Spark Ad is not allowed (SPEC section 8), in the order they are reported."""

    AD_ACCOUNT_ROLE_REQUIRED = "AD_ACCOUNT_ROLE_REQUIRED"
    TIKTOK_ACCOUNT_NOT_ASSIGNED = "TIKTOK_ACCOUNT_NOT_ASSIGNED"
    AUTHORIZATION_REVOKED = "AUTHORIZATION_REVOKED"
    SCOPE_NOT_AUTHORIZED = "SCOPE_NOT_AUTHORIZED"
    VIDEO_NOT_FOUND = "VIDEO_NOT_FOUND"
    VIDEO_NOT_PUBLIC = "VIDEO_NOT_PUBLIC"
    VIDEO_NOT_AD_AUTHORIZED = "VIDEO_NOT_AD_AUTHORIZED"
    LIVE_NOT_FOUND = "LIVE_NOT_FOUND"
    LIVE_NOT_ACTIVE = "LIVE_NOT_ACTIVE"
