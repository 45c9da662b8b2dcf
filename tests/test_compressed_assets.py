"""The page's weight on the wire, without a browser: assets precompressed at build and sent
in the encoding the client accepts (each encoding its own ETag, `Vary: Accept-Encoding`),
the API's JSON gzipped above a minimum size (each encoding kept and tagged apart), Cytoscape
kept out of the first script, and a favicon."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.api.web_page import STATIC, accepted

ROOT = Path(__file__).resolve().parent.parent
ASSETS = STATIC / "assets"
PLAN = "zhoushan-gongtongfuyu-2021-2025"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        yield c


def raw(client, path: str, encoding: str, **headers):
    """The response as sent (httpx would otherwise undo the compression)."""
    request = client.build_request("GET", path, headers={"accept-encoding": encoding, **headers})
    response = client.send(request, stream=True)
    body = b"".join(response.iter_raw())
    response.close()
    return response, body


def test_app_js_is_sent_gzipped_when_asked_and_is_the_same_script(client):
    plain, plain_body = raw(client, "/assets/app.js", "identity")
    assert "content-encoding" not in plain.headers
    assert plain_body == (ASSETS / "app.js").read_bytes()
    zipped, zipped_body = raw(client, "/assets/app.js", "gzip, deflate")
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["content-type"] == "text/javascript; charset=utf-8"
    assert zipped.headers["vary"] == "Accept-Encoding" == plain.headers["vary"]
    assert int(zipped.headers["content-length"]) == len(zipped_body)
    assert gzip.decompress(zipped_body) == plain_body
    assert len(zipped_body) < len(plain_body) / 2.5
    assert zipped.headers["etag"] != plain.headers["etag"]
    # A client that has this encoding's copy revalidates it.
    again, _ = raw(client, "/assets/app.js", "gzip", **{"if-none-match": zipped.headers["etag"]})
    assert again.status_code == 304


def test_brotli_is_preferred_when_accepted_and_refusal_is_honoured(client):
    br, body = raw(client, "/assets/app.js", "gzip, br")
    assert br.headers["content-encoding"] == "br"
    assert body == (ASSETS / "app.js.br").read_bytes()
    refused, _ = raw(client, "/assets/app.js", "br;q=0, gzip")
    assert refused.headers["content-encoding"] == "gzip"
    assert accepted("gzip;q=0.5, br;q=0, identity") == {"gzip", "identity"}


def test_every_compressed_copy_is_its_source(client):
    """A copy left from another build would send another script: every .gz is checked here
    (the .br files are checked by the browser test, which decodes them)."""
    copies = sorted(ASSETS.rglob("*.gz"))
    assert {p.name for p in copies} >= {"app.js.gz", "app.css.gz", "swagger-ui-bundle.js.gz"}
    for copy in copies:
        assert gzip.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes(), copy
        assert copy.with_suffix(".br").exists(), copy


def test_cytoscape_is_a_chunk_of_its_own(client):
    version = json.loads((ROOT / "web" / "package.json").read_text())["dependencies"]["cytoscape"]
    app = (ASSETS / "app.js").read_text(encoding="utf-8")
    chunks = list((ASSETS / "chunks").glob("cytoscape*.js"))
    assert len(chunks) == 1
    assert f'import("./chunks/{chunks[0].name}")' in app
    assert version in chunks[0].read_text(encoding="utf-8")
    assert version not in app and "cytoscape-" not in app.replace(chunks[0].name, "")
    # the page alone (every view, both languages) is far below Cytoscape's 443 KB; it was
    # 488,363 bytes with Cytoscape inside
    assert len(app) < 200_000
    chunk, _ = raw(client, f"/assets/chunks/{chunks[0].name}", "gzip")
    assert chunk.status_code == 200 and chunk.headers["content-encoding"] == "gzip"


def test_api_json_is_gzipped_with_its_etag_and_304_kept(client):
    path = f"/graph?focus={PLAN}&depth=3"
    plain, plain_body = raw(client, path, "identity")
    zipped, zipped_body = raw(client, path, "gzip")
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped_body)) == json.loads(plain_body)
    assert len(zipped_body) < len(plain_body) / 3
    # Each encoding is kept and tagged apart: asking again in either gets that encoding,
    # and a client revalidates the copy it has.
    plain_again, plain_again_body = raw(client, path, "identity")
    assert "content-encoding" not in plain_again.headers and plain_again_body == plain_body
    assert raw(client, path, "gzip")[1] == zipped_body
    assert zipped.headers["etag"] != plain.headers["etag"]
    for response, encoding in ((zipped, "gzip"), (plain, "identity")):
        tag = response.headers["etag"]
        assert raw(client, path, encoding, **{"if-none-match": tag})[0].status_code == 304
    # A HEAD says what its GET sends.
    head = client.head(path, headers={"accept-encoding": "gzip"})
    assert head.headers["content-length"] == str(len(zipped_body))
    assert head.headers["content-encoding"] == "gzip"
    # Small answers are sent as they are.
    small, _ = raw(client, "/livez", "gzip")
    assert "content-encoding" not in small.headers


def test_favicon(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.headers["content-type"] == "image/svg+xml"
    assert icon.content == (ROOT / "web" / "static" / "favicon.svg").read_bytes()
    page = client.get("/").text
    assert '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">' in page
    assert client.get("/assets/favicon.svg").status_code == 200
