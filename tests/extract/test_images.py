"""Image credits and captions."""

from __future__ import annotations

import pytest

from archiver.extract.document import parse
from archiver.extract.images import figures, holders, images, split_caption, strip_labels
from archiver.extract.page import Page


@pytest.mark.parametrize(
    ("raw", "credit"),
    [
        ("(Image credit: Shutterstock/Toria)", "Shutterstock/Toria"),
        ("Image credit: Image source: Shutterstock/Toria", "Shutterstock/Toria"),
        ("(Image credit: Image source: Shutterstock/Toria)", "Shutterstock/Toria"),
        ("© Erika Beispiel", "Erika Beispiel"),
        ("Foto: Max Muster / dpa", "Max Muster / dpa"),
        ("Bild: SN/APA", "SN/APA"),
        ("Photo: AFP", "AFP"),
    ],
)
def test_strip_labels(raw: str, credit: str):
    assert strip_labels(raw) == credit


def test_holders_split_on_pipes_and_drop_rights_boilerplate():
    assert holders("© DPA Images | Christoph Soeder") == ["DPA Images", "Christoph Soeder"]
    assert holders("Frank Franklin II/Copyright 2026 The AP. All rights reserved") == [
        "Frank Franklin II"]
    assert holders("Copyright") == []
    assert holders("2:43 min") == []


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Blick in den Serverraum. Foto: Max Muster / dpa", "Blick in den Serverraum.",
         "Max Muster / dpa"),
        ("The site at night (Photo: City of Cologne)", "The site at night", "City of Cologne"),
        ("Leaders meet in Brussels. | Niall Carson/PA Images", "Leaders meet in Brussels.",
         "Niall Carson/PA Images"),
        ("Just a caption without credit.", "Just a caption without credit.", None),
    ],
)
def test_split_caption(text: str, caption: str | None, credit: str | None):
    assert split_caption(text) == (caption, credit)


def build(body: str, head: str = "") -> Page:
    html = f"<html><head>{head}</head><body><article><h1>T</h1>{body}</article></body></html>"
    root = parse(html)
    assert root is not None
    return Page("https://example.com/a", root)


def test_one_entry_per_credit_holder_and_related_boxes_skipped():
    page = build(
        '<figure><img src="/a.jpg"><figcaption>Cap <span class="credit">A / X | B</span>'
        '</figcaption></figure>'
        '<aside class="related"><figure><img src="/b.jpg"><figcaption>'
        '<span class="credit">Other</span></figcaption></figure></aside>'
    )
    found = images(page, figures(page))
    assert [(i.url, i.credit) for i in found] == [
        ("https://example.com/a.jpg", "A / X"), ("https://example.com/a.jpg", "B")]
    assert found[0].caption == "Cap"


def test_credit_only_in_jsonld():
    head = ('<meta property="og:image" content="https://cdn.example.com/lead.jpg">'
            '<script type="application/ld+json">{"@type":"NewsArticle","headline":"T",'
            '"image":{"@type":"ImageObject","url":"https://cdn.example.com/lead.jpg",'
            '"creditText":"Reuters"}}</script>')
    page = build("<p>text</p>", head)
    found = images(page, figures(page))
    assert len(found) == 1
    assert found[0].lead
    assert found[0].credit == "Reuters"


def test_holders_split_on_commas_but_not_inside_parentheses():
    assert holders("Renata Matějková, Seznam Zprávy") == ["Renata Matějková", "Seznam Zprávy"]
    assert holders("Midjourney (“a, b”)") == ["Midjourney (“a, b”)"]


def test_caption_sentence_in_a_credit_box_is_not_a_credit():
    text = "(Symbolbild) Wenn Bus und Bahn stillstehen, wird der Arbeitsweg für viele schwer."
    assert holders(text) == []


def test_japanese_equals_credit():
    assert split_caption("発言をテレビで見る国民（ソウルで、３日）＝ＡＰ") == (
        "発言をテレビで見る国民（ソウルで、３日）", "ＡＰ")


def test_label_in_its_own_element():
    page = build('<figure><img src="/s.png"><figcaption><strong>Image Credits:</strong> Strava'
                 '</figcaption></figure>')
    assert [i.credit for i in images(page, figures(page))] == ["Strava"]


def test_author_portraits_are_not_article_images():
    page = build('<div class="article-author"><figure class="author-photo"><img src="/me.jpg">'
                 '<figcaption><span class="credit">Jane Doe</span></figcaption></figure></div>'
                 '<p>text</p>')
    assert images(page, figures(page)) == []


def test_credited_jsonld_image_list():
    head = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"T",'
            '"image":[{"@type":"ImageObject","url":"https://cdn.example.com/a.jpg",'
            '"author":"AFP/Paul Ellis"},{"@type":"ImageObject",'
            '"url":"https://cdn.example.com/b.jpg","author":"AP/Dave Thompson"}]}</script>')
    page = build("<p>text</p>", head)
    credits = {i.credit for i in images(page, figures(page))}
    assert credits == {"AFP/Paul Ellis", "AP/Dave Thompson"}


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Cooling towers at a data centre — Google", "Cooling towers at a data centre",
         "Google"),
        ("The minister arrives – Reuters/Jane Doe", "The minister arrives", "Reuters/Jane Doe"),
        ("Paris — the city of light", "Paris — the city of light", None),
    ],
)
def test_credit_after_a_dash(text: str, caption: str, credit: str | None):
    assert split_caption(text) == (caption, credit)


def test_cards_of_other_stories_are_skipped():
    page = build(
        '<figure><img src="/own.jpg"><figcaption>Own <span class="credit">Jane Roe</span>'
        '</figcaption></figure>'
        '<div class="plug"><a href="/news/other-story"><figure><img src="/other.jpg">'
        '<figcaption>Other story <span class="credit">NTB</span></figcaption></figure></a></div>'
    )
    assert [i.credit for i in images(page, figures(page))] == ["Jane Roe"]


def test_links_to_image_files_and_shops_keep_the_picture():
    page = build(
        '<a href="/full/own.jpg"><figure><img src="/own.jpg"><figcaption>'
        '<span class="credit">Jane Roe</span></figcaption></figure></a>'
        '<a href="https://shop.example.net/p/123"><figure><img src="/bag.jpg"><figcaption>'
        'Photograph: Zenbivy</figcaption></figure></a>'
    )
    assert [i.credit for i in images(page, figures(page))] == ["Jane Roe", "Zenbivy"]


def test_pictures_in_a_second_full_article_are_skipped():
    html = ('<html><body><article id="main"><h1>Main story</h1><figure><img src="/a.jpg">'
            '<figcaption><span class="credit">KCNA/AFP</span></figcaption></figure></article>'
            '<div class="under-article"><article><h1>Next story</h1><figure><img src="/b.jpg">'
            '<figcaption><span class="credit">The Guardian</span></figcaption></figure>'
            '</article></div></body></html>')
    root = parse(html)
    assert root is not None
    page = Page("https://example.com/a", root)
    assert [i.credit for i in images(page, figures(page))] == ["KCNA/AFP"]


def test_source_line_in_the_article_header_is_not_a_picture_credit():
    html = ('<html><body><article><header><div class="news-header"><h1>T</h1>'
            '<div class="metadata"><span class="metadata__source">Quelle: dpa Sport</span></div>'
            '<figure><img src="/a.jpg"><figcaption><span class="figure__copyright">'
            '© Alba Pacheco/dpa</span></figcaption></figure></div></header></article>'
            '</body></html>')
    root = parse(html)
    assert root is not None
    page = Page("https://example.com/a", root)
    assert [i.credit for i in images(page, figures(page))] == ["Alba Pacheco/dpa"]


def test_shown_credit_wins_over_alt_text_credit():
    page = build(
        '<div class="media"><div class="ratio"><img src="/a.jpg" '
        'alt="Oil rig at sea (AP Photo/Matias Delacroix)"></div>'
        '<div class="caption">Oil rig at sea <span class="credit">AP Photo</span></div></div>'
    )
    assert [i.credit for i in images(page, figures(page))] == ["AP Photo"]


def test_credit_appended_to_the_title_attribute():
    page = build('<div class="absatzbild"><img src="/a.jpg" alt="Players celebrate" '
                 'title="Players celebrate | Getty Images/Naomi Baker"></div>'
                 '<div><img src="/b.jpg" alt="x" title="Fans | Bildquelle: WDR / Biernat"></div>')
    assert [i.credit for i in images(page, figures(page))] == [
        "Getty Images/Naomi Baker", "WDR / Biernat"]


def test_video_thumbnails_and_logos_in_jsonld_are_not_article_images():
    head = ('<script type="application/ld+json">[{"@type":"NewsArticle","headline":"T",'
            '"image":{"@type":"ImageObject","url":"https://cdn.example.com/a.jpg",'
            '"author":"AFP/Paul Ellis"},"publisher":{"@type":"Organization","name":"X",'
            '"logo":{"@type":"ImageObject","url":"https://cdn.example.com/logo.png",'
            '"author":"X Design"}}},{"@type":"VideoObject","name":"Other clip",'
            '"thumbnail":{"@type":"ImageObject","url":"https://cdn.example.com/v.jpg",'
            '"author":"Getty Images"}}]</script>')
    page = build("<p>text</p>", head)
    assert {i.credit for i in images(page, figures(page))} == {"AFP/Paul Ellis"}


def test_video_poster_credit_is_not_an_image_credit():
    page = build(
        '<figure class="media video"><div class="media-player"><div class="poster">'
        '<img src="/still.jpg" alt="A runner" title="Foto: Jane Doe / Agency"></div></div>'
        '<figcaption>Watch the race</figcaption></figure>'
        '<figure><img src="/photo.jpg"><figcaption>Finish line. Foto: John Roe</figcaption>'
        '</figure>'
    )
    assert [(i.url, i.credit) for i in images(page, figures(page))] == [
        ("https://example.com/photo.jpg", "John Roe")]


def test_figure_that_is_an_image_or_a_video_keeps_its_credit():
    page = build('<div class="article-image-video"><figure><img src="/a.jpg"><figcaption>'
                 '<span class="credit">Jane Doe</span></figcaption></figure></div>')
    assert [i.credit for i in images(page, figures(page))] == ["Jane Doe"]


def test_lead_image_that_is_a_video_still_has_no_credit():
    head = ('<meta property="og:image" content="https://cdn.example.com/still.jpg">'
            '<script type="application/ld+json">[{"@type":"NewsArticle","headline":"T",'
            '"image":[{"@type":"ImageObject","contentUrl":"https://cdn.example.com/still.jpg",'
            '"author":"Jane Doe / Agency"},{"@type":"ImageObject",'
            '"contentUrl":"https://cdn.example.com/still-square.jpg",'
            '"author":"Jane Doe / Agency"}]},'
            '{"@type":"VideoObject","name":"Clip","image":['
            '{"@type":"ImageObject","contentUrl":"https://cdn.example.com/still.jpg"},'
            '{"@type":"ImageObject","contentUrl":"https://cdn.example.com/still-square.jpg"}'
            "]}]</script>")
    page = build("<p>text</p>", head)
    found = images(page, figures(page))
    assert [(i.url, i.credit) for i in found] == [("https://cdn.example.com/still.jpg", None)]
