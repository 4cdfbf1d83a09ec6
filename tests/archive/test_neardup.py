"""Behaviour of the near-duplicate sketches (archiver/archive/neardup.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archiver.archive import neardup
from archiver.archive.neardup import DEFAULT_THRESHOLD, fingerprint, lsh_keys, similarity

REPO = Path(__file__).resolve().parents[2]
HANDMADE = REPO / "benchmarks" / "neardup_pairs" / "handmade.jsonl"


def _pairs() -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, HANDMADE.read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def pairs() -> dict[str, dict]:
    return _pairs()


def _story(pairs: dict[str, dict]) -> str:
    return next(r["a"] for r in pairs.values() if r["kind"] == "story_and_follow_up")


def test_lightly_edited_copy_is_near_duplicate_and_candidate(pairs: dict[str, dict]) -> None:
    story = _story(pairs)
    paras = story.split("\n\n")
    paras[2] = paras[2].replace("most of it in severance payments", "mainly for severance")
    copy = "\n\n".join(
        ["Sign up for our newsletter.", *paras, "This article originally appeared on Reuters."])
    copy = copy.replace("\u201c", '"').replace("\u201d", '"')
    a, b = fingerprint(story), fingerprint(copy)
    assert similarity(a, b) >= DEFAULT_THRESHOLD
    assert set(lsh_keys(a)) & set(lsh_keys(b))


@pytest.mark.parametrize("kind", ["wire_copy_boilerplate", "wire_copy_edited",
                                  "update_with_correction", "press_release_republished",
                                  "review_syndicated"])
def test_handmade_near_duplicates_match(pairs: dict[str, dict], kind: str) -> None:
    rows = [r for r in pairs.values() if r["kind"] == kind]
    assert rows
    for r in rows:
        a, b = fingerprint(r["a"]), fingerprint(r["b"])
        assert similarity(a, b) >= DEFAULT_THRESHOLD, r["id"]
        assert set(lsh_keys(a)) & set(lsh_keys(b)), r["id"]


@pytest.mark.parametrize("kind", ["template_review_same_site", "story_and_follow_up",
                                  "press_releases_same_company", "deals_roundup_template",
                                  "same_event_two_outlets", "excerpt_of_article"])
def test_different_articles_are_below_threshold(pairs: dict[str, dict], kind: str) -> None:
    rows = [r for r in pairs.values() if r["kind"] == kind]
    assert rows
    for r in rows:
        assert r["label"] == 0
        assert similarity(fingerprint(r["a"]), fingerprint(r["b"])) < DEFAULT_THRESHOLD, r["id"]


def test_short_text_has_no_sketch() -> None:
    short = "Zephyr will hold a launch event on September 4 to show its new phone."
    assert fingerprint(short) == b""
    assert fingerprint("") == b""
    assert lsh_keys(b"") == []
    assert similarity(b"", b"") == 0.0
    assert similarity(fingerprint(" ".join(["word"] * 200)), b"") == 0.0


def test_chinese_copies_are_sketched_by_character() -> None:
    """No spaces between words: a CJK body was a handful of "words", so it had no sketch
    and syndicated copies of it were archived twice."""
    story = ("北京科技公司今天发布了新的人工智能芯片，性能比上一代提高了百分之四十。"
             "分析人士认为市场需求将继续增长，公司表示将在明年扩大生产规模。"
             "监管机构正在审查数据隐私问题，许多开发者对新工具表示欢迎。") * 2
    syndicated = "本文经授权转载自科技日报。" + story + "欢迎订阅我们的新闻通讯。"
    other = "东京的一家初创公司推出了一款可以折叠的电动自行车，售价约为三千美元，预计秋季上市。" * 3
    assert fingerprint(story)
    assert similarity(fingerprint(story), fingerprint(syndicated)) >= DEFAULT_THRESHOLD
    assert similarity(fingerprint(story), fingerprint(other)) < 0.2


def test_identical_is_one_and_symmetric(pairs: dict[str, dict]) -> None:
    r = pairs["hm-01"]
    a, b = fingerprint(r["a"]), fingerprint(r["b"])
    assert similarity(a, a) == 1.0
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


def test_format_is_compact_and_keys_fit_sqlite(pairs: dict[str, dict]) -> None:
    fp = fingerprint(_story(pairs))
    assert isinstance(fp, bytes)
    assert len(fp) == 1 + neardup.NUM_PERM * neardup.VALUE_BITS // 8 <= 160
    keys = lsh_keys(fp)
    assert keys
    assert len(set(keys)) == len(keys)
    assert all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in keys)


def test_formatting_does_not_matter(pairs: dict[str, dict]) -> None:
    story = _story(pairs)
    reformatted = (story.replace("\u201c", '"').replace("\u201d", '"').replace("\n\n", "\n")
                   .replace(". ", ".  ").upper())
    assert fingerprint(reformatted) == fingerprint(story)


def test_lsh_bands_meet_the_contract() -> None:
    bands, rows = neardup._DEFAULT.bands
    assert bands * rows <= neardup.NUM_PERM
    for s in (DEFAULT_THRESHOLD - 0.1, DEFAULT_THRESHOLD, DEFAULT_THRESHOLD + 0.1):
        assert neardup.candidate_probability(s, bands, rows) >= 0.99


def test_deterministic_across_processes(pairs: dict[str, dict]) -> None:
    story = _story(pairs)
    code = ("import sys; from archiver.archive.neardup import fingerprint, lsh_keys; "
            "fp = fingerprint(sys.stdin.read()); print(fp.hex(), lsh_keys(fp))")
    outs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], input=story, capture_output=True,
                             text=True, env=env, cwd=REPO, check=True, timeout=60)
        outs.add(out.stdout)
    fp = fingerprint(story)
    assert outs == {f"{fp.hex()} {lsh_keys(fp)}\n"}
