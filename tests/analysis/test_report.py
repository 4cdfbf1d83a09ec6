"""``archiver report``: a self-contained HTML page, checked in real headless Chromium
(no console errors, no network requests, the charts drawn) with a screenshot."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from archiver.analysis.report import agency_of, collect, render
from tests.analysis.cdp import Browser
from tests.analysis.conftest import chromium_binary
from tests.conftest import archiver_cmd


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = chromium_binary()
    if binary is None:
        reason = "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}: the browser check must run in CI")
        pytest.skip(reason)
    return binary


@pytest.mark.parametrize(("credit", "agency"), [
    ("Shutterstock/Toria", "Shutterstock"),
    ("Jane Doe / Reuters", "Reuters"),
    ("AFP via Getty Images", "AFP"),
    ("Getty Images", "Getty Images"),
    ("AP Photo/Jeff Chiu", "AP"),
    ("picture alliance / dpa", "dpa"),
    ("Apple", "Apple"),
    ("  Future  ", "Future"),
    ("Laptop Mag", "Laptop Mag"),
])
def test_credit_sources(credit, agency):
    assert agency_of(credit) == agency


def test_report_numbers(fixture_archive):
    stats = collect(fixture_archive)
    assert stats.records == 7
    assert stats.articles == 6
    assert stats.per_site == {"example.com": 4, "other.org": 2}
    assert stats.version_hist == {1: 5, 2: 1}
    assert stats.authors.most_common() == [("Ana Ruiz", 5), ("Bo Chen", 1)]
    assert stats.agencies["Getty Images"] == 4
    assert stats.agencies["Reuters"] == 1
    assert stats.agencies["Shutterstock"] == 1
    assert stats.coverage["published"] == 5
    assert stats.images == 6
    assert [r["run_id"] for r in stats.runs] == ["20261120T080000Z-aaaa", "20261126T080000Z-bbbb"]


def test_report_html_is_self_contained_and_escaped(fixture_archive):
    stats = collect(fixture_archive)
    stats.authors["<script>alert(1)</script>"] = 99
    page = render(stats)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "Content-Security-Policy" in page
    for section in ("per-day", "per-site", "authors", "credits", "coverage", "versions",
                    "runs"):
        assert f'id="{section}"' in page
    assert "timeout" in page  # an error reason of the last runs


def test_report_command(fixture_archive, tmp_path):
    out = tmp_path / "sub" / "report.html"
    result = archiver_cmd("report", str(fixture_archive), "--html", str(out))
    assert result.returncode == 0, result.stderr
    assert "6 articles, 7 records" in result.stderr
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert archiver_cmd("report", str(tmp_path / "missing")).returncode == 2


def _check_in_browser(chromium: str, page: Path, tmp_path: Path) -> dict:
    with Browser(chromium, tmp_path / "chromium") as browser:
        session = browser.open_page(page.as_uri())
        facts = browser.evaluate("""(() => {
            const q = (s) => document.querySelectorAll(s).length;
            const bar = document.querySelector("svg.per-day rect.bar[height]");
            return {
              ready: document.documentElement.dataset.ready,
              perDay: q("svg.per-day rect.bar"), perSite: q("svg.per-site rect.bar"),
              credits: q("svg.credits rect.bar"), tall: [...document.querySelectorAll(
                "svg.per-day rect.bar")].filter(r => r.getBBox().height > 0).length,
              svgWidth: document.querySelector("svg.per-day").getBoundingClientRect().width,
              authors: q("#authors tbody tr"), coverage: q("#coverage tbody tr"),
              runs: q("#runs tbody tr"), title: document.title, firstBar: !!bar,
            };
        })()""", session)
        # Sorting a table by clicking its header works without errors.
        browser.evaluate('document.querySelector("#authors th:nth-child(2)").click()', session)
        browser.evaluate('document.querySelector("#authors th:nth-child(2)").click()', session)
        shot = browser.screenshot(tmp_path / "report.png", session)
        facts["problems"] = browser.problems()
        facts["requests"] = browser.requested_urls()
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 20_000
    return facts


def test_report_in_headless_chromium(chromium, fixture_archive, tmp_path):
    page = tmp_path / "report.html"
    assert archiver_cmd("report", str(fixture_archive), "--html", str(page)).returncode == 0
    facts = _check_in_browser(chromium, page, tmp_path)
    assert facts["problems"] == []
    assert facts["requests"] == [page.as_uri()]
    assert facts["ready"] == "1"  # the inline script ran to the end
    assert facts["perDay"] == 4  # 2026-11-18 .. 2026-11-21, one bar per day
    assert facts["tall"] == 4
    assert facts["perSite"] == 2
    assert facts["credits"] == 3
    assert facts["svgWidth"] > 500
    assert facts["authors"] == 2
    assert facts["runs"] == 2
    assert facts["coverage"] >= 10


def test_report_of_a_crawled_archive_in_headless_chromium(chromium, demo_archive, tmp_path):
    page = tmp_path / "report.html"
    result = archiver_cmd("report", str(demo_archive), "--html", str(page))
    assert result.returncode == 0, result.stderr
    facts = _check_in_browser(chromium, page, tmp_path)
    assert facts["problems"] == []
    assert facts["requests"] == [page.as_uri()]
    assert facts["perDay"] > 0
    assert facts["tall"] > 0
    assert facts["perSite"] == 1
    assert facts["credits"] > 3
    assert facts["authors"] > 3
    assert facts["runs"] == 2


def test_report_of_an_empty_archive(tmp_path):
    (tmp_path / "archive" / "articles").mkdir(parents=True)
    out = tmp_path / "report.html"
    result = archiver_cmd("report", str(tmp_path / "archive"), "--html", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text("utf-8")
    assert "No dated articles." in page
    assert "No run summaries" in page
