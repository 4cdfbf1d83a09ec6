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
        ("Courtesy of Andrew Vaughan", "Andrew Vaughan"),
        ("Photo courtesy of NASA", "NASA"),
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
        # a parenthesised holder after the caption's last sentence
        ("Crowds gather in Gaza City. (Adel Hana/Associated Press)", "Crowds gather in Gaza City.",
         "Adel Hana/Associated Press"),
        ("The outlook for storms Friday.(NOAA/SPC)", "The outlook for storms Friday.", "NOAA/SPC"),
        ("The minister arrives. (File)", "The minister arrives. (File)", None),
        ("Talks in Doha (Qatar) resumed.", "Talks in Doha (Qatar) resumed.", None),
    ],
)
def test_split_caption(text: str, caption: str | None, credit: str | None):
    assert split_caption(text) == (caption, credit)


def parsed(html: str) -> Page:
    """The page of the whole document *html* at https://example.com/a."""
    root = parse(html)
    assert root is not None
    return Page("https://example.com/a", root)


def build(body: str, head: str = "") -> Page:
    return parsed(f"<html><head>{head}</head><body><article><h1>T</h1>{body}</article>"
                  "</body></html>")


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


@pytest.mark.parametrize(
    ("body_html", "fields", "expected"),
    [
        pytest.param(
            '<figure class="media video"><div class="media-player"><div class="poster">'
            '<img src="/still.jpg" alt="A runner" title="Foto: Jane Doe / Agency"></div></div>'
            '<figcaption>Watch the race</figcaption></figure>'
            '<figure><img src="/photo.jpg"><figcaption>Finish line. Foto: John Roe</figcaption>'
            '</figure>',
            ("url", "credit"), [("https://example.com/photo.jpg", "John Roe")],
            id="video-poster-credit-is-not-an-image-credit"),
        pytest.param(
            '<div class="article-image-video"><figure><img src="/a.jpg"><figcaption>'
            '<span class="credit">Jane Doe</span></figcaption></figure></div>',
            ("credit",), [("Jane Doe",)],
            id="figure-that-is-an-image-or-a-video-keeps-its-credit"),
        pytest.param(
            '<picture><img src="/a.jpg" alt="Riders"></picture>'
            '<figcaption><span>Riders at the start, Foto: LAT Images</span></figcaption>'
            '<p>text</p>'
            '<a class="picture" href="/full/b.jpeg"><img src="/b.jpeg"></a>'
            '<p class="caption">Two ministers <span class="credit">Foto: Jane Roe/imago</span>'
            '</p>',
            ("url", "caption", "credit"),
            [("https://example.com/a.jpg", "Riders at the start", "LAT Images"),
             ("https://example.com/b.jpeg", "Two ministers", "Jane Roe/imago")],
            id="caption-right-after-a-picture-without-a-figure"),
        pytest.param(
            '<figure><a href="/attachment/216479/" rel="attachment wp-att-216479">'
            '<img src="/a.jpg"></a><figcaption>Leaders debate. (Jane Roe/Agency)</figcaption>'
            '</figure>'
            '<figure><a href="/photos/gallery-2024/09.html"><img src="/b.jpg"></a><figcaption>'
            '<span class="copyright">© John Doe</span></figcaption></figure>'
            '<figure><a href="/news/other-story"><img src="/c.jpg"></a><figcaption>'
            '<span class="copyright">© Other</span></figcaption></figure>',
            ("credit",), [("Jane Roe/Agency",), ("John Doe",)],
            id="link-to-the-pictures-own-page-is-not-another-story"),
        pytest.param(
            '<div class="CarouselSlide"><div class="CarouselSlide-media"><picture>'
            '<img alt="Image" src="data:image/svg+xml;base64,AAAA" '
            'data-flickity-lazyload-srcset="https://cdn.example.com/s1.jpg 599w, '
            'https://cdn.example.com/s1-big.jpg 1198w"></picture></div>'
            '<div class="CarouselSlide-info"><span class="CarouselSlide-infoDescription">'
            '<p>A supporter cheers at a rally, Friday. (AP Photo/Alex Brandon)</p></span></div>'
            '</div>',
            ("url", "credit"), [("https://cdn.example.com/s1-big.jpg", "AP Photo/Alex Brandon")],
            id="lazy-loaded-carousel-slide-with-a-described-credit"),
        pytest.param(
            '<figure><img src="/a.jpg"><figcaption>A kitchen in the 1950s <span '
            'class="media-license-caption"> – Midjourney („bread, advertisement“)</span>'
            '</figcaption></figure>'
            '<figure><img src="/b.jpg"><figcaption><p>Police raid in Palma <span '
            'data-aida-captionauthor=""> / Lorenzo Marina</span></p></figcaption></figure>',
            ("caption", "credit"),
            [("A kitchen in the 1950s", "Midjourney („bread, advertisement“)"),
             ("Police raid in Palma", "Lorenzo Marina")],
            id="credit-marked-by-a-license-class-or-a-data-attribute"),
        pytest.param(
            '<figure><img src="/a.jpg"><figcaption><div class="_pattribution-w-auto">'
            '<div class="caption"><p>Tuft cells are stained yellow/green (at left; a closeup at '
            'right).</p></div><div class="attribution"><p>Courtesy of Andrew Vaughan</p></div>'
            '</div></figcaption></figure>'
            '<p><span class="image"><img src="/b.jpg"><span class="caption-source">'
            '<span class="caption">The road to retiring early isn\'t easy.</span>'
            '<span class="source"><span>Kathrin Ziegler/Getty</span></span></span></span></p>',
            ("caption", "credit"),
            [("Tuft cells are stained yellow/green (at left; a closeup at right).",
              "Andrew Vaughan"),
             ("The road to retiring early isn't easy.", "Kathrin Ziegler/Getty")],
            id="wrapper-of-caption-and-credit-is-not-the-credit"),
    ],
)
def test_figure_images(body_html: str, fields: tuple[str, ...],
                       expected: list[tuple[str | None, ...]]):
    page = build(body_html)
    found = images(page, figures(page))
    assert [tuple(getattr(i, f) for f in fields) for i in found] == expected


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@Plan_INFOCA via X / Reuters", ["@Plan_INFOCA via X / Reuters"]),
        ("Photo by Tom Brenner for The Washington Post via Getty Images",
         ["Tom Brenner for The Washington Post via Getty Images"]),
        ("/ Lorenzo Marina", ["Lorenzo Marina"]),
        ("@janedoe", []),
        ("Copyright @ 2019 The New Arab.", []),
    ],
)
def test_holders_with_handles_and_via_chains(text: str, expected: list[str]):
    assert holders(text) == expected


@pytest.mark.parametrize(
    ("cls", "marked"),
    [
        ("wp-caption-text", True),
        ("photo-credit", True),
        ("image-description", True),
        ("meta-description", False),  # "description" counts only for an image or slide
        ("discredited", False),
        ("article-body", False),
    ],
)
def test_caption_or_credit_class(cls: str, marked: bool) -> None:
    from archiver.extract.images import _caption_or_credit_class

    assert _caption_or_credit_class(cls) is marked


def test_japanese_equals_credit_in_alt_text():
    # no caption element: the alt text ends with the agency after a full-width "＝"
    page = build('<div class="photo">'
                 '<img src="/p.jpg" alt="会見する首相（東京で、５日）＝ロイター"></div><p>本文</p>')
    assert [i.credit for i in images(page, figures(page))] == ["ロイター"]


def test_equals_sign_in_latin_alt_text_is_no_credit():
    page = build('<figure><img src="/p.jpg" alt="Chart of E=mc squared"></figure>')
    assert [i.credit for i in images(page, figures(page))] == [None]


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        # a caption made only of a parenthesised holder is the credit
        ("(The Daily Planet)", None, "The Daily Planet"),
        ("(Jane Doe/Reuters)", None, "Jane Doe/Reuters"),
        ("(File)", "(File)", None),
        ("(left to right: the mayor, the chief)", "(left to right: the mayor, the chief)", None),
    ],
)
def test_caption_of_only_a_parenthesised_holder(text: str, caption: str | None,
                                                credit: str | None):
    assert split_caption(text) == (caption, credit)


def test_credit_in_the_article_header_beside_its_picture():
    # a split-screen header: the lede picture and its credit sit in sibling blocks
    page = build('<header class="content-header"><div class="lede"><picture>'
                 '<img src="/lede.gif" alt="An abstract illustration"></picture></div>'
                 '<div class="grid"><div class="grid-item"><div class="caption">'
                 '<span class="caption__credit">Illustration by Jane Roe</span></div></div>'
                 '</div></header><p>text</p>')
    assert [(i.url, i.credit) for i in images(page, figures(page))] == [
        ("https://example.com/lede.gif", "Jane Roe")]


def test_a_picture_whose_box_shows_its_alt_text_has_it_as_caption():
    """The body drops an alt text shown beside its picture outside a <figure> as a caption
    (``body.alt_text_keys``); the picture keeps it, so the text is not lost."""
    text = "<p>" + "Running text of the article, long enough to count. " * 4 + "</p>"
    html = ("<html><body><main><h1>T</h1><div class='pic-wrap'><picture><img src='/a.jpg' "
            "alt='Cranes at the terminal on Sunday evening'></picture><div class='pic-text'>"
            f"Cranes at the terminal on Sunday evening</div></div>{text}"
            "<div class='box'><img src='/b.jpg' alt='A picture without any text shown'>"
            f"</div>{text}</main></body></html>")
    page = parsed(html)
    found = [(i.url, i.caption) for i in images(page, figures(page))]
    assert found == [("https://example.com/a.jpg", "Cranes at the terminal on Sunday evening")]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Helpers at work after the storm.<br>Quelle:&nbsp;<cite class='credit'>THW</cite>",
         "Helpers at work after the storm."),
        ("Visitors take photos <span class='credit'>AP</span>", "Visitors take photos"),
    ],
)
def test_the_label_of_a_credit_taken_out_of_the_caption_goes_with_it(caption: str,
                                                                      expected: str):
    html = (f"<html><body><article><h1>T</h1><figure><img src='/a.jpg'><figcaption>"
            f"{caption}</figcaption></figure><p>text</p></article></body></html>")
    page = parsed(html)
    found = images(page, figures(page))
    assert found[0].caption == expected


@pytest.mark.parametrize(
    "box",
    [
        pytest.param("<p>The sum <span class='math'><img src='/f.png' alt='x sub one plus "
                     "x sub two'><span class='tex'>x sub one plus x sub two</span></span> "
                     "grows.</p>", id="a-formula-inline-in-running-text"),
        pytest.param("<div class='news'><img src='/t.jpg' alt='Ministers meet again in "
                     "Brussels'><a href='/other-story'>Ministers meet again in Brussels</a>"
                     "</div>", id="a-teaser-whose-shown-text-is-another-story-link"),
        pytest.param("<div class='author-box'><img src='/p.jpg' alt='Jane Doe writes about "
                     "science'><span>Jane Doe writes about science</span></div>",
                     id="an-author-portrait"),
    ],
)
def test_alt_text_shown_beside_a_picture_that_is_no_caption(box: str):
    text = "<p>" + "Running text of the article, long enough to count. " * 4 + "</p>"
    page = parsed(f"<html><body><main><h1>T</h1>{text}{box}{text}</main></body></html>")
    assert images(page, figures(page)) == []


def test_a_picture_above_the_headline_is_not_taken_for_its_alt_text():
    page = parsed("<html><body><div class='top'><img src='/logo.png' alt='A company of the "
                 "Example Group'><p class='claim'>A company of the Example Group</p></div>"
                 "<main><h1>T</h1><p>text</p></main></body></html>")
    assert images(page, figures(page)) == []


def test_an_alt_text_that_is_only_a_credit_is_no_caption():
    page = parsed("<html><body><main><h1>T</h1><div class='pic'><img src='/a.jpg' "
                 "alt='Foto: The Nation Agency'><span>Foto: The Nation Agency</span></div>"
                 "<p>text</p></main></body></html>")
    assert [(i.caption, i.credit) for i in images(page, figures(page))] == [
        (None, "The Nation Agency")]


def test_a_lightbox_icon_beside_a_picture_does_not_hide_its_credit():
    """A picture and the magnifier icon that opens it in a lightbox share one box: the box
    still holds one picture, whose caption credit is found (it was credited to neither)."""
    html = ("<html><body><article><h1>T</h1><p>text</p><p><span class='pic'><img "
            "src='/photos/helpers.jpg' alt='Helpers'><a class='loupe' href='/photos/big.jpg'>"
            "<img src='/icons/lightbox_lupe.png' alt='Zoom'></a></span><span class='caption'>"
            "Helpers at work.<br>Quelle: <cite>THW</cite></span></p></article></body></html>")
    page = parsed(html)
    found = [(i.url, i.credit) for i in images(page, figures(page))]
    assert found == [("https://example.com/photos/helpers.jpg", "THW")]


def test_a_tracking_pixel_is_no_picture():
    html = ("<html><body><article><h1>T</h1><p>text</p><div><img src='https://count.example."
            "net/na/4dd41a8c' width='1' height='1' alt=''><div class='credits'>Text: Ursula "
            "Eggers</div></div></article></body></html>")
    page = parsed(html)
    assert images(page, figures(page)) == []


@pytest.mark.parametrize("src", ["/img/google-pixel-8-pro.jpg", "/img/zoom-video-call.jpg",
                                 "/img/app-icon-redesign.png", "/img/blank-cheque.jpg"])
def test_pictures_whose_subject_names_a_control_are_pictures(src: str):
    """A tech story's picture of a Pixel phone or a Zoom call is no icon."""
    html = (f"<html><body><article><h1>T</h1><p>text</p><figure><img src='{src}'>"
            "<figcaption>The new phone. Photo: Jane Doe</figcaption></figure></article>"
            "</body></html>")
    page = parsed(html)
    assert [i.credit for i in images(page, figures(page))] == ["Jane Doe"]
