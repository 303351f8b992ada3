"""OpenAPI 3.1 description of the JSON API; a test checks real answers against it."""
from __future__ import annotations

from indexer.facetsearch import DEFAULT_LIMIT, MAX_LIMIT, MAX_PREFIX
from indexer.registry import EXTRACTED, FACETS, FILTERS, IN_ANSWER
from indexer.search import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, SORTS
from indexer.suggest import VERY_LITTLE

_STR_LIST = {"type": "array", "items": {"type": "string"}}
_FACET_LIST = {"type": "array", "items": {
    "type": "object", "required": ["value", "count"], "additionalProperties": False,
    "properties": {"value": {"type": "string"}, "count": {"type": "integer", "minimum": 1}}}}

HIT = {
    "type": "object",
    "required": ["id", "title", "date", *[f.hit_key for f in EXTRACTED], "snippet", "score"],
    "properties": {
        "id": {"type": "string"}, "title": {"type": "string"},
        "headline": {"type": "string", "description": "extension: the title, or the first sentence when untitled"},
        "date": {"type": ["string", "null"], "format": "date"},
        **{f.hit_key: {**_STR_LIST, "description": f.description} for f in EXTRACTED},
        "snippet": {"type": "string", "description": "HTML: escaped text, only <mark> is markup"},
        "score": {"type": ["number", "null"], "description": "BM25 relevance; null when browsing without a query"},
        "url": {"type": ["string", "null"]},
    },
}
_NAME = {"type": "object", "required": ["facet", "value"],
         "properties": {"facet": {"type": "string", "enum": ["region", "place", "official"]},
                        "value": {"type": "string", "description": "the canonical facet value the word names"},
                        "also": {**_STR_LIST, "description": "a region's other names its items are found by"}}}
UNDERSTOOD = {
    "type": "object", "required": ["words", "corrections"],
    "description": "how the query was read (of the corrected query when `suggestion_applied`)",
    "properties": {
        "words": {"type": "array", "items": {
            "type": "object", "required": ["word", "terms", "names"],
            "properties": {"word": {"type": "string"},
                           "terms": {**_STR_LIST, "description": "index terms searched at the word's position: "
                                     "its lemmas, and the script-independent key of a name"},
                           "names": {"type": "array", "items": _NAME},
                           "also_as": {"type": "string", "description": "a hyphenated name also searched as these words"}}}},
        "corrections": {"type": "array", "description": "corrections applied (only with `suggestion_applied`)",
                        "items": {"type": "object", "required": ["word", "to", "how"],
                                  "properties": {"word": {"type": "string"}, "to": {"type": "string"},
                                                 "how": {"type": "string", "enum": ["typo", "script", "translit", "layout"]}}}},
        "project": {"type": "string", "description": "the known project the whole query names"},
    },
}
SEARCH_RESULT = {
    "type": "object",
    "required": ["query", "total", "page", "per_page", "hits", "facets", "suggestion", "understood"],
    "properties": {
        "query": {"type": "string"}, "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1}, "per_page": {"type": "integer", "minimum": 1},
        "hits": {"type": "array", "items": HIT},
        "facets": {"type": "object", "required": list(IN_ANSWER),
                   "properties": {f.name: {**_FACET_LIST, "description": f.description} for f in FACETS},
                   "additionalProperties": False},
        "notice": {"type": "string", "description": "set when the query was read as plain words, the search "
                   "was cut short, or a filter value was read as another value or names none (see filter_notes)"},
        "filter_notes": {"type": "array", "description": "extension: each filter value not searched as written: "
                         "`resolved_to` the value it was searched as (an alias, another script, a surname only "
                         "naming one official), or null when it names no value the archive holds; then `nearest` "
                         "are the closest values that do", "items": {
                             "type": "object", "required": ["facet", "value", "resolved_to", "nearest"],
                             "properties": {"facet": {"type": "string", "enum": list(FILTERS)},
                                            "value": {"type": "string"},
                                            "resolved_to": {"type": ["string", "null"]},
                                            "nearest": _FACET_LIST}}},
        "partial": {"type": "boolean", "description": "true when the time limit stopped the search"},
        "undated": {"type": "integer", "minimum": 0, "description": "extension: how many of the matches have no date"},
        "facet_choices": {"type": "object", "description": "extension: for each filtered facet, its counts "
                          "without its own filter (what ticking one more value would add)",
                          "additionalProperties": _FACET_LIST},
        "suggestion": {"type": ["string", "null"], "description": "a corrected query that finds more (typo, "
                       "Kazakh letters, keyboard layout, transliteration), or null; set only when the query "
                       f"finds at most {VERY_LITTLE} items"},
        "suggestion_applied": {"type": "boolean", "const": True, "description": "extension, present only when "
                               "the query found nothing and one correction clearly won: hits, total and facets are "
                               "those of `suggestion`; `query` stays as sent; ask again with exact=1 for the query as typed"},
        "suggestions": {"type": "array", "description": "extension: links to offer, best first: corrected queries "
                        "(with the same filters), else looser ones (the same words without the filters, each word "
                        "alone); `filters` false means the link drops the filters",
                        "items": {"type": "object", "required": ["query", "total", "filters"], "additionalProperties": False,
                                  "properties": {"query": {"type": "string"}, "total": {"type": "integer", "minimum": 1},
                                                 "filters": {"type": "boolean"}}}},
        "understood": UNDERSTOOD,
    },
}
DOCUMENT = {
    "type": "object",
    "required": ["id", "title", "date", "text", *[f.hit_key for f in EXTRACTED]],
    "properties": {
        "id": {"type": "string"}, "title": {"type": "string"},
        "date": {"type": ["string", "null"], "format": "date"}, "text": {"type": "string"},
        "headline": {"type": "string"},
        "url": {"type": ["string", "null"]},
        **{f.hit_key: _STR_LIST for f in EXTRACTED},
    },
}
_COUNTED = {"type": "array", "items": {"type": "object", "required": ["value", "count"]}}
ENTITY = {"type": "object", "required": ["kind", "value", "total", "first", "last", "undated", "timeline", "related", "latest"],
          "properties": {"kind": {"type": "string"}, "value": {"type": "string"}, "label": {"type": "string"},
                         "total": {"type": "integer"}, "undated": {"type": "integer"},
                         "first": {"type": ["string", "null"], "format": "date"},
                         "last": {"type": ["string", "null"], "format": "date"},
                         "timeline": {"type": "array", "items": {"type": "object", "required": ["month", "count"]}},
                         "years": {**_COUNTED, "description": "mentions by year"},
                         "related": {"type": "object", "additionalProperties": _COUNTED},
                         "latest": {"type": "array", "items": HIT}}}
SIMILAR = {"type": "object", "required": ["id", "similar"],
           "properties": {"id": {"type": "string"}, "terms": _STR_LIST,
                          "similar": {"type": "array", "items": {"type": "object",
                                      "required": ["id", "score", "shared", "reason"]}}}}
FACET_VALUES = {
    "type": "object", "required": ["facet", "label", "q", "total", "limit", "values"],
    "properties": {
        "facet": {"type": "string", "enum": list(FILTERS)}, "label": {"type": "string"},
        "q": {"type": "string", "description": "the prefix as read (spaces collapsed)"},
        "total": {"type": "integer", "minimum": 0, "description": "values matching, all of them (values: at most limit)"},
        "limit": {"type": "integer"},
        "partial": {"type": "boolean", "description": "true when the time limit stopped the search"},
        "values": {"type": "array", "items": {
            "type": "object", "required": ["value", "count", "selected"], "additionalProperties": False,
            "properties": {
                "value": {"type": "string", "description": "the canonical value (what a filter takes)"},
                "count": {"type": "integer", "minimum": 1},
                "selected": {"type": "boolean", "description": "the search filters by it"},
                "matched": {"type": "string", "description": "the other name that matched q (an alias, a case "
                            "form, a city of the region), when the value's own name did not"},
                "under": {"type": ["string", "null"], "description": "place values: the region they lie in"}}}},
    },
}
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
HEALTH = {"type": "object", "required": ["status", "documents"],
          "properties": {"status": {"type": "string"}, "documents": {"type": "integer"}}}


def _param(name, schema, description, repeat=False):
    p = {"name": name, "in": "query", "required": False, "description": description,
         "schema": {"type": "array", "items": schema} if repeat else schema}
    if repeat:
        p.update(style="form", explode=True)
    return p


SEARCH_PARAMS = [
    _param("q", {"type": "string", "maxLength": 1000}, "query; empty browses all. AND by default, "
           "\"phrases\", OR, NOT, field:value, prefix*"),
    *[_param(f.name, {"type": "string", **({"pattern": f.pattern} if f.pattern else {})},
             f"{f.description}; repeat: OR", True) for f in FACETS],
    _param("date_from", {"type": "string", "format": "date"}, "from date, inclusive"),
    _param("date_to", {"type": "string", "format": "date"}, "to date, inclusive"),
    _param("undated", {"type": "string", "enum": ["0", "1"], "default": "0"},
           "extension: 1 keeps only the items without a date (not with date_from, date_to, year or month)"),
    _param("sort", {"type": "string", "enum": list(SORTS), "default": "relevance"}, "order"),
    _param("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}, "page, from 1"),
    _param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE}, "hits a page"),
]
# /api/search only: the exports and the feed never put a corrected query in its place
EXACT = [
    _param("exact", {"type": "integer", "enum": [0, 1], "default": 0}, "extension: 1 searches the query as typed, "
           "never a corrected query in its place (`suggestion` is still given)"),
]


CSV_HEADER = _param("header", {"type": "string", "enum": ["en", "ru"], "default": "en"},
                    "column names of the CSV's first row: en (id, date, title, ...) or ru "
                    "(id, дата, заголовок, ...); the columns and their order are the same")


def _json(schema):
    return {"application/json": {"schema": schema}}


def openapi_document(export_limit: int) -> dict:
    bad = {"description": "a bad parameter; the message names it", "content": _json(ERROR)}
    export_note = (f"The whole result set in the search order, at most {export_limit} rows; "
                   "headers X-Total-Count, X-Export-Limit and X-Export-Truncated state the bound, "
                   "X-Export-Partial whether the time limit cut the search (then the total and the "
                   "rows may be short). The file is named after the query (or the filters) and the day, "
                   "Content-Disposition with an ASCII filename and a UTF-8 filename* (RFC 5987). CSV cells that could start a spreadsheet formula "
                   "(= + - @ tab CR) begin with an apostrophe.")
    export_headers = {
        "X-Total-Count": {"description": "matches found", "schema": {"type": "integer"}},
        "X-Export-Limit": {"description": "rows at most", "schema": {"type": "integer"}},
        "X-Export-Truncated": {"description": "true when there are more matches than rows",
                               "schema": {"type": "string", "enum": ["true", "false"]}},
        "X-Export-Partial": {"description": "true when the time limit stopped the search",
                             "schema": {"type": "string", "enum": ["true", "false"]}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Regional news archive search", "version": "1.0",
                 "description": "Every error under /api/ (400, 404, 405, 503) is JSON {\"error\": ...}. "
                                "A request line over ~370 KB (more than the documented limits need) is a 400."},
        "paths": {
            "/api/search": {"get": {"summary": "Search with facet counts over the whole result set",
                                    "parameters": SEARCH_PARAMS + EXACT,
                                    "responses": {"200": {"description": "results", "content": _json(SEARCH_RESULT)},
                                                  "400": bad}}},
            "/api/search.csv": {"get": {"summary": "Export as CSV (UTF-8 with BOM)", "description": export_note,
                                        "parameters": SEARCH_PARAMS[:-2] + SEARCH_PARAMS[-2:-1] + [CSV_HEADER],
                                        "responses": {"200": {"description": "CSV", "headers": export_headers,
                                                              "content": {"text/csv": {"schema": {"type": "string"}}}},
                                                      "400": bad}}},
            "/api/search.jsonl": {"get": {"summary": "Export as JSON Lines", "description": export_note,
                                          "parameters": SEARCH_PARAMS[:-2] + SEARCH_PARAMS[-2:-1],
                                          "responses": {"200": {"description": "one JSON object a line",
                                                                "headers": export_headers,
                                                                "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                                                        "400": bad}}},
            "/api/facets/{facet}": {"get": {
                "summary": "Values of one facet matching a prefix, with counts over the current result set",
                "description": "q matches the start of any word of any name of a value, in any script: its own "
                               "name, aliases and former names (Нур-Султан: Астана), spellings in other scripts "
                               "(Qutty meken, Құтты мекен), case forms (Искакова), a region's cities (Qyzylorda: "
                               "Кызылординская область). Counts are over the search the other parameters describe "
                               "(its query in `query`), without this facet's own filter, so every value listed can "
                               "be added to it. Best match first (own name, a word of it, another name), then by "
                               "count; years newest first. An unknown facet is a 404.",
                "parameters": [
                    {"name": "facet", "in": "path", "required": True, "schema": {"type": "string", "enum": list(FILTERS)}},
                    _param("q", {"type": "string", "maxLength": MAX_PREFIX}, "prefix of any name of a value; empty: all values"),
                    _param("query", {"type": "string", "maxLength": 1000}, "the search's query (the `q` of /api/search)"),
                    *SEARCH_PARAMS[1:-3],
                    _param("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
                           "values at most"),
                ],
                "responses": {"200": {"description": "matching values", "content": _json(FACET_VALUES)},
                              "400": bad, "404": {"description": "no such facet", "content": _json(ERROR)}}}},
            "/api/doc/{id}": {"get": {"summary": "One whole document",
                                      "parameters": [{"name": "id", "in": "path", "required": True,
                                                      "schema": {"type": "string"}}],
                                      "responses": {"200": {"description": "the document", "content": _json(DOCUMENT)},
                                                    "404": {"description": "unknown id", "content": _json(ERROR)},
                                                    "405": {"description": "only GET", "content": _json(ERROR)}}}},
            **{f"/api/{f.name}/{{name}}": {"get": {
                "summary": f"Everything about one {f.name}: count, first and last mention, mentions by month, "
                           "the values most often named with it, the latest items",
                "description": "an alias or another spelling answers 308 to the canonical URL; "
                               "a value no item names is a 404 with `nearest` values",
                "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 200}}],
                "responses": {"200": {"description": "the entity", "content": _json(ENTITY)},
                              "308": {"description": "the canonical URL"},
                              "400": bad, "404": {"description": "no item names it", "content": _json(ERROR)}}}}
              for f in EXTRACTED},
            "/api/doc/{id}/similar": {"get": {
                "summary": "Items sharing the item's most distinctive words and its facets (itself and exact copies left out)",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                               _param("limit", {"type": "integer", "minimum": 1, "maximum": 20, "default": 5}, "items at most")],
                "responses": {"200": {"description": "similar items", "content": _json(SIMILAR)},
                              "400": bad, "404": {"description": "unknown id", "content": _json(ERROR)}}}},
            "/feed": {"get": {"summary": "Atom feed (RFC 4287) of a search: its first page sorted by date, newest first",
                              "parameters": SEARCH_PARAMS[:-3] + SEARCH_PARAMS[-1:],
                              "responses": {"200": {"description": "Atom", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                                            "400": {"description": "a bad parameter"}}}},
            "/healthz": {"get": {"summary": "Liveness and document count",
                                 "responses": {"200": {"description": "ok", "content": _json(HEALTH)},
                                               "503": {"description": "no index", "content": _json(ERROR)}}}},
        },
    }
