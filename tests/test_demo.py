"""``archiver demo``: a real crawl of the bundled demo site through the CLI, checked against
the ground truth of the pages (``tests/demo_expected.json``: what a reader sees on them)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED, archiver_cmd, read_archive, run_summary

EXPECTED = json.loads((REPO / "tests" / "demo_expected.json").read_text("utf-8"))
SEED = SHARED / "seed" / "000_face12c9e2250fae.txt"

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], float]:
    out = tmp_path_factory.mktemp("demo")
    started = time.monotonic()
    result = archiver_cmd("demo", "--out", str(out))
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert "articles archived" in result.stdout
    return out, read_archive(out), elapsed


def _path(record: dict) -> str:
    url = record["canonical_url"]
    return "/" + url.split("/", 3)[3]


def test_every_article_archived_exactly_once(demo_run) -> None:
    out, records, elapsed = demo_run
    paths = [_path(r) for r in records]
    expected = sorted(a["path"] for a in EXPECTED["articles"])
    assert sorted(paths) == expected
    assert len({r["id"] for r in records}) == len(records)
    summary = run_summary(out)
    assert summary["articles_written"] == len(expected)
    assert summary["errors"] == 0, summary["error_reasons"]
    assert elapsed < 30


def test_non_articles_are_not_archived(demo_run) -> None:
    _out, records, _ = demo_run
    archived = {_path(r) for r in records}
    assert not archived & set(EXPECTED["non_articles"])
    assert not any("/private/" in r["url"] for r in records)


@pytest.mark.parametrize("article", EXPECTED["articles"], ids=lambda a: a["path"])
def test_article_fields(demo_run, article: dict) -> None:
    _out, records, _ = demo_run
    record = next(r for r in records if _path(r) == article["path"])
    assert record["title"] == article["title"]
    assert record["authors"] == article["authors"]
    assert (record["published"] or "")[:10] == article["published"]
    paragraphs = record["body"].split("\n\n")
    # The standfirst is article text a reader sees first; it may open the body, once.
    if article["standfirst"] and paragraphs[0] == article["standfirst"]:
        paragraphs = paragraphs[1:]
    assert article["standfirst"] not in paragraphs
    assert paragraphs[0] == article["first_paragraph"]
    assert paragraphs[-1] == article["last_paragraph"]
    lead = [image for image in record["images"] if image["lead"]]
    if article["lead_credit"] is None:
        assert all(image["credit"] is None for image in lead)
    else:
        assert len(lead) == 1
        assert lead[0]["credit"] == article["lead_credit"]
    for snippet in EXPECTED["chrome_snippets"]:
        assert snippet not in record["body"]


def test_seed_article(demo_run) -> None:
    """The article the project started from, exactly as a reader saw it."""
    _out, records, _ = demo_run
    record = next(r for r in records if r["title"].startswith("Kaspersky founder says"))
    assert record["title"] == "Kaspersky founder says cyberspace is \"not at peace\""
    assert record["authors"] == ["Sead Fadilpašić"]
    (lead,) = [image for image in record["images"] if image["lead"]]
    assert lead["credit"] == "Shutterstock/Toria"
    body = record["body"]
    assert body.startswith("During the recent Paris Peace Forum, Kaspersky CEO said")
    assert body.endswith("“Peace in cyberspace is still possible. But we need to make it an "
                         "international priority,” concludes Eugene.")
    for chrome in ("Skip to main content", "Image credit", "Shutterstock",
                   "Sead is a freelance journalist", "Sead Fadilpašić"):
        assert chrome not in body
    if SEED.exists():
        seed = SEED.read_text("utf-8")
        for paragraph in body.split("\n\n"):
            assert paragraph in seed
