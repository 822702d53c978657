"""The benchmark's seed (bench/seed.py) builds what bench/run.py measures: its ids and tokens
give an allowed and a denied eligibility check, and the pages it reads."""

from fastapi.testclient import TestClient

from app.core.migrations import upgrade
from bench import seed
from bench.run import deep_cursor
from tests.conftest import MakeApp
from tests.factories import expect


def test_the_seed_gives_the_benchmark_what_it_measures(
    empty_database_url: str, make_app: MakeApp
) -> None:
    upgrade(empty_database_url)
    state = seed.seed(empty_database_url, authorizations=1_000, history=100)
    assert state["authorizations"] == 1_000

    app = make_app(database_url=empty_database_url)
    member = {"Authorization": f"Bearer {state['member_token']}"}
    admin = {"Authorization": f"Bearer {state['admin_token']}"}
    ask = {"ad_account_id": state["ad_account_id"], "tiktok_account_id": state["tiktok_account_id"]}
    bc = state["business_center_id"]
    with TestClient(app) as client:
        allowed = client.get(
            "/v1/spark-ads/eligibility",
            params={**ask, "video_id": state["allowed_video_id"]},
            headers=member,
        )
        denied = client.get(
            "/v1/spark-ads/eligibility",
            params={**ask, "video_id": state["denied_video_id"]},
            headers=member,
        )
        assert expect(allowed, 200)["allowed"] is True
        assert expect(denied, 200)["allowed"] is False
        for table in ("access_requests", "audit_events"):
            cursor = deep_cursor(empty_database_url, table, bc)
            path = f"/v1/business-centers/{bc}/{table.replace('_', '-')}"
            page = expect(client.get(path, params={"cursor": cursor}, headers=admin), 200)
            assert len(page["items"]) == 20
        accounts = expect(
            client.get(f"/v1/business-centers/{bc}/tiktok-accounts", headers=member), 200
        )
        assert accounts["items"]
