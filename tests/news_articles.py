"""The articles of the local news site (tests/news_site.py), written for eirene's tests.

Invented reports about real states, in the register of wire copy. The wire story runs
in three outlets, each with its own headline, credit line and boilerplate, as
republished news does; one report is in German; one is published only later (the
watch tests see it appear).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One page of the site: where it lives, its outlet, headline and paragraphs."""

    path: str
    outlet: str
    title: str
    date: str  # ISO, as the page's metadata and the feed give it
    paragraphs: tuple[str, ...]
    author: str | None = None
    lang: str = "en"
    extras: tuple[str, ...] = field(default=())  # boilerplate inside the article body


WIRE_BODY = (
    "Russia and Pakistan agreed on Tuesday to hold joint military exercises near the Afghan border next "
    "autumn, the defence ministries of both countries said.",
    "Pakistan's army chief met Russian officials in Moscow to discuss counter-terrorism cooperation and the "
    "purchase of transport helicopters for units deployed in the north-west of the country.",
    "The exercises will bring together mountain infantry, special forces and air units, and will take place "
    "over two weeks in the hills north of Peshawar, according to a statement read to reporters.",
    "The United States criticised the agreement and urged Pakistan to do more against militant groups on its "
    "border with Afghanistan.",
    "China welcomed the talks, a spokesman for its foreign ministry said in Beijing, adding that stability in "
    "the region served the interests of all its neighbours.",
    "Officials in Kabul said they had not been consulted about the plan and would ask both governments for "
    "details of the manoeuvres.",
)

WIRE_COPIES: tuple[Article, ...] = (
    Article(
        path="/wire/courier/russia-pakistan-drills.html", outlet="The Daily Courier",
        title="Russia and Pakistan agree to hold joint military drills", date="2026-03-03",
        author="Staff reporter",
        paragraphs=("MOSCOW, March 3 (Global Wire) - " + WIRE_BODY[0], *WIRE_BODY[1:]),
        extras=("Follow The Daily Courier for more news from the region.",),
    ),
    Article(
        path="/wire/herald/moscow-islamabad-war-games.html", outlet="Frontier Herald",
        title="Moscow and Islamabad plan war games near Afghan frontier", date="2026-03-03",
        paragraphs=("MOSCOW (Global Wire) - " + WIRE_BODY[0], *WIRE_BODY[1:],
                    "Reporting by the Global Wire Moscow bureau; editing by the Frontier Herald desk."),
    ),
    Article(
        path="/wire/tribune/pakistan-russia-exercises.html", outlet="Capital Tribune",
        title="Pakistan, Russia to stage exercises; US objects", date="2026-03-04",
        paragraphs=(WIRE_BODY[0], *WIRE_BODY[1:5]),
        extras=("Subscribe to the Capital Tribune morning briefing to read our analysis of the deal.",),
    ),
)

ARTICLES: tuple[Article, ...] = (
    Article(
        path="/news/kunduz-checkpoint-attack.html", outlet="The Daily Courier",
        title="Taliban attack police checkpoint in Kunduz", date="2026-02-22", author="Farid Ahmadzai",
        paragraphs=(
            "KUNDUZ, Feb 22 - The Taliban attacked a police checkpoint in Kunduz province on Sunday, killing four "
            "officers, Afghan officials said.",
            "The assault began shortly after midnight on the road between the provincial capital and the border "
            "crossing with Tajikistan, and lasted for almost three hours.",
            "Reinforcements from the provincial headquarters reached the post at dawn and recovered the bodies of "
            "the officers, a spokesman for the provincial governor said.",
            "The checkpoint guards the main supply route to the north of the province, which has seen repeated "
            "fighting since the start of the year.",
        ),
    ),
    Article(
        path="/news/chabahar-trade-deal.html", outlet="The Daily Courier",
        title="India and Afghanistan expand trade through Chabahar", date="2026-02-24", author="Meera Nair",
        paragraphs=(
            "NEW DELHI, Feb 24 - India and Afghanistan signed an agreement on Monday to expand trade through the "
            "Iranian port of Chabahar.",
            "The deal lowers transit fees for Afghan exporters of dried fruit and carpets and sets up a weekly "
            "cargo service between the port and the western city of Herat.",
            "Officials from both countries described the agreement as a step towards a trade corridor that avoids "
            "the land route through Pakistan.",
            "Traders in Kabul welcomed the news but said the road from the Iranian border needed repairs before "
            "the service could run reliably in winter.",
        ),
    ),
    Article(
        path="/news/gulf-drone-protest.html", outlet="Frontier Herald",
        title="Iran says US drone entered its airspace", date="2026-02-26",
        paragraphs=(
            "TEHRAN, Feb 26 - Iran accused the United States of sending a drone into its airspace over the Gulf.",
            "The foreign ministry summoned the Swiss ambassador, who represents American interests in Tehran, to "
            "deliver a formal protest note.",
            "A spokesman for the Revolutionary Guards said the aircraft had turned back after being warned by "
            "coastal air defence units near the port of Bandar Abbas.",
            "Officials in Washington did not comment on the report, and the Pentagon said it did not discuss "
            "the routes of surveillance flights.",
        ),
    ),
    Article(
        path="/de/pakistan-russland-manoever.html", outlet="Grenzbote", lang="de",
        title="Pakistan und Russland planen gemeinsames Manöver", date="2026-03-04",
        paragraphs=(
            "Pakistan und Russland haben sich am Dienstag auf gemeinsame Militärübungen nahe der afghanischen "
            "Grenze geeinigt, teilten die Verteidigungsministerien beider Länder mit.",
            "Der pakistanische Armeechef traf in Moskau russische Regierungsvertreter, um über die Zusammenarbeit "
            "im Kampf gegen den Terrorismus und den Kauf von Transporthubschraubern zu sprechen.",
            "Die Vereinigten Staaten kritisierten die Vereinbarung und forderten Pakistan auf, entschiedener gegen "
            "militante Gruppen an der Grenze zu Afghanistan vorzugehen.",
            "China begrüßte die Gespräche, wie ein Sprecher des Außenministeriums in Peking sagte.",
        ),
    ),
)

LATE_ARTICLE = Article(
    path="/news/earthquake-aid.html", outlet="Capital Tribune",
    title="China pledges aid after earthquake in northern Afghanistan", date="2026-03-06",
    paragraphs=(
        "BEIJING, March 6 - China pledged emergency aid to Afghanistan after an earthquake struck the north of "
        "the country.",
        "The first shipment of tents, blankets and medical supplies will be flown to Mazar-i-Sharif within two "
        "days, the Chinese embassy in Kabul said in a statement.",
        "Rescue teams were still searching collapsed houses in the villages of Samangan province, where most of "
        "the victims were reported, local officials said.",
        "Aid groups warned that cold nights and damaged roads would slow the delivery of help to families who "
        "had lost their homes.",
    ),
)

#: A second late article, for the stopped-and-resumed watch.
LATER_ARTICLE = Article(
    path="/news/kabul-border-talks.html", outlet="The Daily Courier",
    title="Pakistan and Afghanistan hold border talks", date="2026-03-08",
    paragraphs=(
        "ISLAMABAD, March 8 - Pakistan's foreign minister met Afghan officials in Islamabad to discuss the "
        "reopening of the Torkham border crossing.",
        "The crossing has been closed for ten days after clashes between border guards, stranding hundreds of "
        "trucks carrying food and fuel on both sides.",
        "Both delegations said the talks had been constructive and agreed to meet again next week in Kabul.",
        "Traders' associations in Peshawar said the closure had already cost them millions of rupees.",
    ),
)

EVERY_ARTICLE: tuple[Article, ...] = (*ARTICLES, *WIRE_COPIES, LATE_ARTICLE, LATER_ARTICLE)
