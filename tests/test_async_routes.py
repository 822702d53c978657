"""No request work hops to the threadpool: FastAPI runs a plain `def` endpoint or dependency in
a worker thread, so every endpoint and every dependency it depends on is `async` (issue 11)."""

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    if dependant.call is not None:
        yield dependant.call
    for sub_dependant in dependant.dependencies:
        yield from _calls(sub_dependant)


def _runs_on_the_loop(call: Callable[..., Any]) -> bool:
    # A dependency may be an instance with an async __call__ (the bearer schemes).
    function = call if inspect.isroutine(call) else type(call).__call__
    return inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


def test_every_endpoint_and_dependency_is_async(app: FastAPI) -> None:
    routes = [
        (context.path, context.route)
        for context in iter_route_contexts(app.routes)
        if isinstance(context.route, APIRoute)
    ]
    assert len(routes) > 50  # every API route, not an empty walk
    in_threads = sorted(
        f"{sorted(route.methods or ())} {path}: {call.__qualname__}"
        for path, route in routes
        for call in _calls(route.dependant)
        if not _runs_on_the_loop(call)
    )
    assert in_threads == []
