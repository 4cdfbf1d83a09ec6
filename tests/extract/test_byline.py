"""Author names from byline strings and JSON-LD shapes."""

from __future__ import annotations

import pytest

from archiver.extract.byline import authors, split_names
from archiver.extract.document import parse
from archiver.extract.page import Page


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe & Max Muster", ["Jane Doe", "John Roe", "Max Muster"]),
        ("Von Erika Mustermann und Max Muster", ["Erika Mustermann", "Max Muster"]),
        ("By Lance Ulanoff, Senior Editor", ["Lance Ulanoff"]),
        ("Sead Fadilpašić published 14 November 2019", ["Sead Fadilpašić"]),
        ("Yasmine Hassan · CBC News · Posted: Aug 08, 2024", ["Yasmine Hassan"]),
        ("By Łukasz Wróblewski, Hardware Editor", ["Łukasz Wróblewski"]),
        ("Harald Bauer Autor", ["Harald Bauer"]),
        ("Vom Krimiblogger", ["Krimiblogger"]),
        ("Jens Bergmann Foto: Michael Hudler", ["Jens Bergmann"]),
        ("Autor: Peter Maahn", ["Peter Maahn"]),
        ("Staff Writer", []),
        ("", []),
    ],
)
def test_split_names(text: str, names: list[str]):
    assert split_names(text) == names


def page(ld: str, body: str = "") -> Page:
    html = (f"<html><head><script type='application/ld+json'>{ld}</script></head>"
            f"<body><article><h1>T</h1>{body}<p>text</p></article></body></html>")
    root = parse(html)
    assert root is not None
    return Page("https://example.com/a", root)


@pytest.mark.parametrize(
    "ld",
    [
        '{"@type":"NewsArticle","headline":"T","author":"Jane Doe"}',
        '{"@type":"NewsArticle","headline":"T","author":{"@type":"Person","name":"Jane Doe"}}',
        '{"@type":"NewsArticle","headline":"T","author":[{"@type":"Person","name":"Jane Doe"}]}',
        '{"@graph":[{"@type":"Person","@id":"#p","name":"Jane Doe"},'
        '{"@type":"Article","headline":"T","author":{"@id":"#p"}}]}',
        '[{"@type":"BlogPosting","headline":"T","author":{"@type":"Person",'
        '"givenName":"Jane","familyName":"Doe"}}]',
    ],
)
def test_jsonld_author_shapes(ld: str):
    assert authors(page(ld))[0] == ["Jane Doe"]


def test_person_beats_organisation_and_visible_byline_is_kept_raw():
    ld = ('{"@type":"NewsArticle","headline":"T","author":[{"@type":"Organization",'
          '"name":"Example News"},{"@type":"Person","name":"Jane Doe"}]}')
    names, raw = authors(page(ld, '<p class="byline">By Jane Doe</p>'))
    assert names == ["Jane Doe"]
    assert raw == "By Jane Doe"


def test_comment_authors_are_ignored():
    body = ('<div class="comments"><span class="comment-author">Troll123</span></div>'
            '<div class="byline">By Jane Doe</div>')
    assert authors(page('{"@type":"WebSite"}', body))[0] == ["Jane Doe"]


def test_jsonld_desk_names_are_kept_whole():
    ld = ('{"@type":"NewsArticle","headline":"T","author":[{"@type":"Person",'
          '"name":"BR24 Redaktion"}]}')
    assert authors(page(ld))[0] == ["BR24 Redaktion"]


def test_label_alone_takes_the_following_text():
    body = '<div><h5 class="title-inline">Autor: </h5>Peter Maahn/SP-X</div>'
    assert authors(page('{"@type":"WebSite"}', body))[0] == ["Peter Maahn"]


def test_sources_are_not_authors():
    body = '<div class="article-author">Quelle: sid/dpa</div>'
    ld = ('{"@type":"NewsArticle","headline":"T","author":{"@type":"Organization",'
          '"name":"sportschau.de"}}')
    assert authors(page(ld, body))[0] == ["sportschau.de"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Posted by Nathan Parker, Varun Khaneja and Kiran C Nair - Chrome Security team",
         ["Nathan Parker", "Varun Khaneja", "Kiran C Nair"]),
        ("Posted on September 21, 2020 by Adi Tzlil", ["Adi Tzlil"]),
        ("Dezember 10, 2019 · von Jane Doe · in Uncategorized · 2 Kommentare", ["Jane Doe"]),
        ("Elizabeth Gibney Search for this author in: PubMed Google Scholar",
         ["Elizabeth Gibney"]),
        ("von anderen Anbietern:", []),
        ("Von Mob mit Macheten ermordet:", []),
        ("Ana de la Cruz", ["Ana de la Cruz"]),
        ("Von Tomas Spahn Fr, 18. Oktober 2019", ["Tomas Spahn"]),
        ("Jane Doe Thu, October 1, 2020", ["Jane Doe"]),
        ("この記事を書いた人 渡辺洋介 東京社会部 専門", []),
    ],
)
def test_split_names_bylines_with_dates_and_debris(text: str, names: list[str]):
    assert split_names(text) == names


def html_page(body: str, url: str = "https://example.com/a", head: str = "") -> Page:
    root = parse(f"<html><head>{head}</head><body>{body}</body></html>")
    assert root is not None
    return Page(url, root)


def test_people_marked_one_by_one_in_a_byline_box():
    body = ('<div class="bylines"><div class="byline" itemscope '
            'itemtype="http://schema.org/Person"><a rel="author"><span>Ingrid</span> '
            '<span>Treborg</span></a></div><div class="byline" itemscope '
            'itemtype="http://schema.org/Person"><a rel="author">Marlene Lundberg Holm</a>'
            "</div></div><p>text</p>")
    ld = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"T",'
          '"author":{"@type":"Person","name":"Marlene Lundberg Holm"}}</script>')
    assert authors(html_page(body, head=ld))[0] == ["Ingrid Treborg", "Marlene Lundberg Holm"]


def test_topic_classes_around_a_byline_do_not_hide_it():
    body = ('<article class="post category-datenschutz tag-twitter"><header>'
            '<span class="byline">von <span class="author vcard"><a class="url fn n">LD</a>'
            "</span></span></header><p>text</p></article>")
    assert authors(html_page(body))[0] == ["LD"]


def test_signature_closing_the_article():
    long = "Ein langer Absatz über das Spiel, der weit mehr als hundertzwanzig Zeichen hat. " * 2
    body = (f"<article><h1>T</h1><p>{long}</p><p>{long}</p><p>{long}</p>"
            "<p><b><i>Stefan Wasmer</i></b></p></article>")
    assert authors(html_page(body))[0] == ["Stefan Wasmer"]


@pytest.mark.parametrize(
    ("box", "names"),
    [
        ('<div class="author-bio footer"><h3>Martin Junker</h3><p>Berater seit 25 Jahren.</p>'
         "</div>", ["Martin Junker"]),
        ('<section class="bmg-author-box"><h4>Über Kathrin</h4><p>Ich backe gern.</p>'
         "</section>", ["Kathrin"]),
    ],
)
def test_about_the_author_box_when_nothing_else_names_one(box: str, names: list[str]):
    assert authors(html_page(f"<article><h1>T</h1><p>text</p></article>{box}"))[0] == names


def test_byline_naming_the_publication_names_no_author():
    """The site's name is never an author (issue 3); the byline text is kept as shown."""
    body = '<ul><li class="post-author">uncut-news.ch</li></ul><p>text</p>'
    head = '<meta property="og:site_name" content="uncut-news.ch">'
    names, byline = authors(html_page(body, "https://uncutnews.ch/a", head))
    assert names == []
    assert byline == "uncut-news.ch"


def test_publication_declared_as_author_in_jsonld_is_no_author():
    ld = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"T",'
          '"author":{"@type":"Organization","name":"Euronews"}}</script>'
          '<meta property="og:site_name" content="Euronews">')
    assert authors(html_page("<p>text</p>", "https://www.euronews.com/a", ld))[0] == []


def test_agency_declared_as_author_in_jsonld_stays():
    ld = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"T",'
          '"author":{"@type":"Organization","name":"dpa"}}</script>'
          '<meta property="og:site_name" content="Zeitung">')
    assert authors(html_page("<p>text</p>", "https://zeitung.example/a", ld))[0] == ["dpa"]


def test_subdomain_label_is_not_the_publication():
    body = '<div class="author">par Janedoe Martin</div><p>text</p>'
    assert authors(html_page(body, "https://janedoe.wordpress.com/a"))[0] == [
        "Janedoe Martin"]


def test_dateline_agency():
    body = ("<article><h1>T</h1><p>Hamburg (dpa/lno) – Trotz eines Gespräches blieb es "
            "dabei.</p></article>")
    assert authors(html_page(body))[0] == ["dpa/lno"]


def test_copyright_holder_is_no_author():
    body = ("<article><h1>T</h1><p>text</p><figure><img src='a.jpg'><figcaption>© dpa"
            "</figcaption></figure></article>"
            "<div id='footer'><p>Copyright (c) 2012- Example Media GmbH. All rights "
            "reserved.</p></div>")
    assert authors(html_page(body))[0] == []


def test_recipe_author_when_the_page_has_no_article_item():
    ld = ('<script type="application/ld+json">{"@type":"Recipe","name":"Kuchen",'
          '"author":{"@type":"Person","name":"Kathrin Runge"}}</script>')
    assert authors(html_page("<p>text</p>", head=ld))[0] == ["Kathrin Runge"]


def test_one_word_section_links_are_not_author_pages():
    body = ('<a href="/themen/people/portraits">Portraits</a>'
            '<a href="/author/jane">Jane</a><p>text</p>')
    assert authors(html_page(body))[0] == ["Jane"]


def test_headline_starting_with_von_is_not_a_byline():
    body = "<h2>Von Sprachregeln, Gender-Politik und Deutsch</h2><p>text</p>"
    assert authors(html_page(body))[0] == []


def test_dated_line_under_the_headline():
    body = ('<div><h1>Variablen und ihr Zuhause</h1><p class="text-muted">11.12.2019 - '
            "Amelie Loevenich</p></div><p>text</p>")
    assert authors(html_page(body))[0] == ["Amelie Loevenich"]


def test_multiword_label_alone_takes_the_following_name():
    body = '<div class="meta">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022</div>'
    assert authors(html_page(body + "<p>text</p>"))[0] == ["Pamela Sladky"]


def test_signature_does_not_override_a_named_agency():
    long = "A long paragraph of reporting that runs well past one hundred and twenty chars. " * 2
    ld = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"T",'
          '"author":{"@type":"Organization","name":"Reuters"}}</script>')
    body = (f"<article><h1>T</h1><p>{long}</p><p>{long}</p><p>{long}</p>"
            "<p><strong>Further Reading</strong></p></article>")
    assert authors(html_page(body, head=ld))[0] == ["Reuters"]


def test_headline_container_is_never_an_excluded_box():
    body = ('<main><div class="module module-imageTeaser topArticle"><h1>T</h1>'
            '<div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022'
            "</div></div><p>text</p></main>")
    assert authors(html_page(body))[0] == ["Pamela Sladky"]


@pytest.mark.parametrize(
    ("body", "names"),
    [
        pytest.param(
            "<main><h1>Charging stations pass eleven thousand</h1>"
            "<h4>A long standfirst sentence that sums up what the article is about.</h4>"
            '<div class="row"><span>Jane Doe  |</span><span class="tarih">05.04.2025 - '
            "Güncelleme : 05.04.2025</span></div><p>text</p></main>",
            ["Jane Doe"], id="name_before_the_date_on_the_line_under_the_headline"),
        pytest.param(
            '<h2>Podcasts einbinden</h2><p class="date">Erstellt von <a href="/author/fabian/">'
            "Fabian</a> am Dienstag 6. Mai 2014</p><p>text</p>",
            ["Fabian"], id="erstellt_von_label_with_weekday_and_date_tail"),
        pytest.param(
            "<h1>Sprache und Glaube</h1><div class='articleAuthorDateBlock'>"
            "<span class='articleAuthorDateBlockLabel'>Datum:</span> 19.11.2021 <br>"
            "<span class='articleAuthorDateBlockLabel'>Autor:</span> Jane Doe<br>"
            "<span class='articleAuthorDateBlockLabel'>Quelle:</span> Example<br></div>"
            "<p>text</p>",
            ["Jane Doe"], id="author_label_inside_an_author_date_block"),
    ],
)
def test_byline_next_to_a_date(body: str, names: list[str]) -> None:
    assert authors(html_page(body))[0] == names


def test_site_name_from_a_fallback_source_is_no_author() -> None:
    """The fallbacks (here the dated line under the headline) are filtered like the other
    sources: the site's own name is never an author."""
    body = "".join(f"<p>Paragraph {i} of a story with a few more words.</p>" for i in range(3))
    html = ("<html><head><meta property='og:site_name' content='Tech Ledger'></head><body>"
            "<article><h1>A headline here</h1><div>Tech Ledger | 05.04.2025</div>"
            f"{body}</article></body></html>")
    root = parse(html)
    assert root is not None
    assert authors(Page("https://techledger.example/a", root))[0] == []


def test_site_keys_use_the_registered_domain_of_multi_label_suffixes() -> None:
    """On news.bbc.co.uk the publication is "bbc", not "co": a byline naming the
    publication is no author, and a name containing "Co" still is."""
    from archiver.extract.byline import site_keys

    root = parse("<html><body><p>x</p></body></html>")
    assert root is not None
    keys = site_keys(Page("https://news.bbc.co.uk/a", root))
    assert "bbc" in keys
    assert "co" not in keys


# --- issue 3, fourth pass -------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "names"),
    [
        ('<meta name="articleAuthor" content="Anadolu Ajansı">', ["Anadolu Ajansı"]),
        ('<meta property="article:author_name" content="Jane Doe">', ["Jane Doe"]),
        ('<meta property="og:article:author" content="Jane Doe">', ["Jane Doe"]),
        ('<meta name="smartbanner:author" content="Example Media GmbH">', []),
        ('<meta name="content-creator" content="tiger">', []),
    ],
)
def test_author_meta_names_beyond_the_usual_ones(meta: str, names: list[str]) -> None:
    """Any ``…author``/``…author_name`` meta names the author; an app banner's or a CMS
    account's "creator" does not."""
    assert authors(html_page("<p>text</p>", head=meta))[0] == names


@pytest.mark.parametrize(
    "head",
    ['<meta name="author" content="Nachrichten">',
     '<script type="application/ld+json">{"@type":"NewsArticle","headline":"T",'
     '"author":{"@type":"Person","name":"Agencies"}}</script>'],
)
def test_a_section_or_generic_agencies_credit_is_no_author(head: str) -> None:
    """"Nachrichten" (a news section used as a CMS account) and "Agencies" (no agency in
    particular) name nobody."""
    assert authors(html_page("<p>text</p>", head=head))[0] == []


_LOGIN_LD = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"T",'
             '"author":{"@type":"Person","name":"%s"}}</script>')


@pytest.mark.parametrize(
    ("head", "body", "names"),
    [
        # a CMS login declared as author gives way to the full name the page shows for it
        pytest.param(_LOGIN_LD % "christian.stadtfeld",
                     "<article><h1>T</h1><p>Ein Absatz.</p><p><strong>Fazit.</strong> "
                     "(Christian P. Stadtfeld) +++</p></article>",
                     ["Christian P. Stadtfeld"], id="jsonld_login_replaced_by_the_name_shown"),
        pytest.param('<meta name="author" content="jane.doe">',
                     "<article><h1>T</h1><p>text</p><p>Fragen? Schreiben Sie Jane Doe über das "
                     "Kontaktformular.</p></article>",
                     ["Jane Doe"], id="meta_login_replaced_by_the_name_shown"),
        pytest.param(_LOGIN_LD % "jane.doe", "<article><h1>T</h1><p>text</p></article>",
                     ["jane.doe"], id="login_without_a_shown_name_is_kept"),
    ],
)
def test_login_name(head: str, body: str, names: list[str]) -> None:
    assert authors(html_page(body, head=head))[0] == names


@pytest.mark.parametrize(
    ("comment", "names"),
    [
        ('<li class="comment byuser comment-author-damianduchamps bypostauthor odd">'
         '<div class="comment-author vcard"><strong class="fn"><a href="/">damianduchamps</a>'
         "</strong></div><p>Danke!</p></li>", ["damianduchamps"]),
        ('<div class="comment byuser comment-author-hansehrlich bypostauthor even">'
         '<p class="comment-author">HansEhrlich</p><p>Gern.</p></div>', ["HansEhrlich"]),
        ('<li class="comment byuser comment-author-mb16 bypostauthor"><article class="comment-'
         'body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">'
         'Martina Berg</b> <span class="badge">Autor</span> <span class="says">sagt:</span>'
         '</div></footer><div class="comment-content"><p>Danke!</p></div></article></li>',
         ["Martina Berg"]),
        ('<li class="comment byuser comment-author-jdoe bypostauthor"><p>Thanks!</p></li>',
         ["jdoe"]),
        ('<li class="comment byuser comment-author-troll odd"><cite class="fn">Troll</cite>'
         "<p>First!</p></li>", []),
    ],
)
def test_post_author_answering_in_the_comments(comment: str, names: list[str]) -> None:
    """WordPress marks the comments of the post's own author ``bypostauthor``: when the post
    names no author, that commenter wrote it (other commenters never count)."""
    body = f'<article><h1>T</h1><p>text</p></article><ol class="commentlist">{comment}</ol>'
    assert authors(html_page(body, "https://damianduchamps.wordpress.com/a"))[0] == names


@pytest.mark.parametrize(
    "body",
    [
        '<div class="byline">By <a rel="author">Jane Doe</a> <time>May 1</time></div>',
        '<p class="author-name">Jane Doe<figure><figcaption>Photo</figcaption></figure></p>',
        '<div class="sidebar"><span class="author">Not Me</span></div>'
        '<span class="writer">Max Muster</span>',
        '<div id="comments"><span class="author">Troll</span></div>',
        "<author>John Roe</author>",
        '<h3 class="posted-by">Posted by Erika Mustermann</h3>',
    ],
)
def test_trafilatura_author_heuristics_without_copying_the_tree(body: str) -> None:
    """The one-pass reimplementation finds what trafilatura's ``extract_author`` finds."""
    from trafilatura.metadata import extract_author

    from archiver.extract.byline import trafilatura_author

    root = parse(f"<html><body><article>{body}<p>text</p></article></body></html>")
    assert root is not None
    assert trafilatura_author(root) == extract_author(root)


def test_byline_elements_match_class_and_id_words_in_any_case() -> None:
    """Class/id vocabulary is matched case-insensitively, bio/date boxes are not bylines, and
    a listed walk of the page finds the same elements as walking the tree."""
    from archiver.extract.byline import byline_elements

    body = ('<article><h1>T</h1><div class="ByLine">By Jane Doe</div>'
            '<span id="AUTHOR-Name">John Roe</span><div class="author-bio">Bio</div>'
            '<a rel="author" href="/x">Max Muster</a><p class="Byline-Date">May 1</p>'
            '<p>text</p></article>')
    page = html_page(body)
    found = byline_elements(page)
    assert [el.text for el in found] == ["By Jane Doe", "John Roe", "Max Muster"]
    assert byline_elements(page, list(page.root.iter())) == found


def test_bio_box_and_post_author_comment_markers() -> None:
    """An "about the author" box is found by its class in any case but by its id only in
    lower case; a comment counts as the post author's only with the ``bypostauthor`` class."""
    from archiver.extract.byline import from_bio, from_post_author_comment

    box = '<div class="Author-Box"><h4>Jane Doe</h4></div>'
    assert from_bio(html_page(f"<article><h1>T</h1>{box}</article>")) == ["Jane Doe"]
    not_box = '<div id="AUTHOR-BOX"><h4>Jane Doe</h4></div>'
    assert from_bio(html_page(f"<article><h1>T</h1>{not_box}</article>")) == []
    comment = ('<li class="comment bypostauthorx"><span class="fn">Erika Muster</span>'
               '<p>Thanks</p></li>')
    assert from_post_author_comment(html_page(f'<ol>{comment}</ol>')) == []


def _article(paragraphs: int = 3) -> str:
    long = "This paragraph is long enough to count as running text of the article. " * 3
    return "".join(f"<p>{long}</p>" for _ in range(paragraphs))


@pytest.mark.parametrize(
    ("ld", "closing", "names"),
    [
        pytest.param("", "<p><span style='font-size:x-small'>ssi, dan; Foto [M]: Agency"
                     "; Erstveröffentlichung: 4.4.18</span></p>", ["ssi", "dan"],
                     id="initials_before_a_photo_credit"),
        pytest.param("", "<p><em>AB-Redaktion</em></p><p>Did you like this article? "
                     "Please support us with a donation or become a member.</p>",
                     ["AB-Redaktion"], id="desk_signature_before_an_appeal"),
        pytest.param('{"@type":"BlogPosting","author":{"@type":"Person","name":"Example"}}',
                     "<p><small>ssi, dan</small></p>", ["ssi", "dan"],
                     id="signature_beats_a_blog_account_named_after_the_site"),
    ],
)
def test_signature_line_closing_the_text(ld: str, closing: str, names: list[str]) -> None:
    head = (f"<script type='application/ld+json'>{ld}</script>" if ld else "")
    html = (f"<html><head>{head}<meta property='og:site_name' content='Example'></head>"
            f"<body><h1>Headline</h1><div class='entry'>{_article()}{closing}"
            "</div></body></html>")
    root = parse(html)
    assert root is not None
    assert authors(Page("https://example.com/2024/a", root))[0] == names


@pytest.mark.parametrize(
    "closing",
    ["<p>Read More</p>", "<p>Landtag NRW, Statements of the Example hearing</p>",
     "<h3>More on this topic</h3>", "<p>top</p>", "<p>Example</p>",
     "<p>Example / Photo: Jane Doe, 2024</p>", "<p>Other Paper / Última Hora</p>",
     "<p>Example / <a href='/x'>Última Hora</a></p>"],
)
def test_closing_lines_that_are_no_signature(closing: str) -> None:
    html = ("<html><head><meta property='og:site_name' content='Example'></head>"
            f"<body><h1>Headline</h1><div>{_article()}{closing}</div></body></html>")
    root = parse(html)
    assert root is not None
    assert authors(Page("https://example.com/2024/a", root))[0] == []


@pytest.mark.parametrize(
    ("closing", "names"),
    [
        ("<p>Example / Última Hora</p>", ["Última Hora"]),
        ("<p>Example/dpa/AFP</p><p>&nbsp;</p>", ["dpa", "AFP"]),
        ("<p>(Example / Reuters)</p>", ["Reuters"]),
    ],
)
def test_closing_line_crediting_a_source_after_the_site(closing: str, names: list[str]) -> None:
    """The source of a story the site took over is named like a dateline's agency."""
    html = ("<html><head><meta property='og:site_name' content='Example'></head>"
            f"<body><h1>Headline</h1><div>{_article()}{closing}</div></body></html>")
    root = parse(html)
    assert root is not None
    assert authors(Page("https://example.com/2024/a", root))[0] == names


def test_two_character_cjk_name_is_no_role() -> None:
    ld = ('{"@type":"NewsArticle","author":{"@type":"Person","name":"新間"}}')
    assert authors(page(ld))[0] == ["新間"]
    assert split_names("王伟, 李明") == ["王伟", "李明"]
    assert split_names("記者") == []


@pytest.mark.parametrize(
    ("url", "head", "body", "names"),
    [
        pytest.param("https://janedoerfler.com/blog/2020/post",
                     "<title>Jane Doerfler's Digital Home | A post</title>", "",
                     ["Jane Doerfler"], id="possessive-title-of-a-personal-site"),
        pytest.param("https://maxmustermann.wordpress.com/2019/11/14/post/",
                     "<meta name='application-name' content='Sprachpunkt'>",
                     "<div id='logo'><span class='site-title'>Sprachpunkt</span>"
                     "<span class='site-description'>Max Mustermann</span></div>",
                     ["Max Mustermann"], id="tagline-of-a-blog-with-a-name-of-its-own"),
        pytest.param("https://www.albawaba.com/news/a", "<title>Al Bawaba's news</title>"
                     "<meta property='og:site_name' content='Al Bawaba'>", "", [],
                     id="the-site-name-is-a-brand"),
        pytest.param("https://www.vinosytapas.de/rioja",
                     "<title>Vinos Y Tapas | Rioja</title>", "", [],
                     id="a-title-naming-the-site-without-possessive"),
        pytest.param("https://hildesheimer-presse.de/hund", "",
                     "<footer><p>© 2021 Hildesheimer Presse</p></footer>", [],
                     id="a-copyright-holder-is-no-owner"),
        pytest.param("https://evaho.de/a", "<title>Eva Ho's page</title>", "", [],
                     id="a-short-host-label-is-a-brand"),
    ],
)
def test_the_owner_of_a_personal_site_named_after_them(url: str, head: str, body: str,
                                                      names: list[str]) -> None:
    """A personal site named after its owner: the owner is the author when nothing else
    names one."""
    text = "This paragraph is long enough to count as running text of the article. " * 3
    root = parse(f"<html><head>{head}</head><body><h1>A post</h1>{body}<article>"
                 f"<p>{text}</p></article></body></html>")
    assert root is not None
    assert authors(Page(url, root))[0] == names
