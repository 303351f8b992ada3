"""trafilatura vs. readability-lxml vs. jusText on tests/importsite.py's article pages:
share of article paragraphs found (recall), pages with menu/share/cookie words leaked,
and time a page. Needs `pip install readability-lxml justext` (not dependencies).

    python bench/html_extractors.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402

from indexer.importers.encoding import decode  # noqa: E402
from tests import importsite  # noqa: E402


def _readability(html):
    from readability import Document

    return lxml.html.fromstring(Document(html).summary()).text_content()


def _justext(html):
    import justext

    return "\n".join(p.text for p in justext.justext(html.encode(), justext.get_stoplist("Russian"),
                                                      encoding="utf-8") if not p.is_boilerplate)


EXTRACTORS = {
    "trafilatura (precision)": lambda h: trafilatura.extract(h, favor_precision=True, include_comments=False) or "",
    "trafilatura fast": lambda h: trafilatura.extract(h, fast=True, include_comments=False) or "",
    "trafilatura precision+fast": lambda h: trafilatura.extract(h, fast=True, favor_precision=True,
                                                                include_comments=False) or "",
    "readability-lxml": _readability,
    "jusText": _justext,
}


def main(rounds: int = 20) -> None:
    pages = importsite.pages()
    cases = [(decode(pages[f"{importsite.HOST}/{p}/index.html"]), ps) for p, _, _, _, ps in importsite.ARTICLES]
    for name, fn in EXTRACTORS.items():
        found = total = leaked = 0
        t0 = time.perf_counter()
        for _ in range(rounds):
            for html, paragraphs in cases:
                fn(html)
        ms = 1000 * (time.perf_counter() - t0) / (rounds * len(cases))
        for html, paragraphs in cases:
            text = " ".join(fn(html).split())
            found += sum(p in text for p in paragraphs)
            total += len(paragraphs)
            leaked += any(w in text for w in importsite.CHROME_WORDS)
        print(f"{name:24} recall {found}/{total}  pages with chrome {leaked}/{len(cases)}  {ms:.1f} ms/page")


if __name__ == "__main__":
    main()
