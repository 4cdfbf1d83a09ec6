from __future__ import annotations

import dataclasses
import hashlib

import pytest
from scrapy.exceptions import DropItem

from archiver.items import Article, Image
from pipelines.validate import ValidationPipeline, problems

BODY = " ".join(f"word{i}" for i in range(60))


def article(**changes: object) -> Article:
    base = Article(
        id="0123456789abcdef", url="https://x.test/a", canonical_url="https://x.test/a",
        site="x.test", fetched_at="2026-11-27T07:00:00Z", title="A title", authors=["A B"],
        body=BODY, word_count=60, content_hash=hashlib.sha256(BODY.encode()).hexdigest(),
        images=[Image(url="https://x.test/i.jpg", credit="Reuters", lead=True)],
        published="2026-11-01T10:00:00+00:00",
    )
    return dataclasses.replace(base, **changes)


def test_valid_article_passes() -> None:
    item = article()
    assert problems(item) == []
    assert ValidationPipeline().process_item(item) is item


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"body": "", "word_count": 0}, "empty_extraction"),
        ({"body": "too short", "word_count": 2}, "too_short"),
        ({"id": ""}, "invalid: .* id missing"),
        ({"published": "last tuesday"}, "invalid: .*published is not ISO 8601"),
        ({"authors": ["", "B"]}, "invalid: .*authors is not a list"),
        ({"authors": "A B"}, "invalid: .*authors is not a list"),
        ({"images": [Image(url="")]}, "invalid: .*images"),
        ({"title": 5}, "invalid: .*title is int"),
    ],
)
def test_invalid_articles_are_dropped_with_reason(changes: dict, reason: str) -> None:
    with pytest.raises(DropItem, match=reason):
        ValidationPipeline().process_item(article(**changes))


def test_other_items_pass_untouched() -> None:
    item = {"not": "an article"}
    assert ValidationPipeline().process_item(item) is item
