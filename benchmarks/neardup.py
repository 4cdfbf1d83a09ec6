"""Near-duplicate benchmark: precision/recall of sketch methods on a labelled pair set.

    .venv/bin/python benchmarks/neardup.py [--split DIR] [--json OUT] [--no-datasketch]

The pair set is built at run time, reproducibly (fixed seeds, no randomness from the
environment), from two sources:

* the DEV split's ground-truth bodies (``../shared/benchmarks/dev/cases.jsonl``) when it is
  present: every body of >= 80 words is turned into labelled pairs by the transformations
  below (positives: syndication and light edits; negatives: other articles, same-site
  template, same topic, follow-up stories, excerpts). No page text is stored in the repo.
* the hand-written pairs in ``benchmarks/neardup_pairs/handmade.jsonl`` (template phone and
  laptop reviews, a story and its follow-up, wire copies, press releases, ...).

Labelling rule: 1 (near-duplicate, do not archive again) when a reader would call the two
the same article: everything that differs is boilerplate, formatting or edits touching at
most ~20% of the text. 0 when at least about half of the content differs, and for excerpts
(a teaser of at most a third of the article; see docs/neardup.md). The grey zone between is
deliberately not generated.

Prints, for every method, precision/recall/F1 per threshold, the cost per fingerprint
(median ms over DEV bodies of 800-1200 words) and the bytes per sketch; then, for the
chosen default (archiver.archive.neardup), a per-kind breakdown and the LSH candidate
recall. ``--json`` writes everything.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from archiver.archive import neardup  # noqa: E402
from archiver.archive.neardup import Sketcher, shingle_hashes, words  # noqa: E402

DEFAULT_SPLIT = REPO.parent / "shared" / "benchmarks" / "dev"
HANDMADE = REPO / "benchmarks" / "neardup_pairs" / "handmade.jsonl"
THRESHOLDS = [round(0.2 + 0.05 * i, 2) for i in range(16)]  # 0.20 .. 0.95
MIN_BODY_WORDS = 80

# --- boilerplate a syndicating site or template wraps around a body (written for this set)
INTROS = [
    "Sign up for our daily newsletter to get the best tech news in your inbox.",
    "This article originally appeared on The Conversation. Republished under a Creative "
    "Commons licence.",
    "Originally published by TechWire Daily. Republished with permission.",
    "We may earn a commission when you buy through links on our site.",
    "Listen to this article",
    "Advertisement",
    "Updated 2 hours ago",
    "By Staff Writer | Wire services",
    "Editor's note: This story is part of our ongoing coverage.",
    "Follow our live coverage for the latest developments.",
]
OUTROS = [
    "Related: The best laptops you can buy right now",
    "Read more: How to protect your phone from spyware",
    "Follow us on X, Facebook and LinkedIn for the latest updates.",
    "(Reporting by Jane Doe; Editing by John Smith)",
    "© 2024 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed without permission.",
    "Got a news tip? Email us at tips@example.com or reach us securely on Signal.",
    "Subscribe to our podcast on Apple Podcasts or Spotify.",
    "This article originally appeared on Engadget at https://www.engadget.com/",
    "Share this article: Facebook Twitter Email",
    "More from this section: Gadgets | Reviews | Deals | Science",
    "Copyright 2024 Example Media Group, Inc. All rights reserved.",
    "Sign up for the morning briefing and never miss a story.",
]
ADDED = [
    "Update, 3:45 p.m. ET: A spokesperson for the company declined to comment further when "
    "reached by email on Tuesday afternoon, citing the ongoing review.",
    "Correction: An earlier version of this article misstated the date of the announcement. "
    "It was Wednesday, not Thursday. We regret the error.",
    "The company did not immediately respond to a request for comment.",
    "Additional reporting by Maria Lopez in Madrid and Kenji Watanabe in Tokyo contributed "
    "to this report, which was first published on Monday.",
]


# Naturally occurring pairs among the DEV bodies (found by scanning all pairs for shingle
# Jaccard > 0.05 and read by hand), labelled by case id.
REAL_DEV_PAIRS = [
    # one URL archived twice; the later version lacks one paragraph (17% of the words)
    ("fundus-de-Taz-V1", "fundus-de-Taz-V2", 1, "real_two_versions_one_url"),
    # the same news story written up independently by two outlets
    ("sh-9cb8224b660f36c932823ab613fb76a07928fcbc41956c4c1f96f4ecab9202aa",
     "sh-ac1bfdd4c510f679c58f1b62101630d40fda20a16703235ae0f56b65a465e423", 0,
     "real_same_story_two_outlets"),
    # two different press releases from one company (shared "about us" boilerplate)
    ("sh-57e2e98887a1965689955921208e32f410b10e2b95c907e74e57982d3edf3cc6",
     "sh-dfd43bc0d46e7aaa78ba10fbcb5b9fdfe78771d36cb4c7497e17fb6f69170ec5", 0,
     "real_same_company_press_releases"),
]


@dataclass
class Pair:
    a: str
    b: str
    label: int
    kind: str
    source: str


# --- transformations ---------------------------------------------------------------------

SENT_SPLIT = re.compile(r"(?<=[.!?])\s+")


def paras(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def join(ps: list[str]) -> str:
    return "\n\n".join(ps)


def n_words(text: str) -> int:
    return len(text.split())


def wrap(rng: random.Random, body: str, n_intro: int, n_outro: int) -> str:
    return join([*rng.sample(INTROS, n_intro), body, *rng.sample(OUTROS, n_outro)])


def edit_sentences(rng: random.Random, text: str, count: int) -> str | None:
    """Rewrite ``count`` sentences: about a third of each one's words replaced by other words
    of the article, and some words dropped. None if that touches > 20% of the words."""
    ps = paras(text)
    vocab = text.split()
    touched = 0
    for _ in range(count):
        pi = rng.randrange(len(ps))
        sents = SENT_SPLIT.split(ps[pi])
        si = rng.randrange(len(sents))
        ws = sents[si].split()
        touched += len(ws)
        out = []
        for w in ws:
            x = rng.random()
            if x < 0.3:
                out.append(rng.choice(vocab))
            elif x < 0.4:
                continue
            else:
                out.append(w)
        sents[si] = " ".join(out or ws)
        ps[pi] = " ".join(sents)
    return join(ps) if touched <= 0.2 * n_words(text) else None


def typography(rng: random.Random, text: str) -> str:
    """Quote style, dashes, whitespace and paragraph wrapping changed."""
    if rng.random() < 0.5:
        t = re.sub(r'"(\w)', "“\\1", text).replace('"', "”").replace("'", "’")
    else:
        t = (text.replace("“", '"').replace("”", '"').replace("’", "'")
             .replace("‘", "'"))
    t = t.replace(" - ", " — ").replace("—", " -- ").replace("…", "...")
    t = t.replace(". ", ".  ").replace(", ", ",\u00a0")
    return "\n".join(paras(t)) if rng.random() < 0.5 else t.replace("\n\n", "\n\n\n")


def drop_paragraph(rng: random.Random, text: str) -> str | None:
    ps = paras(text)
    total = n_words(text)
    choices = [i for i in range(1, len(ps)) if n_words(ps[i]) <= 0.2 * total]
    if len(ps) < 4 or not choices:
        return None
    i = rng.choice(choices)
    return join(ps[:i] + ps[i + 1:])


def add_paragraph(rng: random.Random, text: str) -> str:
    ps = paras(text)
    i = rng.randrange(1, len(ps) + 1)
    return join([*ps[:i], rng.choice(ADDED), *ps[i:]])


def truncate_tail(text: str, keep: float) -> str | None:
    """The first paragraphs holding >= ``keep`` of the words (None if that is everything)."""
    ps = paras(text)
    total = n_words(text)
    acc = 0
    for i, p in enumerate(ps):
        acc += n_words(p)
        if acc >= keep * total:
            return join(ps[:i + 1]) if i + 1 < len(ps) else None
    return None


def excerpt(text: str, share: float) -> str | None:
    """Teaser: the leading paragraphs with at most ``share`` of the words + a read-more line."""
    ps = paras(text)
    total = n_words(text)
    acc, out = 0, []
    for p in ps:
        if acc + n_words(p) > share * total:
            break
        out.append(p)
        acc += n_words(p)
    if not out or acc < 40:
        return None
    return join([*out, "Read the full story on our partner site."])


def content_words(text: str) -> set[bytes]:
    return {w for w in words(text) if len(w) >= 4}


def dev_pairs(split: Path) -> tuple[list[Pair], list[str]]:
    """Labelled pairs derived from DEV bodies; also returns the bodies used."""
    cases = [json.loads(line) for line in (split / "cases.jsonl").open(encoding="utf-8")]
    arts = []
    for c in cases:
        body = (c.get("expected") or {}).get("body")
        if body and n_words(body) >= MIN_BODY_WORDS and len(paras(body)) >= 2:
            arts.append((c["id"], body, c["expected"].get("title") or "", c.get("url")))
    arts.sort()
    bodies = [a[1] for a in arts]
    by_id = {a[0]: a[1] for a in arts}
    pairs: list[Pair] = [Pair(by_id[x], by_id[y], label, kind, "dev")
                         for x, y, label, kind in REAL_DEV_PAIRS if x in by_id and y in by_id]
    cw = [content_words(b) for b in bodies]
    # nearest other article by content-word Jaccard: same topic / same site vocabulary
    nearest = []
    for i, ci in enumerate(cw):
        best, bj = -1.0, 0
        for j, cj in enumerate(cw):
            if arts[j][3] != arts[i][3]:  # two versions of one URL are not "another article"
                s = len(ci & cj) / max(1, len(ci | cj))
                if s > best:
                    best, bj = s, j
        nearest.append(bj)
    for i, (cid, body, title, url) in enumerate(arts):
        rng = random.Random(zlib.crc32(cid.encode()))
        src = "dev"

        def pos(a: str, b: str | None, kind: str) -> None:
            if b is not None:
                pairs.append(Pair(a, b, 1, kind, src))  # noqa: B023

        def neg(a: str, b: str | None, kind: str) -> None:
            if b is not None:
                pairs.append(Pair(a, b, 0, kind, src))  # noqa: B023

        pos(wrap(rng, body, rng.randint(0, 2), rng.randint(1, 2)),
            wrap(rng, body, rng.randint(0, 2), rng.randint(1, 2)), "boilerplate")
        pos(body, edit_sentences(rng, body, 1), "one_sentence_changed")
        pos(body, edit_sentences(rng, body, 3), "three_sentences_changed")
        pos(body, drop_paragraph(rng, body), "paragraph_dropped")
        pos(body, add_paragraph(rng, body), "paragraph_added")
        head = title or " ".join(body.split()[:10])
        pos(join([head, body]), join([f"{head.rstrip('.')}: what it means for you", body]),
            "headline_changed")
        pos(body, typography(rng, body), "typography")
        tail = truncate_tail(body, 0.85)
        pos(body, tail and join([tail, "Continue reading at the source."]), "tail_truncated")
        edited = edit_sentences(rng, body, 1)
        if edited is not None:
            pos(wrap(rng, join([head, body]), 1, 1),
                wrap(rng, join([head + " (Reuters)", typography(rng, edited)]), 1, 2),
                "syndicated_combined")

        others = [j for j in range(len(arts)) if arts[j][3] != url]
        for j in rng.sample(others, 3):
            neg(body, bodies[j], "different_article")
        j = nearest[i]
        intro, outro = rng.sample(INTROS, 1), rng.sample(OUTROS, 2)
        neg(join([*intro, body, *outro]), join([*intro, bodies[j], *outro]),
            "same_site_template")
        neg(body, bodies[j], "same_topic_nearest")
        ps_a, ps_b = paras(body), paras(bodies[j])
        background = ps_a[1:3] if len(ps_a) > 3 else ps_a[-1:]
        follow = join([ps_b[0], *background, *ps_b[1:]])
        if n_words(join(background)) <= 0.35 * n_words(follow):
            neg(body, follow, "follow_up_reuses_background")
        neg(body, excerpt(body, 1 / 3), "excerpt")
    return pairs, bodies


def handmade_pairs(path: Path) -> list[Pair]:
    out = []
    for line in path.open(encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            out.append(Pair(r["a"], r["b"], int(r["label"]), r["kind"], "handmade"))
    return out


# --- methods -----------------------------------------------------------------------------

@dataclass
class Method:
    name: str
    sketch: Callable[[str], object]
    sim: Callable[[object, object], float]
    size: Callable[[object], int] | None  # bytes per sketch; None = not a sketch


def exact_jaccard(k: int) -> Method:
    def sketch(t: str) -> object:
        ws = words(t)
        return None if len(ws) < neardup.MIN_WORDS else set(shingle_hashes(ws, k).tolist())

    def sim(a: object, b: object) -> float:
        if a is None or b is None:
            return 0.0
        return len(a & b) / len(a | b)  # type: ignore[operator]

    return Method(f"exact-jaccard k={k}", sketch, sim, None)


def minhash(sk: Sketcher) -> Method:
    return Method(f"minhash-{sk.method} k={sk.k} n={sk.num_perm} {sk.bits}bit",
                  sk.fingerprint, sk.similarity, len)  # type: ignore[arg-type]


def simhash(k: int) -> Method:
    def sketch(t: str) -> object:
        ws = words(t)
        if len(ws) < neardup.MIN_WORDS:
            return b""
        h = shingle_hashes(ws, k)
        bits = np.unpackbits(h.view(np.uint8)).reshape(-1, 64)
        return np.packbits(bits.sum(axis=0) * 2 > len(h)).tobytes()

    def sim(a: object, b: object) -> float:
        if not a or not b:
            return 0.0
        x = int.from_bytes(a, "big") ^ int.from_bytes(b, "big")  # type: ignore[arg-type]
        return 1.0 - x.bit_count() / 64

    return Method(f"simhash-64 k={k}", sketch, sim, len)  # type: ignore[arg-type]


def datasketch_minhash(k: int, n: int) -> Method | None:
    try:
        from datasketch import MinHash
    except ImportError:
        return None

    def sketch(t: str) -> object:
        ws = words(t)
        if len(ws) < neardup.MIN_WORDS:
            return None
        m = MinHash(num_perm=n)
        m.update_batch([b" ".join(ws[i:i + k]) for i in range(len(ws) - k + 1)])
        return m

    def sim(a: object, b: object) -> float:
        return 0.0 if a is None or b is None else float(a.jaccard(b))  # type: ignore[union-attr]

    return Method(f"datasketch-minhash k={k} n={n}", sketch, sim,
                  lambda m: m.hashvalues.nbytes)  # type: ignore[union-attr]


# --- measurement -------------------------------------------------------------------------

def prf(scores: list[float], labels: list[int], t: float) -> dict[str, float]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= t and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= t and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < t and y)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"threshold": t, "precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def time_method(m: Method, texts: list[str], repeat: int = 5) -> float:
    """Median ms per sketch over ``texts`` (each timed ``repeat`` times)."""
    ts = []
    for t in texts:
        for _ in range(repeat):
            t0 = time.perf_counter()
            m.sketch(t)
            ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1000


def evaluate(m: Method, pairs: list[Pair]) -> tuple[list[float], dict]:
    cache: dict[str, object] = {}

    def sk(t: str) -> object:
        if t not in cache:
            cache[t] = m.sketch(t)
        return cache[t]

    scores = [m.sim(sk(p.a), sk(p.b)) for p in pairs]
    labels = [p.label for p in pairs]
    table = [prf(scores, labels, t) for t in THRESHOLDS]
    sizes = [m.size(s) for s in cache.values() if s] if m.size else []
    return scores, {"name": m.name, "table": table,
                    "bytes_per_sketch": statistics.median(sizes) if sizes else None}


def print_table(res: dict) -> None:
    print(f"\n{res['name']}  (bytes/sketch: {res['bytes_per_sketch']}, "
          f"ms/fingerprint: {res.get('ms_per_fingerprint', '-')})")
    print("  thr   " + " ".join(f"{r['threshold']:>5.2f}" for r in res["table"]))
    for key in ("precision", "recall", "f1"):
        print(f"  {key[:4]:5} " + " ".join(f"{r[key]:>5.3f}" for r in res["table"]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--no-datasketch", action="store_true")
    args = ap.parse_args()

    pairs: list[Pair] = []
    bodies: list[str] = []
    if (args.split / "cases.jsonl").exists():
        pairs, bodies = dev_pairs(args.split)
    else:
        print(f"note: {args.split} absent; hand-made pairs only", file=sys.stderr)
    pairs += handmade_pairs(HANDMADE)
    kinds: dict[tuple[str, int], int] = {}
    for p in pairs:
        kinds[(p.kind, p.label)] = kinds.get((p.kind, p.label), 0) + 1
    n_pos = sum(p.label for p in pairs)
    print(f"pairs: {len(pairs)} ({n_pos} near-duplicates, {len(pairs) - n_pos} not); "
          f"DEV bodies used: {len(bodies)}; hand-made: "
          f"{sum(1 for p in pairs if p.source == 'handmade')}")
    for (kind, label), n in sorted(kinds.items(), key=lambda x: (-x[0][1], x[0][0])):
        print(f"  {'+' if label else '-'} {kind:32} {n}")

    timing_texts = [b for b in bodies if 800 <= n_words(b) <= 1200][:20]
    if not timing_texts:
        timing_texts = [p.a for p in pairs if n_words(p.a) >= 300][:20]
    default = neardup._DEFAULT
    methods = [exact_jaccard(k) for k in (1, 2, 3, 4, 5)]
    methods += [
        minhash(default),
        minhash(Sketcher(method="kperm", num_perm=128)),
        minhash(Sketcher(method="kperm", num_perm=64, bits=8)),
        minhash(Sketcher(method="kperm", num_perm=64, bits=32)),
        minhash(Sketcher(method="oph", num_perm=64)),
        minhash(Sketcher(method="oph", num_perm=128)),
        minhash(Sketcher(method="kperm", k=2)),
        minhash(Sketcher(method="kperm", k=4)),
        simhash(3), simhash(1),
    ]
    if not args.no_datasketch:
        ds = datasketch_minhash(3, 128)
        if ds:
            methods.append(ds)
    results = []
    all_scores = {}
    for m in methods:
        scores, res = evaluate(m, pairs)
        if m.size is not None:
            res["ms_per_fingerprint"] = round(time_method(m, timing_texts), 3)
        best = max(res["table"], key=lambda r: (r["f1"], -abs(r["threshold"] - 0.5)))
        res["best_f1"] = best
        results.append(res)
        all_scores[m.name] = scores
        print_table(res)

    t = neardup.DEFAULT_THRESHOLD
    print(f"\nsummary (best F1 per method, ties broken towards 0.5; and P/R at {t})")
    print(f"  {'method':42} {'thr':>5} {'P':>6} {'R':>6} {'F1':>6} {'P@t':>6} {'R@t':>6} "
          f"{'ms':>6} {'bytes':>6}")
    for r in results:
        b = r["best_f1"]
        at = next(x for x in r["table"] if abs(x["threshold"] - t) < 1e-9)
        print(f"  {r['name']:42} {b['threshold']:>5.2f} {b['precision']:>6.3f} "
              f"{b['recall']:>6.3f} {b['f1']:>6.3f} {at['precision']:>6.3f} "
              f"{at['recall']:>6.3f} {r.get('ms_per_fingerprint', '-')!s:>6} "
              f"{r['bytes_per_sketch']!s:>6}")

    # chosen default: per-kind view and LSH
    name = minhash(default).name
    scores = all_scores[name]
    print(f"\nchosen: {name}, threshold {t}")
    per_kind = {}
    for kind, label in sorted({(p.kind, p.label) for p in pairs}, key=lambda x: (-x[1], x[0])):
        ss = [s for s, p in zip(scores, pairs, strict=True) if p.kind == kind and p.label == label]
        hit = sum(1 for s in ss if s >= t)
        per_kind[f"{kind}:{label}"] = {"n": len(ss), "at_or_above": hit, "min": min(ss),
                                       "median": statistics.median(ss), "max": max(ss)}
        print(f"  {'+' if label else '-'} {kind:32} n={len(ss):4}  >=thr {hit:4}  "
              f"min {min(ss):.3f}  median {statistics.median(ss):.3f}  max {max(ss):.3f}")

    nb, r = default.bands
    fps: dict[str, set[int]] = {}

    def keys(text: str) -> set[int]:
        if text not in fps:
            fps[text] = set(neardup.lsh_keys(neardup.fingerprint(text)))
        return fps[text]

    shared = [bool(keys(p.a) & keys(p.b)) for p in pairs]
    above = [i for i, s in enumerate(scores) if s >= t]
    pos = [i for i, p in enumerate(pairs) if p.label]
    negs = [i for i, p in enumerate(pairs) if p.kind == "different_article"]
    lsh = {
        "bands": nb, "rows": r,
        "theory": {f"{s:.2f}": candidate_p for s in (t - 0.1, t, t + 0.1)
                   if (candidate_p := neardup.candidate_probability(s, nb, r))},
        "candidate_recall_pairs_at_or_above_threshold":
            sum(shared[i] for i in above) / max(1, len(above)),
        "candidate_recall_positive_pairs": sum(shared[i] for i in pos) / max(1, len(pos)),
        "candidate_rate_different_articles": sum(shared[i] for i in negs) / max(1, len(negs)),
    }
    print(f"\nLSH: {nb} bands x {r} rows; P(candidate) at s = "
          + ", ".join(f"{k}: {v:.4f}" for k, v in lsh["theory"].items()))
    print(f"  pairs with similarity >= {t} that share a key: "
          f"{lsh['candidate_recall_pairs_at_or_above_threshold']:.4f} ({len(above)} pairs)")
    print(f"  labelled near-duplicates that share a key: "
          f"{lsh['candidate_recall_positive_pairs']:.4f}")
    print(f"  different-article pairs that share a key (spurious candidates): "
          f"{lsh['candidate_rate_different_articles']:.4f}")

    if bodies:  # every pair of distinct DEV bodies: spurious candidates and top scores
        ks = [keys(b) for b in bodies]
        fp_all = [neardup.fingerprint(b) for b in bodies]
        n_all = shared_all = 0
        top = []
        known = {frozenset((p.a, p.b)) for p in pairs if p.kind.startswith("real_") and p.label}
        for i in range(len(bodies)):
            for j in range(i + 1, len(bodies)):
                if frozenset((bodies[i], bodies[j])) in known:
                    continue
                n_all += 1
                shared_all += bool(ks[i] & ks[j])
                top.append(neardup.similarity(fp_all[i], fp_all[j]))
        top.sort(reverse=True)
        lsh["all_dev_pairs"] = {"pairs": n_all, "share_a_key": shared_all,
                                "top_similarities": top[:5]}
        print(f"  all {n_all} pairs of distinct DEV bodies: {shared_all} share a key; "
              f"top similarities {', '.join(f'{x:.3f}' for x in top[:5])}")

    if args.json:
        out = {"pairs": {"total": len(pairs), "positive": n_pos,
                         "kinds": {f"{k}:{lab}": n for (k, lab), n in kinds.items()}},
               "default": {"method": name, "threshold": t, "per_kind": per_kind, "lsh": lsh},
               "methods": results}
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
