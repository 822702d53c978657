"""/openapi.json as a contract clients are generated from (SPEC section 2).

- Every operation has an id of SPEC section 2's form, unique, and the same as in the last
  release (the table below: changing an id breaks every generated client).
- The QR code and the QR card are described as bytes that generators type, and
  openapi-python-client generates a client from the document without a warning.
- The document tells the truth about input: for every field of every request body, a value
  the document accepts is one the service's model accepts too, so a client that checks its
  input against the schema before sending is never refused for it (a rule between two fields,
  which generators cannot type, is stated in the fields' descriptions instead).
"""

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import jsonschema_rs
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel, SecretStr, StringConstraints, TypeAdapter, ValidationError

from app.access_requests.card_texts import SUPPORTED_LANGUAGES, card_language
from app.core.config import Settings
from app.core.openapi import MAX_OPERATION_ID_LENGTH, is_operation_id, operation_id
from app.core.schemas import NOT_WHITESPACE, InputModel
from app.main import create_app
from tests.conftest import TEST_SECRET_KEY
from tests.factories import Api, expect

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}

BC = "/v1/business-centers/{bc_id}"
REQUEST = BC + "/access-requests/{request_id}"
TT = BC + "/tiktok-accounts/{tiktok_account_id}"
APP = "/v1/tiktok-app"
# Every operation's id, as released: a change here is a breaking change for every client.
OPERATION_IDS = {
    ("GET", "/healthz"): "checkLiveness",
    ("GET", "/readyz"): "checkReadiness",
    ("POST", "/v1/users"): "signUp",
    ("GET", "/v1/users/me"): "getMe",
    ("POST", "/v1/users/me/token"): "rotateUserToken",
    ("POST", "/v1/business-centers"): "createBusinessCenter",
    ("GET", BC): "getBusinessCenter",
    ("GET", BC + "/members"): "listMembers",
    ("POST", BC + "/members"): "addMember",
    ("PATCH", BC + "/members/{member_id}"): "updateMember",
    ("DELETE", BC + "/members/{member_id}"): "removeMember",
    ("GET", BC + "/ad-accounts"): "listAdAccounts",
    ("POST", BC + "/ad-accounts"): "createAdAccount",
    ("PUT", BC + "/ad-accounts/{ad_account_id}/members/{member_id}"): "setAdAccountRole",
    ("DELETE", BC + "/ad-accounts/{ad_account_id}/members/{member_id}"): "removeAdAccountRole",
    ("GET", BC + "/access-requests"): "listAccessRequests",
    ("POST", BC + "/access-requests"): "createAccessRequest",
    ("GET", REQUEST): "getAccessRequest",
    ("GET", REQUEST + "/qr-code"): "getQrCode",
    ("GET", REQUEST + "/qr-card"): "getQrCard",
    ("POST", REQUEST + "/cancel"): "cancelAccessRequest",
    ("GET", BC + "/tiktok-accounts"): "listBcTiktokAccounts",
    ("GET", TT): "getBcTiktokAccount",
    ("DELETE", TT): "revokeBcTiktokAccount",
    ("GET", TT + "/profile"): "getBcTiktokAccountProfile",
    ("GET", TT + "/videos"): "listBcTiktokAccountVideos",
    ("GET", TT + "/lives"): "listBcTiktokAccountLives",
    ("GET", TT + "/assignments"): "listAssignments",
    ("POST", TT + "/assignments"): "assignMembers",
    ("PUT", TT + "/assignments/{member_id}"): "setAssignment",
    ("DELETE", TT + "/assignments/{member_id}"): "removeAssignment",
    ("GET", BC + "/audit-events"): "listAuditEvents",
    ("GET", BC + "/webhooks"): "listWebhooks",
    ("POST", BC + "/webhooks"): "createWebhook",
    ("DELETE", BC + "/webhooks/{webhook_id}"): "deleteWebhook",
    ("GET", BC + "/webhooks/{webhook_id}/deliveries"): "listWebhookDeliveries",
    ("GET", "/v1/identities"): "listIdentities",
    ("GET", "/v1/identities/{identity_id}/videos"): "listIdentityVideos",
    ("GET", "/v1/spark-ads/eligibility"): "checkEligibility",
    ("POST", "/v1/spark-ads/eligibility/batch"): "checkEligibilityBatch",
    ("GET", "/v1/spark-ads"): "listSparkAds",
    ("POST", "/v1/spark-ads"): "createSparkAd",
    ("POST", APP + "/accounts"): "createTiktokAppAccount",
    ("GET", APP + "/me"): "getTiktokAppAccount",
    ("POST", APP + "/me/token"): "rotateOwnerToken",
    ("POST", APP + "/videos"): "createVideo",
    ("PATCH", APP + "/videos/{video_id}"): "updateVideo",
    ("POST", APP + "/lives"): "startLive",
    ("POST", APP + "/lives/{live_id}/end"): "endLive",
    ("PUT", APP + "/showcase"): "setShowcase",
    ("GET", "/v1/qr/{code}"): "getConsentScreen",
    ("POST", APP + "/qr-scans"): "scanQrCode",
    ("GET", APP + "/authorizations"): "listAuthorizations",
    ("DELETE", APP + "/authorizations/{authorization_id}"): "revokeAuthorization",
    ("POST", APP + "/account-links"): "linkUser",
    ("GET", APP + "/account-links"): "listAccountLinks",
    ("DELETE", APP + "/account-links/{user_id}"): "unlinkUser",
}


@pytest.fixture(scope="module")
def openapi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What GET /openapi.json answers (the document needs no database)."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path_factory.mktemp('openapi') / 'unused.db'}",
        secret_key=SecretStr(TEST_SECRET_KEY),
        webhooks_dispatcher=False,
    )
    document: dict[str, Any] = expect(TestClient(create_app(settings)).get("/openapi.json"), 200)
    return document


def operations(openapi: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield method.upper(), path, operation


# --- operation ids ---------------------------------------------------------------------------


def test_every_operation_id_is_lower_camel_case_verb_first_and_short(
    openapi: dict[str, Any],
) -> None:
    bad = [
        f"{method} {path}: {operation.get('operationId')!r}"
        for method, path, operation in operations(openapi)
        if not is_operation_id(operation.get("operationId", ""))
    ]
    assert bad == []


def test_operation_ids_are_unique(openapi: dict[str, Any]) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(openapi)]
    assert sorted(id_ for id_ in set(ids) if ids.count(id_) > 1) == []


def test_operation_ids_are_the_released_ones(openapi: dict[str, Any]) -> None:
    documented = {
        (method, path): operation["operationId"] for method, path, operation in operations(openapi)
    }
    assert documented == OPERATION_IDS


@pytest.mark.parametrize(
    "value",
    [
        "createAccessRequest",
        "listBcTiktokAccounts",
        "scanQrCode",
        "getMe",
        "check" + "X" * (MAX_OPERATION_ID_LENGTH - 5),
    ],
)
def test_the_rule_accepts(value: str) -> None:
    assert is_operation_id(value)


@pytest.mark.parametrize(
    "value",
    [
        "create_access_request_v1_business_centers_bc_id_access_requests_post",  # FastAPI's own
        "CreateAccessRequest",  # UpperCamelCase
        "accessRequest",  # no verb first
        "healthz",
        "create_access_request",
        "createAccess-request",
        "check" + "X" * (MAX_OPERATION_ID_LENGTH - 4),  # 41 characters
        "",
    ],
)
def test_the_rule_refuses(value: str) -> None:
    assert not is_operation_id(value)


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("create_access_request", "createAccessRequest"),
        ("list_bc_tiktok_accounts", "listBcTiktokAccounts"),
        ("check_eligibility_batch", "checkEligibilityBatch"),
        ("list_identity_videos", "listIdentityVideos"),
        ("get_me", "getMe"),
    ],
)
def test_the_id_is_the_endpoint_function_name_in_lower_camel_case(
    endpoint: str, expected: str
) -> None:
    async def handler() -> None:
        return None

    handler.__name__ = endpoint
    assert operation_id(APIRoute("/x", handler)) == expected


# --- the images ------------------------------------------------------------------------------

IMAGE_PATHS = [REQUEST + "/qr-code", REQUEST + "/qr-card"]


@pytest.mark.parametrize("path", IMAGE_PATHS)
def test_the_images_are_bytes_in_each_media_type(openapi: dict[str, Any], path: str) -> None:
    content = openapi["paths"][path]["get"]["responses"]["200"]["content"]
    assert content == {
        media_type: {"schema": {"type": "string", "format": "binary"}}
        for media_type in ("image/png", "image/svg+xml", "application/octet-stream")
    }


@pytest.mark.parametrize(
    ("image_format", "accept", "media_type"),
    [
        ("png", None, "image/png"),
        ("svg", None, "image/svg+xml"),
        ("png", "application/octet-stream", "application/octet-stream"),
        ("svg", "application/octet-stream", "application/octet-stream"),
        ("png", "image/png, application/octet-stream", "image/png"),
        ("svg", "image/*;q=0.9, application/octet-stream", "image/svg+xml"),
        ("png", "*/*", "image/png"),
    ],
)
@pytest.mark.parametrize("image", ["qr-code", "qr-card"])
def test_an_octet_stream_download_is_the_same_image(
    api: Api, image: str, image_format: str, accept: str | None, media_type: str
) -> None:
    bc = api.bc()
    request = api.access_request(bc)
    url = f"/v1/business-centers/{bc.id}/access-requests/{request['id']}/{image}"
    params = {"format": image_format}
    plain = api.client.get(url, params=params, headers=bc.admin.headers)
    asked = api.client.get(
        url, params=params, headers={**bc.admin.headers, **({"Accept": accept} if accept else {})}
    )
    assert (plain.status_code, asked.status_code) == (200, 200), asked.text
    assert asked.headers["content-type"].split(";")[0] == media_type
    assert asked.headers["vary"] == "Accept"
    assert asked.content == plain.content
    assert asked.headers["etag"] == plain.headers["etag"]


def test_openapi_python_client_generates_without_a_warning(
    openapi: dict[str, Any], tmp_path: Path
) -> None:
    """The issue's own try: openapi-python-client (the locked version) on /openapi.json, with
    no configuration, generates every operation, and the images as bytes."""
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(openapi))
    generator = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(  # noqa: S603 (the locked generator, our own document)
        [str(generator), "generate", "--path", str(document), "--output-path", "out"],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{generator.parent}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    api = tmp_path / "out" / "bc_tiktok_access_client" / "api"
    generated = {module.stem for module in api.glob("*/*.py")} - {"__init__"}
    snake = {re.sub(r"[A-Z]", lambda m: "_" + m[0].lower(), id_) for id_ in OPERATION_IDS.values()}
    assert generated == snake
    for image in ("get_qr_code", "get_qr_card"):
        module = next(api.glob(f"*/{image}.py")).read_text()
        assert "File(payload=BytesIO(response.content))" in module


# --- the truth about input -------------------------------------------------------------------


def test_not_whitespace_is_what_trimming_keeps() -> None:
    """The patterns name the characters trimming removes; they are exactly what pydantic's
    strip_whitespace removes (Unicode White_Space), over all of Unicode."""
    everything = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    trim = TypeAdapter(list[Annotated[str, StringConstraints(strip_whitespace=True)]])
    trimmed = {
        c for c, kept in zip(everything, trim.validate_python(everything), strict=True) if not kept
    }
    not_whitespace = re.compile(NOT_WHITESPACE)
    named = {c for c in everything if not not_whitespace.fullmatch(c)}
    assert named == trimmed


def _subclasses(cls: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def body_models(openapi: dict[str, Any]) -> dict[str, type[BaseModel]]:
    """The request bodies' schemas and those nested in them, by name, with their models."""
    models = {model.__name__: model for model in _subclasses(InputModel)}
    schemas = openapi["components"]["schemas"]
    found: dict[str, type[BaseModel]] = {}
    pending = [
        media["schema"]["$ref"].rsplit("/", 1)[-1]
        for _, _, operation in operations(openapi)
        for media in operation.get("requestBody", {}).get("content", {}).values()
    ]
    while pending:
        name = pending.pop()
        if name in found or schemas[name].get("type") != "object":
            continue
        assert name in models, f"no request model is named {name}"
        found[name] = models[name]
        pending.extend(re.findall(r"#/components/schemas/(\w+)", repr(schemas[name])))
    return found


# A rule between fields is stated in the description of each field it involves: JSON Schema
# could say it only with a `oneOf`, which generators turn into a union of partial models.
ONE_CONTENT = (("video_id", "live_id"), "Give exactly one of `video_id` and `live_id`.")
CROSS_FIELD_RULES = {"SparkAdCreate": ONE_CONTENT, "EligibilityCheck": ONE_CONTENT}

TEXTS = [
    *["", " ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c"],
    *["\x85", "\xa0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u3000"],
    *["\u200b", "\ufeff", "\x00", "a\x00", "\x1f", "a\x1fb", "\x7f", "é", "名前", "🙂"],
    *["a", " a ", "a b", "a\tb", "a\nb", "a\r\nb", "\ta", "a\n", "a\u3000"],
    *["nora.bakes", "nora.", ".nora", "n", "no", "no_ra", "nora bakes", "x" * 24, "x" * 25],
    *["a@b.c", "A@B.CO", " a@b.c ", "a@b", "@b.c", "a@", "a@@b.c", "a b@c.d", "a@b.c\n"],
    *["https://hooks.example/x", "http://127.0.0.1/", "https://", "ftp://x", "https://a b"],
    *["POST", "post", "LIVE", "ADMIN", "APPROVE", "PUBLIC", "EXISTING_POSTS", "<member id>"],
]
OTHER_VALUES: list[Any] = [None, 0, 1, -1, 1.5, True, False, [], {}, ["a"], {"a": 1}]


def _lengths(schema: dict[str, Any]) -> Iterator[int]:
    for key in ("minLength", "maxLength", "minItems", "maxItems"):
        if key in schema:
            yield from (max(schema[key] - 1, 0), schema[key], schema[key] + 1)


def _branches(schema: dict[str, Any]) -> list[dict[str, Any]]:
    branches: list[dict[str, Any]] = schema.get("anyOf", [schema])
    return branches


def candidates(schema: dict[str, Any], example: Any) -> Iterator[Any]:
    """Values around every limit the property's schema states, and many it does not."""
    yield from TEXTS
    yield from OTHER_VALUES
    for branch in _branches(schema):
        for length in _lengths(branch):
            yield from ("a" * length, "é" * length, " " + "a" * length, "a" * length + "\u3000")
        items = branch.get("items")
        if items is None:
            continue
        item = (example or [None])[0]
        yield from ([text] for text in TEXTS)
        yield from ([value] for value in OTHER_VALUES)
        yield from ([item] * count for count in (1, 2, 3))
        for length in _lengths(branch):
            yield [f"id-{index}" for index in range(length)]
            yield [item] * length
        yield from ([item, text] for text in ("", " ", "x" * 65))


def base_body(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A valid body: the first example of each field that has one."""
    body = {
        field: prop["examples"][0]
        for field, prop in schema["properties"].items()
        if prop.get("examples")
    }
    missing = set(schema.get("required", [])) - set(body)
    assert not missing, f"{name}: give {sorted(missing)} an example"
    return body


def validator(openapi: dict[str, Any], name: str) -> Any:
    """The document's schema for `name`, checked as JSON Schema says (ECMA-262 patterns)."""
    root = {"$ref": f"#/components/schemas/{name}", "components": openapi["components"]}
    return jsonschema_rs.Draft202012Validator(root)


def model_refusal(model: type[BaseModel], body: dict[str, Any]) -> ValidationError | None:
    try:
        model.model_validate(body)
    except ValidationError as error:
        return error
    return None


def test_every_request_body_model_is_probed(openapi: dict[str, Any]) -> None:
    names = set(body_models(openapi))
    assert {"SparkAdCreate", "AssignmentsCreate", "TikTokAccountCreate", "QrScan"} <= names


def test_the_document_accepts_no_input_the_models_refuse(openapi: dict[str, Any]) -> None:
    schemas = openapi["components"]["schemas"]
    told_apart: list[str] = []
    for name, model in sorted(body_models(openapi).items()):
        schema, check = schemas[name], validator(openapi, name)
        base = base_body(name, schema)
        assert check.is_valid(base), f"{name}: the document refuses its own example {base}"
        assert model_refusal(model, base) is None, f"{name}: the model refuses {base}"
        for field, prop in schema["properties"].items():
            values = [*candidates(prop, base.get(field)), ...]  # ...: the field left out
            for value in values:
                body = {key: item for key, item in base.items() if key != field}
                if value is not ...:
                    body[field] = value
                if not check.is_valid(body):
                    continue
                refusal = model_refusal(model, body)
                if refusal is None:
                    continue
                if all(error["loc"] == () for error in refusal.errors()) and name in (
                    CROSS_FIELD_RULES
                ):
                    continue  # a rule between fields: see test_cross_field_rules_are_stated
                told_apart.append(f"{name}.{field} = {value!r}: {refusal.errors()[0]['msg']}")
    assert told_apart == []


@pytest.mark.parametrize("name", sorted(CROSS_FIELD_RULES))
def test_cross_field_rules_are_stated(openapi: dict[str, Any], name: str) -> None:
    properties = openapi["components"]["schemas"][name]["properties"]
    fields, rule = CROSS_FIELD_RULES[name]
    for field in fields:
        assert rule in properties[field].get("description", ""), (name, field)


def test_the_documented_limits_are_the_models_limits(openapi: dict[str, Any]) -> None:
    """Where the document states a limit, the model refuses the value just past it, for that
    very reason: the document is not stricter than the service at any boundary it names."""
    schemas = openapi["components"]["schemas"]
    loose: list[str] = []
    for name, model in sorted(body_models(openapi).items()):
        base = base_body(name, schemas[name])
        for field, prop in schemas[name]["properties"].items():
            for branch in _branches(prop):
                item = (base.get(field) or [None])[0] if "items" in branch else None
                past = {  # keyword: (the value just past it, the error the model gives)
                    "maxLength": ("a" * (branch.get("maxLength", 0) + 1), "string_too_long"),
                    "minLength": ("a" * (branch.get("minLength", 0) - 1), "string_too_short"),
                    "maxItems": ([item] * (branch.get("maxItems", 0) + 1), "too_long"),
                    "minItems": ([item] * (branch.get("minItems", 0) - 1), "too_short"),
                    "uniqueItems": ([item, item], "value_error"),
                }
                for keyword, (value, error) in past.items():
                    if branch.get(keyword) in (None, 0, False):
                        continue  # not stated, or no limit (minLength 0)
                    refusal = model_refusal(model, {**base, field: value})
                    if refusal is None or error not in {e["type"] for e in refusal.errors()}:
                        loose.append(f"{name}.{field}: {keyword} {branch[keyword]}")
    assert loose == []


def test_the_card_language_is_described_exactly(openapi: dict[str, Any]) -> None:
    parameters = openapi["paths"][REQUEST + "/qr-card"]["get"]["parameters"]
    (lang,) = [parameter for parameter in parameters if parameter["name"] == "lang"]
    check = jsonschema_rs.Draft202012Validator(lang["schema"])
    tags = [
        *SUPPORTED_LANGUAGES,
        *(tag.upper() for tag in SUPPORTED_LANGUAGES),
        *["pt-BR", "zh-TW", "zh-Hant-TW", "en-US-x-private", "EN-gb", "ar-EG", "en-" + "a" * 8],
        *["xx", "english", "e", "en_US", "en-", "-en", "en--US", "en-" + "a" * 9, "pt BR"],
        *["en-" + "-".join(["abcdefgh"] * 3), "en-" + "-".join(["abcdefgh"] * 4), "", "123"],
        *["en\n", " en", "zh-", "zz-Hant", "jp", "ja-JP", "ko-KR", "fil", "de-CH-1996"],
    ]

    def accepted(tag: str) -> bool:
        try:
            card_language(tag)
        except ValueError:
            return False
        return True

    disagree = [tag for tag in tags if check.is_valid(tag) != accepted(tag)]
    assert disagree == []
