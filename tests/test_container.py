"""The container, checked without a Docker engine (none runs here).

The Dockerfile is parsed (a small parser of its instructions, below) and held to the rules
for the image: multi-stage, hash-locked dependencies, a slim runtime that runs as a non-root
user with a HEALTHCHECK on /healthz, migrations as their own command, and nothing copied
that is missing from the build context or kept out of it by .dockerignore. compose.yaml runs
it with PostgreSQL. Last, the slow test runs the Dockerfile's own install and start steps in
a fresh virtual environment and sees the service answer /readyz.
"""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml  # type: ignore[import-untyped]

from app.access_requests.card_fonts import DEBIAN_PACKAGES, FONT_DIRECTORIES
from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
COMPOSE = ROOT / "compose.yaml"

# ---------------------------------------------------------------------------------------------
# A small Dockerfile parser: enough of the reference's grammar for this file, and loud about
# anything it does not know (heredocs, a changed escape character, an unknown instruction).

KEYWORDS = frozenset(
    {
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    }
)


class DockerfileError(ValueError):
    pass


@dataclass(frozen=True)
class Instruction:
    keyword: str
    value: str  # everything after the keyword, continuation lines joined
    line: int

    def words(self) -> tuple[dict[str, str], list[str]]:
        """Leading `--flag=value` options, then the remaining (shell-split) arguments."""
        words = shlex.split(self.value)
        flags: dict[str, str] = {}
        while words and words[0].startswith("--"):
            name, _, value = words.pop(0)[2:].partition("=")
            flags[name] = value
        return flags, words

    def command(self) -> list[str] | str:
        """RUN, CMD, ENTRYPOINT: a list in exec (JSON) form, a string in shell form."""
        return exec_or_shell_form(self.value, self.line)


def exec_or_shell_form(value: str, line: int) -> list[str] | str:
    if not value.startswith("["):
        return value
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as error:
        raise DockerfileError(f"line {line}: bad JSON (exec form): {error}") from None
    if not isinstance(parsed, list) or not all(isinstance(word, str) for word in parsed):
        raise DockerfileError(f"line {line}: exec form must be a JSON list of strings")
    return parsed


@dataclass
class Stage:
    name: str | None
    base: str
    line: int
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [ins for ins in self.instructions if ins.keyword == keyword]

    def last(self, keyword: str) -> Instruction | None:
        found = self.all(keyword)
        return found[-1] if found else None


def parse_dockerfile(text: str) -> list[Instruction]:
    instructions: list[Instruction] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#"):
            if not instructions and not pending and re.match(r"#\s*escape\s*=", stripped):
                raise DockerfileError(f"line {number}: the escape directive is not supported")
            continue  # comments, also between continuation lines
        if not pending and not stripped:
            continue
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending.append(stripped[:-1].strip())
            continue
        pending.append(stripped)
        logical = " ".join(part for part in pending if part)
        pending = []
        match = re.fullmatch(r"([A-Za-z]+)(?:\s+(.*))?", logical)
        if match is None or match.group(1).upper() not in KEYWORDS:
            raise DockerfileError(f"line {start}: not an instruction: {logical[:60]!r}")
        keyword, value = match.group(1).upper(), (match.group(2) or "").strip()
        if not value:
            raise DockerfileError(f"line {start}: {keyword} needs arguments")
        if "<<" in value and keyword in {"RUN", "COPY", "ADD"}:
            raise DockerfileError(f"line {start}: heredocs are not supported by this parser")
        if keyword in {"RUN", "CMD", "ENTRYPOINT"}:
            exec_or_shell_form(value, start)
        instructions.append(Instruction(keyword, value, start))
    if pending:
        raise DockerfileError("the file ends inside a continued line")
    return instructions


def stages_of(instructions: list[Instruction]) -> list[Stage]:
    stages: list[Stage] = []
    for ins in instructions:
        if ins.keyword == "FROM":
            _, words = ins.words()
            if len(words) == 3 and words[1].upper() == "AS":
                stages.append(Stage(words[2], words[0], ins.line))
            elif len(words) == 1:
                stages.append(Stage(None, words[0], ins.line))
            else:
                raise DockerfileError(f"line {ins.line}: FROM image [AS name]")
        elif stages:
            stages[-1].instructions.append(ins)
        elif ins.keyword != "ARG":
            raise DockerfileError(f"line {ins.line}: {ins.keyword} before the first FROM")
    if not stages:
        raise DockerfileError("no FROM")
    return stages


def env_of(stage: Stage) -> dict[str, str]:
    """The stage's ENV settings (`KEY=value` pairs, or the legacy `KEY value`), unexpanded."""
    env: dict[str, str] = {}
    for ins in stage.all("ENV"):
        words = shlex.split(ins.value)
        if "=" not in words[0]:
            env[words[0]] = ins.value.split(None, 1)[1]
            continue
        for word in words:
            key, sep, value = word.partition("=")
            if not sep:
                raise DockerfileError(f"line {ins.line}: ENV {word!r} is not KEY=value")
            env[key] = value
    return env


def healthcheck_command(stage: Stage) -> list[str] | str | None:
    ins = stage.last("HEALTHCHECK")
    if ins is None or ins.value.upper() == "NONE":
        return None
    match = re.match(r"((?:--\S+\s+)*)CMD\s+(.*)", ins.value, re.DOTALL)
    if match is None:
        raise DockerfileError(f"line {ins.line}: HEALTHCHECK [OPTIONS] CMD command")
    return exec_or_shell_form(match.group(2).strip(), ins.line)


# ---------------------------------------------------------------------------------------------
# .dockerignore, as Docker reads it: paths relative to the context, `*` and `?` within one
# path segment, `**` across any number of them, `!` to let a path back in, the last match wins,
# and a directory that is excluded takes everything inside it along.


def _pattern(pattern: str) -> re.Pattern[str]:
    parts = [part for part in pattern.strip().strip("/").split("/") if part not in ("", ".")]
    regex = ""
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            regex += ".*" if last else "(?:[^/]+/)*"
            continue
        for char in part:
            regex += {"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char))
        regex += "" if last else "/"
    return re.compile(f"{regex}(?:/.*)?")


@dataclass(frozen=True)
class DockerIgnore:
    rules: tuple[tuple[bool, re.Pattern[str]], ...]  # (lets back in, pattern)

    @classmethod
    def read(cls, path: Path) -> "DockerIgnore":
        rules = []
        for raw in path.read_text().splitlines() if path.exists() else []:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            rules.append((negated, _pattern(line.removeprefix("!"))))
        return cls(tuple(rules))

    def excludes(self, relative: str) -> bool:
        excluded = False
        for negated, pattern in self.rules:
            if pattern.fullmatch(relative):
                excluded = not negated
        return excluded


def context_files(ignore: DockerIgnore, source: Path) -> Iterator[Path]:
    """The files under `source` (a file or a folder) that the build context holds."""
    paths = [source] if source.is_file() else sorted(source.rglob("*"))
    for path in paths:
        if path.is_file() and not ignore.excludes(path.relative_to(ROOT).as_posix()):
            yield path


def context_sources(ins: Instruction) -> list[str]:
    """The build-context paths a COPY or ADD takes (none for `--from`)."""
    flags, words = ins.words()
    if ins.keyword == "COPY" and "from" in flags:
        return []
    if ins.value.startswith("["):
        words = json.loads(ins.value)
    if len(words) < 2:
        raise DockerfileError(f"line {ins.line}: {ins.keyword} needs a source and a destination")
    return words[:-1]


# ---------------------------------------------------------------------------------------------
# The checks


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    return stages_of(parse_dockerfile(DOCKERFILE.read_text()))


@pytest.fixture(scope="module")
def runtime_stage(stages: list[Stage]) -> Stage:
    return stages[-1]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(document, dict)
    return document


def test_the_parser_reads_continuations_comments_and_both_command_forms() -> None:
    parsed = parse_dockerfile(
        "# syntax=docker/dockerfile:1\n"
        "FROM python:3.11-slim AS build\n"
        "RUN echo one \\\n"
        "    # a comment inside the continuation\n"
        "    && echo two\n"
        'CMD ["serve", "--port", "8000"]\n'
    )
    assert [(ins.keyword, ins.line) for ins in parsed] == [("FROM", 2), ("RUN", 3), ("CMD", 6)]
    assert parsed[1].command() == "echo one && echo two"
    assert parsed[2].command() == ["serve", "--port", "8000"]
    for bad in ("FORM python\n", 'FROM x\nCMD ["serve",]\n', "FROM x\nRUN a \\\n"):
        with pytest.raises(DockerfileError):
            parse_dockerfile(bad)


def test_the_dockerignore_reader_follows_dockers_rules() -> None:
    excluded = ("**/__pycache__", "*.db", "tests", "docs/*.md")
    ignore = DockerIgnore(
        (*((False, _pattern(p)) for p in excluded), (True, _pattern("docs/KEEP.md")))
    )
    assert ignore.excludes("app/core/__pycache__/db.cpython-311.pyc")
    assert ignore.excludes("x.db")
    assert not ignore.excludes("data/x.db")  # `*` stays within the context's top folder
    assert ignore.excludes("tests/conftest.py")
    assert ignore.excludes("docs/README.md")
    assert not ignore.excludes("docs/KEEP.md")
    assert not ignore.excludes("app/core/db.py")


def test_the_dockerfile_parses_and_is_multi_stage(stages: list[Stage]) -> None:
    names = [stage.name for stage in stages]
    assert len(stages) >= 2, "a build stage and a runtime stage"
    assert all(names), "every stage is named, so COPY --from says which one it means"
    for stage in stages:
        if "@sha256:" not in stage.base:
            assert ":" in stage.base, f"a pinned base image: {stage.base}"
            assert not stage.base.endswith(":latest"), stage.base
    runtime = stages[-1]
    assert re.search(r"-slim|alpine|distroless", runtime.base), f"a slim runtime: {runtime.base}"
    copied_from = {ins.words()[0].get("from") for ins in runtime.all("COPY")} - {None}
    assert copied_from, "the runtime takes what the build stage built, not its tools"
    assert copied_from <= set(names[:-1])
    assert not [ins for ins in runtime.all("RUN") if re.search(r"\bpip\b", ins.value)], (
        "nothing is installed in the runtime stage"
    )


def test_the_runtime_runs_as_a_non_root_user(runtime_stage: Stage) -> None:
    user = runtime_stage.last("USER")
    assert user is not None, "the runtime stage sets USER"
    name = user.value.split(":")[0]
    assert name not in {"root", "0"}
    later = runtime_stage.instructions[runtime_stage.instructions.index(user) + 1 :]
    assert not [ins for ins in later if ins.keyword == "RUN"], "no RUN after USER needs root"


def test_the_runtime_has_a_healthcheck_on_healthz(runtime_stage: Stage) -> None:
    command = healthcheck_command(runtime_stage)
    assert command is not None, "HEALTHCHECK is set and not NONE"
    text = command if isinstance(command, str) else " ".join(command)
    assert "/healthz" in text
    assert "/readyz" not in text, "liveness only: a database outage must not restart replicas"


def test_every_copied_path_is_in_the_build_context(stages: list[Stage]) -> None:
    ignore = DockerIgnore.read(DOCKERIGNORE)
    for stage in stages:
        for ins in stage.all("COPY") + stage.all("ADD"):
            for source in context_sources(ins):
                matches = sorted(ROOT.glob(source))
                assert matches, f"line {ins.line}: {source} does not exist"
                for path in matches:
                    relative = path.relative_to(ROOT).as_posix()
                    assert not ignore.excludes(relative), (
                        f"line {ins.line}: {relative} is excluded by .dockerignore"
                    )
                    kept = set(context_files(ignore, path))
                    left_out = [
                        file.relative_to(ROOT).as_posix()
                        for file in (path.rglob("*") if path.is_dir() else [])
                        if file.is_file() and "__pycache__" not in file.parts and file not in kept
                    ]
                    assert not left_out, f"line {ins.line}: .dockerignore drops {left_out}"


def test_the_context_leaves_out_secrets_and_local_state() -> None:
    ignore = DockerIgnore.read(DOCKERIGNORE)
    for path in (".env", ".git/config", ".venv/bin/python", "bc_tiktok_access.db", "tests/x.py"):
        assert ignore.excludes(path), path


def test_locked_requirements_are_installed_with_their_hashes(stages: list[Stage]) -> None:
    runs = [ins for stage in stages for ins in stage.all("RUN")]
    installs = [shlex.split(str(ins.command())) for ins in runs if "pip install" in ins.value]
    locked = [words for words in installs if "-r" in words]
    assert locked, "the dependencies come from a requirements file"
    for words in locked:
        assert "--require-hashes" in words, words
        assert words[words.index("-r") + 1] == "requirements.lock"
    assert ["pip", "install", "--no-deps", "."] in installs, "the project, without new deps"
    lock = (ROOT / "requirements.lock").read_text()
    pins = [block for block in re.split(r"^(?=\S)", lock, flags=re.M) if "==" in block]
    assert pins
    assert all(re.search(r"--hash=sha256:[0-9a-f]{64}", pin) for pin in pins), "pins have hashes"


def test_the_entrypoint_is_the_command_line_and_serving_is_the_default(
    runtime_stage: Stage,
) -> None:
    entrypoint, cmd = runtime_stage.last("ENTRYPOINT"), runtime_stage.last("CMD")
    assert entrypoint is not None
    assert cmd is not None
    assert entrypoint.command() == ["bc-tiktok"], "exec form, so signals reach the server"
    assert cmd.command() == ["serve"], "migrations are a separate command: `IMAGE migrate`"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["bc-tiktok"] == "app.cli:main"
    env = env_of(runtime_stage)
    assert env["UVICORN_HOST"] == "0.0.0.0", "reachable from outside the container"  # noqa: S104
    exposed = runtime_stage.last("EXPOSE")
    assert exposed is not None
    assert exposed.value == env["UVICORN_PORT"]


def test_compose_runs_the_service_with_postgresql(compose: dict[str, Any]) -> None:
    services: dict[str, dict[str, Any]] = compose["services"]
    postgres = [name for name, svc in services.items() if "postgres" in str(svc.get("image"))]
    assert len(postgres) == 1, "one PostgreSQL service"
    db = postgres[0]
    assert "pg_isready" in str(services[db]["healthcheck"]["test"])

    migrate = services["migrate"]
    assert migrate["command"] == ["migrate"]
    assert migrate["depends_on"][db]["condition"] == "service_healthy"
    assert migrate.get("restart") == "no", "a one-shot job"

    app = next(svc for svc in services.values() if svc.get("command", [""])[0] == "serve")
    assert app["depends_on"][db]["condition"] == "service_healthy"
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert app["image"] == migrate["image"]
    assert app["build"] == migrate["build"] == "."
    assert [port.split(":")[-1] for port in app["ports"]] == ["8000"]
    for svc in (app, migrate):
        env = svc["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
        assert f"@{db}:5432/" in env["DATABASE_URL"]
        assert "SECRET_KEY" in env
        assert env["ENVIRONMENT"] == "production", "so a missing SECRET_KEY stops it"


def test_the_image_has_what_the_qr_card_draws_with(stages: list[Stage]) -> None:
    """The QR card's fonts and FriBidi (app/access_requests/card_fonts.py) are in the image, at
    the paths the service looks in, and scripts/install-card-fonts installs the same on a host."""
    runtime = stages[-1]
    installed_by = {stage.name: " ".join(ins.value for ins in stage.all("RUN")) for stage in stages}
    for package in DEBIAN_PACKAGES:
        assert any(re.search(rf"\b{package}\b", runs) for runs in installed_by.values()), package
    assert re.search(r"apt-get install\b.*\blibfribidi0\b", installed_by[runtime.name])
    copied_to = {
        ins.words()[1][-1].rstrip("/")
        for ins in runtime.all("COPY")
        if re.search(r"\bfonts-noto", installed_by.get(ins.words()[0].get("from"), ""))
    }
    assert {str(directory) for directory in FONT_DIRECTORIES} <= copied_to
    script = (ROOT / "scripts" / "install-card-fonts").read_text()
    listed = re.search(r"^PACKAGES=\(([^)]*)\)", script, re.M)
    assert listed is not None
    assert set(listed.group(1).split()) == set(DEBIAN_PACKAGES)


# ---------------------------------------------------------------------------------------------
# The install and start steps, for real, in a fresh virtual environment


def _copy_from_context(ins: Instruction, root: Path, workdir: Path, ignore: DockerIgnore) -> None:
    """COPY from the build context into a stage's folder (`root` stands for its `/`)."""
    _, words = ins.words()
    destination = words[-1]
    for source in context_sources(ins):
        for path in sorted(ROOT.glob(source)):
            base = root if destination.startswith("/") else workdir
            target = base / destination.lstrip("/")
            if path.is_dir() or destination.endswith("/") or len(words) > 2:
                target = target if path.is_dir() else target / path.name
            for file in context_files(ignore, path):
                inside = file.relative_to(path) if path.is_dir() else Path()
                (target / inside).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target / inside)


def _stage_dir(root: Path, workdir: str) -> Path:
    path = root / workdir.lstrip("/")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _install_steps(stage: Stage, root: Path, venv: Path, ignore: DockerIgnore) -> None:
    """Run the build stage: COPY from the context, and its RUN steps with the venv's pip."""
    workdir = _stage_dir(root, "/")
    for ins in stage.instructions:
        if ins.keyword == "WORKDIR":
            workdir = _stage_dir(root, ins.value)
        elif ins.keyword in {"COPY", "ADD"}:
            _copy_from_context(ins, root, workdir, ignore)
        elif ins.keyword == "RUN":
            words = shlex.split(str(ins.command()))
            if words[:3] == ["python", "-m", "venv"]:
                continue  # the test made its own
            assert words[0] == "pip", f"line {ins.line}: teach this test to run {ins.value!r}"
            completed = subprocess.run(  # noqa: S603 (the Dockerfile's own step)
                [str(venv / "bin" / "python"), "-m", "pip", *words[1:]],
                cwd=workdir,
                capture_output=True,
                text=True,
                timeout=240,
            )
            assert completed.returncode == 0, f"line {ins.line}: {completed.stderr[-3000:]}"


def _wait_until_ready(
    base_url: str, process: subprocess.Popen[bytes], log: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"serve exited: {log.read_text()[-3000:]}"
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{base_url}/readyz did not answer 200 within {timeout} s")


@pytest.mark.slow
def test_the_install_and_start_steps_serve_a_ready_service(
    stages: list[Stage], tmp_path: Path
) -> None:
    """Fresh venv, the build stage's pip installs, then the image's own entrypoint: `migrate`,
    then the default command, from the runtime stage's WORKDIR (not the source tree), with
    the runtime stage's ENV (a SQLite file instead of /data, loopback, a free port)."""
    ignore = DockerIgnore.read(DOCKERIGNORE)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)  # noqa: S603
    _install_steps(stages[0], tmp_path / "build", venv, ignore)

    runtime = stages[-1]
    workdir = _stage_dir(tmp_path / "runtime", "/")
    for ins in runtime.instructions:
        if ins.keyword == "WORKDIR":
            workdir = _stage_dir(tmp_path / "runtime", ins.value)
        elif ins.keyword == "COPY" and "from" not in ins.words()[0]:
            _copy_from_context(ins, tmp_path / "runtime", workdir, ignore)
    assert not (workdir / "app").exists(), "the image runs the installed package"

    port = free_port()
    inherited = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env = {
        **inherited,
        **env_of(runtime),
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'service.db'}",
        "UVICORN_HOST": "127.0.0.1",
        "UVICORN_PORT": str(port),
    }
    (tmp_path / "data").mkdir()
    entrypoint, cmd = runtime.last("ENTRYPOINT"), runtime.last("CMD")
    assert entrypoint is not None
    assert cmd is not None
    program, default = entrypoint.command(), cmd.command()
    assert isinstance(program, list)
    assert isinstance(default, list)
    assert (venv / "bin" / program[0]).exists(), f"the install provides {program[0]}"

    migrated = subprocess.run(  # noqa: S603
        [*program, "migrate"], cwd=workdir, env=env, capture_output=True, text=True, timeout=60
    )
    assert migrated.returncode == 0, migrated.stderr
    assert "at the latest migration" in migrated.stderr

    # The server's log goes to a file: a pipe nobody reads would block it once full.
    log = tmp_path / "serve.log"
    with log.open("wb") as log_file:
        serve = subprocess.Popen(  # noqa: S603
            [*program, *default], cwd=workdir, env=env, stdout=log_file, stderr=log_file
        )
        try:
            _wait_until_ready(f"http://127.0.0.1:{port}", serve, log, timeout=30)
            check = healthcheck_command(runtime)
            assert isinstance(check, list)
            health = subprocess.run(  # noqa: S603 (the HEALTHCHECK, as the engine would run it)
                check, cwd=workdir, env=env, capture_output=True, text=True, timeout=10
            )
            assert health.returncode == 0, health.stderr
        finally:
            serve.send_signal(signal.SIGTERM)
            try:
                serve.wait(timeout=30)
            except subprocess.TimeoutExpired:
                serve.kill()
                serve.wait()
                raise
    output = log.read_text()
    assert serve.returncode in (0, -signal.SIGTERM), output
    assert "Traceback" not in output
