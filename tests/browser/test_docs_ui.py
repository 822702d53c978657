"""The docs UI (`/docs`, Swagger UI) driven in headless Chromium, as a person would use it.

The service runs in uvicorn; Debian's `chromium` (`apt-get install -y chromium`, which
`scripts/test` does) is driven by Playwright, which downloads no browser of its own. The test
authorizes with a user token through the Authorize dialog, runs "Try it out" on creating an
access request (201), then on reading its QR code (the PNG shown in the page), and saves a
screenshot of both operations (title bar, curl, response; stacked) under pytest's `tmp_path`.

`docs/docs-ui.png`, shown in the README, is that screenshot; regenerate it with
`UPDATE_SCREENSHOT=1 .venv/bin/python -m pytest tests/browser -p no:xdist`.
"""

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from tests.conftest import TEST_SECRET_KEY, SyncDatabase
from tests.factories import unique
from tests.live_server import ROOT, live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # as root (CI, containers) Chromium does not start with its sandbox
    "--disable-gpu",
    "--disable-background-networking",  # no update checks or other calls off the machine
]
COMMITTED_SCREENSHOT = ROOT / "docs" / "docs-ui.png"
ACCESS_REQUESTS_PATH = "/v1/business-centers/{bc_id}/access-requests"
QR_CODE_PATH = f"{ACCESS_REQUESTS_PATH}/{{request_id}}/qr-code"
UI_TIMEOUT_MS = 15_000  # for a busy CI machine; the whole test takes seconds

expect.set_options(timeout=UI_TIMEOUT_MS)


@pytest.fixture
def base_url(database_url: str, database: SyncDatabase) -> Iterator[str]:
    """The service in uvicorn on the suite's database; `database` empties the tables after."""
    with live_server(
        {"DATABASE_URL": database_url, "SECRET_KEY": TEST_SECRET_KEY}, workers=1
    ) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's Chromium with `apt-get install -y chromium` "
            "(scripts/test does). Not `playwright install`: this test uses no downloaded browser."
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def admin_of_a_business_center(base_url: str) -> tuple[str, str]:
    """A new user's token and the id of the Business Center it created (so it is its admin)."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        signup = client.post(
            "/v1/users",
            json={"email": f"{unique('docs.ui')}@example.com", "display_name": "Docs UI"},
        )
        assert signup.status_code == 201, signup.text
        token: str = signup.json()["token"]
        bc = client.post(
            "/v1/business-centers",
            json={"name": "Docs UI Agency"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert bc.status_code == 201, bc.text
        bc_id: str = bc.json()["id"]
    return token, bc_id


def operation(page: Page, method: str, path: str) -> Locator:
    # By path, not by the `#operations-<tag>-<operationId>` id: Swagger UI CSS-escapes the tag
    # into the id ("Step_1\:_access_requests"), so that selector would need escaping twice.
    return page.locator(f'.opblock-{method}:has(.opblock-summary-path[data-path="{path}"])')


def authorize(page: Page, token: str) -> None:
    page.locator(".auth-wrapper").get_by_role("button", name="Authorize").click()
    # One form per security scheme; their inputs share one id, so find the form by its name.
    form = page.locator(".auth-container", has_text="UserToken")
    form.get_by_label("auth-bearer-value").fill(token)
    form.get_by_role("button", name="Apply credentials").click()
    expect(form.get_by_text("Authorized", exact=True)).to_be_visible()
    form.get_by_role("button", name="Close").click()
    expect(page.locator(".modal-ux")).to_be_hidden()


def try_it_out(block: Locator, parameters: dict[str, str], body: str | None = None) -> Locator:
    """Expand the operation, fill it in, execute it; its "Server response" row."""
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    for name, value in parameters.items():
        block.locator(f'tr[data-param-name="{name}"] input').fill(value)
    if body is not None:
        block.locator("textarea.body-param__text").fill(body)
    block.get_by_role("button", name="Execute").click()
    return block.locator(".live-responses-table tr.response")


def screenshots_of_the_run(block: Locator) -> list[bytes]:
    """What a person looks at in an executed operation: its title bar (method, path, summary),
    then the curl command, the request URL and the server's response."""
    return [
        block.locator(".opblock-summary").screenshot(),
        block.locator(".responses-inner > div > div").first.screenshot(),
    ]


def stacked(screenshots: list[bytes]) -> Image.Image:
    # The two responses are thousands of pixels apart on the page (the create operation's
    # documented error responses lie between them), so no viewport holds both.
    images = [Image.open(io.BytesIO(png)).convert("RGB") for png in screenshots]
    gap = 16
    sheet = Image.new(
        "RGB",
        (max(image.width for image in images), sum(image.height + gap for image in images) - gap),
        "white",
    )
    top = 0
    for image in images:
        sheet.paste(image, (0, top))
        top += image.height + gap
    return sheet


def test_create_an_access_request_and_see_its_qr_code_in_the_docs_ui(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    token, bc_id = admin_of_a_business_center(base_url)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto(f"{base_url}/docs")
    authorize(page, token)

    create = operation(page, "post", ACCESS_REQUESTS_PATH)
    created = try_it_out(create, {"bc_id": bc_id}, body='{"scope": "EXISTING_POSTS"}')
    expect(created.locator(".response-col_status")).to_have_text("201")
    access_request: dict[str, Any] = json.loads(
        created.locator(".response-col_description pre").first.inner_text()
    )
    assert access_request["status"] == "PENDING"
    assert access_request["qr_code_url"].startswith(f"{base_url}/v1/qr/")

    qr_code = operation(page, "get", QR_CODE_PATH)
    shown = try_it_out(qr_code, {"bc_id": bc_id, "request_id": access_request["id"]})
    expect(shown.locator(".response-col_status")).to_have_text("200")
    image = shown.locator(".response-col_description img")
    # decode() waits for the image and fails on a broken one; a PNG that loads has a width.
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0

    # 128 colours: a third of the bytes of the full-colour PNG, and no visible difference.
    sheet = stacked(screenshots_of_the_run(create) + screenshots_of_the_run(qr_code)).quantize(128)
    sheet.save(tmp_path / "docs-ui.png", optimize=True)
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        COMMITTED_SCREENSHOT.parent.mkdir(exist_ok=True)
        sheet.save(COMMITTED_SCREENSHOT, optimize=True)
