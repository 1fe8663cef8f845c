#!/usr/bin/env python3
"""Write the API's OpenAPI document to docs/api/openapi.json (`make openapi`)."""

import json
import os
import sys
from pathlib import Path

import django

TARGET = Path(__file__).resolve().parent.parent / "docs" / "api" / "openapi.json"


def render() -> str:
    from kliento.api.v1 import api

    return json.dumps(api.get_openapi_schema(path_prefix="/api/v1"), indent=2,
                      ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kliento.config.settings")
    django.setup()
    TARGET.write_text(render())
    print(f"wrote {TARGET}", file=sys.stderr)
