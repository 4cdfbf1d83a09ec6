"""Site profiles: ``sites.toml``, one ``[sites.NAME]`` table per site to crawl.

Loaded with :mod:`tomllib` and validated completely on load: an unknown key, a value of
the wrong type, a bad URL, regex or selector is a :class:`ProfileError` naming the file,
the site and the key, e.g. ``sites.toml: [sites.verge] article_patterns[1]: bad regex
'(': missing ), unterminated subpattern at position 0``.

A profile becomes spider arguments (start URLs, allowed domains, URL patterns, selector
overrides) and settings (politeness and budget): :meth:`SiteProfile.settings`. The
``news`` spider applies both itself when given ``-a site=NAME [-a sites=FILE]``, so a
profile works the same under ``archiver crawl --site``, ``scrapy crawl`` and scrapyd.

Keys of a ``[sites.NAME]`` table (all optional but one URL):

=================== ============ ========================================================
``start_urls``      URL list     home and section pages (links are followed)
``feeds``           URL list     RSS/Atom feeds (entries fetched)
``sitemaps``        URL list     XML sitemaps, sitemap indexes or ``robots.txt``
``allowed_domains`` domain list  sites whose links are followed (default: the URLs' sites)
``article_patterns`` regex list  only pages whose URL matches one are archived as articles
                                 (others are still followed as index pages)
``skip_patterns``   regex list   URLs matching one are never requested
``max_pages``       int >= 0     crawl budget: requests to the site per run (0: no limit)
``concurrency``     int >= 1     concurrent requests to one host
``delay``           number >= 0  seconds between requests to one host
``depth``           int >= 0     link hops from the start pages
``selectors``       table        ``byline`` / ``credit`` / ``body`` = ``{css = "..."}``
                                 or ``{xpath = "..."}``
=================== ============ ========================================================

Regexes are Python :mod:`re` patterns searched anywhere in the absolute URL.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.extract.overrides import CSS, FIELDS, XPATH, Overrides, Selector, compile_selector
from archiver.extract.urls import site_of

DEFAULT_FILE = "sites.toml"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_DOMAIN = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")
_URL_LISTS = ("start_urls", "feeds", "sitemaps")
_KEYS = (*_URL_LISTS, "allowed_domains", "article_patterns", "skip_patterns", "max_pages",
         "concurrency", "delay", "depth", "selectors")


class ProfileError(ValueError):
    """``sites.toml`` is missing, unreadable or invalid; the message names the file, the
    site and the key."""


@dataclass(frozen=True)
class SiteProfile:
    """One site's crawl profile."""

    name: str
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    skip_patterns: tuple[str, ...] = ()
    max_pages: int | None = None
    concurrency: int | None = None
    delay: float | None = None
    depth: int | None = None
    selectors: Overrides = field(default_factory=Overrides)

    @property
    def urls(self) -> list[str]:
        """Every start URL: pages, then feeds, then sitemaps."""
        return [*self.start_urls, *self.feeds, *self.sitemaps]

    @property
    def domains(self) -> list[str]:
        """The sites whose links are followed."""
        return list(self.allowed_domains) or sorted({site_of(url) for url in self.urls})

    def settings(self) -> dict[str, Any]:
        """The Scrapy and archiver settings this profile sets (those it leaves unset keep
        their defaults)."""
        values: dict[str, Any] = {}
        if self.max_pages is not None:
            values["ARCHIVER_MAX_PAGES_PER_SITE"] = self.max_pages
        if self.concurrency is not None:
            values["CONCURRENT_REQUESTS_PER_DOMAIN"] = self.concurrency
        if self.delay is not None:
            values["DOWNLOAD_DELAY"] = self.delay
        if self.depth is not None:
            values["ARCHIVER_DEPTH"] = self.depth
        return values

    def spider_args(self) -> dict[str, str]:
        """``-a`` arguments of the ``news`` spider equivalent to this profile's URLs and
        patterns (selectors need ``-a site=NAME``)."""
        args = {"start_urls": ",".join(self.urls), "allowed_domains": ",".join(self.domains)}
        if self.article_patterns:
            args["article_patterns"] = " ".join(self.article_patterns)
        if self.skip_patterns:
            args["skip_patterns"] = " ".join(self.skip_patterns)
        return args


def compile_patterns(patterns: tuple[str, ...] | list[str]) -> list[re.Pattern[str]]:
    """Compiled URL patterns (already validated)."""
    return [re.compile(pattern) for pattern in patterns]


def matches(patterns: list[re.Pattern[str]], url: str) -> bool:
    """Whether any of *patterns* is found in *url*."""
    return any(pattern.search(url) for pattern in patterns)


# --- loading --------------------------------------------------------------------------


def load_profiles(path: str | Path) -> dict[str, SiteProfile]:
    """Every profile of the ``sites.toml`` at *path*, by name, validated."""
    label = str(path)
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{label}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{label}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{label}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"sites"})
    if unknown:
        raise ProfileError(f"{label}: unknown top-level key {unknown[0]!r} "
                           "(site tables are [sites.NAME])")
    sites = data.get("sites")
    if not isinstance(sites, dict) or not sites:
        raise ProfileError(f"{label}: no sites: add a [sites.NAME] table per site")
    return {name: _profile(label, name, table) for name, table in sites.items()}


def select_profiles(path: str | Path, names: list[str] | tuple[str, ...] | None
                    ) -> list[SiteProfile]:
    """The profiles called *names* (all of them when *names* is None), in file order for
    all, in the given order otherwise."""
    profiles = load_profiles(path)
    if names is None:
        return list(profiles.values())
    missing = [name for name in names if name not in profiles]
    if missing:
        raise ProfileError(f"{path}: no site {missing[0]!r} (sites: "
                           f"{', '.join(profiles)})")
    return [profiles[name] for name in dict.fromkeys(names)]


def _profile(label: str, name: str, table: Any) -> SiteProfile:
    where = f"{label}: [sites.{name}]"
    if not _NAME.match(name):
        raise ProfileError(f"{where}: bad site name: use letters, digits, '-' and '_'")
    if not isinstance(table, dict):
        raise ProfileError(f"{label}: sites.{name} must be a table ([sites.{name}])")
    for key in table:
        if key not in _KEYS:
            raise ProfileError(f"{where} {key}: unknown key (known: {', '.join(_KEYS)})")
    values: dict[str, Any] = {}
    for key in _URL_LISTS:
        values[key] = tuple(_url(where, f"{key}[{i}]", url)
                            for i, url in enumerate(_strings(where, key, table)))
    if not any(values[key] for key in _URL_LISTS):
        raise ProfileError(f"{where}: no URLs: give start_urls, feeds or sitemaps")
    values["allowed_domains"] = tuple(_domain(where, f"allowed_domains[{i}]", domain)
                                      for i, domain in enumerate(
                                          _strings(where, "allowed_domains", table)))
    for key in ("article_patterns", "skip_patterns"):
        values[key] = tuple(_regex(where, f"{key}[{i}]", pattern)
                            for i, pattern in enumerate(_strings(where, key, table)))
    values["max_pages"] = _integer(where, "max_pages", table, 0)
    values["concurrency"] = _integer(where, "concurrency", table, 1)
    values["depth"] = _integer(where, "depth", table, 0)
    delay = table.get("delay")
    if delay is not None:
        if isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0:
            raise ProfileError(f"{where} delay: expected seconds >= 0, got {delay!r}")
        values["delay"] = float(delay)
    values["selectors"] = _selectors(where, table.get("selectors"))
    return SiteProfile(name=name, **values)


def _strings(where: str, key: str, table: dict[str, Any]) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ProfileError(f"{where} {key}: expected a list of strings, got {value!r}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ProfileError(f"{where} {key}[{i}]: expected a non-empty string, "
                               f"got {item!r}")
    return [item.strip() for item in value]


def _url(where: str, key: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise ProfileError(f"{where} {key}: bad URL {url!r}: expected an absolute "
                           "http(s) URL")
    try:
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as exc:
        raise ProfileError(f"{where} {key}: bad URL {url!r}: {exc}") from None
    return url


def _domain(where: str, key: str, domain: str) -> str:
    if not _DOMAIN.match(domain.lower()):
        raise ProfileError(f"{where} {key}: bad domain {domain!r}: expected a host name "
                           "such as 'example.com' (no scheme, no path)")
    return domain.lower()


def _regex(where: str, key: str, pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ProfileError(f"{where} {key}: bad regex {pattern!r}: {exc}") from None
    return pattern


def _integer(where: str, key: str, table: dict[str, Any], minimum: int) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ProfileError(f"{where} {key}: expected an integer >= {minimum}, got {value!r}")
    return value


def _selectors(where: str, table: Any) -> Overrides:
    if table is None:
        return Overrides()
    if not isinstance(table, dict):
        raise ProfileError(f"{where} selectors: expected a table ([sites.NAME.selectors])")
    found: dict[str, Selector] = {}
    for key, spec in table.items():
        path = f"selectors.{key}"
        if key not in FIELDS:
            raise ProfileError(f"{where} {path}: unknown field (known: {', '.join(FIELDS)})")
        if not isinstance(spec, dict) or len(spec) != 1 or next(iter(spec)) not in (CSS, XPATH):
            raise ProfileError(f"{where} {path}: expected {{css = \"...\"}} or "
                               f"{{xpath = \"...\"}}, got {spec!r}")
        kind, expr = next(iter(spec.items()))
        if not isinstance(expr, str) or not expr.strip():
            raise ProfileError(f"{where} {path}.{kind}: expected a non-empty string")
        selector = Selector(kind, expr.strip())
        try:
            compile_selector(selector)
        except ValueError as exc:
            raise ProfileError(f"{where} {path}.{kind}: {exc}") from None
        found[key] = selector
    return Overrides(**found)
