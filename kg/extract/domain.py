"""Whether an article is about AI and technology: the learned components read only those.

The tagger and the linker cost ten times what the rules cost; on general news they find little
that matters to this graph and add most of the noise. An article is in the domain when it holds at
least two different words of `lexicons/domain_words.tsv`, or one of them three times.
"""

from __future__ import annotations

import re
from functools import cache

from kg import lexicon
from kg.extract.pipeline import Doc

MIN_DISTINCT = 2
MIN_HITS = 3


@cache
def _pattern() -> re.Pattern[str]:
    words = sorted(lexicon.words("domain_words.tsv"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def in_domain(doc: Doc) -> bool:
    if doc.in_domain is None:
        found = _pattern().findall(doc.article.title + "\n" + doc.text)
        doc.in_domain = len(set(found)) >= MIN_DISTINCT or len(found) >= MIN_HITS
    return doc.in_domain
