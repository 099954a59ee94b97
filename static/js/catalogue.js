// The catalogue's filters apply as they are ticked.
//
// Progressive enhancement of the GET form in templates/products/product_index_page.html:
// without this file, "Apply filters" submits it and the page reloads. With it, ticking a box
// or changing the sort loads the same URL the form would, replaces the results and the
// filters' counts, keeps the focus on the box just ticked, puts the URL in the address bar
// (so the page can be shared and reloaded) and says the new count in a polite live region.
// Anything unexpected falls back to submitting the form.
(function () {
  "use strict";

  const form = document.querySelector("form[data-catalogue]");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  const filters = form.querySelector("details.filters");
  const facets = form.querySelector("[data-catalogue-facets]");
  const results = form.querySelector("[data-catalogue-results]");
  const status = form.querySelector("[data-catalogue-status]");
  if (!filters || !facets || !results || !status) return;

  // Open on wide screens, where the CSS shows the filters beside the results anyway: the
  // <details> then says what is shown. Phones start with it closed.
  const wide = window.matchMedia("(min-width: 900px)");
  if (wide.matches) filters.open = true;

  let pending = null;

  function addressOf() {
    const parameters = new URLSearchParams(new FormData(form));
    const url = new URL(form.action, document.baseURI);
    url.search = parameters.toString();
    return url;
  }

  function sameControl(element) {
    if (!element || !element.name) return null;
    const candidates = form.querySelectorAll(`[name="${CSS.escape(element.name)}"]`);
    return Array.from(candidates).find((candidate) => candidate.value === element.value) || null;
  }

  async function apply() {
    const url = addressOf();
    if (pending) pending.abort();
    pending = new AbortController();
    let html;
    try {
      const response = await fetch(url, {
        signal: pending.signal,
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      html = await response.text();
    } catch (error) {
      if (error.name === "AbortError") return;
      form.submit();
      return;
    }
    const next = new DOMParser().parseFromString(html, "text/html");
    const nextFacets = next.querySelector("form[data-catalogue] [data-catalogue-facets]");
    const nextResults = next.querySelector("form[data-catalogue] [data-catalogue-results]");
    if (!nextFacets || !nextResults) {
      form.submit();
      return;
    }
    const focused = facets.contains(document.activeElement) ? document.activeElement : null;
    // Spread first: moving a node out of a live NodeList while walking it skips its neighbour.
    facets.replaceChildren(...[...nextFacets.childNodes]);
    results.replaceChildren(...[...nextResults.childNodes]);
    const again = focused && sameControl(focused);
    if (again) again.focus();
    window.history.replaceState(window.history.state, "", url);
    const heading = results.querySelector("#results-heading");
    status.textContent = heading ? heading.textContent.trim() : "";
  }

  form.addEventListener("change", (event) => {
    const target = event.target;
    if ((target.type === "checkbox" && facets.contains(target)) || target.name === "sort") {
      apply();
    }
  });
})();
