"""`python -m app.demo`: migrate, seed demo data, print tokens and a walk-through, serve.

Running it again keeps the data and issues fresh tokens for the demo actors
(tokens are stored only as hashes, so the old ones cannot be shown again).
"""

import argparse
import shlex
from dataclasses import dataclass

import uvicorn

from app.business_centers import repository as business_centers
from app.business_centers.models import BusinessCenter, Member
from app.core.config import get_settings
from app.core.context import Context, Runtime
from app.core.db import Database, utcnow
from app.core.enums import BcRole, Visibility
from app.core.migrations import upgrade
from app.core.security import QrCodes, TokenKind, new_token, token_digest
from app.tiktok_app import repository as tiktok_accounts
from app.tiktok_app.models import TikTokAccount, Video
from app.users import repository as users
from app.users.models import User

DEMO_BC_NAME = "Demo Agency"
DEMO_VIDEOS = (
    ("Sourdough crumb shot", Visibility.PUBLIC, True),
    ("Morning bake, no ads please", Visibility.PUBLIC, False),
    ("Friends-only tasting", Visibility.FRIENDS, False),
)


@dataclass(frozen=True)
class DemoData:
    business_center_id: str
    admin_token: str
    member_token: str
    owner_token: str
    tiktok_account_id: str


def _user_with_fresh_token(ctx: Context, email: str, display_name: str) -> tuple[User, str]:
    token = new_token(TokenKind.USER)
    user = users.get_by_email(ctx.session, email)
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
    ctx.session.flush()
    return user, token


def _membership(ctx: Context, bc: BusinessCenter, user: User, role: BcRole) -> None:
    if business_centers.member_of_user(ctx.session, bc.id, user.id) is None:
        ctx.session.add(
            Member(business_center_id=bc.id, user_id=user.id, role=role, created_at=ctx.now())
        )


def seed(ctx: Context) -> DemoData:
    admin, admin_token = _user_with_fresh_token(ctx, "admin@demo.example", "Dana Admin")
    member, member_token = _user_with_fresh_token(ctx, "member@demo.example", "Sam Standard")
    me = users.memberships(ctx.session, admin.id)
    bc = next((bc for _, bc in me if bc.name == DEMO_BC_NAME), None)
    if bc is None:
        bc = BusinessCenter(name=DEMO_BC_NAME, created_at=ctx.now())
        ctx.session.add(bc)
        ctx.session.flush()
    _membership(ctx, bc, admin, BcRole.ADMIN)
    _membership(ctx, bc, member, BcRole.STANDARD)

    owner_token = new_token(TokenKind.OWNER)
    account = tiktok_accounts.by_username(ctx.session, "demo.creator")
    if account is None:
        account = TikTokAccount(
            username="demo.creator",
            display_name="Nora Bakes",
            bio="Sourdough every day",
            created_at=ctx.now(),
            owner_token_digest=token_digest(owner_token),
        )
        ctx.session.add(account)
        ctx.session.flush()
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
    else:
        account.owner_token_digest = token_digest(owner_token)
    ctx.session.flush()
    return DemoData(bc.id, admin_token, member_token, owner_token, account.id)


def walkthrough(data: DemoData, base_url: str) -> str:
    q = shlex.quote
    return f"""
Demo data is ready: Business Center "{DEMO_BC_NAME}" with an admin and a standard member,
and the TikTok account @demo.creator with three videos. Docs: {base_url}/docs

  export BASE={q(base_url)}
  export ADMIN={q(data.admin_token)}     # admin@demo.example (BC ADMIN)
  export MEMBER={q(data.member_token)}   # member@demo.example (BC STANDARD)
  export OWNER={q(data.owner_token)}     # owner of @demo.creator (TikTok app)
  export BC={q(data.business_center_id)}

  # 1. The admin asks for access and gets a QR code (and a shareable QR card):
  REQ=$(curl -s -X POST "$BASE/v1/business-centers/$BC/access-requests" \\
        -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \\
        -d '{{"scope": "EXISTING_POSTS"}}')
  field() {{ python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }}
  echo "$REQ"; REQ_ID=$(echo "$REQ" | field id)
  CODE=$(echo "$REQ" | field qr_code_url | sed 's|.*/||')
  curl -s -o qr-card.png "$BASE/v1/business-centers/$BC/access-requests/$REQ_ID/qr-card" \\
       -H "Authorization: Bearer $ADMIN"

  # 2. The owner scans it: the consent screen, then the approval:
  curl -s -w '\\n' "$BASE/v1/qr/$CODE"
  curl -s -w '\\n' -X POST "$BASE/v1/tiktok-app/qr-scans" -H "Authorization: Bearer $OWNER" \\
       -H 'Content-Type: application/json' -d '{{"code": "'"$CODE"'", "decision": "APPROVE"}}'

  # 3. The request is AUTHORIZED; the owner sees which Business Centers hold access:
  curl -s -w '\\n' "$BASE/v1/business-centers/$BC/access-requests/$REQ_ID" \\
       -H "Authorization: Bearer $ADMIN"
  curl -s -w '\\n' "$BASE/v1/tiktok-app/authorizations" -H "Authorization: Bearer $OWNER"
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-serve", action="store_true", help="seed and print, do not serve")
    args = parser.parse_args()

    settings = get_settings()
    print(f"Migrating {settings.database_url} ...", flush=True)
    upgrade(settings.database_url)
    database = Database(settings.database_url)
    runtime = Runtime(
        settings,
        database,
        QrCodes(settings.secret_key.get_secret_value(), settings.public_base_url),
        utcnow,
    )
    with database.session(write=True) as session:
        data = seed(Context(session=session, runtime=runtime))
    database.dispose()
    print(walkthrough(data, settings.public_base_url), flush=True)
    if not args.no_serve:
        uvicorn.run("app.main:app", host=args.host, port=args.port)


if __name__ == "__main__":
    main()
