"""`newsarchive`: index, search, stats and serve from the shell (SPEC "Command line")."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import textwrap
from pathlib import Path

from . import store
from .registry import EXTRACTED, FACETS
from .settings import Settings

def _index_dir(args) -> Path:
    return Path(args.index) if args.index else store.default_index_dir()


def cmd_index(args) -> int:
    from .build import NothingToIndex, build

    corpus = args.corpus or store.default_corpus_paths()
    try:
        summary = build(corpus, _index_dir(args), rebuild=args.rebuild,
                        progress=None if not args.quiet else False)
    except FileNotFoundError as exc:
        print(f"newsarchive index: {exc}", file=sys.stderr)
        return 2
    except NothingToIndex as exc:
        _print_problems(exc.report)
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(exc.report.reasons().items()))
        print(f"newsarchive index: {exc}" + (f" (skipped {exc.report.skipped}: {reasons})" if reasons else ""),
              file=sys.stderr)
        return 1
    except store.BuildLocked as exc:
        print(f"newsarchive index: {exc}", file=sys.stderr)
        return 1
    _print_problems(summary.report)
    print(summary.line())
    return 0


def _print_problems(report) -> None:
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
    if report.not_shown:
        print(f"skipped {report.not_shown} more bad records, not shown one by one "
              f"(the first {len(report.problems)} are above; the summary counts all)", file=sys.stderr)


def _params(args):
    from .search import SearchParams

    date_from = max(d for d in (args.date_from, args.since) if d) if (args.date_from or args.since) else None
    sort = args.sort or ("date_desc" if args.since else "relevance")
    return SearchParams(q=args.query, filters={f.name: getattr(args, f.name) or [] for f in FACETS},
                        date_from=date_from, date_to=args.date_to, sort=sort,
                        page=args.page, per_page=args.per_page, undated=args.undated, exact=args.exact)


def _strip_marks(snippet: str, tty: bool) -> str:
    import html

    on, off = ("\033[1m", "\033[0m") if tty else ("[", "]")
    return html.unescape(snippet.replace("<mark>", on).replace("</mark>", off))


def cmd_search(args) -> int:
    from .search import Archive, InvalidRequest, search

    archive = Archive(_index_dir(args))
    try:
        result = search(archive, _params(args))
    except store.IndexMissing as exc:
        print(f"newsarchive search: {exc}", file=sys.stderr)
        return 2
    except InvalidRequest as exc:
        print(f"newsarchive search: {exc}", file=sys.stderr)
        return 2
    finally:
        archive.close()
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((100, 20)).columns
    if result.get("notice"):
        print(result["notice"])
    if result.get("suggestion_applied"):
        print(f"Showing results for «{result['suggestion']}». Search instead for «{result['query']}»: --exact")
    elif result.get("suggestion"):
        print(f"Did you mean: {result['suggestion']}")
    elif not result["total"] and result.get("suggestions"):
        print("Try: " + ", ".join(f"{s['query']} ({s['total']})"
                                  for s in result["suggestions"]))
    print(f"{result['total']} found (page {result['page']}, {result['per_page']} per page)")
    for i, hit in enumerate(result["hits"], (result["page"] - 1) * result["per_page"] + 1):
        facets = "; ".join(x for x in (", ".join(hit[f.hit_key]) for f in EXTRACTED) if x)
        print(f"\n{i:>3}. {hit['date'] or '----------'}  {hit['id']}  {hit['title']}")
        if facets:
            print(f"     [{facets}]")
        body = _strip_marks(hit["snippet"], tty)
        print(textwrap.indent(textwrap.fill(body, width=max(40, width - 5)), "     "))
    for name, values in result["facets"].items():
        if values:
            top = ", ".join(f"{v['value']} ({v['count']})" for v in values[:8])
            print(f"\n{name}: {top}")
    return 0


def cmd_stats(args) -> int:
    from .search import Archive, stats

    try:
        s = stats(Archive(_index_dir(args)))
    except store.IndexMissing as exc:
        print(f"newsarchive stats: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=1))
        return 0
    print(f"documents: {s['documents']}")
    print(f"dates: {s['date_from']} .. {s['date_to']} ({s['undated']} undated)")
    for name, values in s["facets"].items():
        print(f"{name}: " + ", ".join(f"{v['value']} ({v['count']})" for v in values))
    return 0


def cmd_serve(args) -> int:
    index_dir = _index_dir(args)
    if store.current_generation(index_dir) is None:
        print(f"newsarchive serve: no index in {index_dir}/ (run `newsarchive index` first)", file=sys.stderr)
        return 2
    os.environ["NEWSARCHIVE_INDEX"] = str(index_dir.resolve())
    settings = Settings.from_env()
    argv = [sys.executable, "-m", "gunicorn", "-c", "python:webapp.gunicorn_defaults",
            "--bind", f"{args.host}:{args.port}", "--threads", str(settings.threads)]
    workers = args.workers or settings.workers
    if workers:
        argv += ["--workers", str(workers)]
    argv.append("webapp:create_app()")
    if not _loopback(args.host) and not args.behind_proxy:
        print(f"newsarchive serve: warning: {args.host} is not a loopback address and no reverse proxy "
              "was declared. Clients on the network would reach gunicorn directly; in production put "
              "a buffering reverse proxy in front (deploy/nginx.conf), serve on 127.0.0.1, and pass "
              "--behind-proxy (README, Operations).", file=sys.stderr)
    print(f"serving {index_dir}/ on http://{args.host}:{args.port}", file=sys.stderr)
    os.execv(sys.executable, argv)
    return 0  # not reached


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def build_parser() -> argparse.ArgumentParser:
    from .search import DEFAULT_PER_PAGE, SORTS

    ap = argparse.ArgumentParser(prog="newsarchive", description="Search the regional news archive.")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="build or update the index from the corpus")
    p.add_argument("--corpus", action="append", help="corpus file or folder (repeatable; default corpus/)")
    p.add_argument("--index", help="index folder (default index/)")
    p.add_argument("--rebuild", action="store_true", help="build a new index instead of updating")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", help="search the index")
    p.add_argument("query", nargs="?", default="")
    for f in FACETS:
        p.add_argument(f"--{f.name}", action="append", help=f"filter: {f.description} (repeatable: OR)")
    p.add_argument("--from", dest="date_from", help="from date YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="to date YYYY-MM-DD")
    p.add_argument("--since", help="items dated on or after YYYY-MM-DD, newest first unless --sort "
                   "is given (for alert scripts)")
    p.add_argument("--sort", default=None, choices=SORTS, help="default relevance (date_desc with --since)")
    p.add_argument("--undated", action="store_true", help="only the items without a date")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--per-page", type=int, default=DEFAULT_PER_PAGE)
    p.add_argument("--exact", action="store_true", help="the query as typed, never a corrected "
                   "query's results in its place")
    p.add_argument("--json", action="store_true", help="SPEC's JSON answer")
    p.add_argument("--index", help="index folder (default index/)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("stats", help="document count, date span, top facet values")
    p.add_argument("--index", help="index folder (default index/)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("serve", help="serve the web app with gunicorn")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int)
    p.add_argument("--index", help="index folder (default index/)")
    p.add_argument("--behind-proxy", action="store_true",
                   help="a reverse proxy is in front (no warning for a non-loopback --host)")
    p.set_defaults(func=cmd_serve)
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `newsarchive search ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
