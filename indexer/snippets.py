"""HTML-safe snippets: the document text escaped, matched words in <mark>, nothing else."""
from __future__ import annotations

from html import escape

from whoosh import highlight

from .morphology import NewsAnalyzer

SNIPPET_CHARS = 240


class MarkFormatter(highlight.Formatter):
    """Escapes every piece of text itself, so only our own <mark> is markup."""

    between = " … "

    def _text(self, text):
        return escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return "<mark>" + escape(highlight.get_text(text, token, replace), quote=False) + "</mark>"


_ANALYZER = NewsAnalyzer()
_FRAGMENTER = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)


def lead(text: str, limit: int = SNIPPET_CHARS) -> str:
    if len(text) <= limit:
        return escape(text, quote=False)
    cut = text.rfind(" ", 0, limit)
    return escape(text[: cut if cut > limit // 2 else limit], quote=False) + " …"


def snippet(text: str, terms: frozenset[str]) -> str:
    """Up to two passages around matched words; the lead of the text when nothing matched."""
    if terms:
        out = highlight.highlight(text, terms, _ANALYZER, _FRAGMENTER, MarkFormatter(), top=2,
                                  order=highlight.FIRST, mode="index")
        if out:
            return out
    return lead(text)
