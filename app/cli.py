"""`bc-tiktok`: the service's command line, for the people who run it.

Settings come from the environment (`DATABASE_URL`, `SECRET_KEY`, ...) or a `.env` file, exactly
as for the service. Output meant for scripts (tokens) goes to stdout, everything else to
stderr. An error is one line on stderr and exit code 1; a usage error exits with 2.
"""

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import TextIO, TypeVar

import uvicorn
from alembic.runtime.migration import MigrationContext
from alembic.util import CommandError
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from app import demo
from app.core.config import Settings
from app.core.context import Context, Runtime
from app.core.db import Database, safe_url, sync_engine, utcnow
from app.core.errors import AppError
from app.core.migrations import MigrationsNotFoundError, head_revision, upgrade
from app.core.schemas import Email
from app.core.security import QrCodes
from app.users import repository as users
from app.users import service as user_service
from app.users.principal import UserPrincipal
from app.users.schemas import NewToken, UserCreate

PROG = "bc-tiktok"
DEFAULT_GRACEFUL_SHUTDOWN_SECONDS = 20


class CliError(Exception):
    """A failure the user can act on: printed as one line, exit code 1."""


# ---------------------------------------------------------------------------------------------
# Settings and the database


def load_settings() -> Settings:
    try:
        settings = Settings()
    except ValidationError as error:
        raise CliError(f"invalid settings: {_describe_settings_errors(error)}") from None
    return settings


def _describe_settings_errors(error: ValidationError) -> str:
    described = []
    for detail in error.errors():
        message = detail["msg"].removeprefix("Value error, ")
        where = ".".join(str(part) for part in detail["loc"]).upper()
        described.append(f"{where}: {message}" if where else message)
    return "; ".join(described)


def _reason(error: SQLAlchemyError) -> str:
    cause = error.orig if isinstance(error, DBAPIError) else error
    return " ".join(str(cause).split()) or type(cause).__name__


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Turn what a database (or Alembic) raises into one clear line, never a traceback."""
    try:
        yield
    except ArgumentError as error:
        raise CliError(f"invalid DATABASE_URL {safe_url(url)}: {error}") from None
    except OperationalError as error:
        raise CliError(f"cannot use the database {safe_url(url)}: {_reason(error)}") from None
    except SQLAlchemyError as error:
        raise CliError(f"database error on {safe_url(url)}: {_reason(error)}") from None
    except CommandError as error:
        raise CliError(f"migration failed on {safe_url(url)}: {error}") from None
    except MigrationsNotFoundError as error:
        raise CliError(str(error)) from None


def current_revision(url: str) -> str | None:
    engine = sync_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def require_latest_schema(url: str) -> None:
    current, head = current_revision(url), head_revision()
    if current is None:
        raise CliError(f"the database has no schema yet: run `{PROG} migrate` first")
    if current != head:
        raise CliError(
            f"the database is at migration {current}, not at the latest ({head}): "
            f"run `{PROG} migrate` first"
        )


@asynccontextmanager
async def unit_of_work(settings: Settings) -> AsyncIterator[Context]:
    """One unit of work of the service's own kind (its runtime built the way the app builds
    it), committed when the block ends, rolled back if it raises."""
    database = Database(settings.database_url, settings.engine_options)
    runtime = Runtime(
        settings=settings,
        database=database,
        qr_codes=QrCodes(settings.secret_key.get_secret_value(), settings.public_base_url),
        clock=utcnow,
    )
    try:
        async with database.unit_of_work(write=True) as session:
            yield Context(session=session, runtime=runtime)
    finally:
        await database.dispose()


T = TypeVar("T")


def run_in_unit_of_work(settings: Settings, work: Callable[[Context], Awaitable[T]]) -> T:
    """`work` in one unit of work, run from the command line's synchronous code."""

    async def run() -> T:
        async with unit_of_work(settings) as ctx:
            return await work(ctx)

    return asyncio.run(run())


class _UpgradeProgress(logging.Handler):
    """Prints Alembic's "Running upgrade a -> b, message" lines as they happen."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Running upgrade"):
            revisions, _, title = message.removeprefix("Running upgrade").partition(", ")
            print(f"  applying {revisions.strip()}: {title}", file=self.stream, flush=True)


@contextmanager
def _upgrade_progress(stream: TextIO) -> Iterator[None]:
    logger = logging.getLogger("alembic.runtime.migration")
    handler, level = _UpgradeProgress(stream), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def migrate(settings: Settings) -> None:
    url = settings.database_url
    print(f"Migrating {safe_url(url)} ...", file=sys.stderr, flush=True)
    with database_errors(url):
        head = head_revision()
        current = current_revision(url)  # fails fast when the database is away
        if current == head:
            print(f"Already at the latest migration ({head}).", file=sys.stderr)
            return
        with _upgrade_progress(sys.stderr):
            upgrade(url)
    print(f"Done: the database is at the latest migration ({head}).", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Commands


def cmd_migrate(_: argparse.Namespace) -> int:
    migrate(load_settings())
    return 0


_THIS_MACHINE = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0", "::", ""})  # noqa: S104


def public_base_url(settings: Settings, host: str, port: int) -> str:
    """The base of the URLs the service hands out (QR codes, the walk-through): PUBLIC_BASE_URL
    when it is set, else where this machine reaches `serve --host HOST --port PORT`."""
    if "public_base_url" in settings.model_fields_set or port == 0:
        return settings.public_base_url
    shown = "localhost" if host in _THIS_MACHINE else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def cmd_serve(args: argparse.Namespace) -> int:
    settings = load_settings()  # a bad setting is one clear line, not a traceback per worker
    # The app, in this process or in each worker, reads its settings from the environment:
    # without PUBLIC_BASE_URL, its QR codes point at the port it is served on.
    os.environ["PUBLIC_BASE_URL"] = public_base_url(settings, args.host, args.port)
    uvicorn.run(
        "app.main:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        timeout_graceful_shutdown=args.timeout_graceful_shutdown,
        access_log=not args.no_access_log,
    )
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    settings = load_settings()
    migrate(settings)

    with database_errors(settings.database_url):
        data = run_in_unit_of_work(settings, demo.seed)
    print(demo.walkthrough(data, public_base_url(settings, args.host, args.port)), flush=True)
    return 0


_OPTION_OF_FIELD = {"email": "--email", "display_name": "--display-name"}


def _describe_input_error(detail: ErrorDetails) -> str:
    field = str(detail["loc"][0]) if detail["loc"] else "email"
    if detail["type"] == "string_pattern_mismatch":
        message = (
            "not a valid email address"
            if field == "email"
            else "must be one line without control characters"
        )
    else:
        message = detail["msg"]
    return f"{_OPTION_OF_FIELD.get(field, field)}: {message}"


def _user_input(email: str, display_name: str) -> UserCreate:
    try:
        return UserCreate(email=email, display_name=display_name)
    except ValidationError as error:
        raise CliError("; ".join(map(_describe_input_error, error.errors()))) from None


def _email(email: str) -> str:
    try:
        return TypeAdapter(Email).validate_python(email)
    except ValidationError as error:
        raise CliError("; ".join(map(_describe_input_error, error.errors()))) from None


def cmd_create_user(args: argparse.Namespace) -> int:
    body = _user_input(args.email, args.display_name)
    # The operator creates users whether or not the API's self sign-up is open.
    settings = load_settings().model_copy(update={"allow_signup": True})

    with database_errors(settings.database_url):
        require_latest_schema(settings.database_url)
        try:
            created = run_in_unit_of_work(settings, lambda ctx: user_service.sign_up(ctx, body))
        except AppError as error:
            raise CliError(f"{body.email}: {error}") from None
    user = created.user
    print(
        f"Created user {user.email} ({user.display_name}, id {user.id}). "
        "Its bearer token, shown only now:",
        file=sys.stderr,
    )
    print(created.token, flush=True)
    return 0


def cmd_rotate_token(args: argparse.Namespace) -> int:
    email = _email(args.email)
    settings = load_settings()

    async def rotate(ctx: Context) -> NewToken:
        user = await users.get_by_email(ctx.session, email)
        if user is None:
            raise CliError(f"no user has the email {email}")
        return await user_service.rotate_token(ctx, UserPrincipal(id=user.id, email=user.email))

    with database_errors(settings.database_url):
        require_latest_schema(settings.database_url)
        new = run_in_unit_of_work(settings, rotate)
    print(
        f"New bearer token for {email}, shown only now; the old one has stopped working:",
        file=sys.stderr,
    )
    print(new.token, flush=True)
    return 0


# ---------------------------------------------------------------------------------------------
# The parser


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return port


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def _package_version() -> str:
    try:
        return version("bc-tiktok-access")
    except PackageNotFoundError:
        return "unknown"


ENVIRONMENT_HELP = """\
settings (environment or .env, as for the service):
  DATABASE_URL  sqlite:///PATH or postgresql+psycopg://user:password@host:5432/db
                (default: sqlite:///./bc_tiktok_access.db)
  SECRET_KEY    derives the QR codes; the same on every replica
  see README.md, Configuration, for the rest
"""


def _serve_options(parser: argparse.ArgumentParser) -> None:
    """`serve`'s options; `seed-demo` takes them too (scripts/demo passes its arguments to
    both), so that the URLs it prints use the port `serve` listens on."""
    parser.add_argument(
        "--host",
        default=os.environ.get("UVICORN_HOST", "127.0.0.1"),
        help="address to listen on (default: $UVICORN_HOST or 127.0.0.1; 0.0.0.0 for all)",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=os.environ.get("UVICORN_PORT", "8000"),
        help="port to listen on (default: $UVICORN_PORT or 8000)",
    )
    parser.add_argument(
        "--workers",
        type=_positive,
        default=os.environ.get("WEB_CONCURRENCY", "1"),
        help="worker processes, one per core (default: $WEB_CONCURRENCY or 1)",
    )
    parser.add_argument(
        "--timeout-graceful-shutdown",
        type=_positive,
        default=DEFAULT_GRACEFUL_SHUTDOWN_SECONDS,
        metavar="SECONDS",
        help="how long requests in flight may run on after a stop signal "
        f"(default: {DEFAULT_GRACEFUL_SHUTDOWN_SECONDS})",
    )
    parser.add_argument(
        "--no-access-log", action="store_true", help="turn off uvicorn's own access log"
    )


def build_parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Run and administer the Business Center TikTok-account access service.",
        epilog=f"{ENVIRONMENT_HELP}\n`{PROG} COMMAND --help` tells more about each command.",
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_package_version()}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    commands.required = True

    def command(
        name: str, summary: str, description: str, run: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=ENVIRONMENT_HELP,
            formatter_class=formatter,
        )
        sub.set_defaults(run=run)
        return sub

    command(
        "migrate",
        "bring the database to the latest migration",
        "Apply every migration the database lacks (alembic upgrade head on DATABASE_URL),\n"
        "printing each as it runs. Safe to run again: an up-to-date database is left as it is.\n"
        "Run it once per release, before the new version serves.",
        cmd_migrate,
    )

    serve = command(
        "serve",
        "serve the HTTP API (uvicorn)",
        "Serve the API with uvicorn. On SIGTERM or Ctrl-C it stops taking connections and\n"
        "finishes the requests in flight (for at most --timeout-graceful-shutdown seconds).\n"
        "/healthz answers while the process is up, /readyz once the database is migrated.\n"
        "Without PUBLIC_BASE_URL, the QR codes point at --host and --port.",
        cmd_serve,
    )
    _serve_options(serve)

    seed_demo = command(
        "seed-demo",
        "migrate, seed demo data, print tokens and a walk-through",
        'Migrate, then create (or refresh) the demo data: the Business Center "Demo Agency"\n'
        "with an admin and a standard member, its ad account and the TikTok account\n"
        "@demo.creator with three videos. Prints fresh tokens for all three actors and a curl\n"
        "walk-through of the whole flow. Running it again keeps the data and issues new tokens.\n"
        "It takes serve's options: without PUBLIC_BASE_URL, the URLs it prints use --host and\n"
        "--port, as `serve` with the same options serves them (the others change nothing).",
        cmd_seed_demo,
    )
    _serve_options(seed_demo)

    create_user = command(
        "create-user",
        "create a user and print its token",
        "Create a user and print its bearer token on stdout (shown only this once), e.g.\n"
        f"  TOKEN=$({PROG} create-user --email alice@brand.example --display-name Alice)\n"
        "Works whether or not ALLOW_SIGNUP lets the API sign users up.",
        cmd_create_user,
    )
    create_user.add_argument("--email", required=True, help="the user's email, unique")
    create_user.add_argument("--display-name", required=True, help="the name others see")

    rotate_token = command(
        "rotate-token",
        "give a user a fresh token; the old one stops",
        "Issue a fresh bearer token for a user and print it on stdout (shown only this once).\n"
        "The user's previous token stops working at once.",
        cmd_rotate_token,
    )
    rotate_token.add_argument("--email", required=True, help="the user's email")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except CliError as error:
        print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
