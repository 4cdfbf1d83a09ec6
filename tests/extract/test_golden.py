"""Golden tests: hand-made pages in ``tests/golden`` (``NAME.html`` + ``NAME.json``).

``NAME.json`` holds ``meta`` (url, fetched_at), ``expected`` (a subset of record fields;
``images`` compares only the listed keys of each image, in order) and optional body checks
(``body_starts_with``, ``body_with``, ``body_without``). Expectations are written by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archiver.extract import extract_article

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.html"))


def load(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    spec = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    meta = spec["meta"]
    html = (GOLDEN / f"{name}.html").read_bytes()
    record = extract_article(html, meta["url"], fetched_at=meta.get("fetched_at")).to_dict()
    return spec, record


def test_golden_pages_exist():
    assert len(CASES) >= 4


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str):
    spec, record = load(name)
    for field, expected in spec["expected"].items():
        got = record[field]
        if field == "images":
            assert len(got) == len(expected), got
            got = [{key: image[key] for key in want}
                   for image, want in zip(got, expected, strict=True)]
        assert got == expected, f"{name}: {field}"
    body = record["body"]
    assert body, f"{name}: empty body"
    if "body_starts_with" in spec:
        assert body.startswith(spec["body_starts_with"])
    for snippet in spec.get("body_with", []):
        assert snippet in body
    for snippet in spec.get("body_without", []):
        assert snippet.casefold() not in body.casefold(), f"{name}: leaked {snippet!r}"
    assert record["word_count"] == sum(1 for t in body.split() if any(c.isalnum() for c in t))
    assert "\n\n\n" not in body
