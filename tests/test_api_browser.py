"""What a browser is told (issue 20, item 6): no CORS unless PLANKG_CORS_ORIGINS names the
origin; a Content-Security-Policy, no framing, nosniff and a referrer policy on the page,
its assets, the docs and every API answer; no redirect built from the Host header; /docs
with its script and styles served here, nothing from elsewhere."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.api.security import CONTENT_SECURITY_POLICY
from plankg.config import Settings

ALLOWED = "https://planners.example.gov.cn"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings())) as c:
        yield c


@pytest.fixture(scope="module")
def open_to_one(monkeypatch_module):
    monkeypatch_module.setenv("PLANKG_CORS_ORIGINS", f"{ALLOWED}, http://127.0.0.1:5173/")
    with TestClient(create_app(Settings())) as c:
        yield c


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def assert_hardened(response) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    "path, status",
    [
        ("/", 200),
        ("/assets/app.js", 200),
        ("/assets/app.css", 200),
        ("/docs", 200),
        ("/assets/swagger-ui-bundle.js", 200),
        ("/openapi.json", 200),
        ("/tasks/27", 200),
        ("/livez", 200),
        ("/health", 200),
        ("/tasks/9999", 404),
        ("/tasks?limit=0", 422),
        ("/nowhere", 404),
        ("/tasks/", 404),
    ],
)
def test_every_answer_is_hardened(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_hardened(response)


def test_a_304_and_a_head_are_hardened_too(client):
    first = client.get("/tasks/27")
    again = client.get("/tasks/27", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert_hardened(again)
    assert_hardened(client.head("/"))
    livez = client.head("/livez")
    assert livez.status_code == 200 and livez.content == b""


def test_no_cors_by_default(client):
    for path in ("/tasks/27", "/health", "/"):
        response = client.get(path, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/tasks/27",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_for_an_allowed_origin_only(open_to_one):
    allowed = open_to_one.get("/tasks/27", headers={"Origin": ALLOWED})
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert_hardened(allowed)
    local = open_to_one.get("/tasks/27", headers={"Origin": "http://127.0.0.1:5173"})
    assert local.headers["access-control-allow-origin"] == "http://127.0.0.1:5173"
    other = open_to_one.get("/tasks/27", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    assert Settings(plankg_cors_origins="a.example, ,b.example/").plankg_cors_origins == [
        "a.example",
        "b.example",
    ]


@pytest.mark.parametrize("path", ["/tasks/", "/plans/", "/docs/", "/assets", "/assets/"])
def test_no_redirect_reflects_a_forged_host(client, path):
    response = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
    location = response.headers.get("location", "")
    assert "evil.example" not in location
    assert response.status_code not in (301, 302, 307, 308) or location.startswith("/")


def test_docs_and_redoc_load_nothing_from_elsewhere(client):
    page = client.get("/docs")
    assert page.headers["content-type"].startswith("text/html")
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls, page.text
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert "cdn" not in page.text.lower() and "<script>" not in page.text  # no inline script
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.headers["content-type"].split(";")[0] in ("text/css", "text/javascript")
    assert "SwaggerUIBundle" in client.get("/assets/swagger-ui-bundle.js").text
    assert "/openapi.json" in client.get("/assets/docs.js").text

    redoc = client.get("/redoc")
    urls = re.findall(r'(?:src|href)="([^"]+)"', redoc.text)
    assert urls and all(url.startswith("/assets/") for url in urls), urls
    assert "<script>" not in redoc.text and "cdn" not in redoc.text.lower()
    for url in urls:
        assert client.get(url).status_code == 200, url
    # ReDoc writes its styles into <style> elements: /redoc alone allows inline styles.
    policy = redoc.headers["content-security-policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and "script-src 'self';" in policy
    assert redoc.headers["x-frame-options"] == "DENY"


def test_the_page_has_no_inline_script_or_style_attribute(client):
    page = client.get("/").text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # every script is a file
    assert not re.search(r"\son[a-z]+=", page)  # no inline event handler
    assert not re.search(r"\sstyle=", page) and "<style" not in page
