"""URL canonicalisation, site names and article ids.

Tracking parameters are recognised by courlan's maintained list (``utm_*``, ``fbclid``,
``gclid``, ``mc_*`` ...); the registered domain comes from the Public Suffix List snapshot
bundled with tldextract (never fetched: the archiver must work offline).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

import tldextract
from courlan import normalize_url
from w3lib.url import safe_url_string

# The bundled PSL snapshot only: no network access, no cache directory.
_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=16384)
def canonicalize(url: str) -> str:
    """Normalise *url* (cached: a site's navigation links repeat on every page): lower-case
    scheme and host, default port, tracking parameters and
    fragment removed, query parameters sorted, ``.``/``..`` path segments resolved.
    Returns *url* unchanged if it is not http(s).

    The result is also the URL the crawler fetches, so the path keeps everything a server
    may tell apart: empty segments (``/web/2016/http://site/``) and ``;`` parameters stay,
    only unsafe characters are percent-encoded."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    try:
        normalized = normalize_url(url, strict=False, trailing_slash=True)
    except (ValueError, TypeError):
        normalized = url
    parts = urlsplit(normalized)
    path = _remove_dot_segments(urlsplit(safe_url_string(url)).path) or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _remove_dot_segments(path: str) -> str:
    """*path* with ``.`` and ``..`` segments resolved (RFC 3986, 5.2.4)."""
    if "." not in path:
        return path
    segments = path.split("/")
    out: list[str] = []
    for segment in segments:
        if segment == ".":
            continue
        if segment == "..":
            if len(out) > 1:
                out.pop()
            continue
        out.append(segment)
    if segments[-1] in (".", ".."):
        out.append("")  # "/a/b/.." is the directory "/a/"
    return "/".join(out)


def join_url(base: str, href: str) -> str | None:
    """*href* resolved against *base*; None when either is malformed (``http://[x``, a host
    with characters that NFKC turns into ``/``, a port that is no number or is 0): one
    broken link on a page is skipped, it never fails the page."""
    try:
        joined = urljoin(base, href)
        port = urlsplit(joined).port  # urljoin lets through what this refuses: "[x", ":-1"
    except ValueError:
        return None
    return joined if port != 0 else None


def host_of(url: str) -> str:
    """The lower-case host name of *url* (no port, no credentials)."""
    return (urlsplit(url).hostname or "").lower()


def site_of(url: str) -> str:
    """The registered domain of *url* (``www.techradar.com`` -> ``techradar.com``).

    IP addresses and single-label hosts (``localhost``) are returned as they are; a host
    under no known public suffix (``news.internal``) is its own site, less a ``www.``.
    """
    return site_of_host(host_of(url))


@lru_cache(maxsize=4096)
def site_of_host(host: str) -> str:
    """:func:`site_of` for a lower-case host name (cached: a page links few hosts)."""
    if not host:
        return ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return host
    ext = _TLD(host)
    return ext.top_domain_under_public_suffix or host.removeprefix("www.")


def same_site(url_a: str, url_b: str) -> bool:
    """Whether two URLs belong to the same registered domain."""
    return bool(site_of(url_a)) and site_of(url_a) == site_of(url_b)


def resolve_canonical(page_url: str, declared: str | None,
                      sites: frozenset[str] = frozenset()) -> str:
    """The canonical URL of a page fetched from *page_url*.

    A declared ``rel=canonical`` / ``og:url`` is honoured only when it is an http(s) URL
    on the same site, or on one of *sites* (the crawl's sites: a syndicated copy naming
    its original on another crawled site); otherwise the fetched URL itself is
    canonicalised.
    """
    if declared:
        try:
            candidate = urljoin(page_url, declared.strip())
            if urlsplit(candidate).scheme in ("http", "https") and (
                    same_site(candidate, page_url) or site_of(candidate) in sites):
                return canonicalize(candidate)
        except ValueError:  # a malformed link ("http://host:12x/"): the page's own URL
            pass
    return canonicalize(page_url)


# Variants of one page's URL that servers commonly treat alike: a session id in a path
# parameter, an AMP or mobile rendering, the first page of a paginated article.
_SESSION_PARAM = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/]*", re.IGNORECASE)
_HOST_PREFIX = re.compile(r"^(?:www|m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(?:/amp|\.amp)(?=/?$)|^/amp(?=/)")
_VARIANT_QUERY = {("amp", ""), ("amp", "1"), ("amp", "true"), ("outputtype", "amp"),
                  ("output", "amp"), ("page", "1")}


def page_key(url: str) -> str:
    """A loose key of *url*: URLs with the same key are variants of one page (case,
    percent-encoding, ``;jsessionid=``, ``www.``/``m.``/``amp.`` host, ``/amp`` or
    ``.amp`` path, ``?amp=1``, ``?page=1``, trailing slash). Never used to fetch or as an
    id: only to tell that a page copying an archived article is that article."""
    parts = urlsplit(canonicalize(url))
    host = _HOST_PREFIX.sub("", (parts.hostname or "").lower())
    if parts.port:
        host = f"{host}:{parts.port}"
    path = unquote(_SESSION_PARAM.sub("", parts.path)).lower()
    path = _AMP_PATH.sub("", path).rstrip("/") or "/"
    query = sorted((key.lower(), value.lower())
                   for key, value in parse_qsl(parts.query, keep_blank_values=True))
    query = [pair for pair in query if pair not in _VARIANT_QUERY]
    return urlunsplit(("", host, path, urlencode(query), ""))


def same_page(url_a: str, url_b: str) -> bool:
    """Whether two URLs are variants of one page (see :func:`page_key`)."""
    return page_key(url_a) == page_key(url_b)


def article_id(canonical_url: str) -> str:
    """A stable 16-hex-digit id for the article at *canonical_url*."""
    return hashlib.blake2b(canonical_url.encode("utf-8"), digest_size=8).hexdigest()
