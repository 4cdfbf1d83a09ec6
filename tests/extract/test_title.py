"""Headline selection."""

from __future__ import annotations

import pytest

from archiver.extract.document import parse
from archiver.extract.page import Page
from archiver.extract.title import strip_site, title


def build(head: str, body: str) -> Page:
    root = parse(f"<html><head>{head}</head><body>{body}</body></html>")
    assert root is not None
    return Page("https://www.example.com/a", root)


def test_h1_wins_over_title_with_site_suffix():
    page = build("<title>Big news today | Example</title>",
                 '<a class="logo"><h1>Example</h1></a><article><h1>Big news today</h1></article>')
    assert title(page) == "Big news today"


def test_kicker_joined_like_the_jsonld_headline():
    page = build(
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"headline":"Flood inquiry: Two resignations"}</script>',
        '<h1><span class="kicker">Flood inquiry</span> <span>Two resignations</span></h1>')
    assert title(page) == "Flood inquiry: Two resignations"


def test_no_h1_falls_back_to_og_title_without_site():
    page = build('<meta property="og:site_name" content="Example">'
                 '<meta property="og:title" content="A headline - Example">', "<p>x</p>")
    assert title(page) == "A headline"


def test_strip_site():
    assert strip_site("Story | Example News", {"example news"}) == "Story"
    assert strip_site("Story: part two", {"example"}) == "Story: part two"


def ld(headline: str) -> str:
    return ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"'
            + headline + '"}</script>')


def test_breadcrumb_h1_gives_way_to_the_visible_heading():
    page = build('<meta property="og:title" content="Six charts on the debt">'
                 + ld("How big is the debt?"),
                 '<div class="breadcrumbs"><h1>How big is the debt?</h1></div>'
                 '<header class="article-header"><h2>Six charts on the debt</h2></header>')
    assert title(page) == "Six charts on the debt"


def test_breadcrumb_h1_is_used_when_no_other_heading_shows_the_headline():
    page = build('<meta property="og:title" content="So lief die Auktion">' + ld(
        "Town - So lief die Auktion"),
        '<div class="teaser-breadcrumb"><h1><span>So lief die Auktion</span></h1></div>')
    assert title(page) == "So lief die Auktion"


def test_logo_h1_linking_home_is_not_the_headline():
    page = build("<title>Das Musikvideo der Welt : Krimiblog-Archiv</title>",
                 '<h1><a href="https://www.example.com/">Krimiblog-Archiv</a></h1>'
                 "<h2>Das Musikvideo der Welt</h2><p>text</p>")
    assert title(page) == "Das Musikvideo der Welt"


def test_site_branding_h1_loses_to_the_entry_h1():
    page = build("<title>Was ist der Unterschied? – Ansichten</title>",
                 '<header class="site-header"><div class="site-branding"><h1>Ansichten</h1>'
                 '</div></header><article><h1 class="entry-title">Was ist der Unterschied?'
                 "</h1></article>")
    assert title(page) == "Was ist der Unterschied?"


def test_layout_classes_on_body_do_not_hide_the_h1():
    root = parse('<html><body class="single no-sidebar wp-custom-logo cookies-set">'
                 '<div class="content-sidebar-wrap"><article><h1>Lockdown: Gottesdienste'
                 "</h1></article></div></body></html>")
    assert root is not None
    assert title(Page("https://example.com/a", root)) == "Lockdown: Gottesdienste"


def test_leading_kicker_element_followed_by_text():
    page = build('<meta property="og:title" content="Große Aufgaben für die Regierung">',
                 "<h1><small>Tunesien</small><br> Große Aufgaben für die Regierung</h1>")
    assert title(page) == "Große Aufgaben für die Regierung"


def test_kicker_without_metadata_is_dropped():
    page = build("<title>Klimavorreiter Oberland? - Stimme</title>",
                 '<article><h1><span class="sub-heading">Energiewende Oberland:</span> '
                 "Klimavorreiter Oberland?</h1></article>")
    assert title(page) == "Klimavorreiter Oberland?"


def test_screen_reader_label_is_not_part_of_the_headline():
    page = build('<meta property="og:title" content="Energiewende und Wandel">',
                 '<h1><div><span class="visuallyhidden">Headline:</span> Energiewende und '
                 "Wandel</div></h1>")
    assert title(page) == "Energiewende und Wandel"


def test_hidden_separator_between_kicker_and_headline():
    page = build(ld("Stuttgart hat's drauf: Stadt der Superlative"),
                 '<h1><div><span class="overline">Stuttgart hat\'s drauf</span></div>'
                 '<span class="visually-hidden">: </span><span>Stadt der Superlative</span></h1>')
    assert title(page) == "Stuttgart hat's drauf: Stadt der Superlative"


def test_kicker_joined_with_the_metadata_separator():
    page = build('<meta property="og:title" content="Nationale Demo / Der 9. Juli naht">',
                 "<h1><span>Nationale Demo</span>Der 9. Juli naht</h1>")
    assert title(page) == "Nationale Demo / Der 9. Juli naht"


def test_h1_extending_a_shortened_metadata_title():
    page = build('<meta property="og:title" content="Ultium Cells erhöht Kapazität - News">'
                 '<meta property="og:site_name" content="News">'
                 + ld("Ultium Cells erhöht Kapazität"),
                 "<article><h1>Ultium Cells erhöht Kapazität in Tennessee</h1></article>")
    assert title(page) == "Ultium Cells erhöht Kapazität in Tennessee"


def test_lone_article_h1_beats_a_generic_title_tag():
    page = build("<title>Ausflugtipps Niederrhein und Ruhrgebiet</title>",
                 "<article><h1>Essen-Westviertel</h1><p>text</p></article>")
    assert title(page) == "Essen-Westviertel"


def test_separator_debris_is_stripped_from_a_title_fallback():
    page = build("<title>example.com // » Jens Weber</title>", "<p>x</p>")
    assert title(page) == "Jens Weber"


def test_jsonld_headline_still_wins_over_an_h1_matching_only_og_title():
    # Documented deviation: publishers keep the editorial headline in JSON-LD.
    page = build(ld("Five key policies announced in state opening")
                 + '<meta property="og:title" content="Five key policies">',
                 "<article><h1>Five key policies</h1></article>")
    assert title(page) == "Five key policies announced in state opening"


def test_longest_matching_reading_wins():
    page = build(ld("Rückbau - Kühltürme von AKW Gundremmingen gesprengt"),
                 '<article><h1><span class="article-kicker">Rückbau</span><span class='
                 '"article-headline">Kühltürme von AKW Gundremmingen gesprengt</span></h1>'
                 "</article>")
    assert title(page) == "Rückbau - Kühltürme von AKW Gundremmingen gesprengt"


def test_h1_linking_to_an_anchor_is_not_a_logo():
    page = build("<title>Site</title>", '<article><h1><a href="#top">Anchored headline</a></h1>'
                 "</article>")
    assert title(page) == "Anchored headline"


def test_page_flag_naming_breadcrumbs_on_body_is_not_a_breadcrumb_trail():
    root = parse('<html><head><meta property="og:title" content="Lemon cake | Bake Blog">'
                 '</head><body class="single breadcrumbs-visible"><article>'
                 '<h1 class="entry-title">Lemon cake: simply delicious!</h1></article>'
                 "</body></html>")
    assert root is not None
    assert title(Page("https://example.com/a", root)) == "Lemon cake: simply delicious!"


_TICKER_HEADINGS = ('<article><div class="teaser-breadcrumb"><h1>Ticker: settler shooting '
                    "reported</h1></div><h2>Ticker: settler shooting reported</h2></article>")
_TICKER_OG = '<meta property="og:title" content="Ticker: settler shooting reported">'


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        pytest.param(
            "<title>Example News</title>",
            '<article class="article widget rich"><div class="sidebar-wrapper">'
            '<h1 class="entry-title">Company car: leasing or financing?</h1></div></article>',
            "Company car: leasing or financing?",
            id="marked_headline_inside_a_widget_named_wrapper_is_usable"),
        pytest.param(
            '<meta property="og:title" content="The real story">',
            '<div class="sidebar-left"><h1>Most read</h1></div><p>text</p>',
            "The real story",
            id="unmarked_heading_in_a_sidebar_stays_out"),
        pytest.param(
            '<meta property="og:title" content="Heat pumps in old houses - when it pays'
            ' | Example">',
            "<main><article><h1>Is a heat pump right for an old house?</h1>"
            "<p>text</p></article></main>",
            "Is a heat pump right for an old house?",
            id="without_jsonld_the_article_h1_beats_a_rewritten_og_title"),
        pytest.param(
            '<meta property="og:title" content="Heat pumps in old houses">',
            "<div><h1>Energy guide</h1></div><article><p>text</p></article>",
            "Heat pumps in old houses",
            id="og_title_still_used_when_the_only_h1_is_outside_the_article"),
        pytest.param(
            ld("War in the region: live ticker from 26 August") + _TICKER_OG,
            _TICKER_HEADINGS,
            "War in the region: live ticker from 26 August",
            id="jsonld_headline_when_no_heading_shows_any_jsonld_title"),
        pytest.param(
            ld("War in the region: live ticker from...") + _TICKER_OG,
            _TICKER_HEADINGS,
            "Ticker: settler shooting reported",
            id="truncated_jsonld_headline_does_not_replace_a_shown_heading"),
        pytest.param(
            ld("July 9 nears: unions show unity")
            + '<meta property="og:title" content="National demo / July 9 nears: unions '
            'show unity"><meta name="twitter:title" content="National demo July 9 nears:'
            ' unions show unity - Example">'
            "<title>National demo July 9 nears: unions show unity - Example</title>",
            "<article><h1><span>National demo</span>July 9 nears: unions show unity</h1>"
            "</article>",
            "National demo / July 9 nears: unions show unity",
            id="unstyled_kicker_shown_in_the_h1_is_kept_when_og_title_has_it"),
        pytest.param(
            ld("Pyramid set with easy pace")
            + '<meta property="og:title" content="Workout of the week | Pyramid set '
            'with easy pace - Example">',
            "<article><h1><small>Workout of the week</small><br>Pyramid set with easy "
            "pace</h1></article>",
            "Pyramid set with easy pace",
            id="styled_kicker_follows_the_jsonld_headline"),
        pytest.param(
            ld("Dismantling - Cooling towers demolished")
            + '<meta property="og:title" content="Dismantling: Cooling towers demolished">'
            "<title>Dismantling: Cooling towers demolished - Politics</title>",
            '<article><h1><span class="kicker">Dismantling</span> <span>Cooling towers '
            "demolished</span></h1></article>",
            "Dismantling: Cooling towers demolished",
            id="kicker_punctuation_follows_most_metadata_titles"),
        pytest.param(
            ld("«The Castrator»: Man sentenced to life")
            + '<meta property="og:title" content="Man sentenced to life">',
            '<article><header><div class="kicker">«The Castrator»:</div>'
            "<h1>Man sentenced to life</h1></header></article>",
            "Man sentenced to life",
            id="og_title_confirms_the_h1_without_the_jsonld_kicker"),
        pytest.param(
            ld("Kenya: Nairobi from below")
            + '<meta property="og:title" content="Kenya: Nairobi from below">',
            '<article><header><div class="kicker">Kenya</div>'
            "<h1>Nairobi from below</h1></header></article>",
            "Kenya: Nairobi from below",
            id="jsonld_kicker_kept_when_og_title_has_it_too"),
        pytest.param(
            '<meta property="og:title" content="Corsets - shops, designers, online">',
            "<div><h1>Corsets – Germany</h1><h1>Corsets – worldwide</h1>"
            "<h2>Corsets – shops, designers, online</h2></div>",
            "Corsets – shops, designers, online",
            id="lower_heading_gives_the_shown_spelling_when_no_h1_is_the_headline"),
        pytest.param(
            "<title>Enchufla figures - Salsa figures - Rueda club</title>",
            '<div id="header"><h1><a href="/"><span>Salsa figures - Rueda club</span>'
            "</a></h1></div><p>text</p>",
            "Enchufla figures",
            id="title_parts_shown_in_the_logo_heading_are_the_site_name"),
    ],
)
def test_headline_choice(head: str, body: str, expected: str):
    assert title(build(head, body)) == expected


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        pytest.param(
            "<title>Fire brigade Oldenburg - Training</title>",
            "<div><h2>Boat service Training</h2><p>text</p></div>",
            "Boat service Training",
            id="h2_ending_with_the_last_title_part"),
        pytest.param(
            "<title>Outsourcing sales - different from others or good to know</title>",
            "<div><h2>Our services</h2><h2>Good to know</h2><p>text</p></div>",
            "Good to know",
            id="title_ending_with_the_h2"),
        pytest.param(
            "<title>Example Club - Eintracht sets the course for the future - Press - News"
            "</title>",
            "<div><p>text</p></div>",
            "Eintracht sets the course for the future",
            id="section_parts_after_the_headline_dropped"),
        pytest.param(
            "<title>The ten most common mistakes - Part 2</title>",
            "<div><p>text</p></div>",
            "The ten most common mistakes - Part 2",
            id="numbered_part_kept"),
    ],
)
def test_headline_without_h1(head: str, body: str, expected: str) -> None:
    page = Page("https://www.example-club.de/a", parse(
        f"<html><head><meta property='og:site_name' content='Example Club'>{head}</head>"
        f"<body>{body}</body></html>"))
    assert title(page) == expected
