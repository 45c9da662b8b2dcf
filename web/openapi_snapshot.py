"""Write the API's /openapi.json (as the app serves it) to a file, for openapi-typescript.

Usage: python web/openapi_snapshot.py web/src/openapi.json
The app is created without starting it, so no plan is loaded and no store is opened.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plankg.api.app import create_app  # noqa: E402


def snapshot() -> str:
    return json.dumps(create_app().openapi(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1])
    text = snapshot()
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")  # unchanged: keep the mtime, skip rebuilds
