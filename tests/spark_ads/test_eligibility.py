"""Unit tests of `decide()`: the Spark Ad permission decision over hand-built facts (SPEC 8)."""

from collections.abc import Sequence

import pytest

from app.core.enums import (
    AdAccountRole,
    AssignmentRole,
    IdentityType,
    LiveStatus,
    Reason,
    Scope,
    Via,
    Visibility,
)
from app.spark_ads.eligibility import BcPath, ContentKind, Facts, LiveFacts, VideoFacts, decide

AD_BC = "bc-ads"
OTHER_BC = "bc-other"
BOTH_SCOPES = (Scope.EXISTING_POSTS, Scope.LIVE_VIDEOS)
BOTH_ROLES = (AssignmentRole.POST, AssignmentRole.LIVE)
GOOD_VIDEO = VideoFacts(Visibility.PUBLIC, ad_authorization=True)
ACTIVE_LIVE = LiveFacts(LiveStatus.LIVE)


def path(
    business_center_id: str = AD_BC,
    *,
    active: bool = True,
    scopes: Sequence[Scope] = BOTH_SCOPES,
    roles: Sequence[AssignmentRole] = BOTH_ROLES,
) -> BcPath:
    return BcPath(
        business_center_id=business_center_id,
        authorization_id=f"auth-{business_center_id}",
        active=active,
        scopes=scopes,
        roles=roles,
    )


def video_facts(
    *,
    ad_role: AdAccountRole | None = AdAccountRole.OPERATOR,
    bc_paths: Sequence[BcPath] = (),
    linked: bool = False,
    sees_account: bool = True,
    content: VideoFacts | None = GOOD_VIDEO,
) -> Facts:
    return Facts(
        ad_account_business_center_id=AD_BC,
        ad_role=ad_role,
        bc_paths=bc_paths,
        linked=linked,
        sees_account=sees_account,
        kind=ContentKind.VIDEO,
        content=content,
    )


def live_facts(
    *,
    ad_role: AdAccountRole | None = AdAccountRole.OPERATOR,
    bc_paths: Sequence[BcPath] = (),
    linked: bool = False,
    sees_account: bool = True,
    content: LiveFacts | None = ACTIVE_LIVE,
) -> Facts:
    return Facts(
        ad_account_business_center_id=AD_BC,
        ad_role=ad_role,
        bc_paths=bc_paths,
        linked=linked,
        sees_account=sees_account,
        kind=ContentKind.LIVE,
        content=content,
    )


# --- allowed ----------------------------------------------------------------------------------


def test_an_operator_assigned_post_on_an_active_authorization_may_use_a_public_video() -> None:
    decision = decide(video_facts(bc_paths=[path(roles=[AssignmentRole.POST])]))

    assert decision.allowed is True
    assert decision.reasons == []
    assert decision.via == [Via.BUSINESS_CENTER]
    assert decision.identity_type is IdentityType.BC_AUTH_TT
    assert decision.bc_path == path(roles=[AssignmentRole.POST])


def test_an_operator_assigned_live_with_the_live_scope_may_use_an_active_live() -> None:
    bc_path = path(scopes=[Scope.LIVE_VIDEOS], roles=[AssignmentRole.LIVE])

    decision = decide(live_facts(bc_paths=[bc_path]))

    assert (decision.allowed, decision.reasons, decision.via) == (True, [], [Via.BUSINESS_CENTER])
    assert decision.bc_path == bc_path


# --- each reason on its own -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ad_role", "reasons"),
    [
        (None, [Reason.AD_ACCOUNT_ROLE_REQUIRED]),
        (AdAccountRole.ANALYST, [Reason.AD_ACCOUNT_ROLE_REQUIRED]),
        (AdAccountRole.OPERATOR, []),
        (AdAccountRole.ADMIN, []),
    ],
)
def test_the_ad_account_role_must_be_admin_or_operator(
    ad_role: AdAccountRole | None, reasons: list[Reason]
) -> None:
    decision = decide(video_facts(ad_role=ad_role, bc_paths=[path()]))

    assert decision.reasons == reasons
    assert decision.via == [Via.BUSINESS_CENTER]  # the role does not change the path


def test_no_bc_path_and_no_link_is_tiktok_account_not_assigned() -> None:
    decision = decide(video_facts(bc_paths=[]))

    assert decision.reasons == [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]
    assert decision.via == []
    assert decision.bc_path is None


def test_an_admin_path_without_an_assignment_is_tiktok_account_not_assigned() -> None:
    decision = decide(video_facts(bc_paths=[path(roles=[])]))

    assert decision.reasons == [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]


def test_a_video_needs_the_post_role() -> None:
    decision = decide(video_facts(bc_paths=[path(roles=[AssignmentRole.LIVE])]))

    assert decision.reasons == [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]


def test_a_live_needs_the_live_role() -> None:
    decision = decide(live_facts(bc_paths=[path(roles=[AssignmentRole.POST])]))

    assert decision.reasons == [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]


def test_a_revoked_authorization_is_authorization_revoked() -> None:
    decision = decide(video_facts(bc_paths=[path(active=False)]))

    assert decision.reasons == [Reason.AUTHORIZATION_REVOKED]
    assert decision.via == []
    assert decision.bc_path is None


def test_a_video_needs_public_videos_from_the_existing_posts_scope() -> None:
    decision = decide(video_facts(bc_paths=[path(scopes=[Scope.LIVE_VIDEOS])]))

    assert decision.reasons == [Reason.SCOPE_NOT_AUTHORIZED]


def test_a_live_needs_the_live_videos_scope() -> None:
    decision = decide(live_facts(bc_paths=[path(scopes=[Scope.EXISTING_POSTS])]))

    assert decision.reasons == [Reason.SCOPE_NOT_AUTHORIZED]


@pytest.mark.parametrize(
    ("content", "reasons"),
    [
        (None, [Reason.VIDEO_NOT_FOUND]),
        (VideoFacts(Visibility.FRIENDS, ad_authorization=True), [Reason.VIDEO_NOT_PUBLIC]),
        (VideoFacts(Visibility.PRIVATE, ad_authorization=True), [Reason.VIDEO_NOT_PUBLIC]),
        (VideoFacts(Visibility.PUBLIC, ad_authorization=False), [Reason.VIDEO_NOT_AD_AUTHORIZED]),
        (
            VideoFacts(Visibility.PRIVATE, ad_authorization=False),
            [Reason.VIDEO_NOT_PUBLIC, Reason.VIDEO_NOT_AD_AUTHORIZED],
        ),
    ],
    ids=["missing", "friends", "private", "not-ad-authorized", "private-not-ad-authorized"],
)
def test_the_video_must_exist_be_public_and_ad_authorized(
    content: VideoFacts | None, reasons: list[Reason]
) -> None:
    decision = decide(video_facts(bc_paths=[path()], content=content))

    assert decision.reasons == reasons
    assert decision.via == [Via.BUSINESS_CENTER]


@pytest.mark.parametrize(
    ("content", "reasons"),
    [(None, [Reason.LIVE_NOT_FOUND]), (LiveFacts(LiveStatus.ENDED), [Reason.LIVE_NOT_ACTIVE])],
    ids=["missing", "ended"],
)
def test_the_live_must_exist_and_be_live(content: LiveFacts | None, reasons: list[Reason]) -> None:
    decision = decide(live_facts(bc_paths=[path()], content=content))

    assert decision.reasons == reasons


# --- several reasons, in order ----------------------------------------------------------------


def test_analyst_unassigned_private_and_not_ad_authorized_report_those_four_in_order() -> None:
    decision = decide(
        video_facts(
            ad_role=AdAccountRole.ANALYST,
            bc_paths=[],
            content=VideoFacts(Visibility.PRIVATE, ad_authorization=False),
        )
    )

    assert decision.reasons == [
        Reason.AD_ACCOUNT_ROLE_REQUIRED,
        Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED,
        Reason.VIDEO_NOT_PUBLIC,
        Reason.VIDEO_NOT_AD_AUTHORIZED,
    ]
    assert decision.allowed is False


def test_every_failing_video_check_is_reported_in_the_spec_order() -> None:
    # The path the caller is assigned on has ended; another of its BCs holds the account.
    decision = decide(
        video_facts(
            ad_role=None,
            bc_paths=[path(active=False, scopes=[Scope.LIVE_VIDEOS], roles=[])],
            content=VideoFacts(Visibility.FRIENDS, ad_authorization=False),
        )
    )

    assert decision.reasons == [
        Reason.AD_ACCOUNT_ROLE_REQUIRED,
        Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED,
        Reason.AUTHORIZATION_REVOKED,
        Reason.SCOPE_NOT_AUTHORIZED,
        Reason.VIDEO_NOT_PUBLIC,
        Reason.VIDEO_NOT_AD_AUTHORIZED,
    ]


def test_every_failing_live_check_is_reported_in_the_spec_order() -> None:
    # The path the caller is assigned on has ended; another of its BCs holds the account.
    decision = decide(
        live_facts(
            ad_role=AdAccountRole.ANALYST,
            bc_paths=[path(active=False, scopes=[Scope.EXISTING_POSTS], roles=[])],
            content=LiveFacts(LiveStatus.ENDED),
        )
    )

    assert decision.reasons == [
        Reason.AD_ACCOUNT_ROLE_REQUIRED,
        Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED,
        Reason.AUTHORIZATION_REVOKED,
        Reason.SCOPE_NOT_AUTHORIZED,
        Reason.LIVE_NOT_ACTIVE,
    ]


def test_a_missing_live_with_nothing_else_wrong_but_the_role() -> None:
    decision = decide(live_facts(ad_role=None, bc_paths=[path()], content=None))

    assert decision.reasons == [Reason.AD_ACCOUNT_ROLE_REQUIRED, Reason.LIVE_NOT_FOUND]


# --- several BC paths: the best one speaks ----------------------------------------------------


def test_the_bc_path_failing_fewest_checks_gives_the_bc_reasons() -> None:
    worse = path(OTHER_BC, active=False, scopes=[Scope.LIVE_VIDEOS])  # revoked and no scope
    better = path(AD_BC, roles=[AssignmentRole.LIVE])  # only the role is missing

    decision = decide(video_facts(bc_paths=[worse, better]))

    assert decision.reasons == [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]
    assert decision.via == []


def test_one_passing_bc_path_is_enough_and_is_the_one_an_ad_goes_through() -> None:
    failing = path(AD_BC, active=False)
    passing = path(OTHER_BC)

    decision = decide(video_facts(bc_paths=[failing, passing]))

    assert decision.allowed is True
    assert decision.via == [Via.BUSINESS_CENTER]
    assert decision.bc_path == passing


def test_among_passing_bc_paths_the_ad_accounts_own_bc_is_preferred() -> None:
    own = path(AD_BC)
    other = path("bc-aaa")  # sorts before the ad account's BC by id

    decision = decide(video_facts(bc_paths=[other, own]))

    assert decision.bc_path == own


def test_among_passing_bc_paths_of_other_bcs_the_choice_is_stable_by_bc_id() -> None:
    first = path("bc-1")
    second = path("bc-2")

    assert decide(video_facts(bc_paths=[second, first])).bc_path == first
    assert decide(video_facts(bc_paths=[first, second])).bc_path == first


def test_a_bc_path_in_another_bc_than_the_ad_account_counts() -> None:
    decision = decide(video_facts(bc_paths=[path(OTHER_BC, roles=[AssignmentRole.POST])]))

    assert decision.allowed is True
    assert decision.bc_path is not None
    assert decision.bc_path.business_center_id == OTHER_BC


# --- the account link and the via list -------------------------------------------------------


def test_a_link_alone_allows_with_via_account_link_and_the_tt_user_identity() -> None:
    decision = decide(video_facts(linked=True))

    assert (decision.allowed, decision.reasons, decision.via) == (True, [], [Via.ACCOUNT_LINK])
    assert decision.identity_type is IdentityType.TT_USER
    assert decision.bc_path is None


def test_a_link_and_a_passing_bc_path_list_both_and_prefer_the_bc_identity() -> None:
    decision = decide(video_facts(bc_paths=[path()], linked=True))

    assert decision.via == [Via.BUSINESS_CENTER, Via.ACCOUNT_LINK]
    assert decision.identity_type is IdentityType.BC_AUTH_TT
    assert decision.bc_path == path()


def test_a_link_covers_a_failing_bc_path_without_reporting_its_failures() -> None:
    revoked = path(active=False, scopes=[Scope.EXISTING_POSTS], roles=[AssignmentRole.POST])

    decision = decide(video_facts(bc_paths=[revoked], linked=True))

    assert (decision.allowed, decision.reasons, decision.via) == (True, [], [Via.ACCOUNT_LINK])
    assert decision.bc_path is None


def test_a_link_allows_a_live_when_the_bc_lacks_the_live_videos_scope() -> None:
    posts_only = path(scopes=[Scope.EXISTING_POSTS], roles=[AssignmentRole.POST])

    decision = decide(live_facts(bc_paths=[posts_only], linked=True))

    assert (decision.allowed, decision.reasons, decision.via) == (True, [], [Via.ACCOUNT_LINK])


def test_a_link_does_not_lift_the_ad_account_role_or_content_checks() -> None:
    decision = decide(
        video_facts(
            ad_role=AdAccountRole.ANALYST,
            linked=True,
            content=VideoFacts(Visibility.PRIVATE, ad_authorization=True),
        )
    )

    assert decision.reasons == [Reason.AD_ACCOUNT_ROLE_REQUIRED, Reason.VIDEO_NOT_PUBLIC]
    assert decision.via == [Via.ACCOUNT_LINK]


# --- an explicit identity type checks only that path ------------------------------------------


def test_explicit_tt_user_ignores_a_passing_bc_path_and_needs_a_link() -> None:
    decision = decide(video_facts(bc_paths=[path()]), IdentityType.TT_USER)

    assert decision.reasons == [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]
    assert decision.via == []
    assert decision.bc_path is None


def test_explicit_tt_user_with_a_link_goes_through_the_link_only() -> None:
    decision = decide(video_facts(bc_paths=[path()], linked=True), IdentityType.TT_USER)

    assert (decision.allowed, decision.via) == (True, [Via.ACCOUNT_LINK])
    assert decision.identity_type is IdentityType.TT_USER
    assert decision.bc_path is None


def test_explicit_bc_auth_tt_ignores_the_link_and_reports_the_bc_failures() -> None:
    decision = decide(
        video_facts(bc_paths=[path(active=False)], linked=True), IdentityType.BC_AUTH_TT
    )

    assert decision.reasons == [Reason.AUTHORIZATION_REVOKED]
    assert decision.via == []


def test_explicit_bc_auth_tt_with_only_a_link_is_tiktok_account_not_assigned() -> None:
    decision = decide(video_facts(linked=True), IdentityType.BC_AUTH_TT)

    assert decision.reasons == [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]
    assert decision.via == []


def test_explicit_bc_auth_tt_with_a_passing_path_lists_only_the_bc() -> None:
    decision = decide(video_facts(bc_paths=[path()], linked=True), IdentityType.BC_AUTH_TT)

    assert (decision.allowed, decision.via) == (True, [Via.BUSINESS_CENTER])
    assert decision.bc_path == path()


# --- what the content is like is told only to a caller who sees the account -----------------


@pytest.mark.parametrize(
    "content", [None, VideoFacts(Visibility.PRIVATE, ad_authorization=False), GOOD_VIDEO]
)
def test_a_stranger_learns_nothing_of_the_video(content: VideoFacts | None) -> None:
    decision = decide(video_facts(bc_paths=[], sees_account=False, content=content))

    assert decision.reasons == [Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED]


@pytest.mark.parametrize("content", [None, LiveFacts(LiveStatus.ENDED), ACTIVE_LIVE])
def test_a_bc_whose_access_ended_learns_nothing_of_the_live(content: LiveFacts | None) -> None:
    decision = decide(
        live_facts(bc_paths=[path(active=False)], sees_account=False, content=content)
    )

    assert decision.reasons == [Reason.AUTHORIZATION_REVOKED]


def test_a_linked_user_sees_the_content_reasons() -> None:
    decision = decide(
        video_facts(linked=True, sees_account=True, content=VideoFacts(Visibility.PRIVATE, True))
    )

    assert decision.reasons == [Reason.VIDEO_NOT_PUBLIC]
