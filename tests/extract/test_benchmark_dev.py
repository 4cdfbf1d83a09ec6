"""Smoke test on the seed site's DEV page (skipped when the shared benchmark is absent)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from archiver.extract import extract_article

DEV = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "dev"


@pytest.mark.skipif(not (DEV / "cases.jsonl").is_file(), reason="shared benchmark absent")
def test_techradar_dev_page():
    lines = (DEV / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    cases = [json.loads(line) for line in lines if line.strip()]
    case = next(c for c in cases if c["id"].startswith("fundus-uk-TechRadar"))
    html = gzip.decompress((DEV / case["html_file"]).read_bytes())
    record = extract_article(html, case["url"])
    expected = case["expected"]
    assert record.title == expected["title"]
    assert record.authors == expected["authors"]
    assert record.published[:10] == expected["published"][:10]
    assert "Google" in {i.credit for i in record.images}
    assert "Sign up for breaking news" not in record.body
    assert record.body.startswith(expected["body"][:40])
