"""Every query parameter is read through a QueryModel (app/core/query.py), and the OpenAPI
document shows each one as FastAPI shows the same model declared as a `Query()` model."""

from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from fastapi import FastAPI, Query
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from app.core.query import query_models, query_parameters
from app.main import ROUTERS
from tests.factories import Api, expect, expect_problem


def _api_routes(app: FastAPI) -> list[APIRoute]:
    return [
        context.route
        for context in iter_route_contexts(app.routes)
        if isinstance(context.route, APIRoute)
    ]


def _fastapi_query_parameters(dependant: Dependant) -> Iterator[str]:
    yield from (field.alias for field in dependant.query_params)
    for dependency in dependant.dependencies:
        yield from _fastapi_query_parameters(dependency)


def _models_in_use() -> list[type[BaseModel]]:
    models = {
        model
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute)
        for model in query_models(route.dependant)
    }
    return sorted(models, key=lambda model: model.__name__)


def test_no_route_has_a_query_parameter_of_fastapi(app: FastAPI) -> None:
    routes = _api_routes(app)
    assert len(routes) > 50  # every API route, not an empty walk
    declared = sorted(
        f"{route.path}: {name}"
        for route in routes
        for name in _fastapi_query_parameters(route.dependant)
    )
    assert declared == []


def test_every_query_parameter_of_the_document_is_read_by_a_query_model(app: FastAPI) -> None:
    documented = {
        (path, parameter["name"])
        for path, operations in app.openapi()["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", ())
        if parameter["in"] == "query"
    }
    read = {
        (route.path, parameter["name"])
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute)
        for model in query_models(route.dependant)
        for parameter in query_parameters(model, {})
    }
    assert len(documented) >= 40
    assert documented == read


@pytest.mark.parametrize("model", _models_in_use(), ids=lambda model: model.__name__)
def test_documented_as_fastapi_documents_the_model(model: type[BaseModel]) -> None:
    reference = FastAPI()

    @reference.get("/")
    async def endpoint(query: Annotated[model, Query()]) -> None:  # type: ignore[valid-type]
        """FastAPI reads and documents `model` itself here."""

    document = reference.openapi()
    components: dict[str, Any] = {}

    assert query_parameters(model, components) == document["paths"]["/"]["get"]["parameters"]
    reference_components = document.get("components", {}).get("schemas", {})
    assert components == {
        name: schema for name, schema in reference_components.items() if name in components
    }


def _holds_a_list(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "array" or any(map(_holds_a_list, schema.get("anyOf", ())))


@pytest.mark.parametrize("model", _models_in_use(), ids=lambda model: model.__name__)
def test_no_query_parameter_is_a_list(model: type[BaseModel]) -> None:
    # QueryModel reads one value per name (the last); a list would need every value.
    parameters = query_parameters(model, {})

    assert [p["name"] for p in parameters if _holds_a_list(p["schema"])] == []


def test_a_repeated_parameter_counts_its_last_value(api: Api) -> None:
    bc = api.bc()
    api.member(bc)
    response = api.client.get(
        f"/v1/business-centers/{bc.id}/members?limit=5&limit=1", headers=bc.admin.headers
    )

    assert len(expect(response, 200)["items"]) == 1


def test_a_parameter_the_route_does_not_take_is_ignored(api: Api) -> None:
    bc = api.bc()
    response = api.client.get(
        f"/v1/business-centers/{bc.id}/members?limit=1&color=blue", headers=bc.admin.headers
    )

    assert len(expect(response, 200)["items"]) == 1


def test_every_error_of_a_query_is_reported_at_once(api: Api) -> None:
    bc = api.bc()
    response = api.client.get(
        f"/v1/business-centers/{bc.id}/access-requests?status=NOPE&limit=0",
        headers=bc.admin.headers,
    )

    body = expect_problem(response, 422, "VALIDATION_ERROR")
    assert [error["loc"] for error in body["errors"]] == [["query", "limit"], ["query", "status"]]
