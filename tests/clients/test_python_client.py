"""The committed Python client (clients/python, bc-tiktok-access-client) drives the whole flow.

The client is installed as its users install it, with pip, into a virtual environment of its
own: its dependencies come from the package index, and none of the service's are there. Then
the quick start's flow runs through it (tests/clients/python_client_flow.py) against the
service as it is deployed (uvicorn in its own process) on the suite's database, SQLite or
PostgreSQL, with the demo data `bc-tiktok seed-demo` seeds.
"""

import asyncio
import base64
import json
import shutil
import subprocess
import sys
from dataclasses import asdict
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from app import demo
from app.cli import unit_of_work
from app.core.config import Settings
from tests.conftest import TEST_SECRET_KEY, SyncDatabase
from tests.live_server import ROOT, live_server

CLIENT = ROOT / "clients" / "python"
FLOW = Path(__file__).with_name("python_client_flow.py")


@pytest.fixture(scope="session")
def client_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a fresh virtual environment with the client installed from a copy of its
    folder (`pip install PATH`, so the build leaves nothing in the work tree)."""
    root = tmp_path_factory.mktemp("python-client")
    source = root / "bc-tiktok-access-client"
    shutil.copytree(CLIENT, source, ignore=shutil.ignore_patterns("__pycache__"))
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)  # noqa: S603
    python = venv / "bin" / "python"
    subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        check=True,
        timeout=600,
    )
    return python


def seed_demo(settings: Settings) -> demo.DemoData:
    """What `bc-tiktok seed-demo` seeds, in the same unit of work as the command's own."""

    async def seed() -> demo.DemoData:
        async with unit_of_work(settings) as ctx:
            return await demo.seed(ctx)

    return asyncio.run(seed())


def run_flow(python: Path, base_url: str, data: demo.DemoData) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [python, str(FLOW), base_url],
        input=json.dumps(asdict(data)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    seen: dict[str, Any] = json.loads(result.stdout)
    return seen


def installed(python: Path) -> dict[str, Any]:
    """Where the client is installed in that environment, and which packages are there."""
    probe = (
        "import importlib.util, json, bc_tiktok_access_client as c;"
        "print(json.dumps({'at': c.__file__, 'service': [m for m in ('app', 'fastapi', "
        "'pydantic', 'sqlalchemy') if importlib.util.find_spec(m)], 'needs': [m for m in "
        "('httpx', 'attrs') if importlib.util.find_spec(m)]}))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [python, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=python.parent,  # not the repository: `app` would be importable from there
    )
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def test_the_demo_flow_through_the_generated_client(
    client_python: Path, settings: Settings, database_url: str, database: SyncDatabase
) -> None:
    # The client alone, from its own folder, with its own dependencies only.
    found = installed(client_python)
    assert "site-packages" in found["at"], found
    assert found["service"] == []
    assert found["needs"] == ["httpx", "attrs"]

    data = seed_demo(settings)
    env = {"DATABASE_URL": database_url, "SECRET_KEY": TEST_SECRET_KEY}
    with live_server(env, workers=1) as base_url:
        seen = run_flow(client_python, base_url, data)

    # 1. A PENDING request, and its QR card: a PNG whose QR code is the request's URL.
    request = seen["access_request"]
    assert request["status"] == "PENDING"
    assert request["qr_code_url"].startswith(f"{base_url}/v1/qr/")
    card = Image.open(BytesIO(base64.b64decode(seen["qr_card_png"])))
    assert card.format == "PNG"
    assert [code.text for code in zxingcpp.read_barcodes(card)] == [request["qr_code_url"]]
    # 2. The owner saw who asks for what, approved once; a second scan is a typed problem.
    assert seen["consent_screen"] == {
        "business_center": demo.DEMO_BC_NAME,
        "permissions": ["PROFILE_INFO", "AD_ENABLED_POSTS", "PUBLIC_VIDEOS"],
    }
    assert seen["scan"] == {"status": "AUTHORIZED"}
    assert seen["scan_again"]["status"] == 409
    assert seen["scan_again"]["code"] == "QR_CODE_ALREADY_USED"
    # 3. and 4. The member, assigned with POST, may pull the video and makes the Spark Ad.
    assert seen["assignments"] == [{"member_id": data.member_id, "roles": ["POST"]}]
    assert seen["eligibility"] == {"allowed": True, "reasons": [], "via": ["BUSINESS_CENTER"]}
    assert seen["spark_ad"]["status"] == "ACTIVE"
    # 5. Once the admin ends the authorization, the ad is PAUSED and the member is refused,
    #    with a typed problem whose `code` is the first reason eligibility gives.
    assert seen["revoke_status"] == 204
    assert seen["spark_ads_after"] == [{"id": seen["spark_ad"]["id"], "status": "PAUSED"}]
    after = seen["eligibility_after"]
    assert after["allowed"] is False
    assert after["reasons"]
    refused = seen["spark_ad_after"]
    assert (refused["status"], refused["code"]) == (403, after["reasons"][0])
    assert refused["reasons"] == after["reasons"]
