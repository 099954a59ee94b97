"""Page weight: what a first visit to each page type downloads, images and fonts aside."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUDGET_BYTES = 150 * 1024
# Pictures and fonts have their own budgets (renditions, subset fonts); this one is the code
# and markup every visit pays for: HTML, CSS, JavaScript and anything they fetch.
NOT_COUNTED = {"image", "font", "media"}


def test_every_page_type_stays_under_150_kb_of_html_css_and_js(page, every_page_type):
    # Every visit is a first visit: Chromium's HTTP and memory caches are off for this tab
    # (a fresh browser context per URL would do the same, several times slower).
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))

    over_budget = []
    report = []
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
            counted = sum(size for kind, size in sizes.items() if kind not in NOT_COUNTED)
            report.append(f"{page_type:16} {counted / 1024:6.1f} KB  {url}  {sizes}")
            if counted >= BUDGET_BYTES:
                over_budget.append(report[-1])
    # Shown with `pytest -s` (and on failure): the measured weights, page by page.
    print("\n".join(report))
    assert not over_budget, "over the 150 KB budget:\n" + "\n".join(over_budget)
