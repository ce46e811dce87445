"""Date expressions to ISO dates, relative to the article's date when the year is left out.

2021年12月19日－20日 and 3月23-24日 → (2021-12-19, 2021-12-20); 12月18日 in an article dated
2021-12-19 → 2021-12-18; 2021年11月 → 2021-11; 今年4月 → that month of the article's year. A date
with no year in an article with no date is dropped: a guess would be a wrong fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from kg.extract.pipeline import DateSpan, Doc, component

_DASH = r"\s*[-－—–~～至到]\s*"
_FULL = re.compile(
    rf"(?:(\d{{4}})\s*年\s*)?(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*(?:[日号]|(?={_DASH}\d{{1,2}}\s*[日号]))"
    rf"(?:{_DASH}(?:(?:(\d{{4}})\s*年\s*)?(\d{{1,2}})\s*月\s*)?(\d{{1,2}})\s*[日号])?"
)
_YEAR_WRITTEN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)(?!\s*(?:万|亿|元|个|家|人|件|台|张|篇|名|款|项|次|米|号))")
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")
_RELATIVE_MONTH = re.compile(r"(今年|去年|明年)\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")
_YEAR_OFFSET = {"今年": 0, "去年": -1, "明年": 1}


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int, article_date: str | None) -> int | None:
    """The year of a month-day near the article's date (at most half a year before it)."""
    if not article_date:
        return None
    base = dt.date.fromisoformat(article_date[:10])
    for year in (base.year, base.year + 1, base.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if -183 <= (candidate - base).days <= 183:
            return year
    return base.year


def text_year(text: str) -> int | None:
    """The year an undated article is about, when one year is most of the years it writes (2026智源大会,
    2026年…, at least twice and three in four of them): a reader completes its month-days with it."""
    years = Counter(int(m.group(1)) for m in _YEAR_WRITTEN.finditer(text))
    if not years:
        return None
    year, count = years.most_common(1)[0]
    return year if count >= 2 and count >= 0.75 * sum(years.values()) else None


def find_dates(text: str, article_date: str | None, year_of_text: int | None = None) -> list[DateSpan]:
    """Every date in `text`; a month-day takes the year near the article's date, else, in an undated
    article, `year_of_text`."""
    spans: list[DateSpan] = []
    taken: set[int] = set()
    for match in _FULL.finditer(text):
        y1, m1, d1, y2, m2, d2 = match.groups()
        month, day = int(m1), int(d1)
        year = int(y1) if y1 else _year_for(month, day, article_date) or (None if article_date else year_of_text)
        if year is None:
            continue
        first = _date(year, month, day)
        last = None
        if d2:
            last = _date(int(y2) if y2 else year, int(m2) if m2 else month, int(d2))
            if last and first and last < first and not y2 and m2:  # 12月30日至1月2日 runs into the next year
                last = _date(year + 1, int(m2), int(d2))
            if last and first and last < first:
                last = None
        if first:
            spans.append(DateSpan(match.start(), match.end(), first, last))
            taken.update(range(match.start(), match.end()))
    for match in _ISO.finditer(text):
        if match.start() not in taken:
            iso = _date(*map(int, match.groups()))
            if iso:
                spans.append(DateSpan(match.start(), match.end(), iso, None))
    for match in _MONTH.finditer(text):
        if match.start() not in taken and 1 <= int(match.group(2)) <= 12:
            spans.append(DateSpan(match.start(), match.end(), f"{match.group(1)}-{int(match.group(2)):02d}", None))
    if article_date:  # 今年4月 in an article of 2023-09-01 is 2023-04
        for match in _RELATIVE_MONTH.finditer(text):
            year = int(article_date[:4]) + _YEAR_OFFSET[match.group(1)]
            if 1 <= int(match.group(2)) <= 12:
                spans.append(DateSpan(match.start(), match.end(), f"{year}-{int(match.group(2)):02d}", None))
    return sorted(spans, key=lambda s: s.start)


@component("dates")
def dates(doc: Doc) -> None:
    date = doc.article.date
    doc.dates = find_dates(doc.text, date, None if date else text_year(doc.text))


def _with_year(iso: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(iso[5:7]), int(iso[8:10])).isoformat() if len(iso) == 10 else year + iso[4:]
    except ValueError:
        return None


def in_edition_year(event_name: str, text: str, span: DateSpan) -> tuple[str | None, str | None]:
    """7月6日 of 2023世界人工智能大会 is in 2023 whatever the article's date: a year in the
    event's name beats the year guessed from the article for a date written without one."""
    edition = re.match(r"(?:19|20)\d{2}", event_name)
    if not edition or re.search(r"\d{4}", text[span.start:span.end]):
        return span.first, span.last
    first, last = (_with_year(iso, edition.group()) if iso else None for iso in (span.first, span.last))
    return first, last
