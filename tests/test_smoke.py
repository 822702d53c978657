from tests.factories import Api, expect


def test_the_flow_runs_end_to_end(api: Api) -> None:
    bc = api.bc()
    owner = api.owner()
    authorized = api.authorize(bc, owner)
    assert authorized["status"] == "AUTHORIZED"
    assert authorized["tiktok_account_id"] == owner.id
    listing = expect(api.client.get("/v1/tiktok-app/authorizations", headers=owner.headers), 200)
    assert [item["business_center_id"] for item in listing["items"]] == [bc.id]
