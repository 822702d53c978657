"""A route's query parameters, read as one model.

Every query parameter of the API is a field of a query model, and a route takes the model as a
dependency: `Annotated[EligibilityQuery, Depends(QueryModel(EligibilityQuery))]`. The model is
validated in one call on the query string's values. FastAPI's own `Query()` parameters (one by
one, or a model) are read field by field, and for each field of every request FastAPI works out
again whether its annotation is a sequence: 35 us of an eligibility check's 235 (in process,
SQLite; BENCHMARKS.md). No field here is a list, so the last value of a repeated key counts, as
it does for FastAPI's scalar parameters.

FastAPI does not see these parameters, so `document_query_models` writes them into the OpenAPI
document, from the model's JSON schema, as FastAPI writes a `Query()` model's. Every route
reads its query this one way (tests/test_query_models.py).
"""

from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

from fastapi import APIRouter, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)


class QueryModel(Generic[ModelT]):
    """The dependency that reads a request's query string as `model` (422 as FastAPI's own
    query errors, each `loc` under `query`)."""

    def __init__(self, model: type[ModelT]) -> None:
        self.model = model

    async def __call__(self, request: Request) -> ModelT:
        try:
            return self.model.model_validate(dict(request.query_params))
        except ValidationError as error:
            raise RequestValidationError(
                [
                    {**detail, "loc": ("query", *detail["loc"])}
                    for detail in error.errors(include_url=False)
                ]
            ) from None


def query_models(dependant: Dependant) -> Iterator[type[BaseModel]]:
    """The models that a route's (or a dependency's) QueryModel dependencies read."""
    for dependency in dependant.dependencies:
        if isinstance(dependency.call, QueryModel):
            yield dependency.call.model
        yield from query_models(dependency)


def query_parameters(model: type[BaseModel], components: dict[str, Any]) -> list[dict[str, Any]]:
    """The model's fields as OpenAPI query parameters, as FastAPI writes a `Query()` model's;
    the schemas they refer to are added to `components`."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    required = set(schema.get("required", ()))
    parameters = []
    for name, field_schema in schema["properties"].items():
        # As FastAPI writes a parameter's schema: titled after its name unless it is a
        # reference, and no `null` default (an optional parameter is simply left out).
        if "$ref" not in field_schema:
            field_schema["title"] = name.title().replace("_", " ")
        if "default" in field_schema and field_schema["default"] is None:
            del field_schema["default"]
        parameter = {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": field_schema,
        }
        if "description" in field_schema:
            parameter["description"] = field_schema["description"]
        parameters.append(parameter)
    return parameters


def document_query_models(schema: dict[str, Any], routers: Iterable[APIRouter]) -> None:
    """Add to the OpenAPI `schema` the query parameters that each route reads through its
    QueryModel dependencies, in their order, where FastAPI lists query parameters (after the
    path's, before the headers)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for router in routers:
        for route in router.routes:
            if not isinstance(route, APIRoute) or not route.include_in_schema:
                continue
            added = [
                parameter
                for model in query_models(route.dependant)
                for parameter in query_parameters(model, components)
            ]
            if not added:
                continue
            for method in route.methods or ():
                operation = schema["paths"][route.path_format][method.lower()]
                parameters = operation.setdefault("parameters", [])
                in_path = sum(1 for parameter in parameters if parameter["in"] == "path")
                parameters[in_path:in_path] = added
    schema["components"]["schemas"] = dict(sorted(components.items()))
