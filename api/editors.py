"""Who may write corrections: the editors named in a TOML file (PLANKG_EDITORS, default
~/.config/plankg/editors.toml), each with the plans they may correct ("*": every plan) and
their key stored hashed (scrypt with a salt of its own).

A key is `pk_<key id>_<secret>`: the key id finds the one editor to check (one scrypt per
request, however many editors there are), and the comparison is constant-time. Keys only
ever travel in `Authorization: Bearer <key>`: never a cookie, never a URL, so another
site's page cannot make a planner's browser write (it cannot set that header without a
CORS preflight, which this API refuses).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request

from plankg.errors import PlankgError

SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MB and some 50 ms a check: brute force is dear
EVERY_PLAN = "*"
NAME = re.compile(r"^[\w.@ -]{1,80}$")
KEY = re.compile(r"^pk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")


class EditorError(PlankgError):
    """An editors file that cannot be read or an editor that cannot be added: one line."""


@dataclass(frozen=True)
class Editor:
    name: str
    plans: tuple[str, ...]
    key_id: str
    salt: str
    hash: str

    def may_edit(self, plan: str) -> bool:
        return EVERY_PLAN in self.plans or plan in self.plans


def _digest(secret: str, salt: str) -> str:
    return hashlib.scrypt(
        secret.encode(), salt=bytes.fromhex(salt), maxmem=64 * 2**20, dklen=32, **SCRYPT
    ).hex()


def read_editors(path: Path) -> list[Editor]:
    """The editors of the file; none when it does not exist."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise EditorError(f"{path}: not a readable editors file ({error})") from error
    editors = []
    for entry in document.get("editor", []):
        try:
            editors.append(
                Editor(
                    name=str(entry["name"]),
                    plans=tuple(str(p) for p in entry["plans"]),
                    key_id=str(entry["key_id"]),
                    salt=str(entry["salt"]),
                    hash=str(entry["hash"]),
                )
            )
        except (KeyError, TypeError) as error:
            raise EditorError(f"{path}: an [[editor]] lacks {error}") from error
    return editors


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _render(editors: list[Editor]) -> str:
    blocks = ["# plankg editors: `plankg editors add NAME --plan ID|*`; keys are stored hashed\n"]
    for e in editors:
        plans = ", ".join(_toml_string(p) for p in e.plans)
        blocks.append(
            "\n[[editor]]\n"
            f"name = {_toml_string(e.name)}\n"
            f"plans = [{plans}]\n"
            f"key_id = {_toml_string(e.key_id)}\n"
            f"salt = {_toml_string(e.salt)}\n"
            f"hash = {_toml_string(e.hash)}\n"
        )
    return "".join(blocks)


def add_editor(path: Path, name: str, plans: list[str]) -> str:
    """Add an editor (or give an existing one a new key and these plans) and return the key,
    which is shown once and kept nowhere in clear. The file is replaced whole (0600)."""
    if not NAME.match(name):
        raise EditorError(f"editor name {name!r}: letters, digits, . @ - _ and spaces, 1-80")
    if not plans or any(not p.strip() for p in plans):
        raise EditorError("name at least one plan with --plan (an id, or * for every plan)")
    secret = secrets.token_urlsafe(32)
    key_id, salt = secrets.token_hex(8), secrets.token_hex(16)
    editor = Editor(name, tuple(plans), key_id, salt, _digest(secret, salt))
    editors = [e for e in read_editors(path) if e.name != name] + [editor]
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=".editors-", delete=False
    ) as f:
        f.write(_render(editors))
    os.chmod(f.name, 0o600)
    os.replace(f.name, path)
    return f"pk_{key_id}_{secret}"


class Editors:
    """The configured editors, read once at start (a new editor: restart the server)."""

    def __init__(self, editors: list[Editor]) -> None:
        self._by_key_id = {e.key_id: e for e in editors}

    @classmethod
    def from_file(cls, path: Path) -> Editors:
        return cls(read_editors(path))

    def check(self, key: str) -> Editor | None:
        found = KEY.match(key)
        if found is None:
            return None
        editor = self._by_key_id.get(found.group(1))
        if editor is None:
            return None
        return (
            editor
            if hmac.compare_digest(_digest(found.group(2), editor.salt), editor.hash)
            else None
        )


UNAUTHORIZED = {"WWW-Authenticate": 'Bearer realm="plankg corrections"'}


def editor_of(request: Request) -> Editor:
    """The editor whose key the request carries in `Authorization: Bearer`; 401 otherwise.
    Nothing else is read for a key: not a cookie, not the query string."""
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise HTTPException(
            401, "writing needs an editor's key: Authorization: Bearer <key>", UNAUTHORIZED
        )
    editor = request.app.state.editors.check(key.strip())
    if editor is None:
        raise HTTPException(401, "that key is no editor's key", UNAUTHORIZED)
    return editor


def may_edit(editor: Editor, plan: str) -> None:
    if not editor.may_edit(plan):
        raise HTTPException(403, f"editor {editor.name!r} may not correct plan {plan!r}")
