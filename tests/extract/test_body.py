"""Body assembly: paragraph joining and leftover-line filters."""

from __future__ import annotations

import pytest

from archiver.extract.body import body, found_too_little, is_noise, with_standfirst


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


def _root(html: str):
    from archiver.extract.document import parse

    root = parse(html)
    assert root is not None
    return root


def _h1s(html: str):
    return list(_root(html).iter("h1"))


_UNION_LEAD = "The union leader warned the president about the state of the country."


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            '<html><body><article><h1>Headline</h1><div class="author-container">'
            '<div class="author-description">Seit 2019 bei der Zeitung. Interessiert sich '
            'für Gesundheit.</div></div><p class="article-lead">Das alte Gesetz ist bald '
            'Geschichte, das neue soll nicht verwässert werden.</p></article></body></html>',
            "Das alte Gesetz ist bald Geschichte, das neue soll nicht verwässert werden.",
            id="author-description-next-to-the-headline-is-not-the-standfirst"),
        pytest.param(
            '<html><body><main><section><div class="teaser"><a href="/x">Another story '
            'that is linked from this page entirely</a></div>'
            '<div class="summary">Feedback Kommentieren Fehlerhinweis</div>'
            '<h1>Headline</h1><p class="dek">The real summary of this story, shown under '
            'the headline.</p></section></main></body></html>',
            "The real summary of this story, shown under the headline.",
            id="standfirst-below-the-headline-wins-and-teaser-cards-are-skipped"),
        pytest.param(
            '<html><body><main><div><h1>Draft law: some progress</h1></div>'
            '<div class="article-teaser"><a href="/other-story"><p>New law</p><p>Rights in '
            'times of war</p></a> Commentary by Jane Doe. The war reaches into the draft '
            'of the new law as well.</div></main></body></html>',
            None, id="a-teaser-card-opening-with-a-link-is-not-the-standfirst"),
        *(pytest.param(
            f'<html><body><div class="heading"><h1>Headline</h1><p class="{cls}">'
            f'{_UNION_LEAD}</p></div></body></html>',
            _UNION_LEAD, id=f"{cls}-class-marks-the-standfirst")
          for cls in ("article__desc", "article-leadtext")),
        pytest.param(
            '<html><body><div><h1>Headline</h1><p class="summary">RELATED: Drones spoofed, '
            'expert says amid airspace incursions</p></div></body></html>',
            None, id="a-related-link-line-is-not-the-standfirst"),
    ],
)
def test_standfirst(html: str, expected: str | None):
    from archiver.extract.body import standfirst

    assert standfirst(_h1s(html)) == expected





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
        # wire credits, media teasers, gallery counters and sign-up calls
        "Reporting by Maya Gebeilly in Beirut; Editing by Daniel Flynn",
        "Associated Press writer John Leicester in Paris contributed to this report.",
        "Additional reporting by Joseph Hudak",
        "Nach dem Angriff wurden schärfere Sanktionen beschlossen. 18.04.2024 | 0:21 min",
        "05.09.2024 | 2:03 min",
        "[1/5]A journalist takes a selfie in Maras, February 11, 2023.",
        '"Hier ist Bayern": Der Newsletter der Redaktion informiert Sie immer montags bis '
        "freitags zum Feierabend über das Wichtigste vom Tag auf einen Blick – kompakt und "
        "direkt in Ihrem privaten Postfach. Hier geht's zur Anmeldung!",
        "Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns bitte mit einer Spende.",
        "Article content",
        "Recommended Videos",
        "SEE MORE: Students under siege in university",
    ],
)
def test_paywall_notices_consent_blurbs_wire_credits_and_sign_up_calls_are_noise(line: str):
    assert is_noise(line, [])


@pytest.mark.parametrize(
    "line",
    [
        "The regulator said the privacy policy had been read by few users.",
        "The reporter said the bill had been edited by the committee before the vote.",
        "The newsletter industry grew quickly last year, analysts said, as writers left "
        "their newsrooms to work on their own and readers paid for the work of people they "
        "trust rather than for the brand of a paper they had read for decades.",
        "Reporters contributed more than half of the stories to this archive in 2020.",
    ],
)
def test_sentences_near_those_patterns_are_kept(line: str):
    assert not is_noise(line, [])


def test_headline_repeated_with_its_kicker_or_site_name_is_dropped():
    from archiver.extract.body import headline_keys, without_headline_repeats

    root = _root('<html><head><title>Firefighters to retire later | Example News</title>'
                 '</head><body><h1><span>Politics</span> Firefighters to retire later</h1>'
                 '</body></html>')
    paragraphs = ["FAQ", "Politics Firefighters to retire later", "The state government "
                  "wants to raise the retirement age of firefighters from 60 to 62.",
                  "Firefighters to retire later, the union fears."]
    assert without_headline_repeats(paragraphs, headline_keys(root)) == paragraphs[2:]
    title_only = ["Firefighters to retire later | Example News", paragraphs[2]]
    assert without_headline_repeats(title_only, headline_keys(root)) == [paragraphs[2]]


def test_a_lede_quoting_the_headline_is_kept():
    from archiver.extract.body import without_headline_repeats

    lede = ("Firefighters to retire later: that is the plan the state government presented "
            "on Monday to parliament, and the unions have already announced protests across "
            "the state for the coming weeks.")
    assert without_headline_repeats([lede], {"firefighters to retire later"}) == [lede]
    short = "Budget approved by the council on Monday night after a long debate."
    assert without_headline_repeats([short], {"budget approved"}) == [short]


def test_article_split_into_several_blocks_is_completed_from_sibling_blocks():
    from archiver.extract.body import _long_paragraphs, with_sibling_paragraphs

    text = ("The glaciers were built by digging four trenches on the property, lined with "
            "plastic and filled with water until they froze solid.")
    words = ["first", "second", "third", "fourth"]
    parts = [f"In the {word} block: {text} ({word} part of the story)."
             for word in words]
    root = _root('<html><body><article><h1>Ice</h1>'
                 + "".join(f'<div class="body-inner"><p class="para">{p}</p></div>'
                           for p in parts)
                 + '</article><article><div class="body-inner"><p class="para">Another '
                 f'story entirely. {text}</p></div></article>'
                 f'<div class="comments"><p>{text} A reader comment.</p></div></body></html>')
    longs = _long_paragraphs(root)
    found = [parts[0], parts[2]]
    assert with_sibling_paragraphs(found, longs, anywhere=False) == parts[:3]
    assert with_sibling_paragraphs(found, longs, anywhere=True) == parts


def test_trafilatura_text_that_lost_link_words_is_replaced_not_duplicated():
    from archiver.extract.body import _long_paragraphs, with_sibling_paragraphs

    text = ("The insider of the network reported on Monday that the league will fine the "
            "quarterback for his role in the fight, a hot topic in the days that followed.")
    other = "A second paragraph of the story that is also long enough to count as text. " * 2
    root = _root(f'<html><body><div><p>{other}</p><p>The insider of the network reported on '
                 'Monday that <a href="/x">the league will fine the quarterback</a> for his '
                 'role in the fight, a hot topic in the days that followed.</p>'
                 f'<p>{other} End.</p></div></body></html>')
    lossy = text.replace("the league will fine the quarterback ", "")
    found = [other.strip(), lossy, f"{other} End.".strip()]
    assert with_sibling_paragraphs(found, _long_paragraphs(root), anywhere=True) == [
        other.strip(), text, f"{other} End.".strip()]


def test_teasers_with_a_kicker_or_a_card_link_are_other_stories():
    from archiver.extract.body import story_link_keys
    from archiver.extract.text import norm_key

    root = _root('<html><body><ul><li><span>Crónica</span><a href="/f1/other-race.html">'
                 'Ferrari saves the match ball after a chaotic race</a></li></ul>'
                 '<div class="card"><a href="/news/trans-rights"><p>New law</p><p>Rights in '
                 'times of war</p></a><p>A commentary on the draft law and its defence '
                 'clause.</p></div><p>Read here: <a href="/news/gas-cloud">Gas cloud over the '
                 'city: what residents should do</a></p></body></html>')
    paragraphs = ["Crónica Ferrari saves the match ball after a chaotic race",
                  "New law Rights in times of war A commentary on the draft law and its "
                  "defence clause.",
                  "Read here: Gas cloud over the city: what residents should do"]
    keys = story_link_keys(root, "https://www.example.com/news/budget", paragraphs)
    assert keys == {norm_key(paragraphs[0]), norm_key(paragraphs[1])}





def test_screen_reader_hints_after_links_are_removed():
    paragraphs = ["Quantumscape promised its investors(öffnet im neuen Fenster) , among them "
                  "Volkswagen, a revolutionary battery.",
                  "The report, opens new tab by the institute found that a tank fired twice.",
                  "Every online business exists in the 'space-time continuum.'Click To Tweet"]
    assert body(paragraphs, None, set()) == (
        "Quantumscape promised its investors , among them Volkswagen, a revolutionary "
        "battery.\n\nThe report by the institute found that a tank fired twice.\n\n"
        "Every online business exists in the 'space-time continuum.'")


def test_the_author_name_alone_on_a_line_is_noise():
    assert is_noise("Fatma Sevinç Çetin", ["Fatma Sevinç Çetin"])
    assert not is_noise("Fatma Sevinç Çetin said the prices were set on Monday.",
                        ["Fatma Sevinç Çetin"])


@pytest.mark.parametrize(("found", "estimate", "page_text", "too_little"), [
    (0, 0, 5_000, True),            # the main extractor found nothing at all
    (400, 1_000, 10_000, True),     # under half the page's long paragraphs
    (400, 0, 20_000, True),         # no long paragraphs, and 2 % of the page's text
    (1_000, 1_200, 10_000, False),  # most of the long paragraphs
    (900, 0, 12_000, False),        # short paragraphs only, 7.5 % of the page's text
])
def test_trafilatura_second_opinions_only_when_the_main_extractor_found_too_little(
        found: int, estimate: int, page_text: int, too_little: bool) -> None:
    assert found_too_little(found, estimate, page_text) is too_little


def test_line_breaks_inside_a_paragraph_separate_words():
    from archiver.extract.body import trafilatura_paragraphs

    text = " ".join(["The band announced a tour across the country for next summer."] * 3)
    root = _root(f'<html><body><article><h1>Tour</h1><p>{text}</p><p>{text} More.</p>'
                 '<p>The tour dates:<br>June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL'
                 '<br>June 10 -- Credit Union Amphitheatre, Tampa, FL<br>June 14 -- Ameris '
                 'Bank Amphitheatre, Alpharetta, GA</p><p>{text} End.</p>'
                 '</article></body></html>')
    joined = "\n".join(trafilatura_paragraphs(root, "https://www.example.com/tour"))
    assert "FL June 10" in joined
    assert "FLJune" not in joined


_DESCRIPTION = ("Samsung lost a patent case brought by a Chinese company and may have to "
                "destroy smartphones.")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            f'<html><body><article><hgroup><h1>Samsung loses</h1><p>{_DESCRIPTION}</p>'
            '</hgroup><p>The court in Munich ruled on Friday.</p></article></body></html>',
            _DESCRIPTION, id="a-bare-paragraph-in-the-headline-group"),
        pytest.param(
            '<html><body><header><h1>Samsung loses</h1><div class="x7Fq2"><b>Samsung</b> '
            'lost a patent case brought by a Chinese company and may have to destroy '
            'smartphones.</div></header></body></html>',
            _DESCRIPTION, id="a-block-with-a-hashed-class-and-inline-markup"),
        pytest.param(
            f'<html><body><div><p>{_DESCRIPTION}</p></div><h1>Samsung loses</h1>'
            '<p>The court in Munich ruled on Friday.</p></body></html>',
            None, id="shown-only-above-the-headline"),
        pytest.param(
            f'<html><body><h1>Samsung loses</h1><aside><p>{_DESCRIPTION}</p></aside>'
            f'<a href="/other"><p>{_DESCRIPTION}</p></a></body></html>',
            None, id="in-an-aside-or-a-link"),
        pytest.param(
            f'<html><body><h1>Samsung loses</h1><p>{_DESCRIPTION} The court in Munich ruled '
            'on Friday, and the company will appeal.</p></body></html>',
            None, id="only-the-start-of-a-longer-paragraph"),
    ],
)
def test_the_declared_description_shown_under_the_headline_is_the_standfirst(
        html: str, expected: str | None):
    from archiver.extract.body import shown_description

    assert shown_description(_h1s(html), ["Short.", _DESCRIPTION]) == expected


def test_standfirst_already_in_the_text_is_not_repeated():
    lead = "Evergrande, once China's second largest developer, is to be liquidated."
    summary = "\n\n".join(["Evergrande owes 300 billion dollars, the largest debt of any "
                           "company in the world today."] * 4)
    text = f"{summary}\n\n{lead}\n\nThe ruling came on Monday."
    assert with_standfirst(text, lead) == text


def test_a_caption_beside_its_picture_outside_a_figure_is_not_text():
    from archiver.extract.body import alt_text_keys
    from archiver.extract.text import norm_key

    caption = "Jarrad Branthwaite celebrates his goal against Liverpool"
    quote = "Collectors are hunting for rare dollar bills with a printing error"
    root = _root(
        '<html><body><article><p>The match was decided early in the second half.</p>'
        '<div class="paragraph-picture"><div class="media"><picture><img src="a.jpg" '
        f'alt="{caption}" title="{caption} | Getty Images"></picture></div>'
        f'<div class="info"><p>{caption}</p></div></div>'
        f'<p>{quote}</p><div class="pic"><img src="b.jpg" alt="{quote}"><p>{quote}</p></div>'
        '<div class="pic"><img src="c.jpg" alt="A crowd in front of the stadium gates">'
        '</div></article></body></html>')
    assert alt_text_keys(root) == {norm_key(caption)}


@pytest.mark.parametrize(
    "line",
    [
        "MORE : The daily cartoon by our illustrator",
        "READ NEXT: Cape Town heads into a weekend of shifting skies",
        "DON'T MISS",
        "Get the latest news from example.com.au in your inbox.",
        "Got a story? Get in touch with our news team by emailing us at news@example.com.",
        "You must confirm your public display name before commenting",
        "This is a breaking new story - more to follow",
    ],
)
def test_teaser_labels_tip_lines_and_comment_notices_are_noise(line: str):
    assert is_noise(line, [])


@pytest.mark.parametrize(
    "line",
    [
        "More than 100 people died in the floods, the ministry said.",
        "Read next week's edition for the second part of the interview.",
        "Don't miss the chance, the minister told the farmers.",
        "Scammers send fake invoices that land in your inbox every week.",
        "Phishing mails get into your inbox through lookalike domains.",
        "He waited for the verdict before commenting on the case.",
    ],
)
def test_article_lines_near_teaser_labels_are_kept(line: str):
    assert not is_noise(line, [])


def test_a_gallery_of_thousands_of_pictures_in_one_big_box_is_measured_once():
    """Each picture's container is measured once per page, not once per picture: 20,000
    pictures in a box of 300,000 characters took seconds (quadratic) before."""
    import time

    from archiver.extract.body import alt_text_keys

    pictures = "".join(f'<img src="/i{i}.jpg" alt="picture number {i} of the gallery">'
                       for i in range(20_000))
    root = _root(f"<html><body><h1>T</h1><div>{'<span>text here and there</span>' * 10_000}"
                 f"{pictures}</div></body></html>")
    started = time.perf_counter()
    assert alt_text_keys(root) == set()
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    ("line", "authors", "noise"),
    [
        ("The Example Times / Reuters", ["Reuters"], True),
        ("Example/dpa/AFP", ["dpa", "AFP"], True),
        ("The Example Times / Reuters", [], False),
        ("Paris / Berlin", ["Reuters"], False),
        ("Reuters / Example Times", ["Reuters"], False),
    ],
)
def test_a_closing_line_crediting_the_authors_as_source_is_no_text(
        line: str, authors: list[str], noise: bool) -> None:
    assert is_noise(line, authors) is noise
