"""The demo data of the quick start (`bc-tiktok seed-demo`), and its printed walk-through.

Running it again keeps the data and issues fresh tokens for the demo actors
(tokens are stored only as hashes, so the old ones cannot be shown again).
"""

import shlex
from dataclasses import dataclass

from sqlalchemy import select

from app.business_centers import repository as business_centers
from app.business_centers.models import AdAccount, AdAccountMember, BusinessCenter, Member
from app.core.context import Context
from app.core.enums import AdAccountRole, BcRole, Visibility
from app.core.security import TokenKind, new_token, token_digest
from app.tiktok_app import repository as tiktok_accounts
from app.tiktok_app.models import TikTokAccount, Video
from app.users import repository as users
from app.users.models import User

DEMO_BC_NAME = "Demo Agency"
DEMO_AD_ACCOUNT_NAME = "Demo Ads"
DEMO_USERNAME = "demo.creator"
DEMO_VIDEOS = (
    ("Sourdough crumb shot", Visibility.PUBLIC, True),
    ("Morning bake, no ads please", Visibility.PUBLIC, False),
    ("Friends-only tasting", Visibility.FRIENDS, False),
)


@dataclass(frozen=True)
class DemoData:
    business_center_id: str
    ad_account_id: str
    member_id: str
    admin_token: str
    member_token: str
    owner_token: str
    tiktok_account_id: str
    video_id: str  # public and ad-authorized: usable in a Spark Ad


async def _user_with_fresh_token(ctx: Context, email: str, display_name: str) -> tuple[User, str]:
    token = new_token(TokenKind.USER)
    user = await users.get_by_email(ctx.session, email)
    if user is None:
        user = User(
            email=email,
            display_name=display_name,
            created_at=ctx.now(),
            token_digest=token_digest(token),
        )
        ctx.session.add(user)
    else:
        user.token_digest = token_digest(token)
    await ctx.session.flush()
    return user, token


async def _membership(ctx: Context, bc: BusinessCenter, user: User, role: BcRole) -> Member:
    member = await business_centers.member_of_user(ctx.session, bc.id, user.id)
    if member is None:
        member = Member(business_center_id=bc.id, user_id=user.id, role=role, created_at=ctx.now())
        ctx.session.add(member)
        await ctx.session.flush()
    return member


async def _ad_account(
    ctx: Context, bc: BusinessCenter, roles: dict[Member, AdAccountRole]
) -> AdAccount:
    ad_account = (
        await ctx.session.scalars(
            select(AdAccount).where(
                AdAccount.business_center_id == bc.id, AdAccount.name == DEMO_AD_ACCOUNT_NAME
            )
        )
    ).first()
    if ad_account is None:
        ad_account = AdAccount(
            business_center_id=bc.id, name=DEMO_AD_ACCOUNT_NAME, created_at=ctx.now()
        )
        ctx.session.add(ad_account)
        await ctx.session.flush()
        for member, role in roles.items():
            ctx.session.add(
                AdAccountMember(
                    ad_account_id=ad_account.id,
                    member_id=member.id,
                    role=role,
                    created_at=ctx.now(),
                )
            )
    return ad_account


async def _tiktok_account(ctx: Context, owner_token: str) -> TikTokAccount:
    account = await tiktok_accounts.by_username(ctx.session, DEMO_USERNAME)
    if account is not None:
        account.owner_token_digest = token_digest(owner_token)
        return account
    account = TikTokAccount(
        username=DEMO_USERNAME,
        display_name="Nora Bakes",
        bio="Sourdough every day",
        created_at=ctx.now(),
        owner_token_digest=token_digest(owner_token),
    )
    ctx.session.add(account)
    await ctx.session.flush()
    for caption, visibility, ad_authorization in DEMO_VIDEOS:
        ctx.session.add(
            Video(
                tiktok_account_id=account.id,
                caption=caption,
                visibility=visibility,
                ad_authorization=ad_authorization,
                created_at=ctx.now(),
            )
        )
    return account


async def seed(ctx: Context) -> DemoData:
    admin, admin_token = await _user_with_fresh_token(ctx, "admin@demo.example", "Dana Admin")
    member_user, member_token = await _user_with_fresh_token(
        ctx, "member@demo.example", "Sam Standard"
    )
    bc = next(
        (bc for _, bc in await users.memberships(ctx.session, admin.id) if bc.name == DEMO_BC_NAME),
        None,
    )
    if bc is None:
        bc = BusinessCenter(name=DEMO_BC_NAME, created_at=ctx.now())
        ctx.session.add(bc)
        await ctx.session.flush()
    admin_member = await _membership(ctx, bc, admin, BcRole.ADMIN)
    member = await _membership(ctx, bc, member_user, BcRole.STANDARD)
    ad_account = await _ad_account(
        ctx, bc, {admin_member: AdAccountRole.ADMIN, member: AdAccountRole.OPERATOR}
    )
    owner_token = new_token(TokenKind.OWNER)
    account = await _tiktok_account(ctx, owner_token)
    await ctx.session.flush()
    video = (
        await ctx.session.scalars(
            select(Video).where(
                Video.tiktok_account_id == account.id,
                Video.visibility == Visibility.PUBLIC,
                Video.ad_authorization.is_(True),
            )
        )
    ).first()
    assert video is not None
    return DemoData(
        business_center_id=bc.id,
        ad_account_id=ad_account.id,
        member_id=member.id,
        admin_token=admin_token,
        member_token=member_token,
        owner_token=owner_token,
        tiktok_account_id=account.id,
        video_id=video.id,
    )


def walkthrough(data: DemoData, base_url: str) -> str:
    q = shlex.quote
    return f"""
Demo data is ready: Business Center "{DEMO_BC_NAME}" with an admin and a standard member, the
ad account "{DEMO_AD_ACCOUNT_NAME}" (admin: ADMIN, member: OPERATOR) and the TikTok account
@{DEMO_USERNAME} with three videos. Docs: {base_url}/docs (Authorize with a token below).

  export BASE={q(base_url)}
  export ADMIN={q(data.admin_token)}     # admin@demo.example (BC ADMIN)
  export MEMBER={q(data.member_token)}   # member@demo.example (BC STANDARD)
  export OWNER={q(data.owner_token)}     # owner of @{DEMO_USERNAME} (TikTok app)
  export BC={q(data.business_center_id)} AD={q(data.ad_account_id)}
  export MEMBER_ID={q(data.member_id)} TT={q(data.tiktok_account_id)} VIDEO={q(data.video_id)}
  field() {{ python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }}
  json=(-H 'Content-Type: application/json')

  # 1. The admin requests access and gets a QR code (and a "Copy QR card" to send):
  REQ=$(curl -s -X POST "$BASE/v1/business-centers/$BC/access-requests" \\
        -H "Authorization: Bearer $ADMIN" "${{json[@]}}" -d '{{"scope": "EXISTING_POSTS"}}')
  echo "$REQ"; REQ_ID=$(echo "$REQ" | field id)
  CODE=$(echo "$REQ" | field qr_code_url | sed 's|.*/||')
  curl -s -o qr-card.png "$BASE/v1/business-centers/$BC/access-requests/$REQ_ID/qr-card" \\
       -H "Authorization: Bearer $ADMIN"

  # 2. The owner scans it: the consent screen, then the approval (the callback):
  curl -s -w '\\n' "$BASE/v1/qr/$CODE"
  curl -s -w '\\n' -X POST "$BASE/v1/tiktok-app/qr-scans" -H "Authorization: Bearer $OWNER" \\
       "${{json[@]}}" -d '{{"code": "'"$CODE"'", "decision": "APPROVE"}}'

  # 3. The admin assigns the member to the account with the POST role:
  curl -s -w '\\n' -X POST "$BASE/v1/business-centers/$BC/tiktok-accounts/$TT/assignments" \\
       -H "Authorization: Bearer $ADMIN" "${{json[@]}}" \\
       -d '{{"member_ids": ["'"$MEMBER_ID"'"], "roles": ["POST"]}}'

  # 4. The member picks the identity, lists the posts it can pull through it (or checks up
  #    to 100 at once), and makes a Spark Ad:
  curl -s -w '\\n' -H "Authorization: Bearer $MEMBER" "$BASE/v1/identities?ad_account_id=$AD"
  curl -s -w '\\n' -H "Authorization: Bearer $MEMBER" "$BASE/v1/identities/$TT/videos?\\
ad_account_id=$AD&identity_type=BC_AUTH_TT&identity_authorized_bc_id=$BC"
  curl -s -w '\\n' -X POST "$BASE/v1/spark-ads/eligibility/batch" \\
       -H "Authorization: Bearer $MEMBER" "${{json[@]}}" -d '{{"ad_account_id": "'"$AD"'",
       "checks": [{{"tiktok_account_id": "'"$TT"'", "video_id": "'"$VIDEO"'"}}]}}'
  curl -s -w '\\n' -X POST "$BASE/v1/spark-ads" -H "Authorization: Bearer $MEMBER" \\
       "${{json[@]}}" -d '{{"ad_account_id": "'"$AD"'", "tiktok_account_id": "'"$TT"'",
       "video_id": "'"$VIDEO"'", "name": "Sourdough Spark Ad"}}'

  # 5. The admin ends the authorization: the ad is paused, the member is refused at once:
  curl -s -w '%{{http_code}}\\n' -X DELETE "$BASE/v1/business-centers/$BC/tiktok-accounts/$TT" \\
       -H "Authorization: Bearer $ADMIN"
  curl -s -w '\\n' "$BASE/v1/spark-ads?ad_account_id=$AD" -H "Authorization: Bearer $MEMBER"
  curl -s -w '\\n' -H "Authorization: Bearer $MEMBER" "$BASE/v1/spark-ads/eligibility?\\
ad_account_id=$AD&tiktok_account_id=$TT&video_id=$VIDEO"
"""
