"""`bc-tiktok`, the command line: each command against the test database, in process
(`main([...])`) where that is enough, and as a real process where the process is the point
(the installed script, exit codes with nothing caught for us, serving and stopping)."""

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from app import cli
from app.core.migrations import head_revision
from tests.conftest import TEST_SECRET_KEY, SyncDatabase
from tests.factories import expect, expect_problem
from tests.live_server import free_port

COMMANDS = ("migrate", "serve", "seed-demo", "create-user", "rotate-token")
SCRIPT = Path(sys.executable).with_name("bc-tiktok")


@pytest.fixture
def cli_env(
    database_url: str, database: SyncDatabase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> dict[str, str]:
    """The command line's settings, from the environment, on the test database (emptied after
    the test by the `database` fixture). Run from an empty folder, so no `.env` is read."""
    env = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "PUBLIC_BASE_URL": "http://testserver",
        "ENVIRONMENT": "development",
        "ALLOW_SIGNUP": "true",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    return env


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_process(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "app.cli", *argv],
        env={**_base_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _base_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}


def assert_clean_error(code: int, err: str, *phrases: str) -> None:
    """Exit code 1 and one `bc-tiktok CMD: error: ...` line that says what went wrong."""
    assert code == 1, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("bc-tiktok ")]
    assert len(lines) == 1, err
    assert re.match(r"bc-tiktok [a-z-]+: error: ", lines[0]), lines[0]
    for phrase in phrases:
        assert phrase in lines[0], (phrase, lines[0])


def me(client: TestClient, token: str) -> Any:
    return client.get("/v1/users/me", headers={"Authorization": f"Bearer {token}"})


def unreachable_database_url() -> str:
    """PostgreSQL on a loopback port where nothing listens (refused at once, no waiting)."""
    return f"postgresql+psycopg://cli:hunter2@127.0.0.1:{free_port()}/nothing_here"


# --- help --------------------------------------------------------------------------------------


def test_help_lists_every_command() -> None:
    result = run_process("--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: bc-tiktok")
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\b", result.stdout, re.M), command


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: bc-tiktok {command}")
    assert "DATABASE_URL" in out


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.exists(), f"no {SCRIPT}: install the project (pip install --no-deps -e .)"
    result = subprocess.run(  # noqa: S603
        [str(SCRIPT), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"bc-tiktok \d+\.\d+\.\d+\S*\n", result.stdout)


@pytest.mark.parametrize(
    "argv",
    [[], ["frobnicate"], ["create-user", "--email", "a@b.example"], ["serve", "--port", "http"]],
)
def test_usage_errors_exit_2_with_the_usage(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: bc-tiktok")
    assert "error:" in err


# --- migrate -----------------------------------------------------------------------------------


def test_migrate_brings_a_new_database_to_the_latest_migration_and_says_so(
    cli_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    code, out, err = run(capsys, "migrate")
    assert code == 0, err
    assert out == ""
    assert err.startswith(f"Migrating sqlite:///{tmp_path / 'new.db'} ...\n")
    assert "  applying -> " in err, "one progress line per migration"
    assert len(re.findall(r"^  applying ", err, re.M)) >= 2
    assert err.rstrip().endswith(
        f"Done: the database is at the latest migration ({head_revision()})."
    )

    code, _, err = run(capsys, "migrate")
    assert code == 0, err
    assert f"Already at the latest migration ({head_revision()})." in err


def test_migrate_on_the_suite_database_has_nothing_to_do(
    cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "migrate")
    assert code == 0, err
    assert "Already at the latest migration" in err
    if cli_env["DATABASE_URL"].startswith("postgresql"):
        # The password, were there one, is not shown.
        shown = make_url(cli_env["DATABASE_URL"]).render_as_string(hide_password=True)
        assert f"Migrating {shown} ..." in err


# --- create-user and rotate-token ------------------------------------------------------------


def test_create_user_prints_a_token_that_works(
    cli_env: dict[str, str], client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "create-user", "--email", "Alice@Brand.example", "--display-name", " Alice "
    )
    assert code == 0, err
    token = out.strip()
    assert out == f"{token}\n", "stdout is the token alone, for TOKEN=$(bc-tiktok create-user ...)"
    assert "alice@brand.example" in err
    user = expect(me(client, token), 200)
    assert (user["email"], user["display_name"]) == ("alice@brand.example", "Alice")
    assert user["id"] in err


def test_create_user_works_while_the_api_sign_up_is_off(
    cli_env: dict[str, str],
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ALLOW_SIGNUP", "false")
    code, out, err = run(
        capsys, "create-user", "--email", "ops@brand.example", "--display-name", "Ops"
    )
    assert code == 0, err
    expect(me(client, out.strip()), 200)


def test_create_user_with_a_taken_email_is_a_clear_error(
    cli_env: dict[str, str], client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    first = expect(
        client.post("/v1/users", json={"email": "taken@brand.example", "display_name": "First"}),
        201,
    )
    code, out, err = run(
        capsys, "create-user", "--email", "TAKEN@brand.example", "--display-name", "Second"
    )
    assert_clean_error(code, err, "create-user", "taken@brand.example", "already exists")
    assert out == ""
    assert expect(me(client, first["token"]), 200)["display_name"] == "First"


@pytest.mark.parametrize(
    ("email", "display_name", "complaint"),
    [
        ("not-an-email", "Alice", "--email: not a valid email address"),
        ("a@b", "Alice", "--email: not a valid email address"),
        ("alice@brand.example", "", "--display-name"),
        ("alice@brand.example", "two\nlines", "--display-name: must be one line"),
        ("alice@brand.example", "x" * 500, "--display-name"),
    ],
)
def test_create_user_with_bad_input_is_a_clear_error(
    email: str,
    display_name: str,
    complaint: str,
    cli_env: dict[str, str],
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "create-user", "--email", email, "--display-name", display_name)
    assert_clean_error(code, err, complaint)
    assert out == ""


def test_rotate_token_prints_a_new_token_and_the_old_one_stops(
    cli_env: dict[str, str], client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "create-user", "--email", "bob@brand.example", "--display-name", "Bob")
    old = out.strip()
    code, out, err = run(capsys, "rotate-token", "--email", "Bob@Brand.example")
    assert code == 0, err
    new = out.strip()
    assert out == f"{new}\n"
    assert new != old
    assert expect(me(client, new), 200)["email"] == "bob@brand.example"
    expect_problem(me(client, old), 401, "UNAUTHENTICATED")


def test_rotate_token_for_an_unknown_email_is_a_clear_error(
    cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "rotate-token", "--email", "nobody@brand.example")
    assert_clean_error(code, err, "rotate-token", "no user has the email nobody@brand.example")
    assert out == ""
    code, _, err = run(capsys, "rotate-token", "--email", "nobody")
    assert_clean_error(code, err, "--email: not a valid email address")


# --- seed-demo ----------------------------------------------------------------------------------


def test_seed_demo_prints_working_tokens_and_the_walkthrough(
    cli_env: dict[str, str], client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "seed-demo")
    assert code == 0, err
    assert "at the latest migration" in err
    exported = dict(re.findall(r"^\s+export (ADMIN|MEMBER|OWNER)=(\S+)", out, re.M))
    assert set(exported) == {"ADMIN", "MEMBER", "OWNER"}
    admin = expect(me(client, exported["ADMIN"]), 200)
    assert [(m["business_center_name"], m["role"]) for m in admin["memberships"]] == [
        ("Demo Agency", "ADMIN")
    ]
    assert expect(me(client, exported["MEMBER"]), 200)["email"] == "member@demo.example"
    owner = {"Authorization": f"Bearer {exported['OWNER']}"}
    assert expect(client.get("/v1/tiktok-app/me", headers=owner), 200)["username"] == "demo.creator"
    assert "curl" in out
    assert "http://testserver/docs" in out

    # Again: the same data, fresh tokens; the old ones stop.
    code, out, err = run(capsys, "seed-demo")
    assert code == 0, err
    again = dict(re.findall(r"^\s+export (ADMIN|MEMBER|OWNER)=(\S+)", out, re.M))
    assert expect(me(client, again["ADMIN"]), 200)["id"] == admin["id"]
    expect_problem(me(client, exported["ADMIN"]), 401, "UNAUTHENTICATED")


@pytest.mark.parametrize(
    ("options", "base_url"),
    [
        ([], "http://localhost:8000"),
        (["--port", "9000"], "http://localhost:9000"),
        (["--port", "9000", "--workers", "2", "--no-access-log"], "http://localhost:9000"),
        (["--host", "0.0.0.0", "--port=9001"], "http://localhost:9001"),  # noqa: S104
        (["--host", "demo.internal", "--port", "9002"], "http://demo.internal:9002"),
        (["--host", "fd00::5", "--port", "9003"], "http://[fd00::5]:9003"),
    ],
)
def test_seed_demo_prints_the_urls_of_the_port_served(
    options: list[str],
    base_url: str,
    cli_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`scripts/demo --port 9000` passes its arguments to seed-demo and serve: without
    PUBLIC_BASE_URL, the walk-through's URLs are those serve answers on."""
    for name in ("PUBLIC_BASE_URL", "UVICORN_HOST", "UVICORN_PORT"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = run(capsys, "seed-demo", *options)
    assert code == 0, err
    exported = re.findall(r"^\s+export BASE=(\S+)$", out, re.M)
    assert [shlex.split(value)[0] for value in exported] == [base_url]
    assert f"Docs: {base_url}/docs" in out


def test_seed_demo_prints_public_base_url_when_it_is_set(
    cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "seed-demo", "--port", "9000")
    assert code == 0, err
    assert re.findall(r"^\s+export BASE=(\S+)$", out, re.M) == [cli_env["PUBLIC_BASE_URL"]]


# --- errors: the database, the settings --------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["migrate"],
        ["seed-demo"],
        ["create-user", "--email", "a@brand.example", "--display-name", "A"],
        ["rotate-token", "--email", "a@brand.example"],
    ],
)
def test_an_unreachable_database_is_a_clear_error(
    argv: list[str],
    cli_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", unreachable_database_url())
    code, out, err = run(capsys, *argv)
    assert_clean_error(code, err, "cannot use the database postgresql+psycopg://cli:***@127.0.0.1")
    assert "hunter2" not in err, "the password is never shown"
    assert out == ""


def test_an_unreachable_database_is_a_clear_error_from_a_real_process() -> None:
    result = run_process(
        "create-user",
        "--email",
        "a@brand.example",
        "--display-name",
        "A",
        env={"DATABASE_URL": unreachable_database_url()},
    )
    assert_clean_error(result.returncode, result.stderr, "cannot use the database", "refused")
    assert result.stdout == ""


def test_a_database_without_the_schema_says_to_migrate(
    cli_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    code, _, err = run(capsys, "create-user", "--email", "a@brand.example", "--display-name", "A")
    assert_clean_error(code, err, "no schema yet", "bc-tiktok migrate")
    code, _, err = run(capsys, "rotate-token", "--email", "a@brand.example")
    assert_clean_error(code, err, "no schema yet", "bc-tiktok migrate")


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        (
            {"DATABASE_URL": "mysql://root:hunter2@127.0.0.1/db"},
            "DATABASE_URL: mysql://root:***@127.0.0.1/db is not a database this service runs on",
        ),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL: (an unparsable URL) is not a database"),
        ({"DATABASE_URL": "sqlite:////no/such/folder/x.db"}, "cannot use the database"),
        ({"ENVIRONMENT": "production", "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"QR_CODE_TTL_SECONDS": "-1"}, "QR_CODE_TTL_SECONDS"),
    ],
)
def test_bad_settings_are_a_clear_error(
    overrides: dict[str, str],
    complaint: str,
    cli_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in overrides.items():
        monkeypatch.setenv(name, value)
    code, _, err = run(capsys, "create-user", "--email", "a@brand.example", "--display-name", "A")
    assert_clean_error(code, err, complaint)
    assert "hunter2" not in err


# --- serve ---------------------------------------------------------------------------------------


def test_serve_passes_its_options_to_uvicorn(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("UVICORN_HOST", "UVICORN_PORT", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    assert cli.main(["serve"]) == 0
    assert calls[-1] == {
        "app": "app.main:app",
        "host": "127.0.0.1",
        "port": 8000,
        "workers": 1,
        "timeout_graceful_shutdown": cli.DEFAULT_GRACEFUL_SHUTDOWN_SECONDS,
        "access_log": True,
        "proxy_headers": True,
        "forwarded_allow_ips": "127.0.0.1",
    }
    monkeypatch.setenv("UVICORN_HOST", "0.0.0.0")  # noqa: S104 (as the image sets it)
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.0/8")
    monkeypatch.setenv("UVICORN_PORT", "9000")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert cli.main(["serve", "--timeout-graceful-shutdown", "5", "--no-access-log"]) == 0
    assert calls[-1] | {"app": None} == {
        "app": None,
        "host": "0.0.0.0",  # noqa: S104
        "port": 9000,
        "workers": 3,
        "timeout_graceful_shutdown": 5,
        "access_log": False,
        "proxy_headers": True,
        "forwarded_allow_ips": "10.0.0.0/8",
    }
    assert cli.main(["serve", "--port", "9001", "--workers", "2", "--host", "::1"]) == 0
    assert (calls[-1]["port"], calls[-1]["workers"], calls[-1]["host"]) == (9001, 2, "::1")


def test_serve_answers_until_it_is_stopped(cli_env: dict[str, str], tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"  # a file: a pipe nobody reads would block the server once full
    with log.open("wb") as log_file:
        process = subprocess.Popen(  # noqa: S603
            [str(SCRIPT), "serve", "--port", str(port), "--no-access-log"],
            env={**_base_env(), **cli_env},
            stdout=log_file,
            stderr=log_file,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "serve did not answer within 30 s"
                try:
                    response = httpx.get(f"{base_url}/readyz", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert response.status_code == 200, response.text
            assert httpx.get(f"{base_url}/healthz", timeout=5).json() == {"status": "ok"}
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                raise
    output = log.read_text()
    assert process.returncode in (0, -signal.SIGTERM), output
    assert "Shutting down" in output
    assert "Traceback" not in output


def test_serve_without_public_base_url_hands_out_qr_codes_on_its_own_port(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    port = free_port()
    env = {**_base_env(), **cli_env}
    del env["PUBLIC_BASE_URL"]
    log = tmp_path / "serve.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(  # noqa: S603
            [str(SCRIPT), "serve", "--port", str(port), "--no-access-log"],
            env=env,
            stdout=log_file,
            stderr=log_file,
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                deadline = time.monotonic() + 30
                while True:
                    assert process.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, "serve did not answer within 30 s"
                    try:
                        client.get("/readyz")
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                body = {"email": "newcomer@brand.example", "display_name": "Newcomer"}
                user = expect(client.post("/v1/users", json=body), 201)
                headers = {"Authorization": f"Bearer {user['token']}"}
                bc = expect(
                    client.post("/v1/business-centers", json={"name": "B"}, headers=headers), 201
                )
                request = expect(
                    client.post(
                        f"/v1/business-centers/{bc['id']}/access-requests",
                        json={"scope": "EXISTING_POSTS"},
                        headers=headers,
                    ),
                    201,
                )
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    assert request["qr_code_url"].startswith(f"http://localhost:{port}/v1/qr/")
