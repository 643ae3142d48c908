"""Schema-based fuzzing of the API from its own OpenAPI document (schemathesis, in-process over
ASGI): no generated request gets a 5xx, and every answer is what the document says (issue 13,
"the contract matches the behaviour"): a documented status code, the documented content type,
a body that validates against the documented schema (the error bodies too), 405 with ``Allow``
for a method the path does not take, schema-violating input refused, schema-valid input
accepted unless the refusal is one no JSON schema can state."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from rutin.config import Settings
from server.app import create_app

DATA_DIR = Path(tempfile.mkdtemp(prefix="rutin-fuzz-"))
# Lexical retrieval: the contract does not depend on the embedding model, and ingesting with
# one took most of this test's time on a busy machine.
# No per-client limit of new conversations: every generated chat should reach the chat.
APP = create_app(Settings(data_dir=DATA_DIR, embedding_model="none",
                          new_conversations_per_minute=0), load_in_background=False)
# From the app's own document, not fetched at import: schemathesis.openapi.from_asgi would start
# the app's lifespan (ingest) while the test suite is collected. schemathesis starts it on the
# first call instead, once, and keeps it until shutdown_lifespans().
schema = schemathesis.openapi.from_dict(APP.openapi())
schema.app = APP

#: The 422s of schema-valid requests that are right: refusals that depend on the knowledge base
#: or on several fields at once, which a JSON schema cannot state. Blank ``q`` or ``message``
#: is not among them: the schema says it (minLength, pattern).
BEYOND_THE_SCHEMA = {
    # An organization or a document the knowledge base does not hold.
    "GET /api/v1/search": {"organization", "document_id"},
    # A personnummer's checksum; age, birth date, personnummer and visit date that disagree.
    "POST /api/v1/visit": {"personnummer", "patient_age", "birth_date", "visit_date"},
    # A last follow-up before the enrolment.
    "GET /api/v1/followup": {"last_followup"},
}


def schema_valid_requests_are_accepted(ctx, response, case):
    """schemathesis' positive_data_acceptance, but for the refusals in BEYOND_THE_SCHEMA."""
    if response.status_code == 422:
        fields = {d.get("field") for d in response.json().get("detail", [])}
        if fields and fields <= BEYOND_THE_SCHEMA.get(case.operation.label, set()):
            return None
    return positive_data_acceptance(ctx, response, case)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance, unsupported_method,
          negative_data_rejection, schema_valid_requests_are_accepted]


@pytest.fixture(scope="module", autouse=True)
def running_app():
    """The knowledge base loaded before the first generated request; stopped afterwards."""
    assert schema["/readyz"]["GET"].Case().call().status_code == 200
    yield
    shutdown_lifespans()
    shutil.rmtree(DATA_DIR, ignore_errors=True)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_every_generated_request_gets_an_answer_the_openapi_document_describes(case):
    case.call_and_validate(checks=CHECKS)

