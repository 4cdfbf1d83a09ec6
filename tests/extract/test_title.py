"""Headline selection."""

from __future__ import annotations

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
