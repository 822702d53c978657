"""The quick start's flow (`bc-tiktok seed-demo`'s walk-through), run through the generated
Python client, bc-tiktok-access-client, as its users run it.

tests/clients/test_python_client.py runs this file with the Python of a virtual environment
that holds the client and its own dependencies only (none of the service's):

    python python_client_flow.py BASE_URL < demo.json

with the demo's ids and tokens on stdin, and checks the JSON object it prints: what each step
gave back, as the client typed it. It stops (exit code 1) as soon as a step gives back
another type than the one the flow needs.
"""

import base64
import json
import sys
from typing import Any, TypeVar

from bc_tiktok_access_client import AuthenticatedClient, Client
from bc_tiktok_access_client.api.identities_and_spark_ads import (
    check_eligibility,
    create_spark_ad,
    list_spark_ads,
)
from bc_tiktok_access_client.api.simulated_tik_tok_app_owner import (
    get_consent_screen,
    scan_qr_code,
)
from bc_tiktok_access_client.api.step_1_access_requests import (
    create_access_request,
    get_qr_card,
)
from bc_tiktok_access_client.api.step_2_assignments import assign_members
from bc_tiktok_access_client.api.tik_tok_accounts_in_a_bc import revoke_bc_tiktok_account
from bc_tiktok_access_client.models import (
    AccessRequestCreate,
    AccessRequestRead,
    AssignmentRole,
    AssignmentsCreate,
    ConsentScreen,
    Eligibility,
    ImageFormat,
    PageAssignmentRead,
    PageSparkAdRead,
    Problem,
    QrScan,
    QrScanResult,
    ScanDecision,
    Scope,
    SparkAdCreate,
    SparkAdRead,
)
from bc_tiktok_access_client.types import File

T = TypeVar("T")


def typed(kind: type[T], value: object) -> T:
    """`value` as the type the flow needs here, or the run stops saying what came instead."""
    if not isinstance(value, kind):
        raise SystemExit(f"expected a {kind.__name__}, got {value!r}")
    return value


def problem(value: object) -> dict[str, Any]:
    refusal = typed(Problem, value)
    return {"status": refusal.status, "code": refusal.code, **refusal.additional_properties}


def main(base_url: str, demo: dict[str, str]) -> dict[str, Any]:
    def as_user(token: str) -> AuthenticatedClient:
        return AuthenticatedClient(base_url, token=token, raise_on_unexpected_status=True)

    admin = as_user(demo["admin_token"])
    member = as_user(demo["member_token"])
    owner = as_user(demo["owner_token"])
    anyone = Client(base_url, raise_on_unexpected_status=True)
    bc, tiktok_account = demo["business_center_id"], demo["tiktok_account_id"]
    spark_ad = SparkAdCreate(
        ad_account_id=demo["ad_account_id"],
        tiktok_account_id=tiktok_account,
        video_id=demo["video_id"],
        name="Sourdough Spark Ad",
    )
    seen: dict[str, Any] = {}

    # 1. The BC admin requests access, and downloads the QR card to send to the owner.
    request = typed(
        AccessRequestRead,
        create_access_request.sync(
            bc, client=admin, body=AccessRequestCreate(scope=Scope.EXISTING_POSTS)
        ),
    )
    seen["access_request"] = {"status": request.status.value, "qr_code_url": request.qr_code_url}
    card = typed(File, get_qr_card.sync(bc, request.id, client=admin, format_=ImageFormat.PNG))
    seen["qr_card_png"] = base64.b64encode(card.payload.read()).decode()

    # 2. The owner scans it: the consent screen (no token: the code is the capability), then
    #    the approval. The code works once.
    code = request.qr_code_url.rsplit("/", 1)[-1]
    consent = typed(ConsentScreen, get_consent_screen.sync(code, client=anyone))
    seen["consent_screen"] = {
        "business_center": consent.business_center.name,
        "permissions": [permission.value for permission in consent.permissions],
    }
    approve = QrScan(code=code, decision=ScanDecision.APPROVE)
    scan = typed(QrScanResult, scan_qr_code.sync(client=owner, body=approve))
    seen["scan"] = {"status": scan.status.value}
    seen["scan_again"] = problem(scan_qr_code.sync(client=owner, body=approve))

    # 3. The admin assigns the member to the account, with the POST role.
    assigned = typed(
        PageAssignmentRead,
        assign_members.sync(
            bc,
            tiktok_account,
            client=admin,
            body=AssignmentsCreate(member_ids=[demo["member_id"]], roles=[AssignmentRole.POST]),
        ),
    )
    seen["assignments"] = [
        {"member_id": item.member_id, "roles": [role.value for role in item.roles]}
        for item in assigned.items
    ]

    # 4. The member checks that it may pull the video, and makes the Spark Ad.
    def eligibility() -> dict[str, Any]:
        answer = typed(
            Eligibility,
            check_eligibility.sync(
                client=member,
                ad_account_id=demo["ad_account_id"],
                tiktok_account_id=tiktok_account,
                video_id=demo["video_id"],
            ),
        )
        return {
            "allowed": answer.allowed,
            "reasons": [reason.value for reason in answer.reasons],
            "via": [via.value for via in answer.via],
        }

    seen["eligibility"] = eligibility()
    made = typed(SparkAdRead, create_spark_ad.sync(client=member, body=spark_ad))
    seen["spark_ad"] = {"id": made.id, "status": made.status.value}

    # 5. The admin ends the authorization: the ad reads PAUSED, and the member is refused.
    ended = revoke_bc_tiktok_account.sync_detailed(bc, tiktok_account, client=admin)
    seen["revoke_status"] = ended.status_code.value
    ads = typed(
        PageSparkAdRead, list_spark_ads.sync(client=member, ad_account_id=demo["ad_account_id"])
    )
    seen["spark_ads_after"] = [{"id": ad.id, "status": ad.status.value} for ad in ads.items]
    seen["eligibility_after"] = eligibility()
    seen["spark_ad_after"] = problem(create_spark_ad.sync(client=member, body=spark_ad))
    return seen


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], json.load(sys.stdin))))
