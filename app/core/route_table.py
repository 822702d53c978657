"""The app's route templates and their methods, for what the router itself does not tell:
the template of a request that a middleware answered (logs, metrics), and every method a path
allows (a 405's `Allow`)."""

from contextlib import suppress
from typing import Any

from starlette.routing import compile_path
from starlette.types import Scope

UNMATCHED_ROUTE = "unmatched"


class _RouteTable:
    """Literal templates are tried before templates with parameters."""

    def __init__(self, app: Any) -> None:
        methods: dict[str, set[str]] = {}
        with suppress(Exception):  # a nicety: never fail a request over it
            for template, operations in app.openapi().get("paths", {}).items():
                methods.setdefault(template, set()).update(m.upper() for m in operations)
        for route in getattr(app, "routes", ()):
            template = getattr(route, "path_format", None)
            if isinstance(template, str):
                methods.setdefault(template, set()).update(getattr(route, "methods", None) or ())
        self._routes = [
            (compile_path(template)[0], template, frozenset(route_methods))
            for template, route_methods in sorted(
                methods.items(), key=lambda item: (item[0].count("{"), item[0])
            )
        ]

    def template(self, path: str) -> str:
        for pattern, template, _ in self._routes:
            if pattern.match(path):
                return template
        return UNMATCHED_ROUTE

    def methods(self, path: str) -> list[str]:
        """Every method of every template the path matches, sorted."""
        found: set[str] = set()
        for pattern, _, route_methods in self._routes:
            if pattern.match(path):
                found |= route_methods
        return sorted(found)


def _table(scope: Scope) -> _RouteTable | None:
    app = scope.get("app")
    if app is None:
        return None
    table = getattr(app.state, "route_table", None)
    if table is None:
        table = app.state.route_table = _RouteTable(app)
    return table


def route_template(scope: Scope) -> str:
    """The template of the route that answered (or would have answered) the request, e.g.
    `/v1/business-centers/{bc_id}/members`; `unmatched` when none would have."""
    template = getattr(scope.get("route"), "path_format", None)
    if isinstance(template, str):
        return template
    table = _table(scope)
    return UNMATCHED_ROUTE if table is None else table.template(scope["path"])


def allowed_methods(scope: Scope) -> list[str]:
    """What `Allow` lists for the request's path: the methods of all its routes."""
    table = _table(scope)
    return [] if table is None else table.methods(scope["path"])
