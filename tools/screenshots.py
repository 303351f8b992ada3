"""Screenshots of the journalist's pages for a reviewer: `make screenshots`.

The bundled corpus indexed into a temporary folder, served by gunicorn, photographed by
Debian's Chromium at a laptop's and a phone's size into screenshots/ (git-ignored).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.build import build  # noqa: E402
from tests.background import gunicorn  # noqa: E402

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
FILTERED = "/?q=партии&region=Кызылординская+область&region=Костанайская+область"  # has results
PAGES = {
    "home": "/",
    "search": FILTERED,
    "search-filters-open": FILTERED,
    "item": "/doc/dev-024",
    "entity": "/project/Qutty meken",
}
CHROMIUM = os.environ.get("NEWSARCHIVE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(ROOT / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        build([ROOT / "corpus"], index_dir, progress=False)
        with gunicorn(index_dir, workers=1) as (_, base), sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            for size, (w, h) in SIZES.items():
                ctx = browser.new_context(viewport={"width": w, "height": h}, locale="ru-RU")
                page = ctx.new_page()
                for name, url in PAGES.items():
                    if name.endswith("filters-open") and size != "phone":
                        continue
                    page.goto(base + url)
                    if name.startswith("search") and not page.locator("ol.hits li").count():
                        raise SystemExit(f"{url} found nothing: a reviewer needs a filtered search with results")
                    if name.endswith("filters-open"):
                        page.locator("#filters > summary").click()
                    path = out / f"{name}-{size}.png"
                    page.screenshot(path=str(path), full_page=False)
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                ctx.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
