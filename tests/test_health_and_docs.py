"""SPEC section 10 through HTTP: health checks, the OpenAPI document and the offline docs pages."""

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import create_engine, text

from tests.conftest import MakeApp
from tests.factories import expect

PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "request_id"}
PROBLEM_MEDIA_TYPE = "application/problem+json"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
CDN_HOSTS = (
    "cdn.jsdelivr.net",
    "unpkg.com",
    "cdnjs.cloudflare.com",
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "cdn.redoc.ly",
)

# Every method and path in the tables of SPEC sections 3 to 10, with the path parameter names
# the app uses. SPEC.md is not part of this repository (CI clones only the repository), so the
# list lives here and must be kept complete by hand when SPEC.md gains a route.
SPEC_ROUTES = {
    # 3. Users, Business Centers, members, ad accounts
    ("post", "/v1/users"),
    ("get", "/v1/users/me"),
    ("post", "/v1/business-centers"),
    ("get", "/v1/business-centers/{bc_id}"),
    ("get", "/v1/business-centers/{bc_id}/members"),
    ("post", "/v1/business-centers/{bc_id}/members"),
    ("patch", "/v1/business-centers/{bc_id}/members/{member_id}"),
    ("delete", "/v1/business-centers/{bc_id}/members/{member_id}"),
    ("post", "/v1/business-centers/{bc_id}/ad-accounts"),
    ("get", "/v1/business-centers/{bc_id}/ad-accounts"),
    ("put", "/v1/business-centers/{bc_id}/ad-accounts/{ad_account_id}/members/{member_id}"),
    ("delete", "/v1/business-centers/{bc_id}/ad-accounts/{ad_account_id}/members/{member_id}"),
    # 4. Access requests and the QR code
    ("post", "/v1/business-centers/{bc_id}/access-requests"),
    ("get", "/v1/business-centers/{bc_id}/access-requests"),
    ("get", "/v1/business-centers/{bc_id}/access-requests/{request_id}"),
    ("get", "/v1/business-centers/{bc_id}/access-requests/{request_id}/qr-code"),
    ("get", "/v1/business-centers/{bc_id}/access-requests/{request_id}/qr-card"),
    ("post", "/v1/business-centers/{bc_id}/access-requests/{request_id}/cancel"),
    # 5. The simulated TikTok app
    ("post", "/v1/tiktok-app/accounts"),
    ("get", "/v1/tiktok-app/me"),
    ("post", "/v1/tiktok-app/videos"),
    ("patch", "/v1/tiktok-app/videos/{video_id}"),
    ("post", "/v1/tiktok-app/lives"),
    ("post", "/v1/tiktok-app/lives/{live_id}/end"),
    ("put", "/v1/tiktok-app/showcase"),
    ("get", "/v1/qr/{code}"),
    ("post", "/v1/tiktok-app/qr-scans"),
    ("get", "/v1/tiktok-app/authorizations"),
    ("delete", "/v1/tiktok-app/authorizations/{authorization_id}"),
    ("post", "/v1/tiktok-app/account-links"),
    ("delete", "/v1/tiktok-app/account-links/{user_id}"),
    # 6. TikTok accounts in a BC
    ("get", "/v1/business-centers/{bc_id}/tiktok-accounts"),
    ("get", "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}"),
    ("delete", "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}"),
    ("get", "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}/profile"),
    ("get", "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}/videos"),
    ("get", "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}/lives"),
    # 7. Assignments
    ("get", "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}/assignments"),
    ("post", "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}/assignments"),
    (
        "put",
        "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}/assignments/{member_id}",
    ),
    (
        "delete",
        "/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}/assignments/{member_id}",
    ),
    # 8. Identities and Spark Ads
    ("get", "/v1/identities"),
    ("get", "/v1/spark-ads/eligibility"),
    ("post", "/v1/spark-ads"),
    ("get", "/v1/spark-ads"),
    ("post", "/v1/spark-ads/eligibility/batch"),
    ("get", "/v1/identities/{identity_id}/videos"),
    # 9. Audit log
    ("get", "/v1/business-centers/{bc_id}/audit-events"),
    # 10. Operations
    ("get", "/healthz"),
    ("get", "/readyz"),
}
NO_AUTH_ROUTES = {
    ("post", "/v1/users"),
    ("post", "/v1/tiktok-app/accounts"),
    ("get", "/v1/qr/{code}"),
    ("get", "/healthz"),
    ("get", "/readyz"),
}


def assert_problem(response: Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert set(body) == PROBLEM_KEYS, body
    assert body["status"] == status
    assert body["request_id"] == response.headers["x-request-id"]
    return body


@pytest.fixture
def offline_client(make_app: MakeApp, tmp_path: Path) -> Iterator[TestClient]:
    """An app whose database cannot be opened: its directory does not exist."""
    app = make_app(database_url=f"sqlite:///{tmp_path / 'missing-dir' / 'app.db'}")
    with TestClient(app) as client:
        yield client


# --- /healthz and /readyz ----------------------------------------------------------------------


def test_healthz_is_ok(client: TestClient) -> None:
    response = client.get("/healthz")
    assert expect(response, 200) == {"status": "ok"}
    assert response.headers["content-type"] == "application/json"


def test_healthz_is_ok_while_the_database_is_down(offline_client: TestClient) -> None:
    assert expect(offline_client.get("/healthz"), 200) == {"status": "ok"}


def test_readyz_is_200_on_the_migrated_database(client: TestClient) -> None:
    expect(client.get("/readyz"), 200)


def test_readyz_is_503_when_the_database_has_no_schema(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    with TestClient(app) as client:
        assert_problem(client.get("/readyz"), 503)


def test_readyz_is_503_when_the_schema_is_not_at_the_latest_migration(
    make_app: MakeApp, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('0000_not_the_head')"))
    engine.dispose()
    with TestClient(make_app(database_url=url)) as client:
        assert_problem(client.get("/readyz"), 503)


def test_readyz_is_503_when_the_database_file_cannot_be_opened(
    offline_client: TestClient,
) -> None:
    assert_problem(offline_client.get("/readyz"), 503)


def test_readyz_is_503_when_the_database_server_does_not_answer(make_app: MakeApp) -> None:
    # Port 1 on the loopback refuses at once, so this does not wait for a timeout.
    password = "hunter2-do-not-leak"
    app = make_app(database_url=f"postgresql+psycopg://postgres:{password}@127.0.0.1:1/none")
    with TestClient(app) as client:
        response = client.get("/readyz")
    assert_problem(response, 503)
    assert password not in response.text
    assert "127.0.0.1" not in response.text


# --- /openapi.json -----------------------------------------------------------------------------


@pytest.fixture
def openapi(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    schema: dict[str, Any] = expect(response, 200)
    return schema


def operations(openapi: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield method, path, operation


def resolve(openapi: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        *_, name = schema["$ref"].split("/")
        schema = openapi["components"]["schemas"][name]
    return schema


def test_openapi_lists_every_spec_route(openapi: dict[str, Any]) -> None:
    documented = {(method, path) for method, path, _ in operations(openapi)}
    assert sorted(SPEC_ROUTES - documented) == []


def test_every_operation_has_a_summary_and_a_description(openapi: dict[str, Any]) -> None:
    undocumented = [
        f"{method.upper()} {path}"
        for method, path, operation in operations(openapi)
        if not operation.get("summary", "").strip() or not operation.get("description", "").strip()
    ]
    assert undocumented == []


def test_every_operation_documents_its_error_responses(openapi: dict[str, Any]) -> None:
    without_errors = [
        f"{method.upper()} {path}"
        for method, path, operation in operations(openapi)
        if path != "/healthz"
        and not any(400 <= int(status) < 500 for status in operation["responses"])
    ]
    assert without_errors == []


def test_error_responses_are_problem_json_with_examples(openapi: dict[str, Any]) -> None:
    bad = []
    for method, path, operation in operations(openapi):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            content = response.get("content", {})
            problem = content.get(PROBLEM_MEDIA_TYPE, {})
            if set(content) != {PROBLEM_MEDIA_TYPE} or not (
                problem.get("examples") or problem.get("example")
            ):
                bad.append(f"{method.upper()} {path} {status}")
    assert bad == []


def test_error_examples_are_problems_of_their_status(openapi: dict[str, Any]) -> None:
    bad = []
    for method, path, operation in operations(openapi):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            examples = response.get("content", {}).get(PROBLEM_MEDIA_TYPE, {}).get("examples", {})
            for name, example in examples.items():
                value = example.get("value", {})
                keys = PROBLEM_KEYS | {"errors"} if int(status) == 422 else PROBLEM_KEYS
                if set(value) != keys or value["status"] != int(status):
                    bad.append(f"{method.upper()} {path} {status} {name}")
    assert bad == []


def test_authenticated_operations_document_401(openapi: dict[str, Any]) -> None:
    missing = [
        f"{method.upper()} {path}"
        for method, path, operation in operations(openapi)
        if operation.get("security") and "401" not in operation["responses"]
    ]
    assert missing == []


def fields_without_examples(openapi: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    """None when the body has an example as a whole; else the properties that carry none."""
    media = operation["requestBody"]["content"]["application/json"]
    schema = resolve(openapi, media["schema"])
    whole_body_examples = (
        media.get("examples")
        or media.get("example")
        or schema.get("examples")
        or schema.get("example")
    )
    if whole_body_examples:
        return []
    properties: dict[str, dict[str, Any]] = schema.get("properties", {})
    assert properties, schema
    return [
        name
        for name, field in properties.items()
        if not (field.get("examples") or field.get("example"))
    ]


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_request_bodies_carry_examples(openapi: dict[str, Any], method: str) -> None:
    bodies = [
        (path, operation)
        for verb, path, operation in operations(openapi)
        if verb == method and "requestBody" in operation
    ]
    assert bodies, f"no {method.upper()} operation with a body"
    without_examples = [
        f"{path}: {name}"
        for path, operation in bodies
        for name in fields_without_examples(openapi, operation)
    ]
    assert without_examples == []


def test_both_security_schemes_exist(openapi: dict[str, Any]) -> None:
    schemes = openapi["components"]["securitySchemes"]
    for name in ("UserToken", "OwnerToken"):
        assert schemes[name]["type"] == "http"
        assert schemes[name]["scheme"].lower() == "bearer"


@pytest.mark.parametrize(
    ("method", "path", "scheme"),
    [
        ("get", "/v1/users/me", "UserToken"),
        ("post", "/v1/business-centers", "UserToken"),
        ("post", "/v1/business-centers/{bc_id}/access-requests", "UserToken"),
        ("get", "/v1/tiktok-app/me", "OwnerToken"),
        ("post", "/v1/tiktok-app/qr-scans", "OwnerToken"),
    ],
)
def test_operation_names_the_token_it_needs(
    openapi: dict[str, Any], method: str, path: str, scheme: str
) -> None:
    assert openapi["paths"][path][method]["security"] == [{scheme: []}]


@pytest.mark.parametrize(("method", "path"), sorted(NO_AUTH_ROUTES))
def test_open_operations_need_no_token(openapi: dict[str, Any], method: str, path: str) -> None:
    assert not openapi["paths"][path][method].get("security")


# --- /docs and /redoc --------------------------------------------------------------------------


class _Assets(HTMLParser):
    """The URLs a page loads: script sources, stylesheets and icons."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"script", "img"} and values.get("src"):
            self.urls.append(str(values["src"]))
        if tag == "link" and values.get("href"):
            self.urls.append(str(values["href"]))


def assets_of(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


DOCS_PAGES = ["/docs", "/redoc"]


@pytest.mark.parametrize("page", DOCS_PAGES)
def test_docs_page_is_html(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("page", DOCS_PAGES)
def test_docs_page_loads_nothing_from_another_host(client: TestClient, page: str) -> None:
    html = client.get(page).text
    urls = assets_of(html)
    assert any(url.endswith(".js") for url in urls), urls
    foreign = [url for url in urls if urlsplit(url).scheme or urlsplit(url).netloc]
    assert foreign == []
    assert re.findall(r"https?://[^\s\"'<>]+", html) == []
    assert [host for host in CDN_HOSTS if host in html] == []


@pytest.mark.parametrize("page", DOCS_PAGES)
def test_docs_page_assets_are_served_by_the_service(client: TestClient, page: str) -> None:
    for url in assets_of(client.get(page).text):
        response = client.get(urljoin(page, url))
        assert response.status_code == 200, url
        assert response.content, url
        if url.endswith(".js"):
            assert "javascript" in response.headers["content-type"], url
        if url.endswith(".css"):
            assert response.headers["content-type"].startswith("text/css"), url


@pytest.mark.parametrize("page", DOCS_PAGES)
def test_docs_page_reads_the_served_openapi(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assert "/openapi.json" in html
    assert expect(client.get("/openapi.json"), 200)["openapi"].startswith("3.")
