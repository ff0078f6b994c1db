"""Tables of names: news outlets, social platforms, publishers, think tanks and the cities books
are most often published in.

Used as evidence for a reference's type and to tell an outlet cited without a title
("Reuters, May 5, 2020") from an author. Lower-case, without a leading "the".
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.lazypattern import compile_lazily

_NEWS_OUTLETS_TEXT = """
    reuters|associated press|ap|afp|agence france-presse|bloomberg|bbc|bbc news|
    bbc russian service|cnn|xinhua|xinhua news agency|xinhuanet|tass|itar-tass|interfax|
    ria novosti|ria|sputnik|al jazeera|new york times|nyt|washington post|guardian|observer|
    financial times|ft|wall street journal|wsj|economist|eurasianet|rfe/rl|
    radio free europe/radio liberty|radio free europe|radio liberty|radio azattyk|azattyq|
    azattyk|ozodi|ozodlik|kommersant|vedomosti|izvestia|izvestiya|rossiyskaya gazeta|
    nezavisimaya gazeta|novaya gazeta|moscow times|meduza|rbc|lenta.ru|gazeta.ru|
    global times|china daily|people's daily|renmin ribao|south china morning post|scmp|
    diplomat|foreign policy|nikkei asia|nikkei asian review|nikkei|akipress|24.kg|kabar|
    kazinform|tengrinews|fergana|fergana news|asia-plus|asia plus|avesta|kun.uz|gazeta.uz|
    uzdaily|podrobno|vlast.kz|kursiv|kapital.kz|informburo|le monde|le figaro|spiegel|
    der spiegel|frankfurter allgemeine|faz|süddeutsche zeitung|dw|deutsche welle|france 24|
    voa|voice of america|rfa|radio free asia|npr|politico|axios|atlantic|time|newsweek|
    hindu|times of india|dawn|hurriyet|daily sabah|anadolu agency|yonhap|kyodo|japan times|
    caixin|caixin global|sixth tone|paper|the paper|cgtn|cctv|al arabiya|haaretz|
    times of israel|los angeles times|chicago tribune|usa today|abc news|cbs news|nbc news|
    fox news|sky news|independent|telegraph|daily telegraph|times|sunday times|
    daily mail|irish times|globe and mail|sydney morning herald|straits times|
    hong kong free press|apple daily|taipei times|focus taiwan|kyiv independent|
    kyiv post|ukrainska pravda|euronews|politico europe|eurasia daily monitor|
    eurasia review|asia times|east asia forum|bne intellinews|intellinews|
    euractiv|der standard|neue zürcher zeitung|nzz|corriere della sera|la repubblica|
    el país|el pais|clarín|folha de s.paulo|reuters.com|rferl.org|apnews.com|
    ria.ru|tass.ru|tass.com|interfax.ru|kommersant.ru|vedomosti.ru
"""
NEWS_OUTLETS = frozenset(
    name.strip() for name in _NEWS_OUTLETS_TEXT.split("|") if name.strip()
)

SOCIAL_PLATFORMS = frozenset((
    "twitter", "x", "facebook", "telegram", "youtube", "instagram", "vk", "vkontakte",
    "weibo", "sina weibo", "wechat", "linkedin", "tiktok", "reddit", "mastodon", "bluesky",
    "odnoklassniki", "threads",
))
SOCIAL_DOMAINS = frozenset((
    "facebook.com", "fb.com", "twitter.com", "x.com", "t.me", "telegram.org", "telegram.me",
    "vk.com", "youtube.com", "youtu.be", "instagram.com", "linkedin.com", "tiktok.com",
    "weibo.com", "weibo.cn", "ok.ru", "reddit.com", "mastodon.social", "bsky.app",
    "threads.net", "mp.weixin.qq.com",
))

_NEWS_WORDS = compile_lazily(
    r"\b(?:news|times|post|daily|herald|tribune|gazette|gazeta|telegraph|observer|chronicle|"
    r"courier|courant|standard|express|mirror|mail|press|media|agency|agence|wire|"
    r"broadcasting|radio|tv|television|journal(?! of)|zeitung|izvestia|pravda|vedomosti|"
    r"novosti|новости|газета|известия|коммерсант|ведомости)\b",
    re.IGNORECASE,
)
_NEWS_DOMAIN_WORDS = compile_lazily(
    r"(?:news|times|post|daily|herald|tribune|gazet|journal|press|media|reuters|rferl|apnews|"
    r"bbc|cnn|guardian|xinhua|globaltimes|azattyq|azattyk|tass|interfax|ria\.ru|kommersant|"
    r"vedomosti|eurasianet|diplomat|akipress|kabar|inform|tengri|fergana|kun\.uz|uzdaily|"
    r"kaktus|sputnik|aljazeera|bloomberg|ft\.com|wsj|nytimes|washingtonpost|economist|scmp|"
    r"chinadaily|people\.com|voanews|rfa\.org|mk\.ru|avesta|asiaplus|24\.kg|podrobno|"
    r"lenta|gazeta|izvestia|rbc\.ru|meduza|dw\.com|france24|npr\.org|politico|axios|"
    r"thepaper|caixin|sixthtone|nikkei|japantimes|dawn\.com|hurriyet|aa\.com\.tr|yonhap|"
    r"kyodo|euronews|intellinews|asiatimes|zakon\.kz|vlast\.kz|kursiv|ehonews|24\.kz|"
    r"akorda|informburo|cgtn|cctv|haaretz|independent|telegraph|mirror|spiegel|lemonde)",
    re.IGNORECASE,
)
_THINK_TANK = compile_lazily(
    r"\b(?:institute|institution|instituto|institut|cent(?:er|re)|foundation|endowment|"
    r"council on|council for|crisis group|rand|brookings|chatham house|carnegie|"
    r"world bank|imf|international monetary fund|oecd|asian development bank|adb|ebrd|"
    r"human rights watch|amnesty international|freedom house|transparency international|"
    r"think tank|research|policy|programme|program|initiative|observatory|sipri|iiss|"
    r"csis|ecfr|merics|jamestown|wilson|atlantic council|hoover|heritage|cato|aei|"
    r"ponars|valdai|russian international affairs council|riac|cfr|lowy|"
    r"international crisis group|united nations|undp|unescap|escap|unodc|unhcr|unicef|"
    r"osce|who|world health organization|fao|ilo|wto|iom)\b",
    re.IGNORECASE,
)
_PUBLISHER = compile_lazily(
    r"\b(?:press|publishers?|publishing|publications|books|verlag|editions?|éditions|"
    r"routledge|penguin|random house|wiley|springer|palgrave|macmillan|hurst|brill|sage|"
    r"elsevier|bloomsbury|polity|verso|norton|knopf|harper|harpercollins|simon|"
    r"houghton|doubleday|basic books|i\.b\. tauris|tauris|zed|издательство|изд-во|наука|"
    r"эксмо|аст)\b",
    re.IGNORECASE,
)


def bare_name(name: str | None) -> str:
    """Lower case, without a leading "the" and trailing punctuation: the key of the tables."""
    if not name:
        return ""
    lowered = name.strip().strip("*_").rstrip(".,;:").lower()
    if lowered.startswith("the "):
        lowered = lowered[4:]
    if lowered.startswith("www."):
        lowered = lowered[4:]
    return lowered


def is_news_outlet(name: str | None) -> bool:
    key = bare_name(name)
    return bool(key) and (is_known_outlet(key) or bool(_NEWS_WORDS.search(key)))


@lru_cache(maxsize=8192)
def is_known_outlet(name: str | None) -> bool:
    """A news outlet or platform named in the tables (not just a newspaper-like word), also
    when cited by its site's name ("Eurasianet.org" for Eurasianet)."""
    key = bare_name(name)
    if key in NEWS_OUTLETS or key in SOCIAL_PLATFORMS:
        return True
    site, dot, suffix = key.rpartition(".")
    return bool(dot) and suffix in _SITE_SUFFIXES and site in NEWS_OUTLETS


_SITE_SUFFIXES = frozenset(("com", "org", "net", "news", "media", "kz", "kg", "uz", "tj",
                            "ru", "info", "co.uk", "cn", "io"))


_PERIODICAL_END = compile_lazily(
    r"\b(?:review|journal|magazine|quarterly|bulletin|gazette|gazeta|times|post|herald|"
    r"tribune|chronicle|courier|newsletter|weekly|monthly|daily|zeitung)$",
    re.IGNORECASE,
)


def names_a_periodical(name: str | None) -> bool:
    """A name that ends as periodicals' names do ("Stanford Law Review", "Harbour Times"):
    printed before a title, it is where the work appeared, not who wrote it."""
    return bool(name) and bool(_PERIODICAL_END.search(bare_name(name)))


def is_news_domain(domain: str | None) -> bool:
    return bool(domain) and bool(_NEWS_DOMAIN_WORDS.search(domain or ""))


def is_think_tank(name: str | None) -> bool:
    return bool(name) and bool(_THINK_TANK.search(name or ""))


def is_publisher(name: str | None) -> bool:
    return bool(name) and bool(_PUBLISHER.search(name or ""))


def is_platform(name: str | None) -> bool:
    return bare_name(name) in SOCIAL_PLATFORMS


def is_social_domain(domain: str | None) -> bool:
    if not domain:
        return False
    labels = domain.lower().split(".")
    return any(".".join(labels[i:]) in SOCIAL_DOMAINS for i in range(len(labels) - 1))


# Where books are published, as imprints print the city (in the languages notes are written
# in): evidence that "Paris, Gallimard, 1990" after a title is a place and a publisher, not an
# outlet. The large publishing cities of Europe and the Americas, the university towns
# whose presses are cited, and the capitals; lower-case.
_PUBLICATION_PLACES_TEXT = """
    london|oxford|cambridge|edinburgh|glasgow|manchester|dublin|new york|boston|chicago|
    philadelphia|baltimore|washington|princeton|new haven|ithaca|berkeley|los angeles|
    stanford|durham|chapel hill|cambridge, mass.|cambridge, ma|toronto|montreal|montréal|
    ottawa|sydney|melbourne|paris|lyon|rouen|bordeaux|toulouse|marseille|strasbourg|lille|
    genève|geneva|genf|lausanne|bruxelles|brussels|brüssel|louvain|leuven|amsterdam|leiden|
    utrecht|den haag|the hague|berlin|leipzig|münchen|munich|frankfurt|frankfurt am main|
    hamburg|stuttgart|köln|cologne|bonn|göttingen|tübingen|heidelberg|freiburg|mainz|
    wiesbaden|darmstadt|dresden|weimar|jena|halle|nürnberg|wien|vienna|zürich|zurich|basel|
    bern|salzburg|graz|innsbruck|roma|rome|milano|milan|torino|turin|firenze|florence|
    venezia|venice|bologna|napoli|naples|padova|padua|madrid|barcelona|salamanca|sevilla|
    lisboa|lisbon|coimbra|porto|méxico|mexico|buenos aires|são paulo|rio de janeiro|
    warszawa|warsaw|kraków|krakow|cracow|wrocław|poznań|gdańsk|łódź|lublin|praha|prague|
    brno|budapest|bratislava|ljubljana|zagreb|beograd|belgrade|bucurești|bucharest|sofia|
    athens|athína|istanbul|ankara|moskva|moscow|москва|м.|санкт-петербург|спб.|
    st. petersburg|saint petersburg|petersburg|leningrad|ленинград|kyiv|kiev|киев|київ|
    minsk|минск|vilnius|riga|tallinn|helsinki|stockholm|uppsala|lund|oslo|københavn|
    copenhagen|reykjavik|tokyo|kyoto|beijing|peking|shanghai|hong kong|taipei|seoul|
    singapore|new delhi|delhi|bombay|mumbai|calcutta|kolkata|jerusalem|tel aviv|cairo|
    almaty|tashkent|bishkek|dushanbe|astana|nur-sultan
"""
PUBLICATION_PLACES = frozenset(
    name.strip() for name in _PUBLICATION_PLACES_TEXT.replace("\n", "|").split("|")
    if name.strip())


def is_publication_place(name: str | None) -> bool:
    """A city books are published in ("Paris", "New York", "Wrocław-Warszawa-Kraków": each
    of the places a hyphen or slash joins)."""
    if not name:
        return False
    places = re.split(r"\s*[-–/]\s*", name.strip().lower())
    return all(place in PUBLICATION_PLACES for place in places)
