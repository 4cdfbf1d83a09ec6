"""Build small test news sites on disk, served by :class:`archiver.demo.server.SiteServer`.

Each article gets distinct prose (seeded by its slug) so that bodies and hashes differ.
``__BASE_URL__`` is replaced by the server with ``http://127.0.0.1:PORT``.
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

WORDS = [
    "chip", "phone", "laptop", "cloud", "server", "network", "browser", "update", "security",
    "patch", "model", "battery", "screen", "camera", "vendor", "market", "price", "release",
    "developer", "kernel", "storage", "memory", "driver", "privacy", "data", "cable",
    "router", "satellite", "robot", "startup", "display", "keyboard", "software", "hardware",
]


def prose(seed: str, paragraphs: int = 6) -> list[str]:
    """Deterministic, distinct paragraphs of pseudo-prose."""
    rng = random.Random(seed)
    out = []
    for i in range(paragraphs):
        words = [rng.choice(WORDS) for _ in range(rng.randint(35, 60))]
        out.append(f"{seed.capitalize()} part {i}: " + " ".join(words).capitalize() + ".")
    return out


@dataclass
class SiteArticle:
    slug: str
    title: str
    author: str = "Jane Doe"
    paragraphs: list[str] = field(default_factory=list)
    canonical: str | None = None
    ld_type: str = "NewsArticle"

    @property
    def path(self) -> str:
        return f"/news/{self.slug}"

    @property
    def text(self) -> list[str]:
        """The article's paragraphs as a reader sees them."""
        return self.paragraphs or prose(self.slug)

    def html(self) -> str:
        paragraphs = self.text
        canonical = self.canonical or self.path
        ld = json.dumps({"@context": "https://schema.org", "@type": self.ld_type,
                         "headline": self.title, "author": {"@type": "Person", "name": self.author},
                         "datePublished": "2026-10-01T09:00:00+00:00"})
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{self.title} | Test News</title>"
            f"<link rel='canonical' href='__BASE_URL__{canonical}'>"
            "<meta property='og:type' content='article'>"
            f"<script type='application/ld+json'>{ld}</script></head><body>"
            "<nav><a href='/'>Home</a> <a href='/section/tech'>Tech</a></nav>"
            f"<main><article><h1>{self.title}</h1><p class='byline'>By "
            f"<a rel='author' href='/author/x'>{self.author}</a></p>{body}</article></main>"
            "<footer><a href='/about'>About</a></footer></body></html>"
        )


def write(root: Path, rel: str, text: str | bytes) -> None:
    path = root / rel.lstrip("/")
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")


def index_page(title: str, links: list[str]) -> str:
    items = "".join(f"<li><a href='{href}'>{href}</a></li>" for href in links)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:type' content='website'></head>"
        f"<body><h1>{title}</h1><ul>{items}</ul></body></html>"
    )


def sitemap(urls: list[str]) -> str:
    locs = "".join(f"<url><loc>__BASE_URL__{u}</loc></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>')


def sitemap_index(paths: list[str]) -> str:
    locs = "".join(f"<sitemap><loc>__BASE_URL__{p}</loc></sitemap>" for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}'
            "</sitemapindex>")


def rss(paths: list[str]) -> str:
    items = "".join(f"<item><title>{p}</title><link>__BASE_URL__{p}</link></item>" for p in paths)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Test News</title>{items}</channel></rss>")


def gz(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), mtime=0)
