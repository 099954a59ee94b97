"""Performance budget of every page type, read in the browser: the weight of a first visit
(images and fonts aside), nothing fetched from another origin, fonts preloaded, and pictures
served as responsive WebP renditions."""

from urllib.parse import urlsplit

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUDGET_BYTES = 150 * 1024
# Pictures and fonts have their own budgets (renditions, subset fonts); this one is the code
# and markup every visit pays for: HTML, CSS, JavaScript and anything they fetch.
NOT_COUNTED = {"image", "font", "media"}


# What the page's own markup says about its pictures and fonts.
PAGE_FACTS = """() => ({
    preloadedFonts: Array.from(document.querySelectorAll('link[rel=preload][as=font]'))
        .map(link => link.href),
    images: Array.from(document.querySelectorAll('main img')).map(img => ({
        src: img.currentSrc || img.src, srcset: img.getAttribute('srcset') || '',
        width: img.getAttribute('width'), height: img.getAttribute('height'),
    })),
})"""


def test_every_page_type_meets_the_performance_budget(page, every_page_type, live_server):
    # Every visit is a first visit: Chromium's HTTP and memory caches are off for this tab
    # (a fresh browser context per URL would do the same, several times slower).
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))

    over_budget = []
    problems = []
    images_seen = 0
    report = []
    origin = urlsplit(live_server.url).netloc
    for page_type, urls in every_page_type.items():
        for url in urls:
            # Leaving the previous page first ends its late (lazy image) requests, so they
            # are not counted for this one.
            page.goto("about:blank")
            finished.clear()
            page.goto(url, wait_until="load")
            sizes = {}
            for request in finished:
                size = request.sizes()
                on_the_wire = size["responseHeadersSize"] + size["responseBodySize"]
                sizes[request.resource_type] = sizes.get(request.resource_type, 0) + on_the_wire
            assert sizes.get("document"), f"{url} transferred no document"
            assert sizes.get("stylesheet"), f"{url} transferred no stylesheet: is the cache off?"
            foreign = {r.url for r in finished if urlsplit(r.url).netloc not in {origin, ""}}
            if foreign:
                problems.append(f"{url} fetched from another origin: {sorted(foreign)}")
            facts = page.evaluate(PAGE_FACTS)
            if not facts["preloadedFonts"]:
                problems.append(f"{url} preloads no font")
            for image in facts["images"]:
                images_seen += 1
                candidates = [part.split()[0] for part in image["srcset"].split(",") if part]
                if len(candidates) < 1 or not all(c.endswith(".webp") for c in candidates):
                    problems.append(f"{url}: an image without WebP srcset: {image}")
                if not (image["width"] and image["height"]):
                    problems.append(f"{url}: an image without width/height: {image}")
            counted = sum(size for kind, size in sizes.items() if kind not in NOT_COUNTED)
            report.append(f"{page_type:16} {counted / 1024:6.1f} KB  {url}  {sizes}")
            if counted >= BUDGET_BYTES:
                over_budget.append(report[-1])
    # Shown with `pytest -s` (and on failure): the measured weights, page by page.
    print("\n".join(report))
    assert not over_budget, "over the 150 KB budget:\n" + "\n".join(over_budget)
    assert not problems, "\n".join(problems)
    assert images_seen, "no page type showed a picture: the image checks checked nothing"
