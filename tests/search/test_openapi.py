"""The catalogue API's OpenAPI description (config.api): served, complete, and true.

The description lists every parameter the catalogue form accepts and the answers the views
give; bad parameters are still refused by the form (400, its messages in the language asked
for), never by django-ninja's own 422. Schemathesis then generates requests from the
description and sends them to the running site (pytest-django's live server), checking that
no answer is a server error and that every status, content type and body is one the
description states: on the database path (SQLite and PostgreSQL) and, marked `engine`,
against the real node.
"""

import json

import pytest
import schemathesis
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from search.catalogue.parameters import PARAMETERS
from tests.search.test_catalogue_contract import catalogue  # noqa: F401 (a fixture)

CATALOGUE = "/api/catalogue/"
SUGGEST = "/api/catalogue/suggest/"
EXPORT = "/api/catalogue/export/"


def description(client) -> dict:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def parameters(operation) -> dict:
    return {parameter["name"]: parameter for parameter in operation["parameters"]}


@pytest.mark.django_db
def test_the_description_lists_every_parameter_and_answer(client):
    spec = description(client)

    assert spec["openapi"].startswith("3.")
    catalogue_operation = spec["paths"][CATALOGUE]["get"]
    suggest_operation = spec["paths"][SUGGEST]["get"]
    # Every parameter the form accepts, no other, none required.
    assert set(parameters(catalogue_operation)) == PARAMETERS
    assert set(parameters(suggest_operation)) == {"q", "lang"}
    for parameter in parameters(catalogue_operation).values():
        assert parameter["in"] == "query"
        assert parameter["required"] is False
        assert parameter["description"]
    documented = parameters(catalogue_operation)
    assert documented["sort"]["schema"]["enum"] == ["relevance", "newest", "name"]
    assert documented["lang"]["schema"]["enum"] == ["vi", "en"]
    assert documented["sector"]["schema"]["type"] == "array"
    # The answers: 200 and the form's 400, with their bodies' schemas.
    for operation in (catalogue_operation, suggest_operation):
        assert set(operation["responses"]) == {"200", "400"}
    schemas = spec["components"]["schemas"]
    assert {"results", "facets", "companies", "num_pages"} <= set(
        schemas["CatalogueAnswer"]["properties"]
    )
    assert schemas["Errors"]["required"] == ["errors"]


@pytest.mark.django_db
def test_the_urls_keep_their_names():
    assert reverse("catalogue_api") == CATALOGUE
    assert reverse("catalogue_suggest") == SUGGEST


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "price", "lang": "en"}, "Sorting by “price” is not supported."),
        ({"sort": "price"}, "Cách sắp xếp “price” không được hỗ trợ."),
        ({"page": "x", "lang": "en"}, "The page number must be a positive integer."),
        ({"colour": "red", "lang": "en"}, "The parameter “colour” is not supported."),
    ],
)
def test_bad_parameters_are_refused_by_the_form_not_by_ninja(client, params, message):
    response = client.get(CATALOGUE, params)

    assert response.status_code == 400
    assert json.loads(response.content) == {"errors": [message]}


@pytest.mark.django_db
def test_a_bad_suggest_parameter_is_a_400_with_the_forms_message(client):
    response = client.get(SUGGEST, {"q": "den", "lang": "fr"})

    assert response.status_code == 400
    assert json.loads(response.content) == {"errors": ["Ngôn ngữ phải là vi hoặc en."]}


@pytest.mark.django_db
def test_the_docs_page_is_swagger_ui_from_local_files(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html
    settings_json = html.split('id="swagger-settings">')[1].split("</script>")[0]
    assert json.loads(settings_json)["url"] == "/api/openapi.json"
    assert json.loads(settings_json)["validatorUrl"] is None  # no badge from swagger.io
    # Only this page's policy allows data: images (Swagger UI's stylesheet), nothing inline.
    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy
    assert "unsafe-inline" not in policy
    assert "data:" not in client.get(CATALOGUE)["Content-Security-Policy"]


# Schemathesis against the live server --------------------------------------------------

# Each operation gets this many generated requests (plus its explicit examples): a few
# seconds per operation on the shared machine.
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def served_catalogue(catalogue, live_server):  # noqa: F811
    # The live server answers from another thread: the content must be committed, and the
    # database is flushed afterwards; serialized rollback (with the base site tree's
    # snapshot, tests/conftest.py) gives the next tests their site back.
    return live_server


def operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_running_site_answers_as_described(served_catalogue):
    schema = schemathesis.openapi.from_url(f"{served_catalogue.url}/api/openapi.json")
    described = operations(schema)
    assert {(operation.method, operation.path) for operation in described} == {
        ("get", CATALOGUE),
        ("get", SUGGEST),
        ("get", EXPORT),
    }
    # One Hypothesis run per operation (schemathesis' pytest plugin, which would make them
    # separate tests, does not work with pytest 9's nodes yet).
    for operation in described:

        @given(case=operation.as_strategy())
        @EXAMPLES
        def answers_as_described(case):
            case.call_and_validate(checks=CHECKS)

        answers_as_described()
