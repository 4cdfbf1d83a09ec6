"""Body assembly: paragraph joining and leftover-line filters."""

from __future__ import annotations

import pytest

from archiver.extract.body import body, is_noise, with_standfirst


@pytest.mark.parametrize(
    "line",
    [
        "Stand: 22.04.2024, 06:00 Uhr",
        "Updated March 5, 2024 at 9:15 a.m.",
        "02:57 Min.",
        "Foto: Max Muster / dpa",
        "© 2023 Router Weekly. All rights reserved.",
        "Sign up for our weekly newsletter.",
        "Follow The Example Times on Twitter and on Facebook @example",
        "Lesen Sie auch: Zehn Tipps für den Garten",
        "VEA TAMBIÉN: Otra noticia",
        "Weitere Informationen:",
        "23.10.2018",
        "Freitag, 28.04.2023, 19:25",
        "*Werbung. Dieser Beitrag enthält Werbung.",
        "By Jane Doe",
    ],
)
def test_noise_lines(line: str):
    assert is_noise(line, ["Jane Doe"])


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the company had doubled its revenue.",
        "Photographs from the trip show the damaged bridge near the river bank in detail.",
        "The minister said the plan would be published in the spring.",
        "Why size matters",
    ],
)
def test_article_lines_are_kept(line: str):
    assert not is_noise(line, ["Jane Doe"])


def test_body_joins_and_drops_repeated_headline_captions_and_duplicates():
    paragraphs = ["The Headline", "First paragraph.", "First paragraph.", "A caption",
                  "Second paragraph."]
    text = body(paragraphs, "The Headline", {"a caption"})
    assert text == "First paragraph.\n\nSecond paragraph."


def test_repeated_paragraphs_apart_are_kept():
    paragraphs = ["Mix well.", "Bake for 20 minutes.", "Mix well."]
    assert body(paragraphs, None, set()).count("Mix well.") == 2


def test_standfirst_prepended_once():
    text = "Body paragraph."
    lead = "A standfirst that sums up the story."
    assert with_standfirst(text, lead) == f"{lead}\n\n{text}"
    assert with_standfirst(f"{lead}\n\n{text}", lead) == f"{lead}\n\n{text}"
