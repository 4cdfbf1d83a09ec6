"""Generate the bundled demo news site (``archiver/demo/site``) and its ground truth.

The demo site is a small, invented tech-news publication, "The Circuit Ledger", marked up
the way a modern news CMS serves pages: navigation, cookie banner, newsletter box,
breadcrumbs, share buttons, related stories, comments and author bios around ~30 articles.
Bylines, dates and lead-image credits deliberately use many different markup conventions so
that a generic extractor is exercised. The site also has feeds, a sitemap index with a gzip
child sitemap, a robots.txt with a disallowed area, and alias URLs (tracking parameters,
trailing slashes, AMP, print and syndicated copies) that an archive must collapse.

Run ``python archiver/demo/build_site.py`` from the repository root. The output is
deterministic: the whole ``site`` directory and ``tests/demo_expected.json`` are rewritten.
Absolute URLs use the ``__BASE_URL__`` placeholder that the demo server replaces.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE / "site"
EXPECTED = HERE.parents[1] / "tests" / "demo_expected.json"
BASE = "__BASE_URL__"
SITE_NAME = "The Circuit Ledger"
SECTION_PAGE_SIZE = 5
FEED_SIZE = 15

SECTIONS = {
    "security": "Security",
    "phones": "Phones",
    "computing": "Computing",
    "ai": "AI",
    "gaming": "Gaming",
}
PRIVATE_PATHS = ["/private/", "/private/drafts/embargoed-foldable-review"]
RSS_TRACKING = "?utm_source=rss&utm_medium=feed"
BYLINE_STYLES = {
    "rel",
    "and",
    "amp3",
    "role",
    "hcard",
    "itemprop_author",
    "jsonld_obj",
    "jsonld_list",
    "jsonld_graph",
    "meta",
}
CREDIT_STYLES = {
    "techradar",
    "span",
    "photo",
    "small",
    "pipe",
    "dash",
    "itemprop",
    "jsonld_credit",
    "jsonld_holder",
    "none",
    "noimage",
}


@dataclass(frozen=True)
class Author:
    key: str
    name: str
    role: str
    bio: str


AUTHORS = {
    a.key: a
    for a in [
        Author(
            "sead-fadilpasic",
            "Sead Fadilpašić",
            "Contributor",
            "Sead is a freelance journalist with more than 15 years of experience in writing "
            "various types of content, from blogs, whitepapers, and reviews to ebooks, and "
            "many more, across sites including Al Jazeera Balkans, TechRadar Pro, IT Pro "
            "Portal, and CryptoNews.",
        ),
        Author(
            "zoe-castellanos",
            "Zoë Castellanos",
            "Senior Editor, Phones",
            "Zoë has reviewed more than 300 phones and still carries two of them everywhere. "
            "Before joining The Circuit Ledger she covered mobile networks for a trade "
            "magazine in Madrid.",
        ),
        Author(
            "jose-ibanez",
            "José Ibáñez",
            "Security Reporter",
            "José covers cybercrime, data breaches and the people who clean up after them. "
            "Send him tips over Signal; he reads every message, eventually.",
        ),
        Author(
            "lukasz-wroblewski",
            "Łukasz Wróblewski",
            "Hardware Editor",
            "Łukasz runs our test lab in Kraków, where he benchmarks laptops, chips and "
            "storage. He has opinions about keyboard travel and will share them.",
        ),
        Author(
            "priya-raman",
            "Priya Raman",
            "AI Correspondent",
            "Priya writes about machine learning, the companies building it and the rules "
            "being written for it. She previously worked as a data scientist in Bengaluru.",
        ),
        Author(
            "marcus-odhiambo",
            "Marcus Odhiambo",
            "Gaming Editor",
            "Marcus has been writing about games since the days of cartridge save batteries. "
            "He leads our coverage of consoles, handhelds and game preservation.",
        ),
        Author(
            "hannah-whitlock",
            "Hannah Whitlock",
            "Cloud & Enterprise Editor",
            "Hannah covers cloud infrastructure, data centres and enterprise IT, with a "
            "particular interest in what all that computing costs the planet.",
        ),
        Author(
            "anais-moreau",
            "Anaïs Moreau",
            "Europe Correspondent",
            "Anaïs reports on technology policy from Brussels and Paris, from competition "
            "cases to the right to repair.",
        ),
        Author(
            "dan-kessler",
            "Dan Kessler",
            "Deputy Editor",
            "Dan edits our news desk and writes explainers when something confusing "
            "happens, which is most weeks.",
        ),
    ]
}


@dataclass
class Article:
    slug: str
    section: str
    published: str
    title: str
    authors: list[str]
    byline: str
    credit_style: str
    credit_raw: str | None
    credit: str | None
    caption: str | None
    tags: list[str]
    dek: str | None = None
    modified: str | None = None
    role: str | None = None
    path: str | None = None
    inline: tuple[int, str, str, str] | None = None  # (after paragraph, style, caption, credit)
    amp: bool = False
    print_copy: bool = False
    syndicated: bool = False
    home_alias: str | None = None  # query string used by the home page "Trending" box
    related_href: str | None = None  # alias used when other articles link here as related
    body: list[tuple[str, object]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.path is None:
            self.path = f"/news/{self.published[:4]}/{self.slug}"

    @property
    def url(self) -> str:
        return BASE + self.path

    @property
    def date(self) -> datetime:
        return datetime.fromisoformat(self.published)

    @property
    def names(self) -> list[str]:
        return [AUTHORS[k].name for k in self.authors]

    @property
    def image(self) -> str:
        return f"/images/{self.published[:4]}/{self.slug}-hero.jpg"

    @property
    def amp_path(self) -> str:
        return f"/amp{self.path}.html"

    @property
    def print_path(self) -> str:
        return f"/print{self.path}"

    @property
    def syndicated_path(self) -> str:
        return f"/partners/newswire/{self.slug}"


ARTICLES = [
    Article(
        "kaspersky-cyberspace-not-at-peace",
        "security",
        "2018-11-14T10:30:00+00:00",
        'Kaspersky founder says cyberspace is "not at peace"',
        ["sead-fadilpasic"],
        "rel",
        "techradar",
        "(Image credit: Image source: Shutterstock/Toria)",
        "Shutterstock/Toria",
        None,
        ["cybersecurity", "policy"],
        path="/news/2024/kaspersky-cyberspace-not-at-peace",
        home_alias="?utm_source=twitter&utm_medium=social",
    ),
    Article(
        "ransomware-gang-hospital-chain-leak",
        "security",
        "2025-03-18T09:15:00+00:00",
        "Ransomware gang leaks patient records from Midwest hospital chain",
        ["jose-ibanez"],
        "hcard",
        "photo",
        "Photo: Carla Mendes / Reuters",
        "Carla Mendes / Reuters",
        "An ambulance bay at one of the affected hospitals, which diverted patients for days.",
        ["ransomware", "data-breach", "healthcare"],
        dek="The operator refused to pay. Now lab results and insurance forms are online.",
        modified="2025-03-19T16:40:00+00:00",
        amp=True,
        related_href="amp",
        home_alias="?fbclid=IwAR3Xk9dLq7mZp2vN8sT0wYb4cE1fGhJ6uQ",
    ),
    Article(
        "passkeys-adoption-banks-2025",
        "security",
        "2025-06-02T08:00:00+01:00",
        "Banks are finally ditching SMS codes for passkeys",
        ["jose-ibanez", "hannah-whitlock"],
        "and",
        "small",
        "© Getty Images",
        "Getty Images",
        "Passkeys let customers approve a login with a fingerprint instead of a code.",
        ["passwords", "cybersecurity"],
        dek="Phishing-resistant sign-ins are spreading, but account recovery remains the weak "
        "spot.",
    ),
    Article(
        "router-firmware-botnet-small-offices",
        "security",
        "2024-09-10T13:05:00+00:00",
        "Botnet hijacks thousands of small-office routers running outdated firmware",
        ["jose-ibanez"],
        "jsonld_graph",
        "jsonld_credit",
        "Shutterstock",
        "Shutterstock",
        "Many of the hijacked routers stopped receiving updates years ago.",
        ["botnets", "cybersecurity"],
    ),
    Article(
        "password-manager-breach-vault-metadata",
        "security",
        "2026-02-11T11:20:00+00:00",
        "Password manager admits attackers accessed unencrypted vault metadata",
        ["jose-ibanez"],
        "itemprop_author",
        "none",
        None,
        None,
        "Encrypted fields were safe, the company says. The list of websites was not.",
        ["passwords", "data-breach"],
        inline=(
            3,
            "span",
            "The company’s incident notice, published on Wednesday.",
            "Screenshot: The Circuit Ledger",
        ),
        modified="2026-02-12T09:00:00+00:00",
    ),
    Article(
        "eu-cyber-resilience-act-deadlines",
        "security",
        "2025-11-04T10:00:00+01:00",
        "What the EU Cyber Resilience Act means for the gadgets you buy",
        ["anais-moreau"],
        "meta",
        "techradar",
        "(Image credit: European Union)",
        "European Union",
        None,
        ["policy", "smart-home", "cybersecurity"],
    ),
    Article(
        "zero-day-browser-patch-emergency",
        "security",
        "2026-09-22T07:45:00+00:00",
        "Chrome and Edge rush out emergency patch for actively exploited zero-day",
        ["jose-ibanez"],
        "role",
        "pipe",
        "Marek Nowak / Alamy",
        "Marek Nowak / Alamy",
        "Both browsers share the Chromium engine, so one bug affected both",
        ["browsers", "cybersecurity"],
        role="Security Reporter",
    ),
    Article(
        "deepfake-voice-scam-finance-team",
        "security",
        "2024-05-07T14:30:00+00:00",
        "Deepfake voice call tricked finance team into wiring $4.3 million",
        ["priya-raman", "jose-ibanez", "dan-kessler"],
        "amp3",
        "jsonld_holder",
        "Alamy",
        "Alamy",
        "A few minutes of recorded speech is now enough to clone a voice.",
        ["deepfakes", "fraud", "artificial-intelligence"],
    ),
    Article(
        "galaxy-fold-seven-hands-on",
        "phones",
        "2025-07-10T15:00:00+02:00",
        "Hands-on: the thinnest foldable yet still has a crease you can feel",
        ["zoe-castellanos"],
        "role",
        "dash",
        "Zoë Castellanos / The Circuit Ledger",
        "Zoë Castellanos / The Circuit Ledger",
        "The new foldable, half-open, at the Seoul briefing",
        ["foldables", "android"],
        role="Senior Editor",
        dek="Thin enough to forget it is a foldable. Until you touch the middle of the screen.",
        inline=(
            4,
            "small",
            "Closed, the phone is barely thicker than a regular flagship.",
            "© The Circuit Ledger",
        ),
    ),
    Article(
        "pixel-battery-swelling-support-page",
        "phones",
        "2025-01-21T12:10:00+00:00",
        "Google acknowledges battery swelling on older Pixel phones, offers free repairs",
        ["zoe-castellanos"],
        "rel",
        "itemprop",
        "Google",
        "Google",
        "A software update will limit charging on affected models first.",
        ["android", "batteries", "repair"],
    ),
    Article(
        "iphone-eu-sideloading-one-year-later",
        "phones",
        "2025-04-15T09:30:00+02:00",
        "A year of alternative app stores on iPhone: who actually used them?",
        ["anais-moreau", "zoe-castellanos"],
        "jsonld_list",
        "small",
        "© AFP",
        "AFP",
        "Alternative marketplaces must still pass Apple’s notarisation checks.",
        ["ios", "policy", "app-stores"],
        related_href="slash",
    ),
    Article(
        "cheap-phones-six-years-updates",
        "phones",
        "2024-11-27T10:00:00+00:00",
        "Budget phones now promise six years of updates. Will the hardware last?",
        ["dan-kessler"],
        "rel",
        "span",
        "Credit: Future / Tom Ashby",
        "Future / Tom Ashby",
        "Three budget phones that all promise six years of Android updates.",
        ["android", "batteries"],
        dek="Longer software support is welcome. A 4GB phone in 2030 is another matter.",
    ),
    Article(
        "satellite-sos-messaging-android",
        "phones",
        "2026-03-05T16:00:00+00:00",
        "Satellite texting comes to mid-range Android phones",
        ["zoe-castellanos"],
        "jsonld_obj",
        "photo",
        "Photo: Kenji Mori / AP",
        "Kenji Mori / AP",
        "Hikers in the Alps, where rescue teams welcome the feature.",
        ["android", "satellite"],
        inline=(5, "dash", "The setup screen guides users to point the phone at the sky", "Google"),
        related_href="?utm_source=twitter&utm_medium=social&utm_campaign=launch",
    ),
    Article(
        "phone-repairability-scores-france",
        "phones",
        "2024-02-19T08:20:00+01:00",
        "France’s repairability scores are reshaping how phones are built",
        ["anais-moreau"],
        "rel",
        "noimage",
        None,
        None,
        None,
        ["repair", "policy"],
    ),
    Article(
        "arm-laptops-battery-test",
        "computing",
        "2025-02-26T13:00:00+00:00",
        "We ran 12 Arm laptops through the same battery test. Here’s what we found",
        ["lukasz-wroblewski"],
        "itemprop_author",
        "techradar",
        "(Image credit: Future)",
        "Future",
        None,
        ["laptops", "batteries", "arm"],
        inline=(4, "techradar", "", "(Image credit: Qualcomm)"),
        amp=True,
        print_copy=True,
        related_href="amp",
    ),
    Article(
        "windows-10-end-of-support-options",
        "computing",
        "2025-10-08T07:30:00+00:00",
        "Windows 10 support ends: your options, ranked",
        ["dan-kessler", "lukasz-wroblewski"],
        "and",
        "jsonld_credit",
        "Microsoft",
        "Microsoft",
        "Windows 11 requires a TPM 2.0 chip, which many older PCs lack.",
        ["windows", "laptops"],
        modified="2025-10-14T10:00:00+00:00",
    ),
    Article(
        "usb-c-cables-labels-explained",
        "computing",
        "2024-07-30T11:00:00+01:00",
        "Why your USB-C cable is slower than you think",
        ["lukasz-wroblewski"],
        "meta",
        "photo",
        "Photo: Sam Pereira / The Circuit Ledger",
        "Sam Pereira / The Circuit Ledger",
        "Identical plugs, very different cables.",
        ["usb-c", "accessories"],
    ),
    Article(
        "ram-prices-rising-ai-servers",
        "computing",
        "2026-01-14T09:00:00+00:00",
        "Memory prices climb as AI servers swallow supply",
        ["hannah-whitlock"],
        "jsonld_graph",
        "jsonld_holder",
        "Samsung Electronics",
        "Samsung Electronics",
        "High-bandwidth memory stacks are packaged next to AI accelerators.",
        ["memory", "artificial-intelligence"],
    ),
    Article(
        "framework-style-modular-laptop-review",
        "computing",
        "2024-10-03T14:00:00+00:00",
        "Modular laptop review: the upgrade path is real, the hinge is not",
        ["lukasz-wroblewski"],
        "role",
        "pipe",
        "Sam Pereira",
        "Sam Pereira",
        "The expansion cards slide into four bays on the sides",
        ["laptops", "repair"],
        role="Hardware Editor",
        inline=(
            5,
            "small",
            "Swapping the mainboard took under half an hour.",
            "© The Circuit Ledger",
        ),
    ),
    Article(
        "open-source-office-suite-government",
        "computing",
        "2025-08-19T10:45:00+02:00",
        "A German state finished moving 30,000 desks to open-source office software",
        ["anais-moreau"],
        "rel",
        "itemprop",
        "picture alliance / dpa",
        "picture alliance / dpa",
        "The state chancellery, one of the first offices to switch.",
        ["open-source", "policy"],
    ),
    Article(
        "ai-coding-assistants-junior-developers",
        "ai",
        "2025-05-13T08:30:00+00:00",
        "AI coding assistants are changing what junior developers learn",
        ["priya-raman"],
        "rel",
        "small",
        "© Getty Images",
        "Getty Images",
        "Code review has become the core skill for new hires at several companies.",
        ["artificial-intelligence", "software-development"],
        dek="Less boilerplate, more code review: how seven companies retrained their juniors.",
        amp=True,
        related_href="amp",
        home_alias="?utm_source=newsletter&utm_medium=email&utm_campaign=weekly-digest",
    ),
    Article(
        "small-language-models-on-device",
        "ai",
        "2025-09-02T12:00:00+00:00",
        "Small language models are quietly moving onto your laptop",
        ["priya-raman"],
        "jsonld_obj",
        "span",
        "Image: Apple",
        "Apple",
        "On-device models handle summaries and rewriting without a network connection.",
        ["artificial-intelligence", "laptops"],
    ),
    Article(
        "ai-act-general-purpose-models-rules",
        "ai",
        "2025-08-05T09:00:00+02:00",
        "EU rules for general-purpose AI models take effect: what changes",
        ["anais-moreau", "priya-raman", "hannah-whitlock"],
        "amp3",
        "photo",
        "Photo: Lotte Vermeer / Reuters",
        "Lotte Vermeer / Reuters",
        "The Berlaymont building in Brussels, home of the European Commission.",
        ["artificial-intelligence", "policy"],
        modified="2025-08-06T08:15:00+02:00",
    ),
    Article(
        "datacenter-water-use-ai",
        "ai",
        "2024-06-25T15:30:00+00:00",
        "The hidden water bill of AI data centres",
        ["hannah-whitlock"],
        "hcard",
        "dash",
        "Google",
        "Google",
        "Cooling towers at a hyperscale data centre campus",
        ["data-centres", "artificial-intelligence", "climate"],
    ),
    Article(
        "chatbot-hallucinated-refund-policy-ruling",
        "ai",
        "2024-03-12T10:10:00+00:00",
        "Tribunal says company is bound by the refund policy its chatbot invented",
        ["dan-kessler"],
        "meta",
        "none",
        None,
        None,
        "The chatbot promised a refund window that did not exist.",
        ["artificial-intelligence", "consumer-rights"],
    ),
    Article(
        "ai-pc-npu-what-it-does",
        "ai",
        "2026-06-17T11:00:00+00:00",
        "What does the NPU in your new “AI PC” actually do?",
        ["lukasz-wroblewski", "priya-raman"],
        "jsonld_list",
        "techradar",
        "(Image credit: Qualcomm)",
        "Qualcomm",
        None,
        ["artificial-intelligence", "laptops", "arm"],
    ),
    Article(
        "handheld-pc-gaming-2025-roundup",
        "gaming",
        "2025-12-09T13:00:00+00:00",
        "The handheld gaming PC boom, one year on",
        ["marcus-odhiambo"],
        "rel",
        "dash",
        "Valve",
        "Valve",
        "A Linux-based handheld running a recent open-world game",
        ["handhelds", "pc-gaming"],
        dek="More than a dozen models, prices below €400 and one stubborn weakness: battery life.",
        syndicated=True,
    ),
    Article(
        "game-preservation-digital-delistings",
        "gaming",
        "2024-08-14T09:40:00+00:00",
        "When a game is delisted, who keeps a copy?",
        ["marcus-odhiambo"],
        "itemprop_author",
        "itemprop",
        "Retro Archive Trust",
        "Retro Archive Trust",
        "Boxed games in a preservation archive’s storage room.",
        ["game-preservation", "pc-gaming"],
    ),
    Article(
        "cloud-gaming-latency-test",
        "gaming",
        "2026-10-20T10:00:00+00:00",
        "We tested cloud gaming on hotel Wi-Fi so you don’t have to",
        ["marcus-odhiambo", "zoe-castellanos"],
        "and",
        "span",
        "Image credit: The Circuit Ledger",
        "The Circuit Ledger",
        "Our test setup: a laptop, a controller and a very slow hotel network.",
        ["cloud-gaming", "wi-fi"],
    ),
    Article(
        "esports-anti-cheat-kernel-debate",
        "gaming",
        "2025-04-29T17:00:00+00:00",
        "Kernel-level anti-cheat: security risk or necessary evil?",
        ["marcus-odhiambo"],
        "hcard",
        "photo",
        "Photo: Elena Petrova / AFP via Getty Images",
        "Elena Petrova / AFP via Getty Images",
        "Players at a regional esports final.",
        ["esports", "cybersecurity", "pc-gaming"],
    ),
]

TAG_NAMES = {
    "accessories": "Accessories",
    "android": "Android",
    "app-stores": "App stores",
    "arm": "Arm",
    "artificial-intelligence": "Artificial intelligence",
    "batteries": "Batteries",
    "botnets": "Botnets",
    "browsers": "Browsers",
    "climate": "Climate",
    "cloud-gaming": "Cloud gaming",
    "consumer-rights": "Consumer rights",
    "cybersecurity": "Cybersecurity",
    "data-breach": "Data breaches",
    "data-centres": "Data centres",
    "deepfakes": "Deepfakes",
    "esports": "Esports",
    "foldables": "Foldables",
    "fraud": "Fraud",
    "game-preservation": "Game preservation",
    "handhelds": "Handhelds",
    "healthcare": "Healthcare",
    "ios": "iOS",
    "laptops": "Laptops",
    "memory": "Memory",
    "open-source": "Open source",
    "passwords": "Passwords",
    "pc-gaming": "PC gaming",
    "policy": "Policy",
    "ransomware": "Ransomware",
    "repair": "Repair",
    "satellite": "Satellite",
    "smart-home": "Smart home",
    "software-development": "Software development",
    "usb-c": "USB-C",
    "wi-fi": "Wi-Fi",
    "windows": "Windows",
}

COMMENT_PINNED = (
    "Circuit Ledger Moderator",
    "Please keep the discussion civil and on topic. Comments that include personal attacks "
    "or spam links will be removed.",
)
COMMENTS = [
    ("techno_tom", "Great write-up, thanks for keeping this one free of hype."),
    ("Ingrid S.", "I would love a follow-up in six months to see whether any of this changed."),
    ("mike_in_leeds", "Bookmarking this to send to my dad, who asks me about this every week."),
    ("Renée Duval", "Finally an article that explains the trade-offs instead of just cheering."),
    ("old_greybeard", "Same story as twenty years ago, just with better marketing."),
    ("Ayşe Korkmaz", "Does anyone know if this applies outside the EU as well?"),
    ("pixelpusher88", "The comments here are always better than on the other sites, keep it up."),
]
COOKIE_TEXT = (
    "We use cookies and similar technologies to personalise content and ads, measure our "
    "audience and improve your experience. You can change your choices at any time."
)
NEWSLETTER_TEXT = (
    "Sign up to The Circuit Ledger newsletter for the biggest tech stories, honest reviews "
    "and the best deals, delivered to your inbox every weekday morning."
)
NEWSLETTER_SMALL = (
    "By submitting your information you agree to the Terms & Conditions and Privacy Policy "
    "and are aged 16 or over."
)
FOOTER_TEXT = (
    "The Circuit Ledger is published by Circuit Ledger Media Ltd, registered in England and "
    "Wales, company number 08123456."
)


# Article bodies, one "@@ slug" block per article (see parse_bodies for the format).
BODIES = """
@@ kaspersky-cyberspace-not-at-peace
During the recent Paris Peace Forum, Kaspersky CEO said that cyberspace is in a state of
perpetual war and that there needs to be a global, unified effort to make things better for
everyone.

Speaking at the Forum, Eugene Kaspersky said: “It would be wrong to say that cyberspace is
at peace. Every day, sabotage, espionage and crime campaigns are being committed – and the
threat landscape is constantly changing.”

The world is increasingly dependant on the internet, especially with the proliferation of
connected cars, smart home appliances and connected city devices. With thousands of new
connected devices being added daily, the number of threats is growing exponentially.

Kaspersky says that everyone – individuals, organisations, non-profits and governments, need
to come together to “achieve diplomacy in cybersecurity”. He has identified governments and
borders as the biggest obstacles towards safer cyberspace.

“The fight against cybercrime remains largely dependent on nation states and their policies,
and therefore on borders. We can still hope to fight cybercriminals on equal terms – but to
do so we need a new diplomacy based on three pillars: equality, transparency and education,”
he added.

Transparency, as one of the key principles, needs to have a “border and culture-proof”
definition, which is why the industry as a whole must be involved, he added.

Kaspersky has also mentioned cybersecurity firms and their role in creating and maintaining
order:

“Security solution providers must embrace openness, transparency, neutrality and integrity
to ensure their credibility. The role of solution providers is not to assign responsibility
to attacks, but to identify them and study them to better protect users.”

“Peace in cyberspace is still possible. But we need to make it an international priority,”
concludes Eugene.

@@ ransomware-gang-hospital-chain-leak
A ransomware group has begun publishing files it claims were stolen from Lakeshore Health
Partners, a chain of eleven hospitals and forty outpatient clinics across three Midwestern
states, after the operator refused to pay a ransom demand reported to be in the region of $8
million.

The leaked archive, posted to the group’s extortion site late on Monday, contains scanned
insurance forms, lab results and what appear to be internal staffing spreadsheets. Lakeshore
confirmed on Tuesday that “a subset of data” had been published and said it was working with
outside investigators to establish exactly whose records were affected.

## Weeks of disruption

The attack first came to light in late February, when several of the chain’s emergency
departments switched to paper records and began diverting ambulances to neighbouring
facilities. Elective surgeries were postponed for nearly two weeks, and pharmacy systems at
four sites stayed offline for longer still.

According to a notice filed with state regulators, the intruders gained access through a
remote-access account belonging to a third-party billing contractor. The account was not
protected by multi-factor authentication, a detail that security researchers say has become
depressingly familiar in healthcare breaches.

“Hospitals have spent years hardening their own perimeter, but every vendor with a login is
another door,” said Dr. Amara Nwosu, who studies healthcare security at a university
research centre in Ohio. “Attackers know that the billing contractor is usually the softest
target in the building.”

## What patients should do

Lakeshore says it will contact affected patients by post and offer two years of credit
monitoring. In the meantime, it has set up a call centre and is advising patients to:

- watch for unexpected explanation-of-benefits letters from insurers
- be suspicious of phone calls that quote real appointment details
- request a copy of their medical record if they suspect tampering

The group behind the leak has targeted at least six other healthcare providers this year,
according to threat-intelligence firms tracking its activity. Federal agencies have not
commented on whether the investigation has identified any individual suspects.

For patients, the most uncomfortable truth is that leaked medical data cannot be changed
like a password. Once it is published, it tends to stay available on mirror sites for years,
which is why experts argue that prevention, not breach notification, has to be the priority.

@@ passkeys-adoption-banks-2025
For more than a decade, the six-digit code sent by text message has been the default second
factor for online banking. That is finally starting to change: a growing number of large
banks now let customers sign in with passkeys, and several have announced plans to retire
SMS codes altogether.

Passkeys replace the password and the one-time code with a cryptographic key pair. The
private key stays on the customer’s phone or laptop, protected by a fingerprint, face scan
or device PIN, while the bank only stores the public half. Because there is nothing to type,
there is nothing for a phishing site to steal.

## Why SMS codes had to go

Text-message codes were always a compromise. They are better than a password alone, but they
can be intercepted through SIM-swap fraud, read by malware on a compromised handset, or
simply handed over by a customer who has been convinced by a convincing fake support call.

“We saw fraudsters shift from stealing passwords to stealing codes in real time,” one fraud
prevention manager at a European retail bank told us. “The attacker is on the phone with the
victim and on our website at the same moment. Passkeys break that loop, because the key will
only work on our real domain.”

## The awkward parts

Adoption has not been frictionless. Banks report that customers who change phones without a
synced password manager sometimes lock themselves out, and recovery still tends to fall back
on older, weaker methods. Shared family accounts and customers with basic handsets also need
alternatives, so few banks are willing to switch SMS off completely for everyone.

There is also the question of trust. Surveys suggest many people still do not understand
where a passkey lives or what happens if their phone is lost, and bank call centres have had
to retrain staff to answer those questions.

Even so, the direction of travel is clear. Regulators in several markets have signalled that
SMS codes will no longer count as strong authentication for high-risk payments within the
next few years, and the banks that moved early say the number of successful account
takeovers has fallen sharply. For customers, the practical advice is simple: if your bank
offers a passkey, set one up, and make sure it syncs to a second device you control.

@@ router-firmware-botnet-small-offices
Security researchers have uncovered a botnet made up of more than 40,000 compromised
routers, most of them small-office and home-office models that stopped receiving firmware
updates years ago. The network is being rented out to criminals who use it to disguise the
origin of password-spraying attacks and to relay traffic for phishing campaigns.

The investigation, published this week by a team of analysts at a network-monitoring
company, found that the attackers exploited two known vulnerabilities in the devices’ web
administration panels. Both flaws were patched by the manufacturers, but only for models
that were still under support at the time.

## Old hardware, new problems

Many of the affected routers are still sold second-hand or handed out by small internet
providers long after the vendor has declared them end-of-life. Owners rarely log into the
admin interface, and nothing on the device itself tells them it is no longer safe to use.

Once compromised, the routers run a small piece of malware that survives in memory and
reinstalls itself from a remote server after a reboot. The malware turns each device into a
proxy, so that traffic from the botnet’s customers appears to come from an ordinary
residential or business connection rather than a data centre.

“This is what makes these networks so valuable,” the report notes. “Defenders block cloud
hosting ranges all day long. They do not want to block a dentist’s office in a small town.”

## How to check your own router

The researchers published a list of affected models and recommend a few basic steps:

- find the model number on the underside of the router and check whether it still receives
  updates
- change the default administrator password and disable remote management
- replace the device if the manufacturer no longer supports it

Law-enforcement agencies in two countries say they are aware of the findings. Previous
takedowns of similar networks have shown that the operators can rebuild quickly as long as
vulnerable hardware remains online, which is why the researchers argue that the lasting fix
is for vendors to publish clear end-of-life dates and for internet providers to stop
shipping unsupported equipment.

@@ ai-pc-npu-what-it-does
Almost every new laptop is now marketed as an “AI PC”, and the justification is usually a
single component: the neural processing unit, or NPU. Manufacturers quote its performance in
trillions of operations per second, but rarely explain what it actually does for you. Here
is a plain-language guide.

An NPU is a specialised processor designed to run the mathematical operations used by
machine learning models, mostly large numbers of multiplications and additions on matrices.
The main processor can do the same work, and so can the graphics chip, but the NPU does it
using far less power.

## What it is used for today

Most of the features that use the NPU today are modest but useful:

- background blur, eye-contact correction and noise suppression in video calls
- live captions and translation of audio playing on the laptop
- searching photos by describing their contents
- running small language models for writing assistance

Because the NPU is efficient, these features can run continuously without draining the
battery or making the fans spin up. A video call with all the effects enabled might use a
few percent of battery per hour on the NPU, compared with several times that on the graphics
chip.

## What it does not do

The NPU does not make your laptop faster at ordinary tasks like browsing the web, editing
spreadsheets or compiling code. It also does not run the large cloud-based chatbots: when
you type into one of those, the heavy lifting happens in a data centre.

Software support is still catching up. Many creative and developer applications use the
graphics chip for AI features because it is faster for large models, and the NPU sits idle.

## Should you pay extra for one?

For most buyers, the NPU should not be the deciding factor. Almost all new mid-range and
premium laptops include one anyway, and the features that rely on it are pleasant extras
rather than essentials. Prioritise the screen, the keyboard, battery life and the amount of
memory. If you do want to run local AI models, memory capacity will matter far more than the
NPU’s headline number.

@@ handheld-pc-gaming-2025-roundup
A year ago, handheld gaming PCs were still a niche for enthusiasts willing to tinker with
settings menus. Today there are more than a dozen models on the market from established PC
brands, prices start below €400, and several major game publishers now test their releases
on handheld hardware before launch.

The category took off with a Linux-based handheld that proved a console-like experience was
possible with a PC game library. Windows-based rivals followed, offering more raw
performance and access to every PC game store, but at the cost of an operating system
designed for a mouse and keyboard.

## Performance is good enough

The latest chips can run most recent games at 800p resolution and medium settings at 30 to
60 frames per second, which looks sharp on a seven-inch screen. Upscaling techniques help
demanding titles stay playable, though image quality suffers in fast-moving scenes.

Battery life remains the category’s biggest weakness. Demanding games drain a typical
handheld in under two hours, while lighter indie titles can stretch to five or six.
Manufacturers have responded with bigger batteries, which makes the devices heavier.

## Software is the battleground

The most important differences between handhelds are now in software. A console-style
interface that puts games first, handles sleep and resume reliably, and offers per-game
performance profiles makes a bigger difference to daily use than a few extra frames per
second.

Microsoft has promised a full-screen gaming mode for Windows on handhelds, and some
manufacturers have started shipping their own launchers. The results so far are mixed, with
some players still preferring to install alternative operating systems.

## Which should you buy?

If you want the simplest experience and do not mind missing a few games that rely on
incompatible anti-cheat systems, the Linux-based options remain the easiest to live with. If
you need every PC game and do not mind tinkering, a Windows handheld with a bigger screen
offers more flexibility. Either way, handheld PC gaming has moved from experiment to
mainstream, and the next generation of chips should make the battery trade-off less painful.

@@ game-preservation-digital-delistings
When a video game is removed from digital stores, people who already bought it can usually
keep playing. But anyone who did not is often out of luck, and if the game was never
released on physical media, there may be no legal way to buy it at all. Game
preservationists warn that a large part of gaming history is disappearing this way.

Games get delisted for many reasons: expired music or brand licences, the closure of a
publisher, or a decision that keeping an old title compatible with new systems is not worth
the cost. Online-only games face an even starker fate when their servers are switched off,
because they stop working entirely.

## A shrinking library

A study by a preservation foundation estimated that the large majority of classic games
released in the United States are not currently available commercially. The situation for
games released only digitally in the last two decades is harder to measure, but researchers
believe it is similar.

Libraries and museums would like to fill the gap, but copyright law makes that difficult.
Exemptions allow some preservation activities, yet they generally prevent institutions from
offering remote access to games, so researchers must travel to a physical archive to play
them.

## The “stop killing games” campaign

A consumer campaign launched in Europe is asking lawmakers to require publishers to leave
games in a playable state when official support ends, for example by releasing server
software or patching out online checks. The campaign gathered more than a million
signatures, enough to require a formal response from the European Commission.

Publishers argue that such rules would make online games more expensive to develop and could
expose them to security risks. Supporters reply that the aim is not to force indefinite
support, only to avoid turning purchases into products that stop working overnight.

In the meantime, community archivists continue to document and preserve what they can, often
working in a legal grey area. The question of who keeps a copy of a delisted game remains,
for now, mostly answered by enthusiasts rather than institutions.

@@ cloud-gaming-latency-test
Cloud gaming services promise that you can play demanding games on almost any screen, as
long as you have a decent internet connection. We wanted to find out what happens when you
do not. So we packed a laptop, a controller and a phone, and tested three major services on
hotel Wi-Fi across five cities.

Our method was simple. In each hotel we measured download speed, upload speed and latency to
the nearest data centre, then played the same three games on each service for twenty
minutes: a fast shooter, a racing game and a slow-paced strategy title.

## The results

The headline number that matters is not download speed but consistency. Two hotels offered
more than 100 megabits per second, yet one of them delivered an almost unplayable experience
because of frequent latency spikes above 150 milliseconds. A modest 25-megabit connection in
a small guesthouse, by contrast, was stable enough for a perfectly enjoyable racing session.

The strategy game was playable everywhere. The shooter was the most sensitive, and in three
of the five hotels we would not have wanted to play it competitively.

## Tips that helped

A few tricks made a noticeable difference:

- connecting to the 5GHz network band when the hotel offered one
- lowering the stream resolution to 720p to give the connection headroom
- sitting closer to the access point, which is often in the corridor
- using a phone hotspot when the hotel network blocked the service outright

One hotel’s network blocked cloud gaming traffic entirely, presumably to protect bandwidth
for other guests. Switching to a mobile connection worked surprisingly well, though it
consumed roughly four gigabytes of data per hour of play.

## Verdict

Cloud gaming on the road is viable, but only if you are flexible about which games you play.
Slower-paced titles are a safe bet, and racing games usually hold up. If you are hoping to
keep up with a competitive shooter from a hotel room, pack a handheld gaming PC or a console
instead.

@@ esports-anti-cheat-kernel-debate
Cheating is one of the biggest threats to competitive online games, and publishers have
responded with increasingly powerful anti-cheat software. The most controversial form runs
at the kernel level, the most privileged part of the operating system, where it can see and
control almost everything on a player’s computer.

Kernel-level anti-cheat is effective because many cheats also run at that level, hiding from
ordinary software. By loading before the game and monitoring memory and drivers, the
anti-cheat can detect tampering that would otherwise go unnoticed.

## The security concern

Critics point out that any software with that level of access becomes a valuable target. A
flaw in an anti-cheat driver could allow an attacker to take complete control of a computer,
and researchers have found such flaws in the past. In at least one documented case, a
vulnerable anti-cheat driver was abused by ransomware to disable security software.

Privacy is another worry. Players must trust that the anti-cheat only looks for cheats and
does not collect unrelated data, and that trust is harder to extend when the software runs
permanently rather than only while the game is open.

## The case for

Publishers and many competitive players argue there is no practical alternative. Server-side
detection catches some cheats by analysing player behaviour, but it is slower and misses
subtler tools. Tournament organisers say kernel-level protection has visibly reduced
cheating in top-tier play.

“Nobody wants to install a driver for a game,” said a developer who works on anti-cheat
systems. “But nobody wants to lose ranked matches to someone who can see through walls
either.”

## What might change

Operating system vendors are exploring ways to give anti-cheat software the information it
needs without full kernel access, following a major outage that highlighted the risks of
third-party kernel drivers more broadly. If those interfaces arrive, the debate could shift
from whether kernel access is acceptable to whether it is still necessary. Until then,
players will keep weighing a fairer match against a deeper level of trust than most other
software asks for.

@@ password-manager-breach-vault-metadata
A popular password manager has confirmed that attackers accessed unencrypted metadata
belonging to some customer vaults, including the web addresses of saved logins, during an
intrusion into its cloud storage environment last month.

In a blog post published on Wednesday, the company said that encrypted fields such as
passwords, secure notes and payment card numbers were not exposed in readable form, because
they are protected with keys derived from each customer’s master password. However, website
URLs, folder names and the dates on which entries were created were stored without
encryption.

## Why metadata still matters

The company described the exposed data as “limited”, but security researchers were quick to
push back. A list of the sites where someone keeps an account can reveal their bank, their
employer’s internal tools, their healthcare providers and more. That is exactly the kind of
detail that makes a targeted phishing email convincing.

“Knowing that I use a particular payroll portal is half the work of tricking me into logging
into a fake one,” said an independent researcher who has audited several password managers.
“Encrypting the secrets but not the map of where they are used is a design choice that
deserves more scrutiny.”

The breach began with a stolen access token belonging to a developer, which the attackers
used to reach a backup bucket. The company says it has rotated credentials, added hardware
security keys for all staff with production access, and commissioned an external review.

## What customers should do

If you use the affected service, there is no need to panic, but a few steps are sensible.
Make sure your master password is long and unique, because the encrypted vault data may
eventually be subjected to offline cracking attempts. Enable two-factor authentication on
the password manager account itself, and treat unexpected emails about your saved accounts
with extra suspicion over the coming months.

Customers with weak or reused master passwords should change the passwords of their most
important accounts as well. The company has promised to encrypt URLs and other metadata by
default in an update due later this year, which would bring it in line with several
competitors that already do so.

@@ eu-cyber-resilience-act-deadlines
If you buy a smart speaker, a baby monitor or a budget router in Europe a couple of years
from now, it will come with a promise that most connected gadgets have never made before:
security updates for a defined period, and a manufacturer that is legally responsible for
fixing known vulnerabilities.

That is the practical effect of the Cyber Resilience Act, the European Union regulation that
sets baseline security requirements for almost any product with digital elements. The law
entered into force at the end of 2024, and its obligations phase in over the following three
years.

## The key dates

Manufacturers have to report actively exploited vulnerabilities and serious incidents to
authorities from September 2026. The full set of requirements, including secure-by-default
configuration and a support period that reflects how long customers can expect to use a
product, applies from December 2027.

Products that meet the rules will carry the familiar CE mark. Those that do not can be
withdrawn from the market, and companies face fines of up to €15 million or 2.5 percent of
global turnover, whichever is higher.

## What changes for shoppers

For consumers, the most visible change should be information. Manufacturers must state the
end date of the support period at the point of sale, so buyers can compare how long a cheap
camera will be patched against a more expensive one. Default passwords shared across every
unit are effectively outlawed, and updates must be available free of charge.

Open-source developers were worried that the original draft would make volunteers liable for
code they give away. The final text carves out non-commercial projects and introduces a
lighter regime for the foundations that steward widely used software.

Industry groups still warn that small hardware makers will struggle with the paperwork, and
some low-cost products may simply disappear from European shelves. Consumer organisations
argue that this is the point: a device that cannot be kept secure should not be sold in the
first place. Either way, the era of “ship it and forget it” for connected gadgets in Europe
is coming to an end.

@@ zero-day-browser-patch-emergency
Google and Microsoft have released emergency updates for Chrome and Edge to fix a zero-day
vulnerability that is already being exploited in the wild. Both companies are urging users
to restart their browsers as soon as possible to make sure the patch is applied.

The flaw is a type-confusion bug in the V8 JavaScript engine, the component that runs code
on web pages. In practice, that means an attacker could compromise a machine simply by
persuading the victim to visit a booby-trapped site, without any further clicks or
downloads.

## Limited details, for now

As is usual for actively exploited bugs, Google has withheld technical details until most
users have updated. The company said only that it is “aware that an exploit exists in the
wild” and credited its own threat analysis team with the discovery, which often indicates
that the attack was spotted in a targeted campaign rather than mass exploitation.

Microsoft shipped a corresponding Edge update within a day, since both browsers share the
Chromium codebase. Other Chromium-based browsers, including Brave, Opera and Vivaldi, are
expected to follow with their own releases.

This is the sixth Chrome zero-day fixed so far this year, a rate broadly in line with
previous years. Browser engines remain one of the most valuable targets for commercial
spyware vendors, because a single working exploit can reach billions of devices.

## How to update

Chrome and Edge update themselves automatically, but the fix is only active after a restart.
To check, open the browser menu, go to the help or about section, and let the browser look
for updates. If a relaunch button appears, use it.

Organisations that manage browsers centrally should push the update through their usual
tools and confirm that relaunch policies are not holding it back. Security teams often
discover that a significant share of employees have kept the same browser session open for
weeks, which leaves the patch downloaded but not running. For a bug like this one, that gap
matters more than the download itself.

@@ deepfake-voice-scam-finance-team
A mid-sized logistics company has lost $4.3 million after criminals used an AI-generated
imitation of its chief financial officer’s voice to instruct a junior finance employee to
wire money to accounts in three countries.

The fraud, described in a police statement and confirmed by the company, unfolded over two
days. It began with an email that appeared to come from the CFO, asking for discretion about
a confidential acquisition. That was followed by a phone call in which the employee heard
what sounded exactly like the executive, complete with his usual phrases and a slight cough
that colleagues recognised.

## Voice cloning goes mainstream

Creating a convincing voice clone used to require hours of clean audio. Today, a few minutes
of recorded speech is often enough, and senior executives usually have plenty of that online
in the form of conference talks, earnings calls and podcast interviews.

“The technology is not the hard part any more,” said a fraud investigator at a European
bank. “What the criminals are really selling is the social engineering around it: the
pressure, the secrecy, the sense that the boss is counting on you personally.”

The employee reportedly raised doubts before the final transfer, but was reassured during a
second call. By the time the real CFO returned from a business trip and the finance team
compared notes, most of the money had been moved onwards through cryptocurrency exchanges.

## Defences that actually work

Security specialists say the answer is process rather than detection software. Tools that
claim to spot synthetic voices exist, but they are easily fooled by phone-line compression
and background noise. Companies that have avoided similar losses tend to rely on a few
simple rules:

- no payment instruction is valid unless it is confirmed through a second, pre-agreed
  channel
- staff are explicitly allowed to delay urgent requests from senior executives
- large transfers to new beneficiaries always require two approvers

Police said the investigation is continuing, and that they have frozen a small part of the
stolen funds. The company has not disclosed whether it expects to recover the rest through
insurance.

@@ galaxy-fold-seven-hands-on
The first thing you notice when you pick up the newest book-style foldable is how little it
feels like a compromise. Closed, it is barely thicker than a regular phone with a case on;
open, it is thin enough that you start worrying about dropping it rather than about how
heavy it is.

I spent about an hour with a pre-production unit at a briefing in Seoul, and while that is
not long enough for a proper review, it is enough to say that the category has crossed an
important line. This no longer feels like a prototype that happens to be on sale.

## The crease has not gone away

Run a finger down the middle of the inner display and you will still feel it. The crease is
shallower than on previous generations, and under office lighting it almost disappears when
you look at the screen head-on, but at an angle, or with a white background, it is there.

Whether that matters depends on how you use the phone. Reading long articles on the big
screen was a pleasure; scrolling quickly through a photo gallery made the dip more
noticeable than I expected.

## Cameras and battery

The manufacturer has finally put its full-size main camera sensor into the foldable, which
removes one of the most common reasons people gave for sticking with a conventional
flagship. Early test shots in a dim restaurant looked clean, though I will reserve judgement
until I can compare images on a calibrated monitor.

Battery capacity is unchanged from last year, which is a little disappointing given the
price. The company claims efficiency gains from the new chipset will make up for it, and
that is something we will test properly once retail units arrive.

## First verdict

If you have been waiting for a foldable that does not ask you to accept a chunky hinge and a
second-rate camera, this is the closest anyone has come. The crease and the price are the
two remaining obstacles, and only one of them is likely to shrink before the next
generation. Our full review, with battery and durability testing, will follow in the coming
weeks.

@@ pixel-battery-swelling-support-page
Google has published a support page acknowledging that a number of older Pixel phones may
develop swollen batteries, and says it will repair or replace affected devices free of
charge, even if they are no longer covered by the standard warranty.

The page, which appeared quietly on the company’s help centre on Monday, lists two
generations of Pixel handsets and describes the typical symptoms: a rear panel that begins
to separate from the frame, a display that lifts at one edge, or a phone that no longer sits
flat on a table.

## A software update first

Before repairs begin, Google is rolling out a software update to affected models that
changes how the battery is charged. The update limits the maximum charge and slows charging
when the phone is warm, which the company says reduces stress on ageing cells. Some owners
have reported noticeably shorter battery life after installing it.

“We are taking this step out of an abundance of caution,” Google wrote, adding that the
number of phones showing swelling represents a small percentage of those sold. The company
did not provide a figure.

## How to get a repair

Owners who notice any of the symptoms are told to stop charging the phone and contact
support. Depending on the country, Google is offering:

- a free battery replacement through an authorised repair partner
- a replacement device if a repair is not possible
- a discount voucher towards a new Pixel for phones out of warranty in some markets

Battery swelling is a known failure mode for lithium-ion cells as they age, especially in
devices that spend long periods fully charged and warm, such as phones left on a charger
overnight every night. Most manufacturers now include some form of adaptive charging to
reduce that stress, but older phones did not always ship with it enabled by default.

Repair advocates welcomed the programme but noted that it would not have been necessary if
batteries were easier to replace at home. New European rules will require user-replaceable
batteries in phones from 2027, a change that could make announcements like this one much
less disruptive for owners.

@@ iphone-eu-sideloading-one-year-later
When Apple opened the iPhone to alternative app marketplaces in the European Union, critics
and supporters alike predicted a dramatic shift. One year later, the picture is more modest:
a handful of stores are up and running, a few well-known apps have used them, and the vast
majority of iPhone owners have never noticed any change.

The change was forced by the Digital Markets Act, which requires large “gatekeeper”
platforms to allow competing app stores and payment systems. Apple complied, but with a new
set of fees and a notarisation process that developers say made the alternatives far less
attractive than they could have been.

## Who used the new stores

The most visible success stories have come from games and emulators, categories that were
previously restricted or banned from the App Store. A small number of independent developers
also moved apps that had repeatedly been rejected during review.

Large companies, on the other hand, largely stayed put. The combination of a per-install fee
beyond a certain threshold and uncertain customer demand meant that, for most, the
arithmetic did not work.

“The choice exists on paper, but every door has a toll booth in front of it,” said the
founder of one alternative store, who asked us not to name the company while it negotiates
with Apple over the terms.

## What regulators think

The European Commission has opened proceedings to examine whether Apple’s fee structure and
the warnings shown to users during installation are compatible with the law. Apple argues
that its rules are necessary to protect users from malware and fraud, and points out that
the alternative stores it has approved are functioning.

For ordinary iPhone owners in the EU, little has changed day to day. The App Store remains
the default, and installing an alternative marketplace takes several steps and a series of
system prompts. Whether that changes will depend less on technology than on the outcome of
the regulatory fight, which could still take years to resolve.

@@ cheap-phones-six-years-updates
A couple of years ago, a phone that cost less than €250 could expect two Android version
upgrades at most, and security patches that arrived whenever the manufacturer got round to
it. Now several budget models come with a promise of six years of updates. That is a
remarkable change, but it raises an obvious question: will the hardware still be pleasant to
use by the end?

Software support is only one part of a phone’s lifespan. The battery, the storage and the
amount of memory all determine whether a six-year-old handset feels usable or merely
functional.

## The battery problem

Most lithium-ion batteries are designed to keep around 80 percent of their capacity after
500 to 800 full charge cycles. For a phone that is charged every day, that threshold arrives
after roughly two to three years. On a cheap phone with a modest battery to begin with, the
drop can be the difference between lasting a full day and needing a top-up at lunchtime.

Battery replacements are possible, but prices at independent repair shops often approach a
third of the phone’s original cost, which makes many owners choose a new device instead.

## Memory and storage

Entry-level phones with 4GB of memory already struggle to keep more than a few apps open.
Each major Android release tends to add features that assume newer hardware, and app
developers rarely optimise for the slowest devices. Storage is another pinch point: 64GB
fills quickly once system updates and a few years of photos accumulate.

“Long software support is great for security and for the second-hand market,” said one
analyst who tracks the mid-range segment. “But a long promise on a weak phone can become a
promise to keep a frustrating device safe.”

## Our advice

If you are buying a budget phone with the goal of keeping it for many years, prioritise at
least 6GB of memory and 128GB of storage, and check whether the battery can be replaced at a
reasonable price. The update promise is a genuine improvement, but it works best when the
hardware has enough headroom to last as long as the software does.

@@ satellite-sos-messaging-android
Emergency texting over satellite, until recently a feature limited to a few expensive
flagships, is coming to mid-range Android phones this year. Two chipmakers have confirmed
that their latest modem designs support satellite messaging, and several phone makers have
said the feature will appear in models priced below $500.

The technology lets a phone send short text messages to emergency services or to chosen
contacts when there is no mobile coverage at all, as long as the user has a clear view of
the sky. Messages are compressed and relayed through satellites in low Earth orbit, which
means they can take anything from a few seconds to a few minutes to get through.

## Not a replacement for a signal

Satellite messaging is slow by design. Users are typically guided through a short
questionnaire so that the most important information, such as the nature of the emergency
and the number of people involved, can be sent in as few bytes as possible. Photos and voice
calls are not supported.

Coverage also depends on agreements between satellite operators, mobile networks and
emergency services in each country. Some markets will receive two-way messaging with friends
and family, while others will initially get only emergency texting.

## Cost questions

Manufacturers have so far offered the emergency service free for the first year or two, but
none has committed to keeping it free forever. Non-emergency messaging is expected to be
sold as part of mobile plans or as a paid add-on.

Mountain rescue organisations have welcomed the spread of the feature, while cautioning that
it should not encourage people to take more risks in remote areas. “A phone that can call
for help is wonderful, but it cannot carry you down the mountain,” said a volunteer
coordinator in the Alps.

For buyers, the practical tip is to check the feature is enabled in your country before
relying on it, and to try the built-in demo mode, which simulates connecting to a satellite
without sending a real message. Knowing how to point the phone at the sky before an
emergency will save precious minutes during one.

@@ phone-repairability-scores-france
Since 2021, every phone sold in France has carried a repairability score on a scale of one
to ten, displayed in shops and online next to the price. Early on, critics dismissed it as a
box-ticking exercise that manufacturers could easily game. Three years later, there is
evidence that it is nudging the industry in a more repairable direction.

The score combines several criteria: how easy the device is to take apart, the availability
and price of spare parts, access to repair documentation and how long software updates are
provided. Manufacturers calculate their own scores, but authorities can check and penalise
misleading claims.

## What has changed

Average scores for new phones have risen steadily. Part of that increase comes from better
documentation and longer parts availability, which cost manufacturers relatively little. But
some design changes have followed as well, including batteries held in place with pull tabs
or removable adhesive instead of permanent glue, and screws replacing clips in places that
commonly break.

Repair shops say that parts from some brands are now easier to order. Prices remain high for
displays, though, and a cracked screen on a flagship phone can still cost more to fix than a
new budget handset.

## From repairability to durability

France is now moving from a repairability index to a broader durability index, which adds
reliability testing and upgradability to the score. The European Union is introducing its
own energy label for phones and tablets, which includes a repairability class and
information about drop resistance and battery endurance.

“The score is not perfect, but it made repair a selling point rather than an afterthought,”
said a spokesperson for a consumer association in Paris. “Once shoppers compare numbers,
manufacturers compete on them.”

For buyers outside France, the scores are still useful: they are published online for every
model, and they offer one of the few consistent ways to compare how easy a phone will be to
keep running once the warranty ends.

@@ arm-laptops-battery-test
Arm-based Windows laptops have been sold on one big promise: battery life that finally
rivals the MacBook. To find out whether that holds up, we ran twelve recent Arm laptops
through the same battery test, alongside four Intel and AMD machines for comparison.

Our test loops a mix of web browsing, video calls and document editing at a fixed screen
brightness of 200 nits, with Wi-Fi on and background apps representative of a typical office
day. Each laptop was tested twice, and we report the average.

## The headline numbers

The best Arm machine lasted just over 19 hours, and the median result across all twelve was
a little under 15 hours. The four x86 laptops ranged from nine to thirteen hours, with the
newest low-power Intel chip coming closest to the Arm pack.

The gap narrows considerably under heavier workloads. When we switched to a test that
includes photo exports and code compilation, several Arm laptops lost their advantage, in
part because some of our test apps still run through emulation.

## Screens matter as much as chips

The biggest variable was not the processor but the display. Two otherwise identical laptops
from the same manufacturer differed by more than four hours, and the only significant
difference between them was a brighter, higher-resolution OLED panel on the shorter-lived
model.

Battery capacity matters too. Thin and light designs with smaller batteries finished well
behind chunkier rivals, even when they shared the same chip.

## Our verdict

Arm laptops deliver on the battery promise for everyday office work, and for most people the
compatibility problems of a few years ago are gone. If you rely on specialist software,
check whether it runs natively before you buy. And if battery life is your priority, choose
a model with a matte LCD display and the largest battery you can find: the chip gets the
headlines, but the screen decides how long you can stay away from the plug.

@@ windows-10-end-of-support-options
Microsoft has stopped issuing free security updates for Windows 10, ending a decade of
support for the most widely used version of Windows. Hundreds of millions of PCs are still
running it, and many of them cannot be upgraded to Windows 11 because of its stricter
hardware requirements. If yours is one of them, here are your options, ranked from best to
worst.

## 1. Upgrade to Windows 11 if you can

If your PC meets the requirements, the upgrade is free and takes about an hour. Open Windows
Update, check for updates and look for the Windows 11 offer. Back up your files first, even
though the process keeps them in place.

## 2. Enrol in Extended Security Updates

Microsoft is offering a year of Extended Security Updates to home users. In most regions,
the enrolment can be completed by syncing settings to a Microsoft account or redeeming
reward points, and a paid option exists as well. It buys you time, but it is not a long-term
solution.

## 3. Switch to Linux or ChromeOS Flex

Older hardware often runs very well with a lightweight Linux distribution or Google’s
ChromeOS Flex. Both are free. The trade-off is software compatibility: if you rely on
specific Windows applications, test them carefully before wiping the drive.

## 4. Buy a new computer

For very old machines, replacement may make the most sense. If you go this way, consider
recycling or donating the old PC after wiping it, and check whether the retailer runs a
trade-in scheme.

## 5. Keep using Windows 10 unprotected

This is the option we recommend against. An unpatched operating system becomes steadily more
vulnerable as new flaws are discovered and not fixed. If you must keep an old Windows 10
machine, disconnect it from the internet or restrict it to a single offline task.

Whatever you choose, do not leave the decision until something goes wrong. Security
researchers expect attackers to focus on unpatched Windows 10 systems in the coming months,
and a ransomware infection is a much more expensive way to discover that your computer
needed replacing.

@@ usb-c-cables-labels-explained
USB-C was supposed to end the drawer full of mismatched cables. In one sense it has: the
same connector now charges phones, laptops, headphones and game controllers. But the
connector is only the shape of the plug. What travels through it can vary enormously, and
two cables that look identical may differ in speed by a factor of eighty.

The cheapest USB-C cables, often bundled with accessories, only support USB 2.0 data rates
of 480 megabits per second. That is fine for charging and syncing a phone, but painfully
slow for copying files to an external SSD. At the other end, full-featured cables support 40
or even 80 gigabits per second, enough to drive external displays and fast storage at the
same time.

## Power is another variable

Cables also differ in how much power they can carry. Most are rated for 60 watts, which
covers phones and many small laptops. Cables rated for 100 watts or 240 watts contain a
small chip that tells the charger it is safe to deliver more current. Use a 60-watt cable
with a powerful laptop charger and it will still work, just more slowly.

## Reading the new logos

The USB Implementers Forum introduced simplified logos that print the speed and power rating
directly on the packaging and, ideally, on the connector. Look for markings such as:

- USB 20Gbps or USB 40Gbps for data speed
- 60W or 240W for the maximum charging power
- a Thunderbolt lightning symbol for cables certified for Thunderbolt docks

Not every manufacturer uses the logos, and unbranded cables from marketplaces frequently
make claims they do not meet. In our own tests of fifteen budget cables, four failed to
reach their advertised data speed.

The simplest advice is to keep one good, certified cable for data and docking, label it, and
use the cheaper ones for charging. If you have a cable of unknown origin, connecting an
external SSD and timing a large file copy will quickly tell you which category it belongs
to.

@@ ram-prices-rising-ai-servers
Prices for memory chips have risen for the third consecutive quarter, and analysts expect
the increases to reach shoppers buying laptops, phones and upgrade kits in the coming
months. The cause is not a shortage of factories but a change in what those factories are
making.

AI servers rely on high-bandwidth memory, a type of DRAM stacked in layers and packaged next
to the accelerator chips. It is far more profitable than conventional memory, and the three
major manufacturers have shifted a growing share of their production capacity to it. Each
wafer devoted to high-bandwidth memory is a wafer not used for the memory that goes into
consumer devices.

## Contract prices up sharply

Contract prices for conventional DRAM, which PC and phone makers negotiate in bulk, rose by
double-digit percentages over the last quarter, according to market research firms. Prices
for NAND flash storage have also increased, though less steeply.

Manufacturers had spent much of the previous two years cutting production after a slump in
demand, so inventories were already lean when the AI boom accelerated. Building new
fabrication capacity takes years, which means the imbalance is unlikely to correct itself
quickly.

## What it means for buyers

Laptop makers typically absorb cost increases for a while before passing them on, so the
effect will be gradual. Analysts expect entry-level laptops to be hit first, because memory
makes up a larger share of their bill of materials. Some manufacturers may respond by
shipping configurations with less memory rather than raising prices.

“The consumer market is competing for capacity against customers who will pay almost
anything for AI hardware,” one industry analyst said. “That is not a fight consumer
electronics is going to win this year.”

If you were planning to upgrade the memory in a desktop PC or buy a new laptop, there is a
reasonable case for doing it sooner rather than later. Prices for upgrade kits at retail
have already started to rise, and most forecasts suggest they will not fall back before the
end of next year.

@@ framework-style-modular-laptop-review
Modular laptops make a bold promise: buy once, then upgrade the parts that age instead of
replacing the whole machine. After two months with the latest modular 13-inch laptop, I can
say that the promise largely holds. I can also say that the hinge is the weakest part of an
otherwise impressive machine.

The laptop arrives as a kit if you want it to. Installing the memory, the SSD and the
operating system took me about forty minutes, guided by clear instructions and a screwdriver
that is included in the box. Every screw is labelled, and each part has a QR code that links
to a repair guide.

## Upgrades that work

During the review period I swapped the mainboard for a newer model, a process that took
under half an hour and gave me a noticeably faster laptop while keeping the chassis, screen,
keyboard and battery. The old mainboard can be reused as a small desktop computer with an
optional case, which is a nice touch.

The expansion card system is equally clever. Ports are small modules that slide into four
bays, so you can choose between USB-C, USB-A, HDMI, Ethernet or an extra storage card and
rearrange them whenever you like.

## Where it falls short

The display hinge wobbles when you type on a train or a plane. It is not a deal-breaker, but
it is noticeable in a machine at this price. Battery life was also only average in our
standard test, at around ten hours, well short of the best Arm laptops.

Speakers are thin, and the webcam is adequate rather than good. The aluminium chassis flexes
slightly if you press on the keyboard deck.

## Verdict

If you value repairability and plan to keep a laptop for many years, this is the most
convincing option available. If you just want the longest battery life or the sturdiest
build for the money, mainstream ultrabooks still do better. The ideal buyer is someone who
sees the second mainboard upgrade as part of the purchase, not an afterthought.

@@ open-source-office-suite-government
A German state government says it has finished moving around 30,000 workstations from
proprietary office software to open-source alternatives, completing a migration that began
three years ago and that officials describe as a question of digital sovereignty rather than
cost.

Civil servants in ministries, schools administration and the police now use an open-source
office suite for documents, spreadsheets and presentations, with email and calendars running
on a self-hosted groupware platform. A separate project to move desktop computers to Linux
is under way and expected to take another two years.

## Why sovereignty matters

Officials say the main motivation was control. Relying on a single foreign vendor for
software that holds sensitive government data left the administration exposed to licence
price increases, changes in terms of service and legal questions about data access by
foreign authorities.

“We want to decide for ourselves where our data is stored and who can update the software
our administration runs on,” the state’s digital minister said at a press conference on
Tuesday.

## Lessons learned

Not everything went smoothly. Staff complained about formatting problems when exchanging
documents with federal agencies and private companies that still use proprietary formats.
The state responded by standardising on the OpenDocument format for internal use, providing
conversion tools and running training sessions for more than 8,000 employees.

Some specialist applications, particularly macros used in finance and tax departments, had
to be rewritten. The project team says this was the most time-consuming part of the
migration.

Previous migrations elsewhere in Germany have been partly reversed, most famously in Munich,
where the city returned to proprietary software after years on Linux. Observers say this
project differs because it has been planned as a long-term programme with dedicated funding
and political backing across party lines.

Other European governments are watching closely. Denmark and several French ministries have
announced similar plans, and the European Commission has launched its own initiative to
reduce dependency on a handful of large technology suppliers. If the German state’s system
holds up through the next budget cycle, it may become the template that others follow.

@@ ai-coding-assistants-junior-developers
Two years ago, the first task many junior developers were given was to write small,
well-defined pieces of code: a data migration script, a unit test, a form validation rule.
Today, AI coding assistants can produce a plausible first draft of most of those tasks in
seconds. That is changing what new developers spend their time on, and what they learn.

We spoke to engineering managers at seven companies, from a ten-person startup to a
multinational bank, about how they are adapting their training programmes.

## Reading more, writing less

The most consistent change is a shift from writing code to reviewing it. Several managers
said they now ask juniors to explain generated code line by line before it is merged, and to
write tests that would catch the mistakes an assistant typically makes.

“The risk is that someone ships code they could not have written themselves and cannot debug
when it breaks,” said a principal engineer at a payments company. “So we grade
understanding, not output.”

## Fundamentals are back in fashion

Somewhat counter-intuitively, several teams have increased the time juniors spend on
fundamentals such as data structures, networking and how databases handle concurrency.
Managers said that developers who understand those topics are much better at spotting when a
suggestion is subtly wrong.

Some companies also restrict assistant use during the first weeks of onboarding, so that new
hires build a mental model of the codebase before relying on autocomplete.

## Fewer entry-level roles?

The harder question is whether there will be as many entry-level jobs in the first place.
Hiring data suggests that postings for junior developers have fallen faster than those for
senior roles, though economists caution that higher interest rates and the end of
pandemic-era hiring booms explain much of that decline.

Most of the managers we spoke to insisted that they still need juniors, if only because
every senior engineer was once one. What is changing is the apprenticeship itself: less time
typing boilerplate, more time learning to judge whether a piece of code deserves to exist at
all.

@@ small-language-models-on-device
While the largest AI models keep getting bigger, a quieter trend is moving in the opposite
direction. Small language models, with a few billion parameters or fewer, are now capable
enough to run entirely on a laptop or phone, and they are starting to power everyday
features without sending your data to the cloud.

Operating system vendors have begun shipping such models as part of the system itself. They
handle tasks like summarising notifications, rewriting a paragraph in a different tone, or
extracting dates and addresses from an email. None of these requires the broad knowledge of
a frontier model, but all of them benefit from speed and privacy.

## Why smaller can be better

Running a model locally has obvious advantages. Responses arrive without network latency,
the feature works offline, and personal data such as messages and documents never leave the
device. For companies, it also means not paying for server capacity every time a user taps a
button.

The trade-offs are just as clear. Small models make more factual mistakes, have limited
context windows, and struggle with complex reasoning. Developers typically narrow their use
to well-defined tasks and combine them with conventional software that checks the output.

## Hardware is catching up

Dedicated neural processing units in recent laptops and phones can run these models
efficiently enough that battery drain is modest. Memory is the main constraint: a compressed
model with three billion parameters needs roughly two gigabytes of memory, which is one
reason manufacturers have been raising the minimum memory in their devices.

Open-weight small models have also improved quickly, giving developers alternatives to the
built-in system models. Hobbyists now run capable chat assistants on hardware as modest as a
single-board computer.

The likely future is a hybrid: simple requests handled on the device, and harder ones passed
to a larger model in the cloud, ideally with the user’s consent. For most people, the best
sign of success will be that they do not notice which is which.

@@ ai-act-general-purpose-models-rules
The European Union’s rules for general-purpose AI models have started to apply, marking the
first major milestone of the AI Act for the companies that build large language models and
other foundation models.

Providers of such models now have to publish a summary of the content used to train them,
maintain technical documentation for regulators and downstream developers, and put in place
a policy to respect copyright law, including opt-outs expressed by rights holders.

## Extra duties for the largest models

Models deemed to pose “systemic risk”, a category defined largely by the amount of computing
power used to train them, face additional obligations. Their providers must evaluate and
mitigate risks, report serious incidents to the new European AI Office, and ensure an
adequate level of cybersecurity protection.

A voluntary code of practice, drafted with input from industry, academics and civil society,
sets out how companies can demonstrate compliance. Several major developers have signed it;
at least one has declined, arguing that it goes beyond what the law requires.

## A gradual timeline

The AI Act entered into force in 2024 and phases in over several years. Bans on certain
practices, such as social scoring by public authorities, applied first. Rules for high-risk
systems used in areas like hiring, education and critical infrastructure will follow later.

Models already on the market before the deadline have an additional two years to comply,
which means the immediate impact on products people use today will be limited.

“This is the moment the law stops being a document and starts being a relationship between
companies and a regulator,” said a digital policy researcher in Brussels. “How the AI Office
uses its powers in the first year will matter more than any article of the text.”

Critics from industry warn that the compliance burden will slow European startups, while
civil society groups argue that the rules were weakened during negotiations. Both sides
agree on one thing: the first enforcement decisions will show whether the EU’s approach
becomes a global reference or a cautionary tale.

@@ datacenter-water-use-ai
When people talk about the environmental cost of artificial intelligence, they usually mean
electricity. But the data centres that train and run AI models also consume large amounts of
water, mostly to keep their servers cool, and that footprint is drawing increasing attention
from local communities and regulators.

Many data centres use evaporative cooling, in which water absorbs heat and evaporates, much
like sweat cooling the human body. It is energy-efficient, but the water that evaporates is
gone from the local supply. A single large facility can consume millions of litres on a hot
day.

## Where the water comes from matters

The impact depends heavily on location. A data centre in a cool, wet region that draws on
plentiful river water has a very different effect from one in an arid area that relies on
drinking water from municipal supplies. Several of the fastest-growing data centre markets
are in regions that already face water stress.

Technology companies publish annual water figures in their sustainability reports, and most
have reported significant increases in recent years, which they partly attribute to AI
workloads. Researchers have tried to estimate the water used per AI query, but the numbers
vary widely because they depend on the model, the hardware, the weather and the cooling
system.

## Cooling alternatives

Operators are experimenting with approaches that use less water:

- closed-loop liquid cooling that pipes coolant directly to the chips
- air cooling in colder climates, sometimes called free cooling
- recycled or non-potable water instead of drinking water

Each option has trade-offs. Closed-loop systems use less water but more electricity, and
moving to colder regions can mean longer distances from users.

Local opposition has already delayed or reshaped several projects, with residents asking for
guarantees about water use before permits are granted. Some municipalities now require
operators to disclose expected consumption upfront.

“Data centres are infrastructure, and infrastructure has to be planned with the community
that hosts it,” said a water resources engineer who has advised local governments. The next
generation of AI facilities will be judged not only on how much computing power they
deliver, but on what they take from the places they are built.

@@ chatbot-hallucinated-refund-policy-ruling
A consumer tribunal has ruled that a company must honour a refund policy that its customer
service chatbot described to a customer, even though the policy did not actually exist. The
decision is being read as a warning to businesses that deploy AI assistants without checking
what they say.

The case began when a customer asked the company’s website chatbot whether he could claim a
partial refund after booking a trip at full price. The chatbot told him he could apply
within ninety days and explained the process. When he did, the company refused, pointing to
a different page on its website that said no such refunds were available.

## “The chatbot is part of the website”

The company argued that the chatbot was a separate source of information and that the
customer should have checked the official policy page. The tribunal disagreed. It found that
the company was responsible for all the information on its website, whether it came from a
static page or an automated assistant, and that the customer had reasonably relied on what
he was told.

The amount at stake was small, a few hundred dollars plus fees, but the reasoning has
attracted attention far beyond the original dispute.

## Lessons for businesses

Lawyers say the ruling is consistent with long-standing consumer protection principles
rather than a new rule for AI. A company cannot disown statements made by its
representatives simply because they were wrong, and an automated representative is no
different.

Several companies have since tightened their chatbot deployments, limiting them to answering
from approved documents and adding clear links to authoritative policy pages. Others have
added disclaimers, although consumer advocates doubt those would protect a company in a
similar case.

“If you put a chatbot in front of your customers, you are publishing what it says,” one
consumer lawyer said. “Treat it like any other channel: test it, monitor it, and be prepared
to stand behind it.”
"""


# --------------------------------------------------------------------------- helpers


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


def parse_bodies(source: str) -> dict[str, list[tuple[str, object]]]:
    """Parse the BODIES mini-format: ``@@ slug`` starts an article; blocks are separated by
    blank lines; ``## `` is a subheading; ``- `` starts a list item (continued by lines
    indented with two spaces); other blocks are paragraphs whose lines are joined."""
    bodies: dict[str, list[tuple[str, object]]] = {}
    current: list[tuple[str, object]] = []
    for chunk in source.split("\n@@ ")[1:]:
        slug, _, text = chunk.partition("\n")
        current = bodies.setdefault(slug.strip(), [])
        for block in text.strip().split("\n\n"):
            lines = block.split("\n")
            if lines[0].startswith("## "):
                current.append(("h2", lines[0][3:].strip()))
            elif lines[0].startswith("- "):
                items: list[str] = []
                for line in lines:
                    if line.startswith("- "):
                        items.append(line[2:])
                    else:
                        items[-1] += " " + line.strip()
                current.append(("ul", items))
            else:
                current.append(("p", " ".join(line.strip() for line in lines)))
    return bodies


def paragraphs(article: Article) -> list[str]:
    return [str(text) for kind, text in article.body if kind == "p"]


def human_date(iso: str) -> str:
    d = datetime.fromisoformat(iso)
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def author_link(key: str, extra: str = "") -> str:
    a = AUTHORS[key]
    return f'<a href="/author/{a.key}"{extra}>{esc(a.name)}</a>'


def join_names(parts: list[str], last_sep: str = " and ") -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + last_sep + parts[-1]


def article_href(article: Article) -> str:
    return article.path or ""


def related_href(article: Article) -> str:
    """How other pages link to *article* in "related" lists (sometimes through an alias)."""
    if article.related_href == "amp":
        return article.amp_path
    if article.related_href == "slash":
        return f"{article.path}/"
    if article.related_href:
        return f"{article.path}{article.related_href}"
    return article_href(article)


def aliases(article: Article) -> list[str]:
    out = []
    if article.home_alias:
        out.append(f"{article.path}{article.home_alias}")
    if article.related_href:
        out.append(related_href(article))
    if article.amp and article.amp_path not in out:
        out.append(article.amp_path)
    if article.print_copy:
        out.append(article.print_path)
    if article.syndicated:
        out.append(article.syndicated_path)
    if article in latest(FEED_SIZE):
        out.append(f"{article.path}{RSS_TRACKING}")
    return out


def latest(n: int | None = None, articles: list[Article] | None = None) -> list[Article]:
    pool = ARTICLES if articles is None else articles
    ordered = sorted(pool, key=lambda a: (a.date, a.slug), reverse=True)
    return ordered[:n] if n else ordered


def section_articles(section: str) -> list[Article]:
    return latest(None, [a for a in ARTICLES if a.section == section])


# --------------------------------------------------------------------------- page chrome


def head(title: str, canonical: str, extra: str = "", description: str = "") -> str:
    desc = f'<meta name="description" content="{attr(description)}">\n' if description else ""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{desc}<link rel="canonical" href="{BASE}{canonical}">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/site.css">
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} – latest" href="/feed.xml">
{extra}</head>
"""


def top(active: str = "") -> str:
    current = ' aria-current="page"'
    nav = "\n".join(
        f'<li><a href="/section/{key}"{current if key == active else ""}>{name}</a></li>'
        for key, name in SECTIONS.items()
    )
    return f"""<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
<p>{esc(COOKIE_TEXT)} <a href="/about#privacy">Read our privacy policy</a>.</p>
<button type="button" data-consent="accept">Accept all</button>
<button type="button" data-consent="reject">Reject all</button>
<button type="button" data-consent="manage">Manage preferences</button>
</div>
<header class="site-header">
<a class="logo" href="/"><img src="/assets/logo.svg" alt="{SITE_NAME}" width="180" height="32"></a>
<nav class="main-nav" aria-label="Main">
<ul>
<li><a href="/">Home</a></li>
{nav}
<li><a href="/about">About</a></li>
</ul>
</nav>
<form class="search" action="/search" method="get" role="search">
<label for="q" class="visually-hidden">Search</label>
<input id="q" name="q" type="search" placeholder="Search The Circuit Ledger">
</form>
</header>
"""


def newsletter_box() -> str:
    return f"""<aside class="newsletter-signup">
<h2>Get the Circuit Ledger Daily</h2>
<p>{esc(NEWSLETTER_TEXT)}</p>
<form action="/newsletter/subscribe" method="post">
<label for="nl-email">Your email address</label>
<input id="nl-email" name="email" type="email" required>
<button type="submit">Sign me up</button>
</form>
<p class="small-print">{esc(NEWSLETTER_SMALL)}</p>
</aside>
"""


def bottom() -> str:
    sections = "\n".join(
        f'<li><a href="/section/{key}">{name}</a></li>' for key, name in SECTIONS.items()
    )
    return f"""<footer class="site-footer">
<div class="footer-columns">
<ul class="footer-sections">
{sections}
</ul>
<ul class="footer-links">
<li><a href="/about">About us</a></li>
<li><a href="/about#contact">Contact</a></li>
<li><a href="/about#privacy">Privacy policy</a></li>
<li><a href="/about#terms">Terms &amp; conditions</a></li>
<li><a href="/feed.xml">RSS</a></li>
<li><a href="/private/">Staff area</a></li>
</ul>
<ul class="footer-social">
<li><a href="https://twitter.com/circuitledger" rel="me">X / Twitter</a></li>
<li><a href="https://www.facebook.com/circuitledger" rel="me">Facebook</a></li>
<li><a href="https://mastodon.social/@circuitledger" rel="me">Mastodon</a></li>
</ul>
</div>
<p class="legal">© 2026 Circuit Ledger Media Ltd. All rights reserved. {esc(FOOTER_TEXT)}</p>
</footer>
</body>
</html>
"""


# --------------------------------------------------------------------------- articles


def credit_figure(
    style: str, img: str, alt: str, caption: str | None, credit: str | None, css: str = "lead-image"
) -> str:
    """A <figure> whose caption/credit uses one of the markup conventions seen in the wild."""
    img_tag = f'<img src="{img}" alt="{attr(alt)}" width="1200" height="675" loading="lazy">'
    cap = esc(caption or "")
    if style == "techradar":
        body = (
            f'<div class="image-full-width-wrapper"><picture>{img_tag}</picture></div>\n'
            f'<figcaption itemprop="caption description" class="pull-left">'
            f'<span class="credit" itemprop="copyrightHolder">{esc(credit or "")}</span>'
            f"</figcaption>"
        )
    elif style == "span":
        body = (
            f'{img_tag}\n<figcaption><span class="caption-text">{cap}</span> '
            f'<span class="credit">{esc(credit or "")}</span></figcaption>'
        )
    elif style == "photo":
        body = f"{img_tag}\n<figcaption>{cap} {esc(credit or '')}</figcaption>"
    elif style == "small":
        body = (
            f"{img_tag}\n<figcaption>{cap}</figcaption>\n"
            f'<small class="copyright">{esc(credit or "")}</small>'
        )
    elif style == "pipe":
        body = f"{img_tag}\n<figcaption>{cap} | {esc(credit or '')}</figcaption>"
    elif style == "dash":
        body = f"{img_tag}\n<figcaption>{cap} — {esc(credit or '')}</figcaption>"
    elif style == "itemprop":
        return (
            f'<figure class="{css}" itemprop="image" itemscope '
            f'itemtype="https://schema.org/ImageObject">\n'
            f'<img itemprop="contentUrl" src="{img}" alt="{attr(alt)}" width="1200" '
            f'height="675">\n<figcaption><span itemprop="caption">{cap}</span> '
            f'<span class="image-credit">Image: <span itemprop="copyrightHolder">'
            f"{esc(credit or '')}</span></span></figcaption>\n</figure>"
        )
    else:  # caption only: "none", "jsonld_credit", "jsonld_holder"
        body = f"{img_tag}\n<figcaption>{cap}</figcaption>" if caption else img_tag
    return f'<figure class="{css}">\n{body}\n</figure>'


def byline_html(a: Article) -> str:
    keys = a.authors
    if a.byline == "rel":
        links = [author_link(k, ' rel="author"') for k in keys]
        return f'<span class="by-author">By {join_names(links)}</span>'
    if a.byline == "and":
        return f'<p class="byline">By {join_names([author_link(k) for k in keys])}</p>'
    if a.byline == "amp3":
        names = join_names([author_link(k) for k in keys], " &amp; ")
        return f'<p class="byline">By {names}</p>'
    if a.byline == "role":
        return f'<p class="byline">By {author_link(keys[0])}, {esc(a.role or "")}</p>'
    if a.byline == "hcard":
        cards = [
            f'<span class="author vcard"><a class="url fn n" href="/author/{k}">'
            f"{esc(AUTHORS[k].name)}</a></span>"
            for k in keys
        ]
        return f'<span class="byline">by {join_names(cards)}</span>'
    if a.byline == "itemprop_author":
        k = keys[0]
        return (
            f'<div class="article-author" itemprop="author" itemscope '
            f'itemtype="https://schema.org/Person">Written by <a itemprop="url" '
            f'href="/author/{k}"><span itemprop="name">{esc(AUTHORS[k].name)}</span></a>'
            f"</div>"
        )
    return ""  # jsonld_obj, jsonld_list, jsonld_graph, meta: no visible byline


def person(key: str) -> dict:
    return {"@type": "Person", "name": AUTHORS[key].name, "url": f"{BASE}/author/{key}"}


def publisher() -> dict:
    return {
        "@type": "Organization",
        "name": SITE_NAME,
        "url": f"{BASE}/",
        "logo": {"@type": "ImageObject", "url": f"{BASE}/assets/logo.svg"},
    }


def image_object(a: Article) -> dict | str:
    if a.credit_style == "noimage":
        return ""
    if a.credit_style == "jsonld_credit":
        return {
            "@type": "ImageObject",
            "url": BASE + a.image,
            "width": 1200,
            "height": 675,
            "caption": a.caption,
            "creditText": a.credit_raw,
        }
    if a.credit_style == "jsonld_holder":
        return {
            "@type": "ImageObject",
            "url": BASE + a.image,
            "width": 1200,
            "height": 675,
            "copyrightHolder": {"@type": "Organization", "name": a.credit_raw},
        }
    return {"@type": "ImageObject", "url": BASE + a.image, "width": 1200, "height": 675}


def json_ld(a: Article) -> str:
    if a.byline in ("meta", "hcard"):
        return ""
    image = image_object(a)
    if a.byline == "jsonld_graph":
        person_ids = [f"{BASE}/#/schema/person/{k}" for k in a.authors]
        article = {
            "@type": "NewsArticle",
            "@id": f"{a.url}#article",
            "isPartOf": {"@id": f"{a.url}#webpage"},
            "headline": a.title,
            "datePublished": a.published,
            "dateModified": a.modified or a.published,
            "author": [{"@id": pid} for pid in person_ids]
            if len(person_ids) > 1
            else {"@id": person_ids[0]},
            "publisher": {"@id": f"{BASE}/#organization"},
            "image": {"@id": f"{a.url}#primaryimage"},
            "articleSection": [SECTIONS[a.section]],
            "inLanguage": "en-GB",
        }
        img = dict(image) if isinstance(image, dict) else {"@type": "ImageObject"}
        img["@id"] = f"{a.url}#primaryimage"
        graph = [
            article,
            {
                "@type": "WebPage",
                "@id": f"{a.url}#webpage",
                "url": a.url,
                "name": f"{a.title} | {SITE_NAME}",
                "isPartOf": {"@id": f"{BASE}/#website"},
                "primaryImageOfPage": {"@id": f"{a.url}#primaryimage"},
                "breadcrumb": {"@id": f"{a.url}#breadcrumb"},
            },
            img,
            {
                "@type": "BreadcrumbList",
                "@id": f"{a.url}#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{BASE}/"},
                    {
                        "@type": "ListItem",
                        "position": 2,
                        "name": SECTIONS[a.section],
                        "item": f"{BASE}/section/{a.section}",
                    },
                    {"@type": "ListItem", "position": 3, "name": a.title},
                ],
            },
            {
                "@type": "WebSite",
                "@id": f"{BASE}/#website",
                "url": f"{BASE}/",
                "name": SITE_NAME,
                "publisher": {"@id": f"{BASE}/#organization"},
            },
            dict(publisher(), **{"@id": f"{BASE}/#organization"}),
        ]
        graph += [
            {"@type": "Person", "@id": pid, "name": AUTHORS[k].name, "url": f"{BASE}/author/{k}"}
            for pid, k in zip(person_ids, a.authors, strict=True)
        ]
        data: dict = {"@context": "https://schema.org", "@graph": graph}
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": a.url},
            "headline": a.title,
            "datePublished": a.published,
            "dateModified": a.modified or a.published,
            "articleSection": SECTIONS[a.section],
            "publisher": publisher(),
        }
        if image:
            data["image"] = image
        if a.byline in ("rel", "role", "and", "itemprop_author", "jsonld_obj"):
            data["author"] = (
                person(a.authors[0]) if len(a.authors) == 1 else [person(k) for k in a.authors]
            )
        elif a.byline == "jsonld_list":
            data["author"] = [person(k) for k in a.authors]
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def body_html(a: Article) -> str:
    out = []
    n_par = 0
    for kind, value in a.body:
        if kind == "p":
            out.append(f"<p>{esc(str(value))}</p>")
            n_par += 1
            if a.inline and a.inline[0] == n_par:
                _, style, caption, credit = a.inline
                out.append(
                    credit_figure(
                        style,
                        f"/images/{a.published[:4]}/{a.slug}-2.jpg",
                        caption or "Illustration",
                        caption,
                        credit,
                        css="inline-image",
                    )
                )
        elif kind == "h2":
            out.append(f"<h2>{esc(str(value))}</h2>")
        else:
            items = "\n".join(f"<li>{esc(item)}</li>" for item in value)  # type: ignore[union-attr]
            out.append(f"<ul>\n{items}\n</ul>")
    return "\n".join(out)


def share_bar(a: Article) -> str:
    printable = (
        f'\n<li><a class="share-print" href="{a.print_path}">Print</a></li>' if a.print_copy else ""
    )
    return f"""<div class="social-share">
<span class="share-label">Share this article</span>
<ul>
<li><a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={a.url}">Facebook</a></li>
<li><a class="share-x" href="https://twitter.com/intent/tweet?url={a.url}">X</a></li>
<li><a class="share-linkedin" href="https://www.linkedin.com/sharing/share-offsite/?url={a.url}">LinkedIn</a></li>
<li><a class="share-email" href="mailto:?subject={attr(a.title)}&amp;body={a.url}">Email</a>
</li>{printable}
</ul>
</div>
"""


def bio_box(key: str) -> str:
    au = AUTHORS[key]
    return f"""<div class="author-bio">
<img class="author-photo" src="/images/authors/{key}.jpg" alt="" width="80" height="80">
<div class="author-bio-text">
<p class="author-name"><a href="/author/{key}">{esc(au.name)}</a></p>
<p class="author-role">{esc(au.role)}</p>
<p>{esc(au.bio)}</p>
</div>
</div>
"""


def comments_html(index: int) -> str:
    picked = [COMMENT_PINNED]
    if index % 4 != 3:
        picked.append(COMMENTS[index % len(COMMENTS)])
    if index % 3 != 2:
        picked.append(COMMENTS[(index + 3) % len(COMMENTS)])
    items = "\n".join(
        f'<li class="comment"><p class="comment-author">{esc(name)}</p>'
        f'<p class="comment-body">{esc(text)}</p></li>'
        for name, text in picked
    )
    return f"""<section class="comments" id="comments">
<h2>Comments ({len(picked)})</h2>
<ol class="comment-list">
{items}
</ol>
<form class="comment-form" action="/comments/post" method="post">
<label for="comment-text">Join the conversation</label>
<textarea id="comment-text" name="comment" rows="4"></textarea>
<button type="submit">Post comment</button>
</form>
</section>
"""


def related_html(a: Article) -> str:
    pool = section_articles(a.section)
    i = pool.index(a)
    picks = [pool[(i + k) % len(pool)] for k in range(1, len(pool))][:3]
    items = "\n".join(
        f'<li><a href="{attr(related_href(r))}">{esc(r.title)}</a></li>' for r in picks
    )
    return f"""<section class="related-articles">
<h2>More from {SECTIONS[a.section]}</h2>
<ul>
{items}
</ul>
</section>
"""


def article_page(a: Article, index: int) -> str:
    extra = [
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{SITE_NAME}">',
        f'<meta property="og:title" content="{attr(a.title)}">',
        f'<meta property="og:url" content="{a.url}">',
        f'<meta property="article:published_time" content="{a.published}">',
        f'<meta property="article:section" content="{SECTIONS[a.section]}">',
    ]
    if a.credit_style != "noimage":
        extra.append(f'<meta property="og:image" content="{BASE}{a.image}">')
    if a.modified:
        extra.append(f'<meta property="article:modified_time" content="{a.modified}">')
    if a.byline == "meta":
        extra.append(f'<meta name="author" content="{attr(", ".join(a.names))}">')
    if a.amp:
        extra.append(f'<link rel="amphtml" href="{BASE}{a.amp_path}">')
    head_extra = "\n".join(extra) + "\n" + json_ld(a)
    dek = f'<p class="strapline">{esc(a.dek)}</p>\n' if a.dek else ""
    updated = (
        f' <span class="updated">Updated <time datetime="{a.modified}">'
        f"{human_date(a.modified)}</time></span>"
        if a.modified
        else ""
    )
    byline = byline_html(a)
    meta_line = (
        f'<div class="byline-wrapper">{byline}\n<span class="published">Published '
        f'<time datetime="{a.published}">{human_date(a.published)}</time></span>'
        f"{updated}</div>"
    )
    lead = ""
    if a.credit_style != "noimage":
        lead = (
            credit_figure(a.credit_style, a.image, a.caption or a.title, a.caption, a.credit_raw)
            + "\n"
        )
    tags = ", ".join(f'<a href="/tag/{t}" rel="tag">{TAG_NAMES[t]}</a>' for t in a.tags)
    visible_authors = a.byline not in ("jsonld_obj", "jsonld_list", "jsonld_graph", "meta")
    bios = "".join(bio_box(k) for k in a.authors) if visible_authors else ""
    section = SECTIONS[a.section]
    return (
        head(f"{a.title} | {SITE_NAME}", a.path or "", head_extra, a.dek or paragraphs(a)[0][:150])
        + top(a.section)
        + f"""<main id="main-content" class="article-page">
<nav class="breadcrumbs" aria-label="Breadcrumb">
<ol><li><a href="/">Home</a></li><li><a href="/section/{a.section}">{section}</a></li></ol>
</nav>
<article class="news-article">
<header class="article-header">
<h1>{esc(a.title)}</h1>
{dek}{meta_line}
{lead}</header>
{share_bar(a)}<div id="article-body" class="article-body">
{body_html(a)}
</div>
<footer class="article-footer">
<p class="article-tags">Topics: {tags}</p>
{bios}</footer>
</article>
{newsletter_box()}{related_html(a)}{comments_html(index)}</main>
"""
        + bottom()
    )


# --------------------------------------------------------------------------- alias copies


def plain_byline(a: Article) -> str:
    return "By " + join_names([esc(n) for n in a.names])


def plain_body(a: Article) -> str:
    out = []
    for kind, value in a.body:
        if kind == "p":
            out.append(f"<p>{esc(str(value))}</p>")
        elif kind == "h2":
            out.append(f"<h2>{esc(str(value))}</h2>")
        else:
            out.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in value) + "</ul>")
    return "\n".join(out)


def credit_line(a: Article) -> str:
    if a.credit_style == "noimage":
        return ""
    text = a.caption or ""
    if a.credit:
        text = f"{text} (Credit: {a.credit})".strip()
    return f"<figcaption>{esc(text)}</figcaption>" if text else ""


def amp_page(a: Article) -> str:
    return f"""<!doctype html>
<html ⚡ lang="en">
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<title>{esc(a.title)}</title>
<link rel="canonical" href="{a.url}">
<meta name="viewport" content="width=device-width">
<style amp-boilerplate>body{{visibility:hidden}}</style>
<style amp-custom>body{{font-family:Georgia,serif;margin:0 auto;max-width:40rem;padding:1rem}}
.amp-header{{font-family:sans-serif;font-weight:bold}}</style>
</head>
<body>
<header class="amp-header"><a href="/">{SITE_NAME}</a></header>
<article>
<h1>{esc(a.title)}</h1>
<p class="amp-byline">{plain_byline(a)} ·
<time datetime="{a.published}">{human_date(a.published)}</time></p>
<figure>
<amp-img src="{a.image}" width="1200" height="675" layout="responsive"
 alt="{attr(a.caption or a.title)}"></amp-img>
{credit_line(a)}
</figure>
{plain_body(a)}
</article>
<footer><p>© 2026 Circuit Ledger Media Ltd</p></footer>
</body>
</html>
"""


def print_page(a: Article) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{esc(a.title)} (print version)</title>
<link rel="canonical" href="{a.url}">
<style>body{{font-family:serif;max-width:42rem;margin:2rem auto}}</style>
</head>
<body onload="window.print()">
<p>{SITE_NAME} · print edition</p>
<h1>{esc(a.title)}</h1>
<p>{plain_byline(a)} · {human_date(a.published)}</p>
{plain_body(a)}
</body>
</html>
"""


def syndicated_page(a: Article) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a.title)} – NewsWire Partner Network</title>
<link rel="canonical" href="{a.url}">
<meta name="author" content="{attr(", ".join(a.names))}">
</head>
<body>
<div class="partner-banner">NewsWire Partner Network · syndicated content</div>
<main>
<h1>{esc(a.title)}</h1>
<p class="source">{plain_byline(a)}. This story originally appeared on {SITE_NAME}
and is republished with permission.</p>
{plain_body(a)}
</main>
</body>
</html>
"""


PRIVATE_DRAFT = [
    "EMBARGOED UNTIL FURTHER NOTICE. Our full review of the new book-style foldable is "
    "scheduled for publication once the manufacturer lifts the embargo.",
    "After three weeks with the phone, the battery comfortably lasts a full day and the "
    "crease remains the only real compromise. Do not publish, share or quote this draft.",
]


def private_pages() -> dict[str, str]:
    index = (
        head(f"Staff area | {SITE_NAME}", "/private/")
        + top()
        + """<main id="main-content">
<h1>Staff area</h1>
<p>Drafts awaiting legal review or embargo. Not for publication.</p>
<ul>
<li><a href="/private/drafts/embargoed-foldable-review">Foldable review (embargoed)</a></li>
</ul>
</main>
"""
        + bottom()
    )
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in PRIVATE_DRAFT)
    draft = (
        head(f"DRAFT: Foldable review | {SITE_NAME}", "/private/drafts/embargoed-foldable-review")
        + top()
        + f"""<main id="main-content">
<article class="news-article">
<h1>Review: the thinnest foldable yet, tested for three weeks</h1>
<p class="byline">By {author_link("zoe-castellanos")}</p>
<div class="article-body">
{paras}
</div>
</article>
</main>
"""
        + bottom()
    )
    return {"private/index.html": index, "private/drafts/embargoed-foldable-review.html": draft}


# --------------------------------------------------------------------------- listings


def card(a: Article, href: str | None = None) -> str:
    names = join_names([esc(n) for n in a.names])
    dek = f'\n<p class="card-dek">{esc(a.dek)}</p>' if a.dek else ""
    return (
        f'<li class="card"><h3><a href="{href or a.path}">{esc(a.title)}</a></h3>{dek}\n'
        f'<p class="card-meta"><span class="card-section">{SECTIONS[a.section]}</span> · '
        f'{names} · <time datetime="{a.published}">{human_date(a.published)}</time></p>'
        f"</li>"
    )


def listing_page(
    title: str,
    path: str,
    intro: str,
    items: list[Article],
    active: str = "",
    extra_head: str = "",
    after: str = "",
) -> str:
    cards = "\n".join(card(a) for a in items)
    return (
        head(f"{title} | {SITE_NAME}", path, extra_head, intro)
        + top(active)
        + f"""<main id="main-content" class="listing">
<h1>{esc(title)}</h1>
<p class="listing-intro">{esc(intro)}</p>
<ul class="card-list">
{cards}
</ul>
{after}</main>
"""
        + bottom()
    )


def home_page() -> str:
    newest = latest(12)
    trending = [a for a in latest() if a.home_alias]
    trend = "\n".join(
        f'<li><a href="{attr(a.path + (a.home_alias or ""))}">{esc(a.title)}</a></li>'
        for a in trending
    )
    partners = "\n".join(
        f'<li><a href="{a.syndicated_path}">{esc(a.title)} (via NewsWire)</a></li>'
        for a in ARTICLES
        if a.syndicated
    )
    sections = "\n".join(
        f'<li><a href="/section/{key}">{name}</a></li>' for key, name in SECTIONS.items()
    )
    after = f"""<aside class="trending">
<h2>Trending now</h2>
<ol>
{trend}
</ol>
</aside>
<aside class="partner-content">
<h2>From our partners</h2>
<ul>
{partners}
</ul>
</aside>
<nav class="section-index" aria-label="Sections">
<h2>Browse by section</h2>
<ul>
{sections}
</ul>
</nav>
{newsletter_box()}"""
    return listing_page(
        "The Circuit Ledger: technology news, reviews and analysis",
        "/",
        "Independent reporting on security, phones, computing, AI and gaming.",
        newest,
        after=after,
    )


def section_pages() -> dict[str, str]:
    pages = {}
    for key, name in SECTIONS.items():
        items = section_articles(key)
        chunks = [items[i : i + SECTION_PAGE_SIZE] for i in range(0, len(items), SECTION_PAGE_SIZE)]
        atom = ""
        if key == "security":
            atom = (
                f'<link rel="alternate" type="application/atom+xml" '
                f'title="{name} (Atom)" href="/section/{key}/atom.xml">\n'
            )
        for number, chunk in enumerate(chunks, start=1):
            path = f"/section/{key}" if number == 1 else f"/section/{key}/page/{number}"
            links = []
            if number > 1:
                prev = f"/section/{key}" if number == 2 else f"/section/{key}/page/{number - 1}"
                links.append(f'<a rel="prev" href="{prev}">Newer stories</a>')
            links.append(f"<span>Page {number} of {len(chunks)}</span>")
            if number < len(chunks):
                links.append(
                    f'<a rel="next" href="/section/{key}/page/{number + 1}">Older stories</a>'
                )
            after = '<nav class="pagination" aria-label="Pagination">' + " ".join(links)
            after += "</nav>\n"
            if atom:
                after += (
                    f'<p class="feed-link"><a href="/section/{key}/atom.xml">'
                    f"Subscribe to {name} via Atom</a></p>\n"
                )
            title = name if number == 1 else f"{name} – page {number}"
            intro = f"The latest {name} news, analysis and reviews from {SITE_NAME}."
            html = listing_page(title, path, intro, chunk, key, atom, after)
            file = (
                f"section/{key}/index.html" if number == 1 else f"section/{key}/page/{number}.html"
            )
            pages[file] = html
    return pages


def author_pages() -> dict[str, str]:
    pages = {}
    for key, au in AUTHORS.items():
        items = latest(None, [a for a in ARTICLES if key in a.authors])
        pages[f"author/{key}.html"] = listing_page(
            au.name, f"/author/{key}", f"{au.role}. {au.bio}", items
        )
    return pages


def tag_pages() -> dict[str, str]:
    pages = {}
    for tag in sorted({t for a in ARTICLES for t in a.tags}):
        items = latest(None, [a for a in ARTICLES if tag in a.tags])
        name = TAG_NAMES[tag]
        pages[f"tag/{tag}.html"] = listing_page(
            name, f"/tag/{tag}", f"Everything we have published about {name}.", items
        )
    return pages


def about_page() -> str:
    team = "\n".join(
        f'<li><a href="/author/{k}">{esc(au.name)}</a>, {esc(au.role)}</li>'
        for k, au in AUTHORS.items()
    )
    return (
        head(f"About us | {SITE_NAME}", "/about", "", f"About {SITE_NAME}.")
        + top()
        + f"""<main id="main-content" class="static-page">
<h1>About {SITE_NAME}</h1>
<p>{SITE_NAME} is an independent technology news site. We cover security, phones,
computing, artificial intelligence and gaming for readers who want to know what changed,
why it matters and what to do about it.</p>
<h2>Our team</h2>
<ul>
{team}
</ul>
<h2 id="contact">Contact</h2>
<p>News tips: tips@circuitledger.example. Corrections: corrections@circuitledger.example.</p>
<h2 id="privacy">Privacy</h2>
<p>We use cookies for analytics and advertising, as described in our consent banner. You
can withdraw consent at any time from the preferences link in the banner.</p>
<h2 id="terms">Terms</h2>
<p>All content © Circuit Ledger Media Ltd unless stated otherwise. Some stories are
syndicated to partner sites with a link to the original.</p>
</main>
"""
        + bottom()
    )


# --------------------------------------------------------------------------- feeds, sitemaps


def summary(a: Article) -> str:
    return a.dek or paragraphs(a)[0]


def rss_feed() -> str:
    items = []
    for a in latest(FEED_SIZE):
        cats = "".join(f"<category>{esc(TAG_NAMES[t])}</category>" for t in a.tags)
        items.append(f"""<item>
<title>{esc(a.title)}</title>
<link>{a.url}{esc(RSS_TRACKING)}</link>
<guid isPermaLink="true">{a.url}</guid>
<pubDate>{format_datetime(a.date)}</pubDate>
<dc:creator>{esc(", ".join(a.names))}</dc:creator>
{cats}
<description>{esc(summary(a))}</description>
</item>""")
    body = "\n".join(items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{SITE_NAME}</title>
<link>{BASE}/</link>
<atom:link href="{BASE}/feed.xml" rel="self" type="application/rss+xml"/>
<description>Technology news, reviews and analysis.</description>
<language>en-gb</language>
<lastBuildDate>{format_datetime(latest(1)[0].date)}</lastBuildDate>
{body}
</channel>
</rss>
"""


def atom_feed(section: str) -> str:
    items = section_articles(section)
    entries = []
    for a in items:
        authors = "".join(f"<author><name>{esc(n)}</name></author>" for n in a.names)
        entries.append(f"""<entry>
<title>{esc(a.title)}</title>
<link rel="alternate" type="text/html" href="{a.url}"/>
<id>{a.url}</id>
<published>{a.published}</published>
<updated>{a.modified or a.published}</updated>
{authors}
<summary>{esc(summary(a))}</summary>
</entry>""")
    body = "\n".join(entries)
    newest = items[0]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>{SITE_NAME} – {SECTIONS[section]}</title>
<link rel="self" href="{BASE}/section/{section}/atom.xml"/>
<link rel="alternate" type="text/html" href="{BASE}/section/{section}"/>
<id>{BASE}/section/{section}</id>
<updated>{newest.modified or newest.published}</updated>
{body}
</feed>
"""


def sitemap(articles: list[Article]) -> str:
    urls = "\n".join(
        f"<url><loc>{a.url}</loc><lastmod>{a.modified or a.published}</lastmod></url>"
        for a in articles
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
"""


def sitemap_index(children: list[tuple[str, str]]) -> str:
    entries = "\n".join(
        f"<sitemap><loc>{BASE}{loc}</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for loc, lastmod in children
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{entries}
</sitemapindex>
"""


ROBOTS = f"""User-agent: *
Disallow: /private/
Allow: /

Sitemap: {BASE}/sitemap.xml
"""

CSS = """body{margin:0;font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b}
.skip-link{position:absolute;left:-999px}.skip-link:focus{left:1rem;top:1rem}
.cookie-banner{position:fixed;bottom:0;left:0;right:0;background:#111;color:#fff;padding:1rem}
.site-header,.site-footer{background:#0c2d48;color:#fff;padding:1rem}
.site-header a,.site-footer a{color:#fff}.main-nav ul{display:flex;gap:1rem;list-style:none}
main{max-width:46rem;margin:0 auto;padding:1rem}
.breadcrumbs ol{display:flex;gap:.5rem;list-style:none;padding:0}
figure{margin:1rem 0}figure img,figure picture img{max-width:100%;height:auto}
figcaption,.copyright{font-size:.85rem;color:#555}
.strapline{font-size:1.2rem;color:#444}.byline-wrapper{font-size:.9rem}
.social-share ul{display:flex;gap:.75rem;list-style:none;padding:0}
.author-bio,.newsletter-signup,.related-articles,.comments{border-top:1px solid #ddd}
.card-list{list-style:none;padding:0}.card{margin-bottom:1.5rem}
.visually-hidden{position:absolute;clip:rect(0 0 0 0)}
"""

LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="180" height="32" viewBox="0 0 180 32">
<rect width="180" height="32" fill="#0c2d48"/>
<text x="8" y="22" font-family="Georgia,serif" font-size="16" fill="#fff">The Circuit Ledger</text>
</svg>
"""

FAVICON = """<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#0c2d48"/>
<path d="M8 16h6l2-6 3 12 2-6h3" stroke="#fff" stroke-width="2" fill="none"/>
</svg>
"""


# --------------------------------------------------------------------------- build


def expected() -> dict:
    articles = []
    for a in sorted(ARTICLES, key=lambda x: x.path or ""):
        paras = paragraphs(a)
        articles.append(
            {
                "path": a.path,
                "title": a.title,
                "authors": a.names,
                "lead_credit": a.credit,
                "published": a.published[:10],
                "standfirst": a.dek,
                "first_paragraph": paras[0],
                "last_paragraph": paras[-1],
                "aliases": aliases(a),
                "markup": {
                    "byline": a.byline,
                    "credit": a.credit_style,
                    "inline_figure": a.inline[1] if a.inline else None,
                },
            }
        )
    non_articles = ["/", "/about"]
    for key, _name in SECTIONS.items():
        non_articles.append(f"/section/{key}")
        pages = -(-len(section_articles(key)) // SECTION_PAGE_SIZE)
        non_articles += [f"/section/{key}/page/{n}" for n in range(2, pages + 1)]
    non_articles += [f"/author/{k}" for k in AUTHORS]
    non_articles += [f"/tag/{t}" for t in sorted({t for a in ARTICLES for t in a.tags})]
    seed_bio = AUTHORS["sead-fadilpasic"].bio
    return {
        "articles": articles,
        "non_articles": non_articles,
        "disallowed": PRIVATE_PATHS,
        "feeds": ["/feed.xml", "/section/security/atom.xml"],
        "sitemaps": ["/sitemap.xml", "/sitemaps/articles-1.xml", "/sitemaps/articles-2.xml.gz"],
        "chrome_snippets": [
            "Skip to main content",
            COOKIE_TEXT,
            NEWSLETTER_TEXT,
            NEWSLETTER_SMALL,
            "Share this article",
            COMMENT_PINNED[1],
            COMMENTS[0][1],
            COMMENTS[3][1],
            seed_bio,
            AUTHORS["jose-ibanez"].bio,
            AUTHORS["lukasz-wroblewski"].bio,
            FOOTER_TEXT,
        ],
    }


def build() -> None:
    bodies = parse_bodies(BODIES)
    assert sorted(bodies) == sorted(a.slug for a in ARTICLES), "bodies and articles differ"
    for a in ARTICLES:
        assert a.byline in BYLINE_STYLES, f"{a.slug}: unknown byline style {a.byline}"
        assert a.credit_style in CREDIT_STYLES, f"{a.slug}: unknown credit {a.credit_style}"
        a.body = bodies[a.slug]
    files: dict[str, str] = {
        "index.html": home_page(),
        "about.html": about_page(),
        "robots.txt": ROBOTS,
        "feed.xml": rss_feed(),
        "section/security/atom.xml": atom_feed("security"),
        "assets/site.css": CSS,
        "assets/logo.svg": LOGO,
        "assets/favicon.svg": FAVICON,
    }
    for index, a in enumerate(latest()):
        files[f"{(a.path or '').lstrip('/')}.html"] = article_page(a, index)
        if a.amp:
            files[a.amp_path.lstrip("/")] = amp_page(a)
        if a.print_copy:
            files[f"{a.print_path.lstrip('/')}.html"] = print_page(a)
        if a.syndicated:
            files[f"{a.syndicated_path.lstrip('/')}.html"] = syndicated_page(a)
    files.update(section_pages())
    files.update(author_pages())
    files.update(tag_pages())
    files.update(private_pages())
    ordered = latest()
    half = (len(ordered) + 1) // 2
    first, second = ordered[:half], ordered[half:]
    files["sitemaps/articles-1.xml"] = sitemap(first)
    files["sitemaps/articles-2.xml"] = sitemap(second)
    files["sitemap.xml"] = sitemap_index(
        [
            ("/sitemaps/articles-1.xml", first[0].modified or first[0].published),
            ("/sitemaps/articles-2.xml.gz", second[0].modified or second[0].published),
        ]
    )
    if SITE.exists():
        shutil.rmtree(SITE)
    for rel, text in sorted(files.items()):
        target = SITE / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    EXPECTED.write_text(
        json.dumps(expected(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n"
    )
    print(f"wrote {len(files)} files to {SITE} and {EXPECTED}")


if __name__ == "__main__":
    build()
