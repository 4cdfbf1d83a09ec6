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
        "Image: eThekwini Municipality / Facebook",
        "Folgst du schon 20 Minuten auf Whatsapp?",
        "Follow Example News on Google News to get our reviews in your feeds.",
        "Zum Artikel: Tarifrunde im ÖPNV: Das wird verhandelt",
        "Czytaj więcej",
        "2 Wochen kostenlos testen",
        "Wie hat Ihnen dieser Artikel gefallen?",
        "Unabhängiger Journalismus braucht deine Unterstützung.",
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


def _h1s(html: str):
    from archiver.extract.document import parse

    root = parse(html)
    assert root is not None
    return list(root.iter("h1"))


def test_author_description_next_to_the_headline_is_not_the_standfirst():
    from archiver.extract.body import standfirst

    h1s = _h1s('<html><body><article><h1>Headline</h1><div class="author-container">'
               '<div class="author-description">Seit 2019 bei der Zeitung. Interessiert sich '
               'für Gesundheit.</div></div><p class="article-lead">Das alte Gesetz ist bald '
               'Geschichte, das neue soll nicht verwässert werden.</p></article></body></html>')
    assert standfirst(h1s) == ("Das alte Gesetz ist bald Geschichte, das neue soll nicht "
                               "verwässert werden.")


def test_standfirst_below_the_headline_wins_and_teaser_cards_are_skipped():
    from archiver.extract.body import standfirst

    h1s = _h1s('<html><body><main><section><div class="teaser"><a href="/x">Another story '
               'that is linked from this page entirely</a></div>'
               '<div class="summary">Feedback Kommentieren Fehlerhinweis</div>'
               '<h1>Headline</h1><p class="dek">The real summary of this story, shown under '
               'the headline.</p></section></main></body></html>')
    assert standfirst(h1s) == "The real summary of this story, shown under the headline."


def test_author_bio_box_paragraphs_are_dropped():
    from archiver.extract.body import bio_keys
    from archiver.extract.document import parse
    from archiver.extract.text import norm_key

    root = parse('<html><body><article><h1>T</h1><p>Article text that is long enough to '
                 'count as a paragraph.</p></article><div class="slice-author-bio">'
                 '<div class="author__biography"><p>A 38-year industry veteran and '
                 'award-winning journalist, Lance has covered technology.</p></div></div>'
                 '</body></html>')
    assert root is not None
    keys = bio_keys(root)
    assert norm_key("A 38-year industry veteran and award-winning journalist, Lance has "
                    "covered technology.") in keys
    assert not any("article text" in k for k in keys)


def test_paragraphs_that_are_links_to_other_stories_are_dropped():
    from archiver.extract.body import trafilatura_paragraphs
    from archiver.extract.document import parse

    text = " ".join(["The council approved the budget after a long debate."] * 4)
    root = parse('<html><body><article><h1>Budget approved</h1>'
                 f'<p>{text}</p><p>{text} Second part of the story.</p>'
                 '<p><a href="/news/other-story">Prince Harry and Meghan celebrate another '
                 'award</a></p><p><a href="https://elsewhere.org/report">Read the full report '
                 'of the council here</a></p></article></body></html>')
    assert root is not None
    paragraphs = trafilatura_paragraphs(root, "https://www.example.com/news/budget")
    assert not any("Prince Harry" in p for p in paragraphs)
    assert any("Second part of the story" in p for p in paragraphs)


def test_only_links_within_the_site_count_as_other_stories():
    from archiver.extract.body import story_link_keys
    from archiver.extract.document import parse

    root = parse('<html><body><a href="/news/other">Prince Harry and Meghan celebrate</a>'
                 '<a href="https://elsewhere.org/r">Read the full council report</a>'
                 '<a href="#top">Back to the top of page</a></body></html>')
    assert root is not None
    paragraphs = ["Prince Harry and Meghan celebrate", "Read the full council report",
                  "Back to the top of page"]
    assert story_link_keys(root, "https://www.example.com/news/budget", paragraphs) == {
        "prince harry and meghan celebrate"}


@pytest.mark.parametrize(
    "line",
    [
        "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés.",
        "Our community members are treated to special offers, promotions, and adverts from "
        "us and our partners. You can check out at any time. Read our Privacy Policy",
        "Dieser Beitrag ist nur für Abonnenten.",
    ],
)
def test_paywall_notices_and_consent_blurbs_are_noise(line: str):
    assert is_noise(line, [])


def test_a_sentence_about_privacy_is_not_noise():
    assert not is_noise("The regulator said the privacy policy had been read by few users.", [])
