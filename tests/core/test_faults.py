"""core.faults on its own: the answers the fault tests (tests/test_database_faults.py) see."""

import json

from django.db import IntegrityError, OperationalError

from core.faults import MESSAGE_EN, MESSAGE_VI, server_error


def raised(exception, request):
    """The handler500 as Django calls it: while the exception is being handled."""
    try:
        raise exception
    except Exception:
        return server_error(request)


def test_a_database_fault_outside_a_view_is_the_503_too(rf):
    # A middleware's own query (a session saved on the way out, Wagtail's redirect lookup
    # on a 404) fails after the view: Django calls handler500.
    response = raised(OperationalError("database is locked"), rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert MESSAGE_VI in response.content.decode() and MESSAGE_EN in response.content.decode()


def test_clients_that_take_no_html_get_json(rf):
    request = rf.get("/api/catalogue/", HTTP_ACCEPT="application/json")
    response = raised(OperationalError("the connection is lost"), request)
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "error": "database_unavailable",
        "message": MESSAGE_VI,
        "message_en": MESSAGE_EN,
    }


def test_other_errors_stay_the_500_page(rf):
    response = raised(IntegrityError("duplicate key"), rf.get("/"))
    assert response.status_code == 500
    assert "Retry-After" not in response
