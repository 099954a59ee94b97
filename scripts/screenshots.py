"""Full-page screenshots of every public page type, in both languages, at three widths.

    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000 --out screenshots/

Saves `<page-type>-<lang>-<width>.png` (e.g. `product-en-375.png`). The Vietnamese URLs are
the structural pages the demo loader always creates, plus, for the detail pages (a product,
a company, an event, a news item), the first card linked from their list page, so any content
works; each English URL is the one the page's own language switcher links to. Needs a running
site (`make run`) and Debian's Chromium; it only reads pages.
"""

import argparse
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lab.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

WIDTHS = (375, 768, 1280)
TIMEOUT_MS = 20_000

# page type: (a Vietnamese path, or the list page whose first card is followed)
_MISSING = uuid.uuid4().hex[:8]
PAGE_TYPES = {
    "home": ("/", None),
    "programme-index": ("/chuong-trinh/", None),
    "criteria": ("/chuong-trinh/tieu-chi/", None),
    "guidance": ("/chuong-trinh/huong-dan/", None),
    "decisions": ("/chuong-trinh/van-ban/", None),
    "statistics": ("/chuong-trinh/so-lieu/", None),
    "events": ("/su-kien/", None),
    "event": (None, "/su-kien/"),
    "news": ("/tin-tuc/", None),
    "news-article": (None, "/tin-tuc/"),
    "catalogue": ("/san-pham/", None),
    "product": (None, "/san-pham/"),
    "companies": ("/doanh-nghiep/", None),
    "company": (None, "/doanh-nghiep/"),
    "standard": ("/gioi-thieu/", None),
    "search": ("/tim-kiem/?q=%C4%91%C3%A8n", None),  # "đèn"
    # A path that cannot exist, so the site's own 404 page is shown.
    "not-found": (f"/khong-co-trang-nay-{_MISSING}/", None),
}
# Pages without a language switcher link to follow.
ENGLISH_PATHS = {"not-found": f"/en/no-such-page-{_MISSING}/"}

# Lazy images below the fold would otherwise be blank in a full-page shot.
LOAD_ALL_IMAGES = """async () => {
    const images = Array.from(document.images);
    images.forEach((image) => { image.loading = "eager"; });
    await Promise.all(images.map((image) => image.decode().catch(() => null)));
    await document.fonts.ready;
}"""


def first_card_link(page, list_url: str) -> str:
    page.goto(list_url)
    link = page.locator("main .card__title a").first
    return urljoin(page.url, link.get_attribute("href"))


def english_url(page, url: str) -> str:
    page.goto(url)
    link = page.locator(".language-switcher a[hreflang=en]")
    if not link.count():
        raise ValueError(f"{url} has no English link in its language switcher")
    return urljoin(page.url, link.first.get_attribute("href"))


def find_urls(page, base_url: str, only: set[str]) -> dict[tuple[str, str], str]:
    """(page type, language) -> absolute URL, found on the running site."""
    urls = {}
    for page_type, (path, list_path) in PAGE_TYPES.items():
        if only and page_type not in only:
            continue
        try:
            if path is not None:
                vietnamese = urljoin(base_url, path)
            else:
                vietnamese = first_card_link(page, urljoin(base_url, list_path))
            urls[page_type, "vi"] = vietnamese
            if page_type in ENGLISH_PATHS:
                urls[page_type, "en"] = urljoin(base_url, ENGLISH_PATHS[page_type])
            else:
                urls[page_type, "en"] = english_url(page, vietnamese)
        except (PlaywrightError, ValueError) as error:
            message = error.message if isinstance(error, PlaywrightError) else str(error)
            print(f"! {page_type}: no URL found ({message.splitlines()[0]})", file=sys.stderr)
    return urls


def shoot(browser, urls, widths, out: Path) -> list[str]:
    problems = []
    for width in widths:
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        for (page_type, language), url in urls.items():
            name = f"{page_type}-{language}-{width}.png"
            response = page.goto(url)
            status = response.status if response else 0
            expected = 404 if page_type == "not-found" else 200
            if status != expected:
                problems.append(f"{name}: {url} answered {status}, not {expected}")
            elif not page.locator("a.skip-link").count():
                # DEBUG = True (runserver's dev settings) answers 404s with Django's
                # technical page instead of templates/404.html.
                problems.append(f"{name}: {url} is not one of the site's pages (DEBUG on?)")
            page.evaluate(LOAD_ALL_IMAGES)
            page.screenshot(path=out / name, full_page=True, animations="disabled")
            parts = urlsplit(url)
            print(f"{name}  {parts.path}{'?' + parts.query if parts.query else ''}")
        context.close()
    return problems


def wait_for(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return True
        except urllib.error.HTTPError:
            return True  # it answers; the shots will show what is wrong
        except OSError:
            if time.monotonic() >= deadline:
                return seconds == 0  # without --wait, let Playwright report the problem
            time.sleep(0.25)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument(
        "--widths",
        default=",".join(map(str, WIDTHS)),
        help="comma-separated viewport widths in CSS pixels (default: %(default)s)",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated page types (default: all of them)"
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=0,
        help="seconds to wait for the site to answer first (for a server just started)",
    )
    args = parser.parse_args(argv)
    widths = [int(width) for width in args.widths.split(",")]
    only = {name for name in args.only.split(",") if name}
    unknown = only - PAGE_TYPES.keys()
    if unknown:
        parser.error(f"unknown page types: {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    base_url = args.base_url.rstrip("/") + "/"
    if not wait_for(base_url, args.wait):
        print(f"! {base_url} did not answer within {args.wait:g} s", file=sys.stderr)
        return 1

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        finder = browser.new_page()
        finder.set_default_timeout(TIMEOUT_MS)
        urls = find_urls(finder, base_url, only)
        finder.close()
        problems = shoot(browser, urls, widths, args.out)
        browser.close()

    missing = len(only or PAGE_TYPES) * 2 - len(urls)
    if missing:
        problems.append(f"{missing} page type/language pairs had no URL")
    for problem in problems:
        print(f"! {problem}", file=sys.stderr)
    print(f"{len(urls) * len(widths)} screenshots in {args.out}/")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
