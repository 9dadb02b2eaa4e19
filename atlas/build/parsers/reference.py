"""One reference in any common style: which part is the title, the authors, the venue, the year.

The `auto` reader knows no list's style in advance, so it reads the shape of each entry: a title
is what the entry marks as one (the text of a link to the paper, bold, quotes, italics) or else
the first sentence that is not a list of names; the venue is an acronym with its year
(`NeurIPS 2019`, `ICML'18`), a code span (`` `venue2021` ``), `In …` or a bracketed prefix; the
authors are a part that splits into names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from atlas.build.names import (
    NAME_PARTICLES,
    looks_like_name,
    split_leading_names,
    split_names,
    split_reference_names,
)
from atlas.build.parsers.gost_references import read_gost
from atlas.build.parsers.html_items import HARD_BREAK
from atlas.build.parsers.markdown_tree import Span
from atlas.build.parsers.registry import NOTE_FIELD_NAME, SUBMITTED_TO, venue_name
from atlas.build.records import Link
from atlas.build.text import arxiv_id_in, clean_title, collapse_spaces, first_year, full_year

# Words a link's text is made of when it names the kind of link, not the paper: [[pdf]], [code].
_LABEL_WORDS = frozenset(
    "paper papers pdf code codes arxiv link links project page slides slide video videos openreview url "
    "website blog bib bibtex github poster talk demo html abs abstract supp supplementary homepage "
    "preprint doi notes note review reviews summary data dataset colab notebook tweet thread "
    "appendix official implementation repo source pub publication version full text here read "
    "published journal conference proceedings pytorch tensorflow jax torch web ee dblp ps scholar doc local "
    "mirror".split()
)
# Words naming what to do with a link, a label only when they are the whole of its text: `[View]`,
# where `[Novel View Synthesis]` is a title
_SOLE_LABELS = frozenset({"view", "download", "open", "see", "read more", "more", "details"})
# Words of a title-case title that no person's name holds: "Bugs, They Are Features".
FUNCTION_WORDS = frozenset(
    "a the of for with on to is are not via from by and or as at we they it its does be how "
    "why what when where which beyond towards toward into without under over through all need more "
    "less our your this that these do than vs".split()
)
# The same kinds in Chinese lists (论文 paper, 代码 code, 笔记 notes, 博客 blog, 视频 video, 幻灯片
# slides…): CJK has no spaces, so `知乎笔记` is one \w+ word; a short link text holding one is a label.
# 查看 view, 下载 download, 阅读 read: what to do with the link, `[查看 View](…)`
_CJK_LABEL = re.compile(r"论文|代码|源码|笔记|博客|视频|幻灯片|链接|项目|主页|讲座|演讲|知乎|解读|原文|报告|"
                        r"查看|下载|阅读")
# The same in Russian lists: ссылка link, статья paper, учебник textbook, слайды slides,
# код code, видео video, with what they point at (`ссылка на статью`, `статья про BIC`)
_CYRILLIC_LABEL = re.compile(
    r"(?i:(?:ссылк[аиу]|стать[яюи]|учебник|книг[аи]|слайды|код|видео|запись|pdf)"
    r"(?:\s+(?:на|про|о|в)\s+\S+)?(?:\s+\S+)?)")
_CJK_KINDS = {"论文": "paper", "原文": "paper", "代码": "code", "源码": "code", "幻灯片": "slides"}
# A link text that is no title: marks or a number, a year, an arXiv id, a count of citations
# (`[Cited 1546](pdf)`)
_LABEL_SHAPE = re.compile(
    r"^[\W\d_]*$|^(?:19|20)\d\d$|^\d{4}\.\d{4,5}(?:v\d+)?$|^(?i:cited(?:\s+by)?)\s*:?\s*[\d,]+$")
# Vocabulary of venues' names (not any venue's name): "Proceedings of …", "… Workshop".
_VENUE_WORDS = re.compile(
    r"\b(?:Conference|Journal|Proceedings|Transactions|Workshop|Symposium|Letters|Annals|"
    r"Advances in|arXiv|preprint|Preprint|Proc(?=\.\s))\b"  # `Proc. Interspeech`
)
# An acronym-shaped venue with its year: "NeurIPS 2019", "ICML'18", "COLT 2016", "NeurIPS2021".
_ACRONYM_YEAR = re.compile(
    r"\b(?:[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*|(?i:arxiv))(?:\s*'\d\d|\s*-?\s*(?:19|20)\d\d)\b"
)
_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*|arXiv)(?:\s+(?:Workshop|Oral|Spotlight))?$")
# A nickname the list adds after a title: `(μP)`, `(SAM)`, `(GraSP)`, `(the "sawtooth paper")`
_CLOSING_NICKNAME = re.compile(
    r"\s+\((?:(?=[^\s()]*[A-Zµμ])[^\s()]{1,12}|(?:the\s+)?[\"“][^\"”()]{1,40}[\"”]|[^()]{1,40}\s[Pp]aper"
    r"|(?:[A-Z][\w-]*\s){1,3}(?:[IVX]{1,4}|\d{1,2}))\)$")  # a series' part: `(Tensor Programs IV)`
# arXiv's page title, which a pasted link or a chat's link preview carries: `[2205.01445] Title`
# a bare address, not already a link's (`[…](url)`, `<url>`, `href="url"`)
BARE_ADDRESS = re.compile(r"(?<![(<\[=\"'/\w])(?P<url>https?://[^\s<>()\[\]\"'`]+[^\s<>()\[\]\"'`.,;:])")
# `[[2205.01445] Title](…)`, an arXiv page's title as a browser copies it; with its bracket escaped,
# `[[2205.01445\\] Title](…)`, the link's text opens after the outer bracket: `2205.01445] Title`
_ARXIV_PAGE_TITLE = re.compile(r"^\s*\[?(?:arXiv:)?\d{4}\.\d{4,5}(?:v\d+)?\]\s+(?=\S)")
# `[Title (arxiv.org)](…)`, `[Title (stanford.edu)](…)`: the site a browser names after a page's
# title when it copies a link, no part of the title
_CLOSING_SITE = re.compile(r"\s+\((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}\)\s*$")
# `[Title — arXiv 2025](…)`, `[Title — Springer](link.springer.com/…)`: after a dash inside a link's
# text, a venue and its year, or the site the link goes to, is where the title is found, not its words
_DASHED_SOURCE = re.compile(r"\s+[—–]\s+(?P<source>[^—–]{2,60})$")
_ISSUE_NUMBER = re.compile(r"^#\d{1,6}\s+")
_BRACKETED = re.compile(r"^\s*[\[(](?P<venue>[^\])]{2,40})[\])]\s*[:\-–—]?\s*")
_TASK_STATE = re.compile(r"DONE|TODO|LATER|NOW|DOING|WAITING|WIP|READ|UNREAD")
# `Blier, Leonard, and Ollivier, Yann`, `Schwartz-Ziv, Ravid and Tishby, Naftali`: two names, both inverted
_INVERTED = r"[A-ZÀ-Þ][\w'’-]+, [A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’.-]*)*"
_INVERTED_PAIR = re.compile(rf"(?P<first>{_INVERTED}),? and (?P<second>{_INVERTED})")
# A reading group's `Presenter: Name.`, `— presented by Sam`: who read it, no author of it
_PRESENTER = re.compile(
    r"(?:\s*[.;,·—–-]\s*|\s*[(\[])"
    r"(?:(?:presenter|speaker|discussant|докладчик)s?\s*:|presented by\b|led by\b)"
    r"[^()\[\].;·\n]*[)\]]?\.?",
    re.IGNORECASE)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_LOG_DATE = re.compile(  # `Mon 25 Mar 2024`, `March 25, 2024`, `2024-03-25`
    rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d|"
    rf"{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)")
# A day in parentheses closing an entry's text: when it was posted, no venue
_CLOSING_DAY = re.compile(rf",?\s*\((?P<day>{_LOG_DATE.pattern})\)[\s.]*$")
# A schedule's day and what the session is before its reading: `[1/14] Names, Title`, `[3/2] (GNN and WL)
# Names. Title.`, `(Optional Reading) Names, Title`: the day is when it was read, the words a remark
_SCHEDULED = re.compile(r"^\s*(?:\[\s*\d{1,2}/\d{1,2}\s*\]\s*(?:\((?=[^()\d]*\s)[^()\d]{3,40}\)\s+)?|"
                        r"\((?=[^()\d]*\s)[^()\d]{3,40}\)\s+(?=[A-ZÀ-Þ]))")
_NOTED = r"(?:(?i:read|added|reviewed|discussed|noted)(?:\s+on)?\s+)"  # `Read on 4 March 2023 — Title`
_PDF_ARXIV = re.compile(r"(?<![\d.])(?P<id>\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$")
_DOI = re.compile(r"\b(?P<doi>10\.\d{4,9}/[^\s\])>]+)")
_INITIALS_NAME = re.compile(
    r"(?:(?:van|von|de|der|den|le|la|di|da|du|del|dos|ter)\s+)*[A-Z][\w'’ -]+,\s*(?:[A-Z]\.\s*-?\s*)+"
    r"|(?:[A-Z]\.\s*-?\s*)+[A-Z][\w'’-]+"
)
_CLOSING_VENUE = re.compile(
    r"(?:[.,]\s*|\s+[-–—]\s+|\s*\()(?P<venue>(?:(?!\s[-–—]\s)[^.,()])*?(?:'\d\d|(?:19|20)\d\d))\)?\s*$"
)
# A venue spelled out with its year: "Neural Computation 1997", "Annals of Statistics, 2020".
_NAMED_WITH_YEAR = re.compile(
    r"[A-Z][a-z]+(?:[\s,]+(?:[A-Z][\w-]*|of|and|on|for|the|in|&))*[\s,]+(?:19|20)\d\d"
)
_VENUE_COMMA_YEAR = re.compile(r"(?P<venue>[^,]{2,60}),\s*(?P<year>(?:19|20)\d\d)")
_ARXIV_SHAPE = re.compile(r"(?<![\d.])\d{4}\.\d{4,5}(?![\d])")
# Emoji and symbols a list marks entries with (`:star:`, ★, 🔥): never part of a title.
_EMOJI = re.compile(r":[a-z0-9_+-]+:|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]")
# How a venue named after a title's comma begins: `, Advances in …`, `, In ICML`, `, JMLR 2019`.
_VENUE_START = re.compile(
    r"(?:In\s|Proceedings|Proc\.|Advances in|Journal|Transactions|Conference|International|Annual|The\s|"
    r"[A-Z][A-Za-z]*[A-Z]|arXiv|(?:19|20)\d\d\s)"
)
# `Title (Chapter 15)`, `(Section 6.4)`, `(Lecture 19)`: the part of a book or course read, no part of its title
_LOCATOR = re.compile(r"\s*\((?:chapters?|ch\.|sections?|sec\.|§|lectures?|part)\s*[\dIVX][\w.]*"
                      r"(?:\s*(?:[-–,&]|and)\s*[\w.]+)*\)$", re.IGNORECASE)
# `(ICML 2019)`, `(NIPS'17)`, `(ICLR 2018 Workshop)`: a venue and year closing a title.
_CLOSING_PARENTHESES = re.compile(
    r"\s*\((?P<venue>[^()]*?(?:'\d\d|(?:19|20)\d\d)(?:\s+(?:Workshop|Oral|Spotlight|Poster|Track))?)\)\s*$")
# Words of titles that are no part of a person's name, so a lone `, Kenji Kawaguchi` closing a
# title before its venue can be told from a title's own `, Neural Networks`.
_TITLE_WORDS = frozenset(
    "learning network networks neural deep gradient descent stochastic generalization optimization "
    "kernel kernels model models theory analysis training landscape landscapes minima loss bounds "
    "approximation regularization dynamics representation representations overparameterization "
    "convergence tangent lottery tickets attention transformers transformer features data approach".split()
)
# …and the endings of abstract nouns no surname has (`Prediction, and Estimation`: no two people)
_ABSTRACT_NOUN = re.compile(r"\w{3,}(?:tion|sion|ness|ity|ism|ology|ysis)")


def title_words(words: set[str]) -> set[str]:
    """The words of `words` (lower case) that are a title's, not a name's."""
    return {word for word in words if word in _TITLE_WORDS or _ABSTRACT_NOUN.fullmatch(word)}
# `2016 - Title`, `[2019] Title`, `[2019]Title` (its opening bracket stripped before): a year leading
# the title
_LEADING_YEAR = re.compile(
    r"^(?P<year>(?:19|20)\d\d)(?:[\])]\s*[-–—:|]?(?:\s+|(?=[^\W\d_]))|\s*[-–—:|]\s+)")
# A list's number glued to the title it opens: `100.Deep Transfer Learning for …`
_GLUED_NUMBER = re.compile(r"^\d{1,4}\.(?=[A-Z])")
# How a paper was presented, closing its title: `Title(oral)`, `Title (Spotlight)`, `Title（oral)`,
# `Title(Oral Presentation)`
_PRESENTATION = re.compile(r"\s*[(（](?i:oral|spotlight|poster)(?i:\s+presentation)?[)）](?=[\s.,;<]|$)")
# A label in Chinese, Japanese or Korean closing a title in Latin script: `Title（实例分割）`, `Title(检测)`
_CJK = "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af"  # kana, CJK ideographs, Hangul
_TRANSLATED_LABEL = re.compile(
    rf"^(?P<title>[^{_CJK}]*?[A-Za-z][^{_CJK}]*?)\s*[(（][{_CJK}]+[)）]"
    r"(?=[\s.,;<]|$)")
# A reader's rating opening an entry: `(+++)Title, ACL 2018`
_RATING = re.compile(r"^\(\+{1,5}\)\s*")
# A long venue chunk naming proceedings, the place and dates after its first comma
_PROCEEDINGS = re.compile(r"(?:[Ii]n\s+)?(?:the\s+)?Proceedings\s+of\b")
# `Names, etc. Title.`: `etc.` closing a list of names, as `et al.` does
_ETC_NAMES = re.compile(r"(?<=[a-z]),\s*etc\.(?=\s+[A-Z])")
# `arXiv  2015.05, Title, [paper](…)`, `ICML 2019: Title`: a venue and its date leading the title
_LEADING_VENUE_DATE = re.compile(
    r"^(?P<venue>[A-Za-z][\w&-]{1,15})\s+(?P<year>(?:19|20)\d\d)(?:[.-](?:0[1-9]|1[0-2]))?"
    r"\s*[,:|–—-]\s+(?=\S)")
# APA's `n.d.` (no date) leading an entry as its date would: `N.d., Title, [link](…)`
_NO_DATE = re.compile(r"^[Nn]\.\s?d\.\s*[,:–—-]\s+")
_PARENTHESIZED_KEY = re.compile(r"\s*\((?P<key>[^()]{3,80})\)")
_CLOSING_YEAR = re.compile(r"(?<=.{10}\S)\s*\[(?P<inside>[^\[\]]{4,40})\](?=\s*(?:[-–—|]\s|$))")
_YEAR_MONTH = re.compile(r"(?P<year>(?:19|20)\d\d)(?:[./-](?:0?[1-9]|1[0-2]))?")  # `2018`, `2018.11`
_ARXIV_NOTE = re.compile(r"\s*[\[(]\s*arXiv\s*:?\s*\d{4}\.\d{4,5}(?:v\d+)?\s*[\])]", re.IGNORECASE)
_TASK_BOX = re.compile(r"^\s*\[[ xX]?\]\s+(?:\d{1,4}[.)]\s+)?")  # and a number after it: `[x] 1. Names…`
# Harvard: `(2018) 'Title', *Venue*`: single quotes open after a space and close before a comma
# or period, so an apostrophe (`Don't`) opens or closes nothing
_SINGLE_QUOTED = re.compile(r"(?:(?<=\s)|^)['‘](?P<title>[^'’\n]{8,}?)['’](?=[,.:;]?(?:\s|$))")
_QUOTED = re.compile(r"[\"“«](?P<title>[^\"”«»]{8,})[\"”»]")  # guillemets too (Russian, French)
# The period of an abbreviation a title or sentence goes on after ("Generalization vs. robustness")
# A table's title column named in another language: Russian, Chinese, Japanese, Korean, German, French,
# Spanish and Portuguese
TITLE_COLUMN_ELSEWHERE = (r"название|статья|заголовок|titel|titre|t[ií]tulo|"
                          r"标题|题目|论文(?:标题|名称)?|文章|タイトル|論文|題名|제목|논문")
NOT_AN_ABBREVIATION = r"(?<!\bet al)(?<!\bvs)(?<!\bcf)(?<!\be\.g)(?<!\bi\.e)"
# A sentence ends at a period, ? or ! before a space, unless the period closes an initial.
_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])(?<!^[A-Z])" + NOT_AN_ABBREVIATION + r"([.?!])\s+")
# `Surname, I., & Surname, I. (2019). Title` and its mistyped years: `Lipton.(2019)`, `L. 2017.`
_DATED_AUTHORS = re.compile(
    r"^(?P<authors>[^()]{2,}?\.?)\s*,?\s*[(\[]\s*(?P<year>(?:19|20)\d\d)[a-z]?(?:,\s*[A-Za-z]+)?\s*[)\]]\s*[.,:;–—-]*\s*"
)
# ACM Reference Format: `Full Name, and Full Name. 2019. Title. In *Venue*`
_YEAR_SENTENCE_AFTER_AUTHORS = re.compile(r"^(?P<authors>[^()]{2,}?)\.\s+(?P<year>(?:19|20)\d\d)[a-z]?\.\s+")
# Surnames each followed by initials (`Geman, S., Bienenstock, E. & Doursat, R.`, `Nakkiran,
# P. et al.`), the last initial's period closing the author block before the title
# (`van Eck, N.J.` its particle first); a title may open on a name in camel case (`pipeComp, a …`)
_INVERTED_NAME = (r"(?:(?:van|von|de|der|den|di|da|du|le|la) )?[A-ZÀ-Þ][\w'’-]+"
                  r"(?: [a-z]{1,3} [A-ZÀ-Þ][\w'’-]+)?, (?:[A-ZÀ-Þ]\.[ -]?)+")
_INVERTED_AUTHORS = re.compile(
    rf"^{_INVERTED_NAME}(?:(?:, | & |, & |,? and ){_INVERTED_NAME})*(?:et al\. )?"
    r"(?=[A-Z\"“'‘$(\d]|[a-z]+[A-Z])")
# Vancouver: `Surname AB` with no periods, two or more (or one and `et al`), then `. Title`
_VANCOUVER_NAME = r"[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+)? [A-Z]{1,3}"
_VANCOUVER_AUTHORS = re.compile(
    rf"^(?P<names>{_VANCOUVER_NAME}(?:(?:, {_VANCOUVER_NAME})+(?:, et al)?|, et al))\. (?=[A-Z\"“'‘$(\d])")
# A `<br>` (HARD_BREAK) parts an entry's fields as a period would: `**Title**<br>Authors<br>Venue`.
_CHUNK_SEPARATOR = re.compile(
    rf"(?<![\s.][A-Z])(?<!^[A-Z])\.(?=\s|$)|[;|()\[\]·•，{HARD_BREAK}]|\s(?:--|[–—-])\s|\s(?:--|[–—-])$"
    r"|^(?:--|[–—-])\s")  # `Names -- **Title**`: a dash typed as two hyphens too
_PAPER_HOSTS = re.compile(
    r"arxiv\.org|openreview\.net|proceedings\.|papers\.nips\.cc|aclanthology|aclweb\.org|dl\.acm\.org|"
    r"ieeexplore|springer|sciencedirect|jmlr\.org|mlr\.press|doi\.org|semanticscholar|biorxiv|"
    r"nature\.com|science\.org|pnas\.org|ojs\.aaai\.org|ijcai\.org|thecvf\.com|researchgate|"
    r"iclr\.cc|neurips\.cc|icml\.cc|projecteuclid|tandfonline|wiley|iopscience|aps\.org|"
    r"academic\.oup|ssrn|hal\.science|hal\.archives|epubs\.siam|mitpress|jstor|"
    # Distill, a journal; a publisher's book pages; a research lab's page of one publication
    r"distill\.pub/\d{4}/|cambridge\.org/|/research/publications?/[^/?#]+"
)
_OTHER_HOSTS = {
    "talk or video": re.compile(r"youtube\.com|youtu\.be|vimeo\.com|bilibili|videolectures|slideslive|/talks/"),
    "blog or post": re.compile(
        r"medium\.com|substack\.com|towardsdatascience|blogspot\.|wordpress\.com|zhuanlan\.zhihu|(?<![\w.])blog\.|"
        r"(?<![\w.])(?:twitter|x)\.com/|threads\.net|reddit\.com|news\.ycombinator|/(?:blogs?|posts?)/|"
        # a GitHub Pages site's dated post: `karpathy.github.io/2015/05/21/…`
        r"\.github\.io/(?:19|20)\d\d/[01]\d/"),
    # slides, and a course's lecture notes and homework, which count as slides: a folder or a file
    # named for them (`note/lec3.pdf`, `homework/homework2.pdf`, `readings/L01_intro.pdf`)
    "slides": re.compile(r"slideshare|speakerdeck|/slides?/|[-_/]slides?[-_.]|"
                         r"(?:^|/)(?:slides?|notes?|lectures?|lecture[-_]notes|homeworks?|teaching)/|"
                         r"(?:^|/)(?:lec(?:ture)?[-_]?\d+|L\d\d[-_]|homework[-_]?\d+|hw\d+)[^/]*\.pdf$",
                         re.IGNORECASE),
    "code": re.compile(r"github\.com|gitlab\.com|huggingface\.co|colab\.research"),
}


@dataclass(frozen=True)
class Reference:
    """What one entry's inline text says; `evidence` names what shows it is a paper."""

    title: str
    authors: tuple[str, ...] = ()
    authors_truncated: bool = False
    venue: str = ""
    stated_year: int | None = None
    links: tuple[Link, ...] = ()
    arxiv_id: str = ""
    doi: str = ""
    title_url: str = ""  # where the title links to, when the title is a link

    @property
    def evidence(self) -> list[str]:
        found = [name for name, value in (("arXiv id", self.arxiv_id), ("DOI", self.doi),
                                          ("venue", self.venue), ("year", self.stated_year),
                                          ("authors", self.authors)) if value]
        if any(is_paper_link(link) for link in self.links):
            found.append("link to the paper")
        return found


# A citation key, a surname and a year in lower case (`akaike74`, `hyndman2008`, `lecun98a`): a key
# names a reference, and is no title
_CITATION_KEY = re.compile(r"[a-z][a-z'-]{2,}(?:19|20)?\d\d[a-z]?")


def is_label_text(text: str) -> bool:
    """`[[pdf]]`, `[arXiv]`, `[NeurIPS PDF]`, `[1806.07572]`: a link's kind, not a title."""
    words = re.findall(r"[\w.'-]+", text.lower())
    if _LABEL_SHAPE.match(text.strip(" []()")) or not words:
        return True
    if len(text.strip(" []()")) <= 8 and _CJK_LABEL.search(text):
        return True
    if _CYRILLIC_LABEL.fullmatch(text.strip(" []()")):  # `[(ссылка на статью)](…)`
        return True
    if _CITATION_KEY.fullmatch(text.strip(" []()_*")):  # `[__akaike74__](doi)`: the key of a reference
        return True
    if len(words) > 3:
        return False
    if text.strip(" []()").lower() in _SOLE_LABELS:  # `[View](…)`, `[Download](…)`: an action alone
        return True
    if _VENUE_YEAR_LABEL.match(text.strip()):  # `[ICML20]`, `[arxiv, 16.05]`
        return True
    written = re.findall(r"[\w.'-]+", text)
    if any(word.strip(".0123456789") in _LABEL_WORDS for word in words):
        # a title's words around a label word (`[Local Reparameterization Trick](…)`): a label's
        # own words open or close on its kind or are all of kinds, names of sites and small words
        return words[-1].strip(".0123456789") in _LABEL_WORDS or words[0] in _LABEL_KINDS or not any(
            _content_word(word) for word in written)
    return all(_ACRONYM.match(word) or first_year(word) for word in text.strip(" []()").split())


def _content_word(word: str) -> bool:
    """A capitalised word of a title (`Reparameterization`): no label's kind, acronym or small word."""
    return (len(word) >= 4 and word[:1].isupper() and not _ACRONYM.match(word)
            and word.lower().strip(".0123456789") not in _LABEL_WORDS | _LABEL_QUALIFIERS
            and word.lower() not in FUNCTION_WORDS)


# Label words that name a link's kind when they open its text (`[PDF Highlight]`), unlike `local`, `full`
_LABEL_KINDS = frozenset(
    "pdf paper papers code codes arxiv slides slide video videos blog github poster talk demo html notes "
    "bib bibtex openreview project website homepage colab notebook".split())
# Words a label's kind takes beside it: `[Blog Post]`, `[Camera Ready]`, `[Extended Version]`
_LABEL_QUALIFIERS = frozenset(
    "post posts copy camera ready material extended version short long oral".split())


def link_kind(span_text: str, url: str) -> str:
    """The kind of a link (pdf, paper, code, slides or other) by its text, else by its address."""
    words = span_text.lower().strip("[] ").split()
    for kind in ("pdf", "paper", "code", "slides"):
        if kind in words:
            return kind
    if words in (["abstract"], ["abs"]):  # `[[Abstract]](…)`: the paper's own page
        return "paper"
    if cjk := next((kind for word, kind in _CJK_KINDS.items() if word in span_text), ""):
        return cjk
    if _OTHER_HOSTS["code"].search(url):
        return "code"
    if _OTHER_HOSTS["slides"].search(url):
        return "slides"
    if url.lower().endswith(".pdf") or _PAPER_HOSTS.search(url):
        return "paper"
    return "other"


# `…/Teaching/E4903/papers/ieeecomputer.pdf`: a PDF in a folder of papers is a paper, whatever
# course or page the folder belongs to
_PAPERS_FOLDER_PDF = re.compile(r"/papers?/[^/]+\.pdf$", re.IGNORECASE)


def is_paper_link(link: Link) -> bool:
    if link.kind == "pdf" and _PAPERS_FOLDER_PDF.search(link.url) and not _OTHER_HOSTS["code"].search(link.url):
        return True
    return link.kind in ("pdf", "paper") and not any(h.search(link.url) for h in _OTHER_HOSTS.values())


def other_host(url: str) -> str:
    """'code', 'slides' or 'talk or video' for a link to a repository, slides or a video."""
    return next((name for name, hosts in _OTHER_HOSTS.items() if hosts.search(url)), "")


def arxiv_id_of(url: str) -> str:
    """The arXiv id of an arXiv address or of an arXiv-style PDF name (`./papers/1806.07572.pdf`)."""
    found = arxiv_id_in(url)
    if found:
        return found
    path = urlparse(url).path if "://" in url else url
    match = _PDF_ARXIV.search(path.rstrip("/"))
    return match["id"] if match and (path.endswith(".pdf") or "arxiv" in url.lower()) else ""


def looks_like_venue(text: str) -> bool:
    text = text.strip(" .,*_`")
    if not text or len(text) > 120 or _TASK_STATE.fullmatch(text):  # `DONE`, `TODO`: no venue
        return False
    # `In ICML`, `In Proceedings of …`, not a title's `In Search of the Real Inductive Bias`
    if re.match(r"^[Ii]n\s+", text) and _VENUE_START.match(text[2:].lstrip()):
        return True
    if _VENUE_WORDS.search(text) or _ACRONYM_YEAR.search(text):
        return True
    return bool(_ACRONYM.match(text))


def names_in(text: str, surnames: bool = False) -> tuple[list[str], bool] | None:
    """The names of an author list, or None when the text is not one; with `surnames`, a list
    of two or more bare surnames too (`Hochreiter, Schmidhuber`)."""
    text = re.sub(r"^\s*(?:by\b|authors?\s*:)\s*", "", text.strip(" ,*_"), flags=re.IGNORECASE)  # not `Byrd`
    text = text.strip(" ,*_").replace("~", " ")  # `by *Names *`, emphasis left open; BibTeX's `I.~J.`
    text = text if re.search(r"\b[A-Z]\.$", text) else text.rstrip(" .")
    if not text or _VENUE_WORDS.search(text) or first_year(text):
        return None
    if (mla := mla_authors(text)) and mla[1]:  # `Garg, Shivam, et al.`: one inverted name
        return mla
    if _VANCOUVER_NAMES.fullmatch(text):
        return [name.strip() for name in text.split(",")], False
    others = re.search(r",?\s+and\s+others$", text)  # BibTeX's `and others`: names left out
    if bibtex := _bibtex_names(text[:others.start()], cut=True) if others else _bibtex_names(text):
        return bibtex, bool(others)
    for split in (split_names, split_reference_names):
        names, truncated = split(text)
        names = [name if re.search(r"\b[A-Z]\.$", name) else name.strip(" .") for name in names]
        bare = surnames and len(names) > 1 and not re.search(r"\band\b|&", text)
        if names and all(_is_name(name, truncated or bare) for name in names):
            return names, truncated
    return None


_INVERTED = re.compile(r"(?P<surname>(?:(?:van|von|de|der|den|di|da|du|le|la)\s+)*[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?)"
                       r",\s*(?P<given>(?:(?:[A-ZÀ-Þ][\w'’-]*\.?|(?:van|von|de|der|den|di|da|du|le|la))(?:\s+|$))*"
                       r"[A-ZÀ-Þ][\w'’-]*\.?)")  # `Pigem, Borja de Balle`: a particle among the given names


# Vancouver (PubMed's style): `Garipov T, Izmailov P, Gordon Wilson A`, each surname with its initials
# in capitals and no periods; two names or more, so that `Learning AI` is never one
_VANCOUVER_NAME = r"(?:(?:van|von|de|der|den|di|da|du|le|la) )*[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+){0,2} [A-Z]{1,3}"
_VANCOUVER_NAMES = re.compile(rf"{_VANCOUVER_NAME}(?:, {_VANCOUVER_NAME})+")


def _bibtex_names(text: str, cut: bool = False) -> list[str] | None:
    """`Surname, Given and Surname, Given` (BibTeX's author field): each name inverted whole, apart
    at ` and `; one name alone only when its given names close with an initial (`French, Robert M.`),
    as two surnames never do. `cut`: the field closed with `and others`, taken off the text."""
    parts = [part.strip() for part in re.split(r",?\s+and\s+", text.strip())]
    names = []
    for part in parts[:-1]:  # `Surname, Given, Surname, Given and Surname, Given`: the names two by two
        pieces = [piece.strip() for piece in part.split(",")]
        if len(pieces) % 2:
            return None
        names += [f"{pieces[at]}, {pieces[at + 1]}" for at in range(0, len(pieces), 2)]
    last = [piece.strip() for piece in parts[-1].split(",")]
    if cut and len(last) > 2 and not len(last) % 2 and all(" " not in piece for piece in last[::2]):
        # `…, Surname, Given and others`: the last part two by two too, each surname one word
        names += [f"{last[at]}, {last[at + 1]}" for at in range(0, len(last), 2)]
    else:
        names.append(parts[-1])
    found = [_INVERTED.fullmatch(name) for name in names]
    # initials alone (`Cho, K. and Bengio, Y.`) are APA's, read as such (split_reference_names)
    if not all(found) or not any(re.search(r"[a-zß-ÿ]{2}", name["given"]) for name in found):
        return None
    if len(names) == 1 and not re.search(r"\s[A-Z]\.?$", names[0]):
        return None
    return names


def lenient_names(text: str) -> tuple[list[str], bool] | None:
    """The names of a line the list's structure says holds authors (`- Authors. *Venue*` under a
    paper): most parts reading as names is enough (`Stéphane d'Ascoli, Levent Sagun`)."""
    found = names_in(text)
    if found or not text.strip() or _VENUE_WORDS.search(text) or first_year(text):
        return found
    names, truncated = split_names(text.strip(" ,*_").rstrip(" ."))
    if names and sum(looks_like_name(name) for name in names) * 2 >= len(names) and all(
            1 <= len(name.split()) <= 5 for name in names):
        return names, truncated
    return None


# A journal named by its publisher's title and a field (`Nature Human Behaviour`, `Science Advances`),
# which reads as a person's name by its shape
_JOURNAL_TITLE = re.compile(r"(?:Nature|Science|Cell)(?: [A-Z][a-z]+){1,3}")


def _is_name(name: str, truncated: bool) -> bool:
    """"Sanjeev Arora", "Weinan E", "Goodfellow, I.", "P. T. P. Tang"; "Henaff" before et al.;
    not "They Are Features", whose words no name has."""
    if any(word in FUNCTION_WORDS for word in name.lower().split()) or _JOURNAL_TITLE.fullmatch(name):
        return False
    if looks_like_name(name) or _INITIALS_NAME.fullmatch(name):
        return True
    return bool(truncated and re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ][\w'’-]*", name))  # Póczos, Ávila


def _opens_with_names(text: str) -> bool:
    """`Gao, Wenhao, et al. …`, `Haque, A., Engel, J. …`, `Thomas N Kipf and Max Welling. Title. …`: a
    citation's names first (two people at least before the first period, when written in full)."""
    if _CITATION_LINK.match(text):
        return True
    head = re.split(r"(?<![A-Z])\.\s", text, maxsplit=1)[0]
    names = person_names(head) if head != text else None
    return bool(names and len(names[0]) >= 2)


def _linked_citation(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`[Haque, A., Engel, J. et al. Title. Genome Med 9, 75 (2017)](doi)`: a whole citation written as
    a link's text is read as the citation it is, the link its address (no bold title beside it)."""
    links = [span for span in spans if span.style == "link" and not is_label_text(span.text)]
    if len(links) != 1 or any(span.style == "strong" and len(span.text.split()) >= 3 for span in spans):
        return spans
    cited = links[0]
    if not (_opens_with_names(cited.text) and first_year(cited.text) and len(cited.text.split()) >= 8):
        return spans
    unlinked = (Span("text", cited.text), Span("link", "link", cited.url))
    return tuple(part for span in spans for part in (unlinked if span is cited else (span,)))


def read_reference(spans: tuple[Span, ...]) -> Reference | None:
    """The reference an entry's inline text states, or None when no title can be found."""
    badges = badge_facts([span for span in spans if span.style == "image"])
    spans = _without_colon_number(_without_task_box(_linked_citation(_linked_addresses(spans))))
    spans = tuple(_cleaned(s) for s in _without_title_key(_without_leading_date(spans)) if s.style != "image")
    spans, key, key_venue = _without_citation_key(_joined_bold(_closing_bold_remark(spans)))
    links = tuple(Link(s.url, link_kind(s.text, s.url)) for s in spans if s.style == "link" and s.url)
    selected = _selected_paper(spans)
    title, title_url, rest = selected[:3] if selected else _marked_title(spans)
    rest = _without_leading_label(spans, title, _without_leading_tags(spans, title, rest))
    rest = _without_bold_nickname(spans, title, rest)
    fields: dict = {}
    tag_venue = ""
    page_id = ""
    if title and title_url and (page := _ARXIV_PAGE_TITLE.match(title)):  # `[[2205.01445] Title](…)`
        title, page_id = title[page.end():], _ARXIV_SHAPE.search(page[0])[0]
    if title and title_url and (site := _CLOSING_SITE.search(title)) and site.start() > 0:
        title = title[: site.start()]
    source = _closing_source(title) if title and title_url else None
    if source and _names_its_source(source["source"], title_url) and source.start() > 0:
        title, source_venue = title[: source.start()], source["source"].strip()
    else:
        source_venue = ""
    if title and title_url and (issue := _ISSUE_NUMBER.match(title)):  # `[#44 [NeurIPS 2018] Title](…)`
        tag_venue, title = _bracketed_prefix(title[issue.end():])
    if title:
        fields = rest_fields([] if _described_after_colon(rest) else rest)
        fields["venue"] = tag_venue or fields["venue"]  # `[#51 [ICLR 2021] Title](…) (SAM)`: the tag's
        if source_venue and looks_like_venue(source_venue) and not fields["venue"]:
            fields["venue"] = source_venue
            fields["stated_year"] = fields.get("stated_year") or first_year(source_venue)
        mla_names = mla_authors(_lead_before(spans, title))
        if inverted := _inverted_first_authors(spans, title):
            fields["authors"] = inverted
        elif mla_names and len(mla_names[0]) == 1:  # `Surname, Given. "Title."`
            fields["authors"], fields["authors_truncated"] = tuple(mla_names[0]), mla_names[1]
        # after the title, without the labels of links (`[[pdf]](…)`) nor a citation style's name
        after = [_CITATION_STYLE_NAME.sub("", text) for text in "".join(
            span.text for span in spans if not (span.style == "link" and is_label_text(span.text))).split(title, 1)[1:]]
        if (inverted or mla_names) and after and (container := mla_container(after[0])):
            fields["venue"], fields["stated_year"] = container  # `Venue 35.8 (2013): 1798-1828.`: no volume
        if selected:
            fields["authors"], fields["authors_truncated"] = (selected[3],), False
        elif title_url and (mla_after := _mla_names_after(spans, title)):  # rather than any names read above
            (fields["authors"], fields["authors_truncated"]), venue, year = mla_after
            fields["venue"], fields["stated_year"] = fields["venue"] or venue, fields["stated_year"] or year
        if not fields["venue"] and (journal := _journal_volume(spans, title)):
            fields["venue"], fields["stated_year"] = journal[0], fields["stated_year"] or journal[1]
        title = _without_bracketed_names(title, fields)
        closing = _CLOSING_PARENTHESES.search(title)  # `[Title (ICLR 2021)](url)`
        if closing and (cited := citation_key(closing["venue"])) and closing.start() > 0:
            title, key = title[: closing.start()], key or cited  # `[Title (Arora et al., 2019)](url)`
        elif closing and looks_like_venue(closing["venue"]) and closing.start() > 0:
            title, fields["venue"] = title[: closing.start()], fields["venue"] or _unglued(closing["venue"])
        elif closing and re.fullmatch(r"(?:19|20)\d\d", closing["venue"].strip()) and closing.start() > 0:
            # `[Title (2017)](url)`: a year alone closing the link's text is the paper's year
            title = title[: closing.start()]
            fields["stated_year"] = fields["stated_year"] or int(closing["venue"])
    else:
        title, fields = _plain_reference(spans)
    title = _LOCATOR.sub("", without_nickname(clean_title(_without_braces(_without_quotes(title)))))
    closing_id = _CLOSING_ARXIV_ID.search(title)  # `Title (2503.15579)`: the arXiv id, no part of the title
    title = title[: closing_id.start()] if closing_id else title
    if not title:
        return None
    text = " ".join(span.text for span in spans)
    linked_id = next((arxiv_id_of(link.url) for link in links if arxiv_id_of(link.url)), "")
    arxiv = linked_id or arxiv_id_in(text) or page_id or (closing_id["id"] if closing_id else "")
    doi = next((m["doi"] for m in (_DOI.search(link.url) for link in links) if m), "")
    fields["venue"] = fields.get("venue") or key_venue or badges.get("venue", "") or _venue_tag(spans, title)
    fields["stated_year"] = fields.get("stated_year") or badges.get("year")
    if key:  # a citation key's names and year, where the entry states none besides
        if not fields.get("authors"):
            fields["authors"], fields["authors_truncated"] = key[0], key[1]
        fields["stated_year"] = fields["stated_year"] or key[2]
    arxiv = arxiv or badges.get("arxiv_id", "")
    if fields["venue"] and (numbered := _VENUE_ARXIV_NUMBER.search(fields["venue"])) and numbered.start() > 0:
        fields["venue"] = fields["venue"][: numbered.start()]  # `arXiv preprint arXiv:1609.04747`: the id
    return Reference(title=title, links=links, arxiv_id=arxiv, doi=doi.rstrip("."), title_url=title_url,
                     **fields)


# `[*Title. ICLR 2014*](…)`: a last sentence inside a link's text that is a venue with its year
_SENTENCE_VENUE = re.compile(r"(?<=\S)\.\s+(?P<source>[A-Z][^.]{1,40}?(?:'\d\d|(?:19|20)\d\d))\s*$")
# `[Title [Lai, Robbins]](…)`: who wrote it, in brackets closing a link's text
_CLOSING_BRACKETED_NAMES = re.compile(r"\s*\[(?P<names>[^\[\]]{2,120})\]\s*$")


def _without_bracketed_names(title: str, fields: dict) -> str:
    """A link's text without the names in brackets closing it (`Title [Lai, Robbins]`), which are
    the paper's authors where `fields` has none."""
    bracketed = _CLOSING_BRACKETED_NAMES.search(title)
    names = bracketed["names"] if bracketed and bracketed.start() > 0 else ""
    lone = ([names], False) if names and _surnames_only(names) else None
    named = names and (names_in(names) or _surname_list(names) or lone)
    if not named:
        return title
    if not fields.get("authors"):
        fields["authors"], fields["authors_truncated"] = tuple(named[0]), named[1]
    return title[: bracketed.start()]
def _closing_source(title: str) -> re.Match | None:
    """Where a link's text says the paper appeared, after a dash, a spaced hyphen or a last sentence."""
    return _DASHED_SOURCE.search(title) or _HYPHENED_VENUE.search(title) or _SENTENCE_VENUE.search(title)


# `[Title - ICLR 2018](…)`: after a spaced hyphen inside a link's text, a venue with its year (only:
# a hyphen parts a title's own words as often)
_HYPHENED_VENUE = re.compile(r"\s+-\s+(?P<source>[^-\s][^-]{1,38}[^-\s])$")
# `[Name](homepage), a school. Selected publications: [Title](arXiv)`: a scholar's bullet
_SELECTED_WORKS = re.compile(r"\bselected\s+(?:publications?|papers?|works?)\b", re.IGNORECASE)


def _selected_paper(spans: tuple[Span, ...]) -> tuple[str, str, list[Span], str] | None:
    """`[Shiyu Liang](homepage), a university. Selected publications: [Title - ICLR 2017](arxiv)`: a
    bullet opening with a person linked to their page that names their selected papers is the first
    paper it links (a paper link titled by words of its own), and the person is one of its authors:
    the title, its address, the other spans and the person's name; None for any other entry."""
    links = [index for index, span in enumerate(spans) if span.style == "link" and span.url]
    if not links or any(span.text.strip() for span in spans[:links[0]]):
        return None
    person = spans[links[0]]
    names = person_names(person.text)
    if not names or len(names[0]) != 1 or names[1] \
            or is_paper_link(Link(person.url, link_kind(person.text, person.url))):
        return None
    for at in links[1:]:
        span = spans[at]
        between = "".join(s.text for s in spans[links[0] + 1:at])
        if is_paper_link(Link(span.url, link_kind(span.text, span.url))) and not is_label_text(span.text) \
                and len(span.text.split()) >= 3 and _SELECTED_WORKS.search(between):
            return span.text, span.url, [s for s in spans if s is not span], names[0][0]
    return None


# Google Scholar's `arXiv preprint arXiv:1609.04747`: the venue, then the paper's id, no part of it
_VENUE_ARXIV_NUMBER = re.compile(r"\s+arXiv:\s*\d{4}\.\d{4,5}(?:v\d+)?\s*$", re.IGNORECASE)


# `*Title*. IEEE Trans. Sig. Proc. 65(16), 2017.`, `*Title*. Neural Networks (61), 2015.`: a journal
# as written, its volume (issue), then the year
_JOURNAL_VOLUME = re.compile(
    r"\W*(?P<venue>[A-Z][\w&' -]{1,40}(?:\.\s?[\w&' -]{1,40}){0,6}?)\.?\s+\d{0,4}\(\d{1,4}\),\s*"
    r"(?P<year>(?:19|20)\d\d)\b")


def _journal_volume(spans: tuple[Span, ...], title: str) -> tuple[str, int] | None:
    """The journal and year the plain text right after a marked title states as `Journal vol(issue),
    Year` (nothing else reads a journal's name without a venue's words in it); None otherwise."""
    marked = (index for index, span in enumerate(spans)
              if span.style in ("em", "strong") and span.text == title)
    at = next(marked, None)
    if at is None:
        return None
    text = collapse_spaces("".join(span.text for span in spans[at + 1:at + 2] if span.style == "text"))
    found = _JOURNAL_VOLUME.match(text)
    return (found["venue"].strip(), int(found["year"])) if found else None


def _names_its_source(source: str, url: str) -> bool:
    """`arXiv 2025`, a venue with its year; `Springer` or `eigentales.com` for a link to
    link.springer.com or www.eigentales.com: the site the link goes to."""
    if looks_like_venue(source) and first_year(source):
        return True
    host = urlparse(url).netloc.lower() if "://" in url else ""
    word = re.sub(r"^www\.", "", source.lower()).split(".")[0]
    return bool(host) and " " not in source.strip() and len(word) >= 4 and word in host.split(".")


_VENUE_TAG = re.compile(r"\s*(?P<venue>[A-Za-z]{2,8})(?P<year>(?:19|20)\d\d)\s*")


def _venue_tag(spans: tuple[Span, ...], title: str) -> str:
    """`[Title](url), Nov. 9 2021. `nips2021``: a tag in code, a venue's name glued to its year,
    gives the venue as written and its year (`nips 2021`); other tags (`generalization`) none."""
    for span in spans:
        tag = _VENUE_TAG.fullmatch(span.text) if span.style == "code" and span.text not in title else None
        if tag and looks_like_venue(f"{tag['venue'].upper()} {tag['year']}"):
            return f"{tag['venue']} {tag['year']}"
    return ""


def _lead_before(spans: tuple[Span, ...], title: str) -> str:
    """The text before a marked title, without its quote marks and highlight."""
    return "".join(span.text for span in spans).split(title)[0].strip(" .,\"“'‘*_")


def _inverted_first_authors(spans: tuple[Span, ...], title: str) -> tuple[str, ...]:
    """`Sharma, Utkarsh, and Jared Kaplan. "Title."` (MLA, Chicago): before a marked title, the
    first author inverted and the others in order. Only there: out of that place, `Robustness,
    Accuracy, and Fairness` could be a title's own list."""
    lead = _lead_before(spans, title)
    lead = re.sub(r"[.,]?\s*\(?(?:19|20)\d\d[a-z]?\)?$", "", lead).strip(" .,")  # Chicago: `Names. 2018.`
    if pair := _INVERTED_PAIR.fullmatch(lead):
        return pair["first"], pair["second"]
    mla = mla_authors(lead)
    return tuple(mla[0]) if mla and len(mla[0]) > 1 else ()


def _closing_bold_remark(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`Names, Title. WWW 2020. https://… (**Guest Lecture**)`: a bold phrase in parentheses closing
    an entry whose text comes before it is a remark on the entry, no marked title."""
    last = max((at for at, span in enumerate(spans) if span.text.strip()), default=None)
    if last is None or last < 2 or spans[last].style != "text" or spans[last - 1].style != "strong" \
            or not spans[last].text.strip().startswith(")") or not spans[last - 2].text.rstrip().endswith("("):
        return spans
    before = "".join(span.text for span in spans[: last - 1])
    if len(re.findall(r"[^\W\d_]{2,}", before)) < 4:
        return spans
    return (*spans[: last - 1], Span("text", spans[last - 1].text), *spans[last:])


def _apa_names(text: str) -> bool:
    """`Surname, I., & Surname, I.`: names as APA writes them (initials, or a list cut short)."""
    names = names_in(text)
    return bool(names) and (names[1] or all(_INITIALS_NAME.fullmatch(name) for name in names[0]))


def _bold_apa_byline(text: str) -> bool:
    """`Surname, I., & Surname, I. (2022)`: APA names and their year, all of it."""
    dated = re.fullmatch(r"(?P<names>.+?)\s*\((?:19|20)\d\d[a-z]?\)\.?", text.strip())
    return bool(dated) and _apa_names(dated["names"])


def _joined_bold(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`**Sharp Minima Can Generalize** **For Deep Nets**`: bold runs a space apart (as a Google
    Docs export splits them) are one bold run. `**Surname, I., & Surname, I.** (2018). Title.`: the
    bold names before an APA year, or with it (`**Surname, I. (2021)**. "Title."`), are the authors'
    block, set off, no marked title."""
    first = next((at for at, span in enumerate(spans) if span.text.strip()), None)
    if first is not None and spans[first].style == "strong" and _bold_apa_byline(spans[first].text):
        spans = (*spans[:first], Span("text", spans[first].text), *spans[first + 1:])
    if first is not None and first + 1 < len(spans) and spans[first].style == "strong" \
            and spans[first + 1].style == "text" and re.match(r"\s*\((?:19|20)\d\d[a-z]?\)", spans[first + 1].text) \
            and _apa_names(spans[first].text):
        spans = (*spans[:first], Span("text", spans[first].text + spans[first + 1].text), *spans[first + 2:])
    joined: list[Span] = []
    for span in spans:
        between = joined[-1] if len(joined) >= 2 else None
        if (span.style == "strong" and between is not None and joined[-2].style == "strong"
                and not joined[-2].text.rstrip().endswith((":", "："))
                and between.style == "text" and not between.text.strip() and "\n" not in between.text):
            joined[-2:] = [Span("strong", f"{joined[-2].text} {span.text}")]
        else:
            joined.append(span)
    return tuple(joined)


def _linked_addresses(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`Title [2021] - https://openreview.net/…`, `Title(ICLR 2019) https://…`, `Title··⏎Names··⏎
    https://doi.org/…`: a bare address closing the entry after a dash, a sentence, a parenthesis
    or on a line of its own is the entry's link, as `<https://…>` would be, not
    words of its title; one inside a sentence (`Available at: https://…`, `, video, https://…`)
    stays."""
    last = len(spans) - 1
    while last >= 0 and not spans[last].text.strip(" .,;"):
        last -= 1
    if last < 0 or spans[last].style != "text":
        return spans
    closing = _CLOSING_ADDRESS.search(spans[last].text)
    after_comma = _ADDRESS_AFTER_COMMA.search(spans[last].text)
    if not closing and after_comma and arxiv_id_of(after_comma["url"]):  # `…, 2019, https://arxiv.org/abs/…`
        closing = after_comma  # its id is read from the text either way: no more evidence than before
    # `Title, https://ieeexplore.ieee.org/…`, `Title https://…`: closing a phrase of three words or
    # more (after `, video,`, `at:` or `Retrieved from` the address is what the words name)
    after_words = _ADDRESS_AFTER_WORDS.search(spans[last].text)
    before = ("".join(span.text for span in spans[:last]) + spans[last].text[:after_words.start()]
              if after_words else "")
    if not closing and after_words and len(re.split(r"[,:;.]\s", before)[-1].split()) >= 3:
        closing = after_words
    # `Title (https://…)`, `Title [https://…]`
    closing = closing or _BRACKETED_ADDRESS.search(spans[last].text)
    if not closing:
        return spans
    head = spans[last].text[:closing.start("url")]
    if closing.re is _BRACKETED_ADDRESS:
        head = spans[last].text[:closing.start()]
    after_comma_or_words = closing.re in (_ADDRESS_AFTER_COMMA, _ADDRESS_AFTER_WORDS)
    head = Span("text", head.rstrip(" ,") if after_comma_or_words else head)
    return (*spans[:last], head, Span("link", closing["url"], closing["url"]), *spans[last + 1:])


# (after a dash, glued or spaced: `[2018] -https://…`; after a bracketed year: `Title [2018] https://…`)
_CLOSING_ADDRESS = re.compile(rf"(?:^\s*|\s[-–—|]\s*|(?<=\.)\s+|(?<=\d\d\])\s+|(?<=\()[^()]{{2,200}}\)\s*"
                              rf"|{HARD_BREAK}\s*)"
                              rf"{BARE_ADDRESS.pattern}[\s.]*$")
_ADDRESS_AFTER_COMMA = re.compile(rf",\s+{BARE_ADDRESS.pattern}[\s.]*$")
_BRACKETED_ADDRESS = re.compile(r"(?<=\S)\s*[(\[](?P<url>https?://[^\s()\[\]<>]+)[)\]][\s.]*$")
_ADDRESS_AFTER_WORDS = re.compile(rf",?[ \t]+{BARE_ADDRESS.pattern}[\s.]*$")


def _cleaned(span: Span) -> Span:
    """A span without its emoji, inline HTML, GFM's strikethrough marks (`~~Names. "Title."~~`: a
    struck entry, read as written) and (in plain text) a reading group's presenter; `Names, etc.`
    as `Names et al.`; a bold `[KDD' 19]` as the venue it names."""
    text = span.text
    if span.style == "text":
        text = _PRESENTER.sub("", _ETC_NAMES.sub(" et al.", text.replace("~~", "")))
    if span.style == "link" and span.url and text.strip() == span.url:  # `[https://…](https://…)`: a bare
        text = "link"  # address written as a link (a Google Docs export) labels it, no title
    return _bold_bracketed_venue(Span(span.style, _EMOJI.sub("", _without_tags(text)), span.url))


def _without_tags(text: str) -> str:
    """Inline HTML out of an entry's text; a `<br>` or a `<sub>`/`<sup>` block (`Title
    <sub>Authors · Venue</sub>`) ends a sentence, as a line of its own would."""
    text = re.sub(r"</?(?:br|sub|sup)\b[^>]*>", HARD_BREAK, text, flags=re.IGNORECASE)
    return re.sub(r"<[^>]*>", " ", text)


def _without_quotes(title: str) -> str:
    """The quotes and emphasis marks around a title are decoration; a single quote closing a
    quotation the title opens (`"Moving Beyond 'X Is a Problem'"`) is the title's own."""
    stripped = title.strip(" \"“”'*_")
    if title.rstrip(" \"“”*_").endswith("'") and re.search(r"(?:^|\s)'[^']*$", stripped):
        return stripped + "'"
    return stripped


def _without_task_box(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """A task list's box (`- [x] Title`, `- [ ] Title`) is no part of the entry."""
    if spans and spans[0].style == "text" and (box := _TASK_BOX.match(spans[0].text)):
        return (Span("text", spans[0].text[box.end():], spans[0].url), *spans[1:])
    return spans


# `- 2:<TAB>Title - [2013][ref]`: a number and a colon before white space number the item; a clock
# time (`10:30`) has no space after its colon.
_COLON_NUMBER = re.compile(r"\s*(?:\d{1,3}:|\(\d{1,3}\))[ \t]+")


def _without_colon_number(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """An item numbered `N:` or `(N)` inside a bullet is numbered by it, as by `N.`: no part of the title."""
    if spans and spans[0].style == "text" and (number := _COLON_NUMBER.match(spans[0].text)) \
            and spans[0].text[number.end():].strip():
        return (Span("text", spans[0].text[number.end():], spans[0].url), *spans[1:])
    return spans


_CLOSING_ARXIV_ID = re.compile(r"\s*\((?P<id>\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?\)\s*$")
_TITLE_KEY = re.compile(r"\s*(?:paper\s+)?(?:title|paper|name)\s*[:：]?\s*", re.IGNORECASE)


def _without_title_key(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`**Title**: The title (2503.15579)`: the key naming the field is no part of the title."""
    at = next((at for at, span in enumerate(spans) if span.text.strip()), len(spans))
    key, rest = spans[at:at + 1], spans[at + 1:at + 2]
    if key and rest and key[0].style == "strong" and _TITLE_KEY.fullmatch(key[0].text) \
            and rest[0].style == "text" and (key[0].text.rstrip().endswith((":", "："))
                                             or re.match(r"\s*[:：]", rest[0].text)):
        return (Span("text", re.sub(r"^\s*[:：]\s*", "", rest[0].text)), *spans[at + 2:])
    return spans


def _without_leading_date(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`**Mon 25 Mar 2024** · *Title* by …`: a log's date (a meeting, a reading) opening the
    entry is when it was noted, neither the title nor the paper's year."""
    first = next((at for at, span in enumerate(spans) if span.text.strip()), None)
    if first is not None and spans[first].style == "text" \
            and re.match(rf"\s*\(\s*{_NOTED}?{_LOG_DATE.pattern}", spans[first].text):
        return _without_opening_parenthesis(spans, first)
    if first is not None and spans[first].style == "text":  # `2024-03-25 — Title …`
        dated = re.match(rf"\s*{_NOTED}?{_LOG_DATE.pattern}\s*[·•|:–—-]\s+", spans[first].text) \
            or _SCHEDULED.match(spans[first].text)
        text = spans[first].text[dated.end():] if dated else spans[first].text
        return (*spans[:first], Span("text", text), *spans[first + 1:])
    if first is None or spans[first].style not in ("strong", "em", "code"):
        return spans
    if not _LOG_DATE.fullmatch(spans[first].text.strip(" :[]")):
        return spans
    rest = list(spans[first + 1:])
    if rest and rest[0].style == "text":  # the separator after the date
        rest[0] = Span("text", re.sub(r"^\s*[·•|:–—-]\s*", "", rest[0].text))
    return tuple(rest)


def _without_opening_parenthesis(spans: tuple[Span, ...], first: int) -> tuple[Span, ...]:
    """`(Nov 1, 2018. I found it at the end of [this paper](…)) [Title](…)`: a parenthesis opening
    the entry with a date to the day is the writer's note of when and where they found the paper,
    its date no year of the paper and its links not the paper's; the entry as written when the
    parenthesis never closes."""
    depth = 0
    for at in range(first, len(spans)):
        if spans[at].style != "text":
            continue
        for position, char in enumerate(spans[at].text):
            depth += (char == "(") - (char == ")")
            if depth == 0 and char == ")":
                return (*spans[:first], Span("text", spans[at].text[position + 1:]), *spans[at + 1:])
    return spans


def badge_facts(images: list[Span]) -> dict:
    """Venue, year and arXiv id that badges state (`![](https://img.shields.io/badge/NeurIPS-2019-blue)`,
    `![arXiv](https://img.shields.io/badge/arXiv-1806.07572-b31b1b.svg)`), from their text."""
    found: dict = {}
    for image in images:
        label, message = _badge_text(image.url)
        texts = [text for text in (label, message, image.text) if text]
        arxiv = next((m[0] for m in (_ARXIV_SHAPE.search(text) for text in texts) if m), "")
        if arxiv and any("arxiv" in text.lower() for text in texts):
            found.setdefault("arxiv_id", arxiv)
            continue
        for text in (f"{label} {message}".strip(), image.text):
            if first_year(text) and not _ARXIV_SHAPE.search(text) and _ACRONYM_YEAR.search(text):
                found.setdefault("venue", _ACRONYM_YEAR.search(text)[0])
                found.setdefault("year", first_year(text))
    return found


def _badge_text(url: str) -> tuple[str, str]:
    """The label and message of a shields.io static badge (`/badge/label-message-color`)."""
    match = re.search(r"shields\.io/badge/(?P<badge>[^?#]+)", url)
    if not match:
        return "", ""
    badge = re.sub(r"\.(?:svg|png)$", "", unquote(match["badge"]))
    parts = [part.replace("--", "-").replace("__", "\0").replace("_", " ").replace("\0", "_")
             for part in re.split(r"(?<!-)-(?!-)", badge)]
    if len(parts) >= 3:
        return parts[0], "-".join(parts[1:-1])
    return (parts[0], "") if len(parts) == 2 else ("", "")


# Tags a list puts before a bold title, `(Width, Depth)(Simulated Annealing)`, `[Stochastic Weight
# Averaging]`, with emoji and `:thumbsup:`: words in brackets with no year, no names nor venue.
_LEADING_TAGS = re.compile(r"^(?:\s*(?::\w+:|[^\w\s()\[\]]|[(\[][^()\[\]\d]{1,60}[)\]]))+\s*$")


def _without_leading_tags(spans: tuple[Span, ...], title: str, rest: list[Span]) -> list[Span]:
    """The parts around a bold title without the tags before it (`(Width, Depth) **Title.**`)."""
    at = next((index for index, span in enumerate(spans)
               if span.style == "strong" and span.text == title), None)
    if not at or any(span.style != "text" for span in spans[:at]):
        return rest
    before = "".join(span.text for span in spans[:at])
    if not _LEADING_TAGS.match(before) or not re.search(r"[(\[]", before):
        return rest
    return [span for span in rest if not any(span is leading for leading in spans[:at])]


# `Batch Norm: [Title](url)`, `[2009] BiasedMF: **Title**`, `PRML: [Title](url) Names, 2006`: one
# to three words and a colon right before a marked title, after nothing but a bracketed tag, name
# the paper's method, book or topic; neither its authors (a list of names has a comma, `and` or
# `et al.`) nor its venue (a venue label has its year).
_LEADING_LABEL = re.compile(
    r"(?P<kept>\s*(?:[(\[][^()\[\]]{1,40}[)\]]\s*)?)[^\W\d_][\w.+&/'’-]*(?:\s[\w.+&/'’-]+){0,2}\s*:\s*")


def _without_leading_label(spans: tuple[Span, ...], title: str, rest: list[Span]) -> list[Span]:
    """The parts around a marked title without a label before it: only a bracketed tag in front
    of the label is kept (`[2014 NIPS]` may name the venue)."""
    at = next((index for index, span in enumerate(spans)
               if span.style in ("link", "strong", "em") and span.text == title), None)
    if not at or any(span.style != "text" for span in spans[:at]) or len(spans[:at]) > 1:
        return rest
    label = _LEADING_LABEL.fullmatch(spans[0].text)
    if not label or re.search(r"\band\b|\bet al\b|&|\d", spans[0].text[label.end("kept"):]):
        return rest
    kept = Span("text", label["kept"]) if label["kept"].strip() else None
    return [kept if span is spans[0] else span for span in rest if span is not spans[0] or kept]


# Venues a list names by their acronym alone, no year (`**ICML** [Title](…)`)
_VENUE_ACRONYM = re.compile(r"NeurIPS|NIPS|ICML|ICLR|COLT|AISTATS|JMLR|UAI|AAAI|IJCAI|CVPR|ICCV|ECCV|ACL|"
                            r"EMNLP|NAACL|KDD|WWW|SIGIR|TMLR|TPAMI|TNNLS|arXiv", re.IGNORECASE)


def _bold_name_before_colon(spans: tuple[Span, ...]) -> Span | None:
    """`**SA-EEND (1)**: “Title”`: a short bold name opening the entry, a colon after it."""
    written = [at for at, span in enumerate(spans) if span.text.strip()]
    if len(written) < 2 or spans[written[0]].style != "strong" or len(spans[written[0]].text.split()) > 4:
        return None
    return spans[written[0]] if spans[written[1]].text.lstrip().startswith(":") else None


def _without_bold_nickname(spans: tuple[Span, ...], title: str, rest: list[Span]) -> list[Span]:
    """`**NCSN** [Title](…) 2019`, `🌟**Stable Diffusion/LDM** [Title](…)`: a short bold name alone
    before a linked title is the list's name for the method, neither venue nor authors, unless it is a
    venue's (a year, a venue's word or acronym)."""
    at = next((index for index, span in enumerate(spans)
               if span.style == "link" and span.text == title), None)
    named = _bold_name_before_colon(spans) if at is None and title else None
    if named is not None and not any(span.text == title for span in spans):  # the title quoted after it
        return [span for span in rest if span is not named]
    before = [span for span in spans[:at or 0] if span.text.strip()]
    if len(before) != 1 or before[0].style != "strong":
        return rest
    name = before[0].text.strip(" ,:;")
    if not 1 <= len(name.split()) <= 4 or first_year(name) or _VENUE_WORDS.search(name) \
            or _VENUE_ACRONYM.fullmatch(name) or names_in(name):
        return rest
    return [span for span in rest if span is not before[0]]


def _without_braces(title: str) -> str:
    """`Improving {Visual} {Reasoning} by …`: BibTeX's braces keeping a word's capitals, copied from an
    export, are no part of the title (a title with TeX math or a template's braces keeps its own)."""
    if "$" in title or "\\" in title or re.search(r"\{[{%:]", title):  # math, Liquid, kramdown's `{: …}`
        return title
    return re.sub(r"\{([^\W_][\w'’ -]*)\}", r"\1", title)


# A link's text that is a citation: an inverted first name and `et al.` or more names (`Gao, Wenhao, et al.`)
_CITATION_LINK = re.compile(
    r"^\s*[A-ZÀ-Þ][\w'’-]+,\s+[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*)?,\s+(?:et al|and\b|[A-Z])")


def _marked_title(spans: tuple[Span, ...]) -> tuple[str, str, list[Span]]:
    """A title the entry marks: a link's text, bold, quotes (of three words or more: a quoted
    nickname is one word), or italics that are not a venue (`*IEEE Trans. …*` after a quoted
    title) nor `*et al.*`."""
    for at, span in enumerate(spans):
        if span.style == "link" and not is_label_text(span.text) and not span.url.startswith("#") \
                and not re.match(r"\s*(?:https?://|www\.)", span.text):  # `<https://…>` names no title
            if _CITATION_LINK.match(span.text) and any(
                    before.style == "strong" and len(before.text.split()) >= 3 for before in spans[:at]):
                break  # `**Title**` over `[Jumper, John, et al. Nature 596 (2021).](doi)`: the link cites it
            return span.text, span.url, [s for s in spans if s is not span]
    if _bold_name_before_colon(spans) and (quoted := _quoted_title(spans)):
        return quoted  # `**SA-EEND (1)**: “Title”, in *Proc. ASRU*`: the bold is the method's name
    for style in ("strong", "quoted", "em"):
        found = _quoted_title(spans) if style == "quoted" else _styled_title(spans, style)
        if found:
            return found
    return "", "", list(spans)


def _titled_before(spans: tuple[Span, ...], index: int) -> bool:
    """`Surname, I. (2017). Title in plain text. *Uncertainty in Artificial Intelligence*`: the
    text before the italics already holds a sentence past the names and date, so the italics are
    the venue, not the title (as they are in `Full Name (2019). *Title*. Venue`)."""
    text = collapse_spaces("".join(span.text for span in spans[:index] if span.style in ("text", "strong")))
    if (dated := _DATED_AUTHORS.match(text)) and names_in(dated["authors"]):
        text = text[dated.end():]
    elif (leading := _leading_names(text)) is not None:
        text = leading[1]
    if not re.search(r"[.?!]\s*$", text):
        return False
    return any(len(sentence.split()) >= 3 and not names_in(sentence) and not looks_like_venue(sentence)
               and not _surname_list(sentence) for sentence in _sentences(text))


def _styled_title(spans: tuple[Span, ...], style: str) -> tuple[str, str, list[Span]] | None:
    for index, span in enumerate(spans):
        words = span.text.split()
        # `**Zhang et al. (2017)**`; not `*Implicit Gradient Regularization*`, whose words no name has
        names = person_names(re.sub(r"[\s,]*\(?(?:19|20)\d\d\)?\s*$", "", span.text))
        as_names = names and (style == "em" or len(names[0]) > 1 or names[1]) \
            and not _named_before(spans, index)
        if span.style == style and len(words) >= 2 and not looks_like_venue(span.text) \
                and not as_names and not span.text.strip().endswith(":") \
                and not re.fullmatch(r"\s*et\s+al\.?\s*", span.text) \
                and not (style == "em" and _titled_before(spans, index)):
            return span.text, "", _unquoted_after(spans, index)
    return None


def _unquoted_after(spans: tuple[Span, ...], index: int) -> list[Span]:
    """The spans besides a styled title; a quote closing it (`"**Title**." Venue`, as Google
    Scholar's MLA is pasted with the title made bold) goes with it, not with the venue after it."""
    rest = [s for s in spans if s is not spans[index]]
    before, after = spans[index - 1] if index else None, spans[index + 1] if index + 1 < len(spans) else None
    if before and after and before.style == after.style == "text" \
            and before.text.rstrip().endswith(('"', "“")):
        closed = re.sub(r'^(\s*[.,]?)\s*["”]', r"\1", after.text)
        rest[index] = Span("text", closed, after.url)  # `after` stands at `index` once the title is out
    return rest


def without_nickname(title: str) -> str:
    """A title without the nickname a list adds after it (`(μP)`, `(SAM)`, `(the "LTH paper")`);
    an abbreviation of the words right before it is the title's own (`Stochastic Differential
    Equations (SDEs)`), of the whole title too (`Diffusion Implicit Models (DIM)`; judges differ)."""
    nickname = _CLOSING_NICKNAME.search(title)
    named = _CLOSING_NAME.search(title)
    if nickname is None and named and _sentence_case(title[: named.start()]):
        return title[: named.start()]  # `Neural networks and physical systems … (Hopfield Networks)`
    if nickname is None:
        return title
    capitals = re.sub(r"[^A-Z]", "", nickname[0])
    words_before = title[: nickname.start()].split()[-len(capitals):] if capitals else []
    initials = "".join(word[0] for word in words_before)
    return title if capitals and initials == capitals else title[: nickname.start()]


# a name in capitalised words closing a title: `(Hopfield Networks)`, `(Adam)`
_CLOSING_NAME = re.compile(r"\s+\((?:[A-Z][\w'-]*)(?:\s[A-Z][\w'-]*){0,2}\)$")


def _sentence_case(title: str) -> bool:
    """A title written in sentence case: past its first word, most words of four letters or more
    start in lower case; a name capitalised after it is no word of the title."""
    words = [word for word in re.findall(r"[A-Za-z][\w'-]*", title)[1:] if len(word) >= 4]
    return len(words) >= 3 and sum(word[0].islower() for word in words) >= 0.75 * len(words)


def _named_before(spans: tuple[Span, ...], index: int) -> bool:
    """`Yann LeCun, John S. Denker, Sara A. Solla. *Optimal Brain Damage*.`: the authors come
    before, so the italics after them are the title, however much they read like a name; so they
    are after a comma (`A. One, and B. Two, *Wasserstein GAN*. Preprint, 2017.`)."""
    text = "".join(span.text for span in spans[:index] if span.style == "text").strip()
    names = text.rstrip(". ,")
    return text.endswith((".", ",")) and bool(names_in(names) or _surname_list(names))


def _surname_list(text: str) -> tuple[list[str], bool] | None:
    """`Xie, Raghunathan, Liang & Ma`, `Chan et al.`: a slide's or a talk's authors by surname
    alone, two or more or one before `et al.`."""
    text = text.strip(" .,*_")
    lead = re.sub(r",?\s+et\s+al\.?$", "", text)
    if lead != text and _surnames_only(lead) and not re.search(r",|&|\band\b", lead):
        return [lead], True
    if re.search(r",|&|\band\b", text) and _surnames_only(text):
        return split_names(text)
    return None


def _quoted_title(spans: tuple[Span, ...]) -> tuple[str, str, list[Span]] | None:
    for index, span in enumerate(spans):
        text = span.text if span.style == "text" else ""
        quoted = _QUOTED.search(text) or _SINGLE_QUOTED.search(text)
        # a shorter quote is a title right after an author-date year (`Okonkwo, Mira. 2023. “Name.”`)
        dated = quoted and re.search(r"\b(?:19|20)\d\d[a-z]?\.\s*$", text[: quoted.start()])
        # and one closing with the comma or period a Chicago or MLA reference puts inside its
        # quotes (`"Flat Minima," *Neural Computation* 9 (1997)`), which a quoted nickname has not;
        # a year follows in a full reference, none in a short one (`Zhang et al., "Rethinking
        # Generalization," 9.`: a paper cited in full before)
        punctuated = quoted and len(quoted["title"].split()) >= 2 and quoted["title"].endswith((",", ".")) \
            and first_year("".join(s.text for s in spans[index + 1:]) + span.text[quoted.end():])
        if quoted and (len(quoted["title"].split()) >= 3 or dated or punctuated):
            before = Span("text", span.text[: quoted.start()])
            after = Span("text", span.text[quoted.end():])
            return quoted["title"], "", [*spans[:index], before, after, *spans[index + 1:]]
    return None


# `(e.g. XPINNs)`, `(i.e., …)`, `(cf. …)`: examples a sentence gives, never the entry's venue or authors
_EXAMPLES = re.compile(r"\((?:e\.\s?g\.|i\.\s?e\.|cf\.)[^()]*\)", re.IGNORECASE)


# `Publication: arXiv`, `Venue: ICML 2019` on a line of an entry's own: the label names the field.
_VENUE_FIELD_LABEL = re.compile(r"^(?:publication|published(?: in| at)?|venue|conference|journal)\s*[:：]\s*",
                                re.IGNORECASE)


# A book's publisher as written (`MIT Press`, `The MIT Press`, `Cambridge University Press`, `John
# Wiley & Sons`, `Athena Scientific`, `McGraw-Hill Education`, `Springer`), the venue of a book
_PUBLISHER = re.compile(
    r"(?:The )?(?:[A-Z][\w'’-]*,? ){0,4}(?:(?i:press)|Publish(?:ing|ers)|Scientific|& Sons|Education|Verlag)"
    r"|Springer(?:-Verlag)?|Wiley|Elsevier|Pearson|Prentice[- ]Hall|McGraw[- ]Hill|O['’]Reilly|Addison[- ]Wesley"
    r"|Now Publishers|World Scientific|CRC Press|SIAM")


def publisher_in(text: str) -> str:
    """The publisher a book's citation names after its title (`(2nd ed.). MIT Press.`, `published by
    The MIT Press`, `Cambridge: MIT press, 2016`), as written; "" where no part of the text is one."""
    for part in re.split(r"[.;]\s+|,\s+(?=(?:19|20)\d\d)|\bpublished by\s+|:\s+", text):
        part = part.strip(" .,()")
        if _PUBLISHER.fullmatch(part):
            return part
    return ""


def _chunks(spans: list[Span]) -> list[tuple[str, str]]:
    """The parts of an entry's text besides its title: (style, text), label links left out, and a
    venue's field label (`Publication: arXiv`) off its value."""
    chunks: list[tuple[str, str]] = []
    for span in spans:
        if span.style == "link" and is_label_text(span.text):
            continue
        if span.style in ("em", "code", "strong"):
            chunks.append((span.style, span.text))
            continue
        for part in _CHUNK_SEPARATOR.split(_without_defined_abbreviations(_EXAMPLES.sub(" ", span.text))):
            chunks += [("text", piece) for piece in _venue_after_comma(part) if piece]
    chunks = [(style, collapse_spaces(text).strip(" ,:")) for style, text in chunks]
    chunks = [(style, _VENUE_FIELD_LABEL.sub("", text)) for style, text in chunks]
    return [(style, text.strip(" ,:")) for style, text in chunks if text.strip(" ,:.")]


# `the information bottleneck (IB) objective`: an acronym in parentheses after the words it abbreviates
_PARENTHESISED_ACRONYM = re.compile(r"\s*\((?P<letters>[A-Z]{2,8})s?\)")


def _without_defined_abbreviations(text: str) -> str:
    """A sentence of prose without the acronyms it defines (`deep neural networks (DNNs)`): the
    initials of the words before the parenthesis spell it, and that sentence has at least four
    words in lower case, so no venue's own abbreviation (`Neural Information Processing Systems
    (NIPS)`, in a reference) is dropped."""
    def defined(found: re.Match) -> str:
        sentence = re.split(r"[.!?]\s", text[: found.start()])[-1]
        words = re.findall(r"[^\W\d_][\w'’]*", sentence)[-len(found["letters"]):]
        initials = "".join(word[0] for word in words).upper()
        prose = len(re.findall(r"\b[a-z]{2,}\b", sentence)) >= 4
        return " " if prose and initials == found["letters"] else found[0]
    return _PARENTHESISED_ACRONYM.sub(defined, text)


# after `et al.,`: the month a list noted the paper (and a venue), or a year and a venue, not `'17`
_NOTED_DATE_AND_VENUE = re.compile(
    r"(?:19|20)\d\d(?:\.\d\d?){1,2}(?:,?\s+[^,\s][^,]*)?|(?:19|20)\d\d\s+[^,\s][^,]*")


def _venue_after_comma(part: str) -> list[str]:
    """`Kenji Kawaguchi, NeurIPS 2016`: the names and the venue after them, apart; after `et al.,`
    a noted month or year and a venue (`Name et al., 2020.09 EMNLP2020`)."""
    for comma in re.finditer(r",\s+", part or ""):
        rest = part[comma.end():]
        head = part[: comma.start()]
        if re.search(r"\bet al\.?$", head) and _NOTED_DATE_AND_VENUE.fullmatch(rest):
            return [head, *re.split(r",\s+", rest, maxsplit=1)]
        if _VENUE_START.match(rest) and looks_like_venue(rest) and not looks_like_venue(head):
            return [part[: comma.start()], rest]
    return [part]


def _described_after_colon(rest) -> bool:
    """`[Title](url): Randomly weighted neural network contains a subnetwork… Suggested Edge-popup
    (EP) algorithm.`: after the title a colon opens a sentence of prose, a description whose
    capitalised words and acronyms are no authors or venue."""
    text = "".join(span.text for span in rest if span.style != "link")
    opened = re.match(r"\s*[:：]\s*(?P<first>[^.!?]*)", text)
    return bool(opened) and len(re.findall(r"\b[a-z]{2,}\b", opened["first"])) >= 5


def _before_note_field(rest: list[Span]) -> list[Span]:
    """`… Names. **TLDR**: Use causal knowledge …`: what follows a note's field name is the note,
    no author or venue (nor is the field's name)."""
    for at, span in enumerate(rest):
        following = rest[at + 1].text if at + 1 < len(rest) else ""
        if span.style in ("strong", "em") and re.fullmatch(NOTE_FIELD_NAME + r"\s*[:：]?", span.text.strip(),
                                                           re.IGNORECASE) \
                and (span.text.strip().endswith((":", "：")) or re.match(r"\s*[:：]", following)):
            return rest[:at]
    return rest


# A physicist's citation after a title: `K. T. Butler, & A. Walsh, Nature **559**, 547–555 (2018)`:
# the names, the journal, its volume (bold or not) and issue, the pages or article number, the year
_NAMES_JOURNAL_VOLUME = re.compile(
    r"^\s*[.,]?\s*(?P<names>[^()]{3,2000}?),\s+(?P<venue>[A-Z][^,\d()]{1,80}?)"
    r"\s+\**\d{1,5}\**(?:\(\d{1,5}\))?\s*,"
    r"\s*[A-Za-z]?\d{1,8}(?:\s*[–-]\s*\d{1,8})?\s*\((?P<year>(?:19|20)\d\d)\)\s*\.?\s*$")


def _names_journal_volume(rest: list[Span]) -> dict | None:
    """The fields a physicist's citation after a title gives (`_NAMES_JOURNAL_VOLUME`), or None."""
    if any(span.style not in ("text", "strong") for span in rest):
        return None
    cited = _NAMES_JOURNAL_VOLUME.match("".join(span.text for span in rest))
    names = person_names(cited["names"]) if cited else None
    if not names:
        return None
    return {"authors": tuple(names[0]), "authors_truncated": names[1], "venue": cited["venue"].strip(),
            "stated_year": int(cited["year"])}


def rest_fields(rest: list[Span]) -> dict:
    """Authors, venue and year from the parts around a marked title."""
    if (cited := _names_journal_volume(rest)) is not None:
        return cited
    authors: list[str] = []
    truncated = False
    venue, stated_year = "", None
    chunks = _chunks(_before_note_field(rest))
    for at, (style, text) in enumerate(chunks):
        # `(Du & Lee, 2019)`, `*Du et al., 2019*`: who and when, no venue
        if style in ("text", "em") and (cited := citation_key(text, lone=False)):
            authors, truncated = (authors, truncated) if authors else (list(cited[0]), cited[1])
            stated_year = stated_year or cited[2]
            continue
        names = None if authors else names_in(text, surnames=True) or _surname_list(text)
        # `*Neural Networks*, 2018`; `_Physics Reports_ **924**, 1-18 (2021)`: italics, then a year or a
        # volume in bold
        dated = style == "em" and at + 1 < len(chunks) and (
            re.fullmatch(r"(?:19|20)\d\d", chunks[at + 1][1])
            or (chunks[at + 1][0] == "strong" and re.fullmatch(r"\d{1,4}", chunks[at + 1][1].strip())))
        # `(SAM)<br>…<br>ICLR 2021`: a nickname reads as an acronym; a venue with its year wins
        dated_venue = venue and not first_year(venue) and _ACRONYM_YEAR.search(text)
        if re.fullmatch(r"arXiv\s*:?\s*\d{4}\.\d{4,5}(?:v\d+)?", text, re.IGNORECASE):
            continue  # `arXiv:1805.01053` alone names the paper's id, not where it appeared
        # `in Proceedings of …, SIGIR 2020, Virtual Event, …`
        if len(text) > 120 and _PROCEEDINGS.match(text):
            text = text.split(",")[0]
        if _LOG_DATE.fullmatch(text.strip("() ")):  # `(Dec 17 2020)`: a day, no venue's name
            stated_year = stated_year or first_year(text)
            continue
        if looks_like_venue(text) and (style in ("code", "em") or not venue or dated_venue):
            venue = _unglued(venue_name(text)) if not venue or dated_venue else venue
            venue = _with_abbreviation(venue, chunks[at + 1:at + 2], rest)
        elif not venue and (pair := _VENUE_COMMA_YEAR.fullmatch(text)) \
                and looks_like_venue(pair["venue"]):  # `*NeurIPS, 2017*`, `EMNLP, 2020`: venue, comma, year
            venue = _unglued(venue_name(f"{pair['venue']} {pair['year']}"))
            stated_year = stated_year or int(pair["year"])
        elif not venue and dated and not names:
            venue = SUBMITTED_TO.sub("", text)  # `*submitted to IEEE/ACM TASLP*, 2024`
        elif not authors and (named := _names_and_year(text)):
            (authors, truncated), stated_year = named[0], stated_year or named[1]
        elif not venue and _NAMED_WITH_YEAR.fullmatch(text) and not _names_or_season(text):
            venue = text
        elif not venue and (year_first := _YEAR_FIRST_VENUE.fullmatch(text)) \
                and looks_like_venue(year_first["venue"]):  # `, 2021 ICLR`: the year before the venue
            venue = f"{year_first['venue']} {year_first['year']}"
            stated_year = stated_year or int(year_first["year"])
        elif names:
            authors, truncated = names
        elif re.fullmatch(r"\(?\s*(?:19|20)\d\d\s*\)?", text):
            stated_year = stated_year or first_year(text)
        elif not authors and "," in text and (names := names_in(text.split(":")[-1])):
            authors, truncated = names
    if venue and re.fullmatch(r"(?:19|20)\d\d", venue):
        venue, stated_year = "", int(venue)
    labelled_venue, labelled_year = _labelled_venue(rest)
    venue = venue or labelled_venue or next(filter(None, (publisher_in(text) for style, text in chunks
                                                          if style == "text")), "")
    return {"authors": tuple(authors), "authors_truncated": truncated, "venue": venue,
            "stated_year": stated_year or labelled_year or _year_of(rest)}


_ABBREVIATION = re.compile(r"[A-Z][A-Za-z&]{1,9}")


def _with_abbreviation(venue: str, following: list[tuple[str, str]], rest: list[Span]) -> str:
    """`In 2018 Information Theory and Applications Workshop (ITA) (pp. 1-10)`: the abbreviation in
    parentheses right after a venue's name is part of its name as written (the pages are not)."""
    abbreviation = following[0][1] if following and following[0][0] == "text" else ""
    if not venue or not _ABBREVIATION.fullmatch(abbreviation) or not re.search(r"[A-Z].*[A-Z]", abbreviation):
        return venue
    written = f"{venue} ({abbreviation})"
    text = collapse_spaces("".join(span.text for span in rest if span.style == "text"))
    return written if written in text else venue


# A link's label naming the venue and a two-digit year: `[ICML20]`, `[NeurIPS22 OPT]` (a workshop),
# `[paper22]` (a year only), `[arxiv, 16.05]` and `[ICML, 17.07]` (the year and month, YY.MM).
_VENUE_YEAR_LABEL = re.compile(
    r"^\[(?P<venue>[A-Za-z][A-Za-z&-]{1,14})(?:(?P<glued>\d\d)(?: (?P<part>[A-Za-z]{2,12}))?"
    r"|, (?P<year>\d\d)\.(?:0[1-9]|1[0-2]))\]$")


# A link labelled by an acronym's venue and its year: `[NeurIPS'23](abs)`, `[ICLR 2024](abs)`
_VENUE_YEAR_LINK = re.compile(
    r"(?P<venue>[A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?:['’](?P<yy>\d\d)| (?P<year>(?:19|20)\d\d))")


def _labelled_venue(rest: list[Span]) -> tuple[str, int | None]:
    """The venue and year a link's label gives, `[[ICML20]](pdf)`, `[[arxiv, 17.07]](abs)` or
    `[NeurIPS'23](abs)`, when nothing else around the title does; `paper` names no venue."""
    for span in rest:  # a link's label, or the same bracketed after the title: `**Title.** [icml21]`
        linked = _VENUE_YEAR_LINK.fullmatch(span.text.strip()) if span.style == "link" else None
        if linked and looks_like_venue(linked["venue"]) and not other_host(span.url):
            return linked["venue"], int(linked["year"] or 0) or 2000 + int(linked["yy"])
        label = _VENUE_YEAR_LABEL.match(span.text.strip()) if span.style in ("link", "text") else None
        if label:
            venue = " ".join(filter(None, [label["venue"], label["part"]]))
            year = 2000 + int(label["glued"] or label["year"])
            return ("" if label["venue"].lower() in ("paper", "papers", "pdf", "preprint") else venue), year
    return "", None


_YEAR_FIRST_VENUE = re.compile(  # `2021 ICLR`, `(2023-ICLR)`
    r"\(?(?P<year>(?:19|20)\d\d)\)?(?:\s+|-)(?P<venue>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})")


def _names_and_year(text: str) -> tuple[tuple[list[str], bool], int] | None:
    """`Rajat Vadiraj Dwaraknath, 2019`, `Kenji Kawaguchi 2016`: the authors and the year."""
    if not (dated := re.fullmatch(r"(?P<names>.+?)[\s,]+(?P<year>(?:19|20)\d\d)", text)):
        return None
    names = person_names(dated["names"])
    return (names, int(dated["year"])) if names else None


def person_names(text: str) -> tuple[list[str], bool] | None:
    """Names of people, not a journal's (`Neural Networks`, `Machine Learning`) that read as one."""
    names = names_in(text)
    words = {word.lower() for name in (names[0] if names else []) for word in name.split()}
    return names if names and not title_words(words) else None


def _names_or_season(text: str) -> bool:
    """`Rajat Vadiraj Dwaraknath, 2019`, `Fall 2017`: a person or a term and a year, no venue."""
    named = re.sub(r"[\s,]+(?:19|20)\d\d$", "", text).strip()
    return bool(re.fullmatch(r"(?i:spring|summer|fall|autumn|winter)", named) or person_names(named))


def _unglued(venue: str) -> str:
    """`NeurIPS2018` → `NeurIPS 2018`: the venue's name and year as the venue table reads them."""
    venue = re.sub(r"^in\s+", "", venue)  # `in ICML, 2017` (IEEE): "In" is dropped by venue_name
    if venue.startswith("(") and venue.endswith(")"):  # `**(ICLR 2021 Oral)**`
        venue = venue[1:-1]
    return re.sub(r"(?<=[A-Za-z])(?=(?:19|20)\d\d\b)", " ", venue).strip(" .,")


def _year_of(spans: list[Span]) -> int | None:
    """The year the parts around a title state; a date to the day (`closed 19 Jun 2023`, `read
    2023-03-04`) beside another year is when the list noted it; alone (`Published: 31 Aug 2022`)
    it is the paper's."""
    text = " ".join(span.text for span in spans if span.style != "link" or is_label_text(span.text))
    return first_year(_LOG_DATE.sub(" ", text)) or first_year(text)


# MLA (Google Scholar's, Chicago's): the first author inverted, `Surname, Given`, a two-word surname
# only after a particle (`Le Cun, Y.`, `Van Hemmen, J. Leo`: `Ashish Bora, Ajil Jalal` is two names in order)
_MLA_FIRST = re.compile(
    r"\**(?P<first>(?:(?i:van|von|de|der|den|le|la|di|da|du|del|dos|ter) )*[A-ZÀ-Þ][\w'’-]+(?: [a-z]{1,3})?, "
    r"[A-ZÀ-Þ][\w'’.-]*(?: [A-ZÀ-Þ][\w'’.-]*| [a-z]{1,3}(?= ?,|$)){0,3})")
# after the title of an unquoted MLA book: `Vol. 1.`, `Diss. PhD thesis,` (no part of the publisher), then
# `[City: ]Publisher, Year`
_MLA_PUBLISHER = re.compile(
    r"(?:Vol\. \d{1,3}\. )?(?:Diss\. (?:PhD |Ph\.D\. |Master's )?thesis, )?(?:[^:.]{1,60}: )?"
    r"(?P<venue>[^.:,][^.:]{1,120}?),\s*(?P<year>(?:19|20)\d\d)\b")
# after an MLA title: `Venue 35.8 (2013): 1798-1828`, `Venue 7.3–4 (2014)`, `Venue. 2014`: the
# venue without its volume and issue, and the year
_MLA_CONTAINER = re.compile(
    r"[\s.,\"”]*(?:(?P<venue>[^\"“”()\d\s][^\"“”()]{1,150}?)\s\d{1,5}(?:\.\d{1,5}(?:[–-]\d{1,5})?)?"
    r"(?:,\s*no\.\s*\d{1,5})?\s\("  # Chicago's issue: `Venue 222, no. 1 (2021): 429-450`
    r"(?P<year>(?:19|20)\d\d)\)(?::\s*\d{1,6}(?:[–-]\d{1,6})?)?"
    r"|(?P<named>[^\"“”()\d\s][^\"“”().]{1,150})\.\s(?P<named_year>(?:19|20)\d\d)"
    r"|(?P<bare>[^\"“”()\d\s][^\"“”().]{1,150}?)\s\((?P<bare_year>(?:19|20)\d\d)\))\.?\s*")
# `….APA[[pdf]](…)`: the name of the citation style a list copied the citation in, glued to its end
_CITATION_STYLE_NAME = re.compile(r"(?<=[.\s])(?:APA|MLA|BibTeX|Chicago|Harvard|Vancouver)\s*$")


def mla_authors(lead: str) -> tuple[list[str], bool] | None:
    """The authors of an MLA citation's opening sentence (`Surname, Given, and Given Surname`,
    `Surname, Given, et al.`, `Surname, Given`), or None when the sentence is not one."""
    lead = re.sub(r",\s*eds?\.?$", "", lead.strip(" *_.")) if len(lead) <= 200 else ""
    truncated = bool(re.search(r",?\s+et al\.?$", lead))
    lead = re.sub(r",?\s+et al\.?$", "", lead)
    first = _MLA_FIRST.match(lead)
    if not first or _VENUE_WORDS.search(lead) or first_year(lead):
        return None
    others = lead[first.end():]
    if not others:
        return [first["first"]], truncated
    if truncated or not re.match(r",? ", others) or not re.search(r"\band ", others):
        return None
    found = names_in(others.lstrip(", "))
    if not found or not all(len(name.split()) > 1 for name in found[0]):
        return None
    return [first["first"], *found[0]], False


def _mla_book(text: str) -> tuple[str, dict] | None:
    """`Surname, Given, and Given Surname. Title. [City: ]Publisher, Year.` (Google Scholar's MLA
    of a book or thesis): the authors, the title between them and the publisher, the publisher as
    the venue and its year; None for any other text."""
    for stop in re.finditer(r"\.\s", text[:201]):
        if re.search(r"\b[A-ZÀ-Þ]$", text[:stop.start()]):
            continue  # an initial's period (`Filip M. Mulier`), no sentence's end
        authors = mla_authors(text[:stop.start()])
        rest = text[stop.end():]
        end = re.search(r"[.?!]\s", rest)
        if authors is None or not end or rest.startswith(("\"", "“")):
            continue
        title = rest[:end.start() + (end[0][0] != ".")].strip()
        publisher = _MLA_PUBLISHER.match(rest[end.end():])
        if not publisher or not re.search(r"[^\W\d_]{2}", title):
            continue
        return title, {"authors": tuple(authors[0]), "authors_truncated": authors[1],
                       "venue": publisher["venue"].strip(), "stated_year": int(publisher["year"])}
    return None


# After the names: `Venue, 2021.`, `Venue (2017)`, `Venue 2022.`: a short venue and its year
_VENUE_YEAR_AFTER_NAMES = re.compile(r"(?P<venue>[A-Z][^.,()\d]{1,60}?)?[\s,]*\(?(?P<year>(?:19|20)\d\d)?\)?\.?\s*")


def _mla_names_after(spans: tuple[Span, ...], title: str) -> tuple[tuple[tuple[str, ...], bool], str, int | None] | None:
    """`[Title](url), Chen, Irene, Fredrik D. Johansson, and David Sontag. NeurIPS 2018`: MLA names
    as the sentence right after a linked title (`Surname, Given` first, then `, and` or `et al.`),
    with the venue and year after them when nothing else follows; None for any other text."""
    at = next((index for index, span in enumerate(spans) if span.style == "link" and span.text == title), None)
    if at is None or any(span.style == "link" and span.url for span in spans[at + 1:at + 2]):
        return None
    after = collapse_spaces("".join(span.text for span in spans[at + 1:] if span.style != "link")).lstrip(" ,")
    stop = next((m for m in re.finditer(r"\.(?:\s|$)", after) if not re.search(r"\b[A-ZÀ-Þ]$", after[:m.start()])),
                None)
    if stop is None:
        return None
    names = mla_authors(after[:stop.start()])
    tail = _VENUE_YEAR_AFTER_NAMES.fullmatch(after[stop.end():].strip(" []"))
    # `Surname, Given.` alone could be a publisher and its city: only with a year after it
    if not names or (len(names[0]) == 1 and not names[1] and not (tail and tail["year"])):
        return None
    venue = tail["venue"].strip() if tail and tail["venue"] else ""
    return (tuple(names[0]), names[1]), venue, int(tail["year"]) if tail and tail["year"] else None


def mla_container(text: str) -> tuple[str, int] | None:
    """The venue and year after an MLA title (`Venue 35.8 (2013): 1798-1828.`, `Venue. 2014.`), the
    volume, issue and pages no part of the venue; None when the text is not of that shape."""
    found = _MLA_CONTAINER.fullmatch(text) if len(text) <= 300 else None
    if not found:
        return None
    if found["venue"]:
        return found["venue"].strip(" ,"), int(found["year"])
    if found["bare"]:  # `Nature (2016).`
        return found["bare"].strip(" ,"), int(found["bare_year"])
    return found["named"].strip(" ,"), int(found["named_year"])


# After a label opening an entry, a citation's names: `. Akaike, H. (1974). …`, `. Love, M.I., Huber, W. & …`
_CITED_AFTER_LABEL = re.compile(
    rf"[.,;:]?\s+(?:{_INVERTED_NAME}|[A-ZÀ-Þ][\w'’-]+,\s+(?:[A-Z]\.\s?)+\s*\((?:19|20)\d\d)")


def _lead_and_tail(spans: tuple[Span, ...]) -> tuple[str, list[Span], str]:
    """The text of an entry up to its first label link or italic venue (the title and the names are
    in it), the spans from there, and a venue written before the title (`` `ICML 2017` Title ``). A
    label opening a citation (`[pdf](…). Surname, I. (2001). Title.`) goes with the spans after."""
    lead: list[str] = []
    opening: list[Span] = []
    venue = ""
    for index, span in enumerate(spans):
        is_label = span.style == "link" and is_label_text(span.text)
        italic_venue = span.style == "em" and _titled_before(spans, index)
        styled_venue = span.style in ("em", "code") and looks_like_venue(span.text)
        if styled_venue and not "".join(lead).strip(" [(-–—|:"):  # `` `ICML 2017` Title [paper](…) ``
            venue = venue or _unglued(span.text.strip())
            continue
        if is_label and not opening and not "".join(lead).strip() and index + 1 < len(spans) \
                and _CITED_AFTER_LABEL.match(spans[index + 1].text):
            opening.append(span)
            continue
        if is_label or italic_venue or styled_venue:
            return "".join(lead), [*spans[index:], *opening], venue
        lead.append(re.sub(r"^[.,;:]?\s+", "", span.text) if opening and not lead else span.text)
    return "".join(lead), opening, venue


def _without_closing_labels(text: str) -> str:
    """`Title(oral)`, `Title（实例分割）`: how the paper was presented, or a label in another script, out of
    the title they close."""
    return _TRANSLATED_LABEL.sub(r"\g<title>", _PRESENTATION.sub("", text, count=1), count=1)


def _plain_reference(spans: tuple[Span, ...]) -> tuple[str, dict]:
    """`Authors. Title. Venue 2019`, `Authors (2019). Title. Venue`, `Title. Authors. Venue`,
    `[Venue 2019] Title`, `Title (ICML 2019)`: the title is the first sentence not of names."""
    lead, tail, venue = _lead_and_tail(spans)
    authors, year = None, None
    joined = re.sub(rf"([^\s.?!:])[ \t]*{HARD_BREAK}", r"\1. ", lead)  # `Title<br>Authors`
    text = _without_closing_labels(collapse_spaces(joined).strip())
    text = _GLUED_NUMBER.sub("", _RATING.sub("", text))
    bracketed_venue, text = _bracketed_prefix(text)
    venue = venue or bracketed_venue
    text = re.sub(r"^\s*\[([^\[\]]+)\]\s*$", r"\1", text)  # `` `NIPS` [Title] ``: a link's text, no address
    text = text.strip(" [(").rstrip(" -–—|")
    # `Surname, Given. Title. Publisher, Year.` (MLA); `Title / I. O. Surname // Journal. — 2018. — …` (GOST)
    if (read := _mla_book(text) or read_gost(text)) is not None:
        return read
    if text.count(" | ") >= 2:  # `2017.03 | Title | Authors | ICML | [link](…)`: cells of a row
        text, cell_venue, cell_year = _pipe_cells(text)
        venue, year = venue or cell_venue, cell_year
    elif _dash_cells(text):  # `Names - Title - NIPS 2018 - https://arxiv.org/abs/… - a note`
        text, cell_venue, cell_year = _pipe_cells(text, " - ")
        venue, year = venue or cell_venue, cell_year
    text, year, venue = _leading_date(text, year, venue)
    text, year, venue, cited = _after_the_title(text, year, venue)
    text, year, venue = _closing_glued_tag(text, year, venue)
    text, venue = _closing_volume_pages(text, venue)
    text, year, venue = _closing_journal(text, year, venue)
    text = _ARXIV_NOTE.sub("", text)  # `Title [arXiv:1605.07110]`: the id is read from the text
    text = re.sub(r"(?:[.,]?\s+In|,\s+in)\s*$", ".", text)  # `Title, in *ICLR* 2022`: `in` before the venue
    dated = _DATED_AUTHORS.match(text) or _YEAR_SENTENCE_AFTER_AUTHORS.match(text)
    vancouver = _VANCOUVER_AUTHORS.match(text)
    if dated and (authors := names_in(dated["authors"])):
        text, year = text[dated.end():], int(dated["year"])
    elif (leading := _leading_names_or_title(text) or _comma_names_head(text)) is not None:
        authors, text = leading
    sentences = _sentences(text)
    if not sentences:
        return "", {}
    title, others = _title_and_rest(sentences, after_names=bool(authors))
    fields = rest_fields([Span("text", ". ".join(others)), *tail])
    if authors:
        fields["authors"], fields["authors_truncated"] = tuple(authors[0]), authors[1]
    elif cited and not fields["authors"]:
        fields["authors"], fields["authors_truncated"] = cited[0], cited[1]
    fields["venue"] = _italic_container(tail) or fields["venue"]
    fields["venue"] = venue or fields["venue"]
    fields["stated_year"] = year or fields["stated_year"]
    title, trailing = _trailing_venue(_CLOSING_PAGES.sub("", title))  # `Title, 1–25. Retrieved from …`: pages
    if trailing and not fields["venue"]:
        fields["venue"] = "" if re.fullmatch(r"(?:19|20)\d\d", trailing) else venue_name(trailing)
        fields["stated_year"] = fields["stated_year"] or first_year(trailing)
    # `Authors (2016). Title. MIT press.`: what follows is the venue; `Title. Kurt Hornik (1991).`: no venue
    if dated and not fields["venue"] and others and not _ARXIV_SHAPE.search(others[0]) \
            and not person_names(re.sub(r"\s*\(?(?:19|20)\d\d\)?$", "", others[0])):
        fields["venue"] = venue_name(others[0])
    if vancouver and not fields["venue"] and others and re.search(r"[^\W\d_]{2}", others[0]) \
            and not _ARXIV_SHAPE.search(others[0]) and not first_year(others[0]):
        fields["venue"] = venue_name(others[0])  # `Authors. Title. J Mach Learn Res. 2019;20.`
    if others and (cited := _CITED_CONTAINER.fullmatch(". ".join(others).strip(" .,"))):
        # `Neural Networks 94: 103-114 (2017)`, `COLT 2016: 907-940`, `CoRR abs/1912.02757 (2019)`:
        # the container as written, its volume, issue and pages left out
        fields["venue"] = f"{cited['venue']} {cited['year']}" if cited["year"] else cited["venue"]
        fields["stated_year"] = fields["stated_year"] or first_year(cited.group(0))
    # `Title - Kenji Kawaguchi - NeurIPS 2016`, its venue cut off (with names before it, none after)
    title, names = _names_cut_before_alias(title) if not authors else (title, "")
    if names and not fields["authors"]:
        found = names_in(names, surnames=True) or (
            split_names(names) if _surnames_only(names) else ([names], False))
        fields["authors"], fields["authors_truncated"] = tuple(found[0]), found[1]
    return title, fields


_CLOSING_PAGES = re.compile(r",\s*(?:pp?\.\s*)?\d{1,5}\s*[–-]\s*\d{1,5}\s*$")
# `Title, ICLR17`: a conference's acronym glued to a two-digit year closing the entry after a comma
_GLUED_TAG = re.compile(r",[ \t]*(?P<venue>[A-Z]{3,6})(?P<year>\d\d)[ \t]*$")


def _closing_glued_tag(text: str, year: int | None, venue: str) -> tuple[str, int | None, str]:
    """`Title, ICML17`: the tag is the venue (its acronym) and the year, no part of the title; a tag
    the venue list does not know (`Title, ABC12`) stays where it is."""
    tag = _GLUED_TAG.search(text)
    if not tag or tag.start() == 0 or year or venue:
        return text, year, venue
    stated = 2000 + int(tag["year"])
    if not looks_like_venue(f"{tag['venue']} {stated}") or venue_name(tag["venue"]) != tag["venue"]:
        return text, year, venue
    return text[: tag.start()], stated, tag["venue"]


# `Title, Names ; PMLR 70:2847-2854`: a proceedings series, its volume and pages, after a semicolon
_BRACKETED_WHOLE = re.compile(r"\s*\[(?P<inside>[^\[\]]+)\]\s*")


def _bold_bracketed_venue(span: Span) -> Span:
    """`Title | **[KDD' 19]** | [pdf](…)`, `**[IJCAI 19]**`, `**[Thesis' 10]**`: where and when in bold
    brackets, read as an italic venue is (`KDD'19`), never the title; any other span as it is."""
    whole = _BRACKETED_WHOLE.fullmatch(span.text) if span.style == "strong" else None
    dated = _NAME_AND_YEAR.fullmatch(whole["inside"].strip()) if whole else None
    if not dated:
        return span
    year = dated["year"] if len(dated["year"]) == 4 else f"'{dated['year']}"
    return Span("em", f"{dated['name']} {year}" if len(year) == 4 else f"{dated['name']}{year}")


_NAME_AND_YEAR = re.compile(r"(?P<name>[A-Za-z][\w .&-]*?)\s*'?\s?(?P<year>(?:19|20)\d\d|\d\d)")
_VOLUME_PAGES = re.compile(
    r";[ \t]*(?P<venue>[A-Z][A-Za-z]{2,9})[ \t]+\d{1,4}:[ \t]*\d+(?:[-–]\d+)?[ \t]*$")


def _closing_volume_pages(text: str, venue: str) -> tuple[str, str]:
    """`Title, Names ; PMLR 70:2847-2854`: the series is the venue (volume and pages left out, and
    no year, which is not written); what precedes is read as before."""
    cited = _VOLUME_PAGES.search(text)
    if not cited or cited.start() == 0 or venue or not looks_like_venue(cited["venue"]):
        return text, venue
    return text[: cited.start()].rstrip(), cited["venue"]


# Nature's style after the title: `. Trends Biochem. Sci. 40, 49–57 (2015).`, `. F1000Res. 9, (2020).`: the
# journal's abbreviated name, its volume, pages or none, and the year in parentheses
_JOURNAL_VOLUME_YEAR = re.compile(
    r"(?<=[.?!])\s+(?P<venue>[A-Z][\w'’&:-]*\.?(?:\s+(?:[A-Z][\w'’&:-]*|of|and|&)\.?){0,6}?)\s+\d{1,4}"
    r"(?:\s*\(\d{1,3}\))?\s*,\s*(?:[A-Za-z]?\d[\w–-]*\s*)?\((?P<year>(?:19|20)\d\d)\)\.?\s*$")


def _closing_journal(text: str, year: int | None, venue: str) -> tuple[str, int | None, str]:
    """`Names. Title. Nat. Struct. Biol. 4, 10–19 (1997).`: the journal as written (less its last
    period) and the year, cut from the text; the title's own last period stays to end its sentence."""
    cited = _JOURNAL_VOLUME_YEAR.search(text)
    if not cited or venue or cited.start() == 0:
        return text, year, venue
    return text[: cited.start()], year or int(cited["year"]), cited["venue"].rstrip(".")


# `Title (2016), A. Surname et al.`, `Title, (2017) A. Surname and B. Surname`: the year in parentheses
# after the title, then who wrote it closing the entry
_CLOSING_BYLINE = re.compile(r"(?:,\s*|\s+)\((?P<year>(?:19|20)\d\d)\)[,:]?\s+(?P<names>[^()\[\]]{2,200}?)"
                             r"(?P<etal>,?\s+et al\b\.?)?[\s,.;]*$")


def closing_byline(text: str) -> tuple[str, tuple] | None:
    """`Title (2016), A. Surname et al.`: the title and the key its byline is (names, truncated,
    year), or None when what follows the year reads as no names. One surname is enough before
    `et al.` (`Title (2016) Surname et al.`), and an inverted name (`Surname, Given et al.`) is one."""
    found = _CLOSING_BYLINE.search(text)
    if not found or not re.search(r"[^\W\d_]{3}", text[: found.start()]):
        return None
    names = names_in(found["names"]) or mla_authors(found["names"]) or (
        ([found["names"].strip()], True) if found["etal"] and re.fullmatch(
            r"[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+)?", found["names"].strip()) else None)
    if not names:
        return None
    truncated = names[1] or bool(found["etal"])
    return text[: found.start()].strip(" ,"), (tuple(names[0]), truncated, int(found["year"]))


def _leading_date(text: str, year: int | None, venue: str) -> tuple[str, int | None, str]:
    """`2016 - Title`, `[2019] Title`, `arXiv  2015.05, Title`, `N.d., Title`: a year, or a venue
    and its date, opening an entry; the text after them, the year and the venue."""
    leading_year = None if year else _LEADING_YEAR.match(text)
    if leading_year:
        year, text = int(leading_year["year"]), text[leading_year.end():]
    leading_venue = None if year or venue else _LEADING_VENUE_DATE.match(text)
    if leading_venue and looks_like_venue(f"{leading_venue['venue']} {leading_venue['year']}"):
        venue, year, text = leading_venue["venue"], int(leading_venue["year"]), text[leading_venue.end():]
    return _NO_DATE.sub("", text), year, venue


def _after_the_title(text: str, year: int | None, venue: str) -> tuple[str, int | None, str, tuple]:
    """`Title [2021] - https://…`, `Title [ICLR 2020] - Names - …`: a bracketed year, or venue, after
    the title; `Title (Arora et al., 2019) ICML 2019`: a citation key, who and when; `Title (2016),
    Names`: a year and a byline. The text without them, the year, the venue and the key (its names,
    truncated, year) or ()."""
    # `Title, Names, (Dec 17 2020)`
    if not year and (dated := _CLOSING_DAY.search(text)) and dated.start() > 0:
        text, year = text[: dated.start()], first_year(dated["day"])
    text = re.sub(r"\bet\.\s?al\b\.?", "et al.", text)  # `et. al`, `et.al`: `et al.` as others write it
    text = re.sub(r",?\s+(?:&|and)\s+[Oo]thers(?=\s*\()", ", et al.", text)  # APA's `…, & Others (2007)`
    text = re.sub(r"([\[(][A-Z][a-z]+?)et al\b", r"\1 et al", text)  # `[Pascanuet al., 2013]`: a lost space
    if not year and (byline := closing_byline(text)) is not None:
        return byline[0], byline[1][2], venue, byline[1]
    closing = None if year else _CLOSING_YEAR.search(text)
    dated = closing and _YEAR_MONTH.fullmatch(closing["inside"])
    if dated:  # `[2018]`, `[2018.11]`
        year, text = int(dated["year"]), text[: closing.start()] + text[closing.end():]
    elif closing and looks_like_venue(closing["inside"]) and first_year(closing["inside"]):
        venue = venue or _unglued(closing["inside"])
        text = text[: closing.start()] + text[closing.end():]
    elif closing and (key := citation_key(closing["inside"])):  # `Title, [Pascanu et al., 2013]`
        return text[: closing.start()] + text[closing.end():], key[2], venue, key
    if (fields := closing_fields(text)) is not None:  # `Title(D. Surname et al. 2015. Venue.)`
        return fields[0], year or fields[2], venue or fields[3], fields[1]
    cited = next((found for found in _PARENTHESIZED_KEY.finditer(text) if citation_key(found["key"])), None)
    if not cited or cited.start() == 0:
        return text, year, venue, ()
    after = text[cited.end():]
    key = citation_key(cited["key"])
    text = f"{text[: cited.start()]}.{after}" if after.strip(" .,") else text[: cited.start()]
    return text, year or key[2], venue, key


# A parenthesis closing a title with its authors, year and venue, glued to the title or not, the
# venue before or after the year: `Title(D. Surname et al. 2015. Venue.)`, `Title (Surname 2016.
# NIPS.)`, `Title (A. Surname & B. Surname. Venue. 1997.)`, `Title （A. B, C. D, 2017）`
_NAMES_THEN_VENUE = re.compile(r"^(?P<names>.+?(?:[a-zß-ÿ]{2}|\bet al))\.\s*(?P<venue>\S.*)$")


def closing_fields(text: str) -> tuple[str, tuple, int, str] | None:
    """`Title(D. Surname et al. 2015. Venue.)`: the title before the parenthesis and, from it, the
    authors (names, truncated), the year and the venue (`""` when none); None unless the
    parenthesis opens with names that read as names (initials, several, or a full name) and
    states one year. A lone word before the year (`(Bishop 1994)`) may be a journal's
    (`(Nature 2015)`): a name only with a venue after the year (`(Salimans 2016. NIPS.)`)."""
    text = text.rstrip()
    opening = max(text.rfind("("), text.rfind("（"))  # the last: the parenthesis holds no other
    inside, title = text[opening + 1: -1].strip(), text[:opening].strip()
    if opening < 0 or not text.endswith((")", "）")) or not 6 <= len(inside) <= 200 \
            or re.search(r"[()（）]", inside) or len(title.split()) < 2:
        return None
    years = list(re.finditer(r"(?<![\w.])(?:19|20)\d\d(?![\w])", inside))
    if len(years) != 1:
        return None
    before, after = inside[: years[0].start()].strip(" ,"), inside[years[0].end():].strip(" .,")
    venue_first = not after and (split := _NAMES_THEN_VENUE.match(before.rstrip(" .")))
    if venue_first:  # `Names. Venue. 1997.`, `Names et al., Venue 2018`: the venue as written, its year after
        before, after = split["names"], f"{split['venue'].strip(' .,')} {years[0].group(0)}"
    truncated = bool(re.search(r",?\s+et\s+al\.?$", before))
    names_text = re.sub(r",?\s+et\s+al\.?$", "", before).strip(" .,")
    if not names_text or re.search(r"\b[A-Z]{2,}\b", names_text) \
            or any(looks_like_venue(part) for part in re.split(r",|&|\band\b", names_text)):
        return None  # `(SIAM J. Appl. Math. 2020)`, `(Names, NeurIPS 2016)`: read as before
    if ";" in inside:  # `(Names; Venue 2023)`: read by the names cut
        return None
    names = names_in(names_text) or lenient_names(names_text)
    if names is None and re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’]+)?", names_text):
        names = [names_text], False
    # one name of full words may be a journal's (`(Neural Networks 2020)`): a name with initials,
    # several names or `et al.`, else only with a venue after the year (`(Yarin Gal 2016. ICML.)`)
    evidence = truncated or re.search(r"\b[A-Z]\.?\s", names_text) or (names and len(names[0]) > 1)
    if names is None or not (evidence or (after and not venue_first)):
        return None
    return title, (tuple(names[0]), truncated or names[1]), int(years[0].group(0)), after


# A container cited with its volume and pages (dblp's, a journal's): `Venue Year: pages`, `Venue
# vol(issue): pages (Year)`, `Venue vol (Year)`, `CoRR abs/1912.02757 (2019)`
_CITED_CONTAINER = re.compile(
    r"(?P<venue>[A-Z][^:()\d]*?[A-Za-z.])\s+(?:(?P<year>(?:19|20)\d\d):\s*\d+(?:[-–]\d+)?"
    r"|(?:abs/)?\d[\d./]*(?:\(\d+(?:[-–]\d+)?\))?(?::\s*\d+(?:[-–]\d+)?)?\s*\((?P<closing>(?:19|20)\d\d)\)"
    r"|\d{1,4}(?:\(\d+(?:[-–]\d+)?\))?:\s*\d+(?:[-–]\d+)?)")


def _dash_cells(text: str) -> bool:
    """A line of four or more cells apart by spaced hyphens, one of them an address or a year
    alone: fields, not a title's own dashes (`Title - Authors` stays a reference)."""
    cells = [cell.strip() for cell in text.split(" - ")]
    return len(cells) >= 4 and any(re.fullmatch(r"(?:19|20)\d\d|https?://\S+", cell) for cell in cells)


def _pipe_cells(text: str, separator: str = " | ") -> tuple[str, str, int | None]:
    """`2017 | NIPS | Title | P. L. Bartlett, … | arXiv:1706.08498`: cells read by what they look
    like, in any order: a year alone, a venue, names, an id or `-`; the title is the longest other
    cell, put first so the sentences after it are read as its fields."""
    cells = [cell.strip() for cell in text.split(separator)]
    year = next((int(cell) for cell in cells if re.fullmatch(r"(?:19|20)\d\d", cell)), None)
    words = [cell for cell in cells if re.search(r"[^\W\d_]{2}", cell) and not arxiv_id_in(cell)]
    title = max((cell for cell in words if not names_in(cell)), key=lambda cell: len(cell.split()),
                default="")
    venue = next((cell for cell in words if cell != title and looks_like_venue(cell)
                  and not names_in(cell)), "")
    if not title or len(title.split()) < 3:
        return text.replace(separator, ". "), "", None
    others = [cell for cell in cells if cell not in (title, venue) and cell.strip("-–— ")
              and not re.fullmatch(r"(?:19|20)\d\d", cell)]
    return ". ".join([title, *others]), venue, year


def _italic_container(tail: list[Span]) -> str:
    """`Title. *Uncertainty in Artificial Intelligence*`, `Title. *Neural Comput.* **4**`: the
    italics after a plain title are the container as written, whatever follows them, its
    abbreviation periods kept (`*Ann. Stat.*` is no one's name), without a volume or pages."""
    if not tail or tail[0].style != "em":
        return ""
    text = tail[0].text
    if not re.search(r"\b[A-Z][a-z]+\.", text) and person_names(text) or citation_key(text, lone=False):
        return ""  # `*Du et al., 2019*`: who and when, no container
    name = re.split(r",\s*(?:vol\.|\d)|\s\(pp\.", text.strip(" ,"), maxsplit=1, flags=re.IGNORECASE)[0]
    return name.strip(" ,")


def _bracketed_prefix(text: str) -> tuple[str, str]:
    """`[ICML 2019] Title`, `[2017 ICML] Title`: the venue and the rest; `[arXiv:1703.04933]`
    names the paper's id, read from the text, not a venue."""
    bracketed = _BRACKETED.match(text)
    if not bracketed:
        return "", text
    inside, rest = bracketed["venue"].strip(), text[bracketed.end():]
    if re.fullmatch(r"(?i:arxiv)\s*:?\s*\d{4}\.\d{4,5}(?:v\d+)?", inside):
        return "", rest
    if year_first := re.fullmatch(r"(?P<year>(?:19|20)\d\d)\s+(?P<venue>.+)", inside):
        inside = f"{year_first['venue']} {year_first['year']}"
    if keys_the_names(inside, rest):
        return "", rest
    return (inside, rest) if looks_like_venue(inside) else ("", text)


def keys_the_names(key: str, text: str) -> bool:
    """`[SHNGS] Soudry, D., Hoffer, E., Nacson, M. S., …`, `[MRT] Mehryar Mohri, Afshin
    Rostamizadeh, …`: capitals that are the initials of the names after them, in their order (an
    alphabetic citation key, as amsalpha makes them), key the entry; they name no venue."""
    if not re.fullmatch(r"[A-Z]{2,8}", key):
        return False
    initials = "".join(word[0] for word in re.findall(r"[A-Z][\w'’]*", text[:160]))
    if not initials.startswith(key[0]) and len(key) < 3:  # `[MMN] Song, M., Montanari, A., …`: a key
        return False  # need not open with the first name's initial
    letters = iter(initials)
    return all(letter in letters for letter in key)


def _leading_names(text: str) -> tuple[tuple[list[str], bool], str] | None:
    """`Authors. Title…` split at the period closing the names, unless the first sentence is a
    title that reads as one name (`Deep Equilibrium Models. Shaojie Bai, J. Zico Kolter`)."""
    if (inverted := _INVERTED_AUTHORS.match(text)) and (found := names_in(inverted[0])):
        return found, text[inverted.end():]  # Nature: `Belkin, M., Hsu, D. & Xu, J. Title.`
    if vancouver := _VANCOUVER_AUTHORS.match(text):  # `Jacot A, Gabriel F, Hongler C. Title.`
        names = [name for name in vancouver["names"].split(", ") if name != "et al"]
        return (names, vancouver["names"].endswith("et al")), text[vancouver.end():]
    # `Jacot, Gabriel, Hongler. Title.`, `Frankle & Carbin. Title.`: surnames alone, two or more
    if (surnamed := re.match(r"(?P<names>[^.]{3,200}?)(?P<etal>,?\s+et\s+al)?\.\s+(?=\S)", text)) \
            and re.search(r",|&|\band\b", surnamed["names"]) and _surnames_only(surnamed["names"]) \
            and not any(_ACRONYM.match(word) for word in surnamed["names"].split()):
        return (split_names(surnamed["names"])[0], bool(surnamed["etal"])), text[surnamed.end():]
    names, rest = split_leading_names(text)
    if not names or not rest or not names_in(text[: len(text) - len(rest)]):
        return None
    # the names after it, their initials' periods no sentence's end (`S. S. Schoenholz, J. Gilmer.`)
    following = names_in(re.split(r"(?<!\b[A-Z])\.\s", rest)[0].strip()) if rest.strip() else None
    if len(names) == 1 and following and len(following[0]) > 1:
        return None
    return (names, bool(re.search(r"et al|…|\.\.\.", text[: len(text) - len(rest)]))), rest


# `A. Surname and B. Surname, Title`, `A. Surname, B. Surname and C. Surname, Title`, `A. Surname et
# al., Title`: names with initials before a comma, a lower-case mark (`(optional)`) before them
_INITIALED = r"(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)(?:(?:van|von|de|der|den|di|da|du|le|la) )*[A-ZÀ-Þ][\w'’-]+"
_COMMA_NAMES_HEAD = re.compile(
    rf"^(?:\(?[a-z][a-z -]{{1,20}}\)\s+)?(?P<names>{_INITIALED}(?:(?:\s*,\s*|\s+(?:and|&)\s+|,\s+and\s+)"
    rf"{_INITIALED}){{0,11}})(?P<etal>\s+et\s+al\.?)?,\s+(?=[A-Z0-9\"“])")


def _comma_names_head(text: str) -> tuple[tuple[list[str], bool], str] | None:
    """`A. Achille and B. Soatto, Title, Venue Year`: the names before the comma opening the title,
    each with its initials (so a title's own words, `Deep Learning, …`, are never taken for them);
    the title after them goes on to at least three words."""
    found = _COMMA_NAMES_HEAD.match(text)
    if found is None or len(text[found.end():].split()) < 3:
        return _full_names_head(text)
    return (split_names(found["names"])[0], bool(found["etal"])), text[found.end():]


_NAME_WORD = r"[A-ZÀ-Þ][^\W\d_]*[a-zß-ÿ](?:[-'’][^\W\d_]+)*"  # `Sanchez-Gonzalez`, `McAllester`, `O’Donnell`
_FULL_NAME_PART = re.compile(rf"(?:and\s+)?(?P<name>{_NAME_WORD}(?:\s+(?:[A-Z]\.|{_NAME_WORD})){{1,2}})")


# Words of a title that read as a name's by their shape (`Reducing Internal …`, `Error Propagation`)
_NOUN_ENDING = re.compile(r"(?:tion|sion|ment|ness|ity|ing|ics|ogy|ism|ous|ive|able|ible)$")


def full_names(text: str) -> list[str] | None:
    """`Vladimir Vovk, Jieli Shen and Min-ge Xie`: people's full names only (two or three words
    each, or initials and a surname), none a title's word or a noun's ending; else None."""
    parts = [part.strip() for part in re.split(r",\s*(?:and\s+)?|\s+(?:and|&)\s+", text.strip(" .")) if part.strip()]
    names = [name for part in parts if (name := _full_name(part))]
    words = {word.lower() for name in names for word in name.split()}
    if not names or len(names) != len(parts) or any(len(word) >= 6 and _NOUN_ENDING.search(word) for word in words):
        return None
    return names


def _full_name(part: str) -> str | None:
    """`Peter W. Battaglia`, `and Min-ge Xie`: a person's full name (the `and` before the last left
    out), none of its words a title's, singular or plural (`Natural Gradients`); else None."""
    found = _FULL_NAME_PART.fullmatch(part.strip())
    words = {word.lower() for word in found["name"].split()} if found else set()
    words |= {word[:-1] for word in words if word.endswith("s")}
    return found["name"] if found and not (title_words(words) or words & FUNCTION_WORDS) else None


def _leading_names_or_title(text: str) -> tuple[tuple[list[str], bool], str] | None:
    """`Names. Title. Venue`: the names of the first sentence; unless one of them is a title's
    (`Ada Lovelace, Alan Turing, Composition-based Graph Networks. ICLR 2020.`), then the full
    names before it."""
    leading = _leading_names(text)
    if leading is not None and not person_names(", ".join(leading[0][0])):
        return _full_names_head(text) or leading
    return leading


def _full_names_head(text: str) -> tuple[tuple[list[str], bool], str] | None:
    """`Ziniu Hu, Yuxiao Dong, Kuansan Wang, Title. Venue 2020.` (a course schedule's citations):
    two full names or more, each its own comma's, none with a title's word, then a title of three
    words or more."""
    parts = text.split(", ")
    names = []
    for part in parts[:-1]:
        if (name := _full_name(part)) is None:
            break
        names.append(name)
    title = ", ".join(parts[len(names):])
    if len(names) < 2 or len(title.split()) < 3 or not person_names(", ".join(names)):
        return None
    return (names, False), title


def _plain_names(text: str) -> tuple[list[str], bool] | None:
    """Names after a comma that closes a title (`Title, Noah Golowich, Ohad Shamir`): two or
    more, of two or three words, so that a title's own list (`Behavior, Gradient Independence,
    and Neural Tangent Kernel Derivation`) is not taken for them."""
    names = names_in(text)
    words = {word.lower() for name in (names[0] if names else []) for word in name.split()}
    if names and (len(names[0]) > 1 or names[1]) and all(_full_words(name) <= 3 for name in names[0]) \
            and not title_words(words):
        return names  # `Title, Jaehoon Lee et al.`: one name, but "et al." says it is one
    return None


def _full_words(name: str) -> int:
    """The words of a name besides its initials and particles: `Alexander G. de G. Matthews` has 2."""
    return sum(1 for word in name.split() if not re.fullmatch(r"(?:[A-Z]\.-?)+", word) and not word.islower())


def _sentences(text: str) -> list[str]:
    """A text cut after each sentence; a ? or ! stays with its sentence, a period does not."""
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if text.count("(", 0, end.start()) > text.count(")", 0, end.start()):
            continue  # `(SIAM J. Appl. Math. 2020)`: abbreviations inside parentheses
        stop = end.end(1) if end[1] in "?!" else end.start(1)
        parts.append(text[start:stop].strip())
        start = end.end()
    parts.append(text[start:].strip().rstrip("."))
    return [part for part in parts if part.strip(" .")]


# `Title — 训练动态的经典研究`, `Title – a note on why it matters`: after a spaced dash, a description
# opening in lower case or in CJK script is a remark on the paper, no part of its title (a subtitle
# after a dash opens with a capital)
_DESCRIPTION_AFTER_DASH = re.compile(r"\s+[—–]\s+(?=[a-z\u3040-\u30ff\u4e00-\u9fff])")


def _title_and_rest(sentences: list[str], after_names: bool = False) -> tuple[str, list[str]]:
    """The first sentence that is not a list of names, with the questions that open it
    (`Truth or Backpropaganda? An Empirical Investigation…`); the other sentences. `after_names`:
    the authors are read already, so a title of capitalised words (`Understanding Batch
    Normalizations`) is not taken for one more name."""
    at = 0  # past names, and dates (`2017.03`) with no word in them
    while at + 1 < len(sentences) and ((person_names(sentences[at]) and not after_names)
                                       or not re.search(r"[^\W\d_]{2}", sentences[at])):
        at += 1
    end = at + 1
    while sentences[end - 1].endswith(("?", "!")) and end < len(sentences) and _goes_on(sentences[end]):
        end += 1
    title, names = _names_cut(" ".join(sentences[at:end]))
    if described := _DESCRIPTION_AFTER_DASH.search(title):  # `Title — 中文说明。/ A note.`
        note = title[described.end():]
        title, sentences = title[:described.start()], [*sentences[:end], note, *sentences[end:]]
    venue_next = end < len(sentences) and (looks_like_venue(sentences[end]) or arxiv_id_in(sentences[end]))
    if not names and venue_next:
        title, names = _names_cut(_lone_closing_name(title))  # `Title, Greg Yang. arXiv:2006.14548`
    return title, [names, *sentences[:at], *sentences[end:]] if names else sentences[:at] + sentences[end:]


def _goes_on(sentence: str) -> bool:
    """After a question, `A Mathematical Framework — Zhiyuan Li (ICLR 2022)` goes on with the
    title: something is left once the venue and names closing it are cut off."""
    head = _names_cut(_trailing_venue(sentence)[0])[0].strip()
    return bool(head) and not names_in(head) and not looks_like_venue(head)


def _names_cut(title: str) -> tuple[str, str]:
    """`Title — Cybenko`, `Title - Kenji Kawaguchi`, `Title, Noah Golowich, Ohad Shamir`: the
    names closing a title, apart."""
    for cut in re.finditer(r",\s+|\s+[-–—]\s+", title):
        after = names_in(title[cut.end():], surnames=True)
        dash = bool(cut[0].strip(" ,"))
        after = after if dash else _plain_names(title[cut.end():])
        # `Title - Barrett & Dherin`, `Title, Frankle & Carbin`
        joined = re.search(r"\s(?:&|and)\s", title[cut.end():])
        # `Title, GD, SGD and Momentum`: after a comma, an acronym is a topic's word, no surname
        acronym = not dash and any(len(word) > 1 and word.isupper() for word in title[cut.end():].split())
        one_surname = (dash or joined) and _surnames_only(title[cut.end():]) and not acronym
        if after and (len(after[0]) > 1 or after[1] or dash) or one_surname:
            return title[: cut.start()], title[cut.end():]
    return title, ""


def _names_cut_before_alias(title: str) -> tuple[str, str]:
    """`Title – Szegedy et al. (GoogLeNet)`: a parenthesis closing the names after a dash is the
    paper's alias (a model's name), neither title nor author; without names before it, read as before."""
    opening = title.rfind(" (")
    if opening > 0 and title.endswith(")") and title.find(")", opening) == len(title) - 1:
        dash = max(title.rfind(f" {mark} ", 0, opening) for mark in "-–—")
        names = title[dash + 3:opening].strip() if dash > 0 else ""
        if names and len(names) <= 120 and names_in(names, surnames=True):
            return title[:dash].rstrip(), names
    return _names_cut_past_affiliations(title)


# `Laurent Dinh (Univ. Montreal),`, `Samuel Ritter*,`: an affiliation or an equal-contribution mark
# after a name, before a comma or the end
_AFFILIATION = re.compile(r"(?<=[a-z])(?:\*+|[ \t]+\([^()]{2,40}\))(?=[ \t]*(?:,|$))")


def _names_cut_past_affiliations(title: str) -> tuple[str, str]:
    """`Title, Laurent Dinh (Univ. Montreal), Razvan Pascanu`, `Title, Samuel Ritter*, David Barrett*`:
    the names closing a title, their affiliations and marks left out, when the title before the
    first name holds none of them; else as `_names_cut` reads them."""
    head, names = _names_cut(title)
    first = _AFFILIATION.search(title)
    if not first:
        return head, names
    bare_head, bare_names = _names_cut(_AFFILIATION.sub("", title))
    if bare_names and first.start() > len(bare_head) and (not names or len(bare_head) < len(head)):
        return bare_head, bare_names
    return head, names


# `De Vito`, `van der Vaart`, `d'Ascoli`: particles, spaced or glued by an apostrophe, then the name
_SURNAME = (r"(?:(?:[Vv]on|[Vv]an|[Dd]e|der|den|[Dd]i|[Dd]a|[Dd]u|[Ll]e|[Ll]a|dos|del|ter) )*"
            r"(?:[dDlO]['’])?[A-ZÀ-Þ][\w'’-]+")
_SURNAMES = re.compile(rf"{_SURNAME}(?:\s*(?:,|&|\band\b|,\s*and\b)\s*{_SURNAME}){{0,11}}")


# An author-year citation key, in-text (APA, Harvard, natbib's `\citet`) or a label before the
# title: `Arora et al., 2019`, `Du & Lee, 2019`, `Jacot et al. 2018`, `Hornik, 1991`; a key's
# glued form, `Zhang17`, `Belkin2019`, only in brackets before a title.
_KEYED_NAME = rf"{_SURNAME}(?:,\s+(?:[A-Z]\.\s?)+(?=,|\s+\(?(?:19|20)|\s+(?:&|and)\s))?"
_KEYED_NAMES = re.compile(rf"(?P<names>{_KEYED_NAME}(?:(?:\s*,\s*|\s+(?:&|and)\s+|,\s*(?:&|and)\s+)"
                          rf"{_KEYED_NAME}){{0,7}})"
                          r"(?P<etal>,?\s+et\s+al\.?)?(?P<comma>,)?\s+\(?(?P<year>(?:19|20)\d\d)[a-z]?\)?")
_GLUED_KEY = re.compile(r"(?P<names>[A-ZÀ-Þ][a-zß-ÿ][\w'’-]*?)(?P<year>(?:19|20)?\d\d)[a-z]?")
_LEADING_KEY = re.compile(
    r"^\s*(?:\[(?P<bracketed>[^\[\]]{3,80})\]|\((?P<parenthesized>[^()]{3,80})\))\s+(?=\S)")


def citation_key(text: str, glued: bool = False, lone: bool = True
                 ) -> tuple[tuple[str, ...], bool, int] | None:
    """`Arora et al., 2019` → (`Arora`,), truncated, 2019: who and when an author-year key names,
    never a venue; None for a venue (`NeurIPS 2019`), a journal (`Nature 2019`) or a term (`Fall 2018`).
    `lone`: one name and a comma (`Hornik, 1991`) is a key too, as it is in parentheses; out of
    them it may be a publisher's (`Springer, 1996`)."""
    text = text.strip(" ()[]")
    keyed = _KEYED_NAMES.fullmatch(text) or (glued and _GLUED_KEY.fullmatch(text))
    surnames = re.sub(r",\s+(?:[A-Z]\.\s?)+", "", keyed["names"]) if keyed else ""  # `Du, S. S.`: APA's
    # `Barrett & Dherin, ICLR 2021`: a venue after the names, no key
    if not keyed or looks_like_venue(surnames) or not _surnames_only(surnames) \
            or any(_ACRONYM.match(word) and not _HYPHENATED_NAME.fullmatch(word)
                   for word in re.findall(r"[\w'’-]+", surnames)):
        return None
    initials = surnames != keyed["names"]
    several = re.search(r",|&|\band\b", surnames)
    if keyed.re is _KEYED_NAMES and not (keyed["etal"] or several or initials or (keyed["comma"] and lone)):
        return None  # `Nature 2019`, `Science 2020`: a journal and its year
    year = keyed["year"]
    year = int(year) if len(year) == 4 else full_year(year)  # `Zhang17`
    if initials:  # as written: `Du, S. S.`, `Lee, J. D.`
        names = re.findall(rf"{_SURNAME},\s+(?:[A-Z]\.\s?)*[A-Z]\.|{_SURNAME}", keyed["names"])
    else:
        names = split_names(keyed["names"])[0] if several else [keyed["names"]]
    return tuple(names), bool(keyed.re is _KEYED_NAMES and keyed["etal"]), int(year)


def _without_citation_key(spans: tuple[Span, ...]) -> tuple[tuple[Span, ...], tuple, str]:
    """`[Jacot et al. 2018] Title`, `**[Zhang17]** Title`, `(Arora et al., 2019) Title`: the key
    opening an entry is no part of its title; it names the authors and the year, and the venue
    where it gives one (`[Jacot et al., NeurIPS 2018]`). An alphabetic key (`[ZBHRV17]`,
    `[ZBH+17]`) names the year alone."""
    first = next((at for at, span in enumerate(spans) if span.text.strip()), None)
    if first is None:
        return spans, (), ""
    span = spans[first]
    marked = next((at for at, span in enumerate(spans) if span.text.strip(" *_")), None)
    if marked is not None and spans[marked].style == "link" and (linked := _linked_key(spans, marked)):
        return linked  # `**[BLLT19](url).** Names. "Title."`, its bold left open or not
    if span.style in ("strong", "em", "code") and re.fullmatch(r"\s*\[[^\[\]]{3,80}\]\s*", span.text):
        lead, rest = _LEADING_KEY.match(span.text.strip() + " x"), ()  # the whole span is the key
    elif span.style == "text":
        lead = _LEADING_KEY.match(span.text)
        rest = (Span("text", span.text[lead.end():]),) if lead else ()
    else:
        return spans, (), ""
    if not lead:
        return spans, (), ""
    inside = lead["bracketed"] or lead["parenthesized"]
    if piped := re.fullmatch(r"\s*(?P<year>(?:19|20)\d\d)\s*\|\s*(?P<names>[^|]+?)\s*", inside):
        inside = f"{piped['names']}, {piped['year']}"  # `[2020 | Bartlett, Long, Lugosi, Tsigler]`
    key, venue = citation_key(inside, glued=bool(lead["bracketed"])), ""
    lone = re.fullmatch(rf"(?P<name>{_SURNAME})\s+(?P<year>(?:19|20)\d\d)[a-z]?", inside)
    if key is None and lead["bracketed"] and lone and not _NOT_A_SURNAME.fullmatch(lone["name"]):
        key = citation_key(f"{lone['name']}, {lone['year']}")  # `[Belkin 2018] Title`: one author's key
    if key is None and (named := re.fullmatch(r"(?P<names>.+?),\s*(?P<venue>[^,]+)", inside)) \
            and looks_like_venue(named["venue"]) and first_year(named["venue"]):
        key = citation_key(f"{named['names']}, {first_year(named['venue'])}")
        venue = _unglued(named["venue"]) if key else ""
    if key is None and lead["bracketed"] and (alpha := _ALPHA_KEY.fullmatch(inside)):
        year = first_year(alpha["year"]) or first_year(f"'{alpha['year']}")
        surname = "" if alpha["letters"].isupper() else alpha["letters"].rstrip("+")
        key = ((surname,), True, year) if surname else ((), False, year)  # `Jacot+18`: Jacot et al.
        # `[ICCV2017] Mask R-CNN`: capitals with a year of four digits that key no names after
        # them name a venue (amsalpha's keys write two digits: `[ZBHRV17]`)
        if alpha["letters"].isalpha() and alpha["letters"].isupper() and len(alpha["year"]) == 4 \
                and not keys_the_names(alpha["letters"], rest[0].text if rest else ""):
            venue = inside
    if key is None:
        return spans, (), ""
    return (*spans[:first], *rest, *spans[first + 1:]), key, venue


def _linked_key(spans: tuple[Span, ...], first: int) -> tuple[tuple[Span, ...], tuple, str] | None:
    """`**[BLLT19](https://arxiv.org/abs/1906.11300).** Bartlett, Long, Lugosi, and Tsigler.
    "Benign overfitting in linear regression." 2019.`: a link labelled by a citation key, opening
    an entry whose title is quoted after it, links the paper; its label is the key, no title."""
    label = spans[first].text.strip()
    after = "".join(span.text for span in spans[first + 1:])
    if looks_like_venue(label) or not re.search(r"[\"“][^\"“”]{8,}[\"”]", after):
        return None
    # the names the entry writes out are its authors; `Mit19`, `BLLT19` abbreviate them
    keyed = _ALPHA_KEY.fullmatch(label) or _GLUED_KEY.fullmatch(label)
    if keyed is None:
        return None
    year = first_year(keyed["year"]) or first_year(f"'{keyed['year']}")
    lead = re.split(r"[\"“]", after, maxsplit=1)[0].strip(" .*_")
    named = re.fullmatch(_SURNAME, lead) and not looks_like_venue(lead)
    key = ((lead,) if named else (), False, year)
    # the key's other links before the title (`[[OPML#2]](post)`, the list's own notes) name no title
    quoted = next((at for at in range(first + 1, len(spans)) if re.search(r"[\"“]", spans[at].text)),
                  len(spans))
    labelled = tuple(Span("link", "[link]", span.url) if span.style == "link" else span
                     for span in spans[first:quoted])
    return (*spans[:first], *labelled, *spans[quoted:]), key, ""


# `Allen-Zhu`, `Shalev-Shwartz`: a name, though capitals inside it make it look like an acronym
_HYPHENATED_NAME = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)+")
# a word before a year in brackets that dates a journal, a term or a part, no author
_NOT_A_SURNAME = re.compile(
    r"Nature|Science|Cell|Spring|Summer|Fall|Autumn|Winter|Week|Term|Semester|Session|Lecture|"
    r"Part|Chapter|Section|Volume|Issue|Update|Release|Version|Edition|Draft|Blog|Talk|Video")


# an alphabetic key: the initials of the authors' surnames, or one and `+`, and a year
_ALPHA_KEY = re.compile(r"(?P<letters>[A-Z]{2,8}\+?|[A-ZÀ-Þ][a-zß-ÿ'’-]+\+)(?P<year>(?:19|20)?\d\d)[a-z]?")


def _surnames_only(text: str) -> bool:
    """`Cybenko`, `Barrett & Dherin`, `Hochreiter and Schmidhuber`, `von Oswald, Niklasson &
    Randazzo`: surnames alone, none a title's word (`Optimization and Generalization` is not two people)."""
    if not _SURNAMES.fullmatch(text.strip()):
        return False
    words = {word.lower() for word in re.findall(r"[\w'’-]+", text)} - {"and"} - NAME_PARTICLES
    return not (title_words(words) or words & FUNCTION_WORDS)


# `Title RecSys 2021 【点击行为预测】`: a note in lenticular brackets closing an entry is a remark
_VENUE_THEN_YEAR = re.compile(r",\s*(?P<venue>[A-Z][^,.()]{1,40}?)(?P<year>,\s*(?:19|20)\d\d)\s*$")
_CJK_NOTE = re.compile(r"\s*【[^【】]*】\s*$")
_SPACED_VENUE = re.compile(r"(?<=[^\W_])[ \t]+(?P<venue>[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*\s+(?:19|20)\d\d)$")


def _trailing_venue(title: str) -> tuple[str, str]:
    """`Title. NIPS'18`, `Title (ICML 2019)`, `Title, 2018`, `Title, Advances in …`: the venue
    or year closing a title; `Title(arXiv)`, a preprint's."""
    if preprint := re.search(r"\s*\((?P<venue>(?i:arxiv)(?: preprint)?)\)$", title):
        return title[: preprint.start()], preprint["venue"]
    title = _CJK_NOTE.sub("", title)
    if (pair := _VENUE_THEN_YEAR.search(title)) and looks_like_venue(pair["venue"]) and pair.start() > 0:
        return title[: pair.start()], pair["venue"] + pair["year"]  # `Title, NeurIPS, 2019`
    if (spaced := _SPACED_VENUE.search(title)) and len(title[: spaced.start()].split()) >= 3:
        return title[: spaced.start()], spaced["venue"]  # `Title RecSys 2021`: no mark between them
    match = _CLOSING_PARENTHESES.search(title)
    if (named := re.search(r"\s*\((?P<names>[^()]{2,80})\)$", title)) and _surname_list(named["names"]):
        return f"{title[: named.start()]} - {named['names']}", ""  # `Title (Zhang et al.)`: for the names cut
    if match and ";" in match["venue"]:  # `Title (Names; Venue Year)`: the names set apart for the names cut
        names, _, venue = match["venue"].rpartition(";")
        return f"{title[: match.start()].rstrip()} - {names.strip()}", venue.strip()
    if match and len(match["venue"]) <= 80 and re.match(r"[A-Z]", match["venue"]):
        # `Title (Kenji Kawaguchi, NeurIPS 2016)`: the authors before the venue stay for the names cut
        *names, venue = _venue_after_comma(match["venue"].strip())
        who = re.fullmatch(r"(?P<who>[^,]+),\s*(?P<year>(?:19|20)\d\d)", venue)
        named = who and (person_names(who["who"]) or len(who["who"].split()) == 2)
        if named and not looks_like_venue(who["who"]):
            return title[: match.start()].rstrip(), who["year"]  # `(Alex graves, 2013)`: who and when
        before = _lone_closing_name(title[: match.start()])
        return before + "".join(f" - {name}" for name in names), venue
    match = _CLOSING_VENUE.search(title)
    if match and (looks_like_venue(match["venue"]) or re.fullmatch(r"(?:19|20)\d\d", match["venue"].strip())):
        return title[: match.start()], match["venue"].strip()
    for comma in re.finditer(r",\s+(?=[A-Z0-9])", title):
        rest = title[comma.end():]
        if _VENUE_START.match(rest) and looks_like_venue(rest) and not names_in(rest):
            return title[: comma.start()], rest.strip()
        year_first = _YEAR_FIRST_VENUE.fullmatch(rest.strip())
        if year_first and looks_like_venue(year_first["venue"]):
            # `Title, 2015 MICCAI`
            return title[: comma.start()], f"{year_first['venue']} {year_first['year']}"
    return title, ""


def _lone_closing_name(title: str) -> str:
    """`Title, Kenji Kawaguchi` before a closing venue: the one name set apart as `Title - Name`,
    for the names cut; a title's own closing words (`…, Neural Networks`) stay."""
    head, comma, last = title.rpartition(", ")
    if re.search(r"\s[-–—]\s", head):  # `Title — A, B, Name`: the names are set apart already
        return title
    words = {word.lower() for word in last.split()}
    if comma and looks_like_name(last) and not (title_words(words) or words & FUNCTION_WORDS):
        return f"{head} - {last}"
    return title
