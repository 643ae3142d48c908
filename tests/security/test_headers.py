"""Security headers on every response; framing only for the widget's configured origins."""

from __future__ import annotations

import pytest

PAGES = ["/", "/documents", "/healthz", "/readyz", "/openapi.json", "/api/v1/search?q=avgift",
         "/finns-inte", "/api/v1/finns-inte"]


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_csp_nosniff_referrer_policy_and_forbids_framing(make_client, path):
    with make_client() as client:
        response = client.get(path)
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no other origin
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"


def test_widget_may_be_framed_by_its_configured_origins_only(make_client):
    origins = ["https://intranat.example.se", "https://halsa.example.se/"]
    with make_client(widget_allowed_origins=origins) as client:
        widget = client.get("/widget")
        page = client.get("/")
    frame = [d.strip() for d in widget.headers["content-security-policy"].split(";")
             if d.strip().startswith("frame-ancestors")]
    assert frame == ["frame-ancestors 'self' https://intranat.example.se https://halsa.example.se"]
    assert "x-frame-options" not in widget.headers
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_widget_without_configured_origins_is_framed_by_its_own_origin_only(make_client):
    with make_client() as client:
        widget = client.get("/widget")
    assert widget.headers["content-security-policy"].endswith("frame-ancestors 'self'")


def test_answers_are_not_cached_because_they_may_hold_patient_facts(make_client):
    with make_client() as client:
        response = client.post("/api/v1/visit", json={"patient_age": 90})
    assert response.headers["cache-control"] == "no-store"


def test_no_page_loads_scripts_from_a_cdn(make_client):
    """Swagger UI would load its script from a CDN with inline script; it is off."""
    with make_client() as client:
        assert client.get("/docs").status_code == 404
        assert client.get("/redoc").status_code == 404
        assert client.get("/openapi.json").status_code == 200
