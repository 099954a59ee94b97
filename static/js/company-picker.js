// The business-matching company picker of the event registration form, filtered as the
// visitor types.
//
// Progressive enhancement: without this file the search field and its button send the form
// back to the server, which shows the matching companies with everything typed kept. With it,
// typing asks the same form (GET ?q=, the server's own matching, names in the page's
// language) for its list and swaps it in; what was ticked stays ticked and listed. A status
// region announces how many companies are offered. The limit of companies is the server's.
(function () {
  "use strict";

  const DEBOUNCE_MS = 250;

  function ticked(list) {
    return Array.from(list.querySelectorAll("input[type=checkbox]:checked"));
  }

  function announce(status, count) {
    let text = status.dataset.foundMany;
    if (count === 0) text = status.dataset.foundNone;
    else if (count === 1) text = status.dataset.foundOne;
    status.textContent = text.replace("{count}", String(count));
  }

  function enhance(picker) {
    const form = picker.closest("form");
    const search = picker.querySelector("input[name=q]");
    const list = picker.querySelector("[data-company-choices]");
    const status = picker.querySelector("[data-company-status]");
    if (!form || !search || !list || !status) return;
    let timer = null;
    let latest = null;

    async function refresh() {
      const keep = ticked(list);
      const params = new URLSearchParams({ q: search.value });
      for (const input of keep) params.append("companies", input.value);
      const url = new URL(form.getAttribute("action") || window.location.pathname, document.baseURI);
      url.search = params.toString();
      const request = (latest = url.href);
      let html;
      try {
        const response = await fetch(url, {
          credentials: "same-origin",
          headers: { Accept: "text/html" },
        });
        if (!response.ok) return; // the search button still works
        html = await response.text();
      } catch {
        return;
      }
      if (request !== latest) return; // a later keystroke's answer will come
      const answer = new DOMParser().parseFromString(html, "text/html");
      const fresh = answer.querySelector("[data-company-choices]");
      if (!fresh) return;
      const keptValues = new Set(keep.map((input) => input.value));
      list.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
      for (const input of list.querySelectorAll("input[type=checkbox]")) {
        input.checked = keptValues.has(input.value);
      }
      announce(status, list.querySelectorAll("input[type=checkbox]").length);
    }

    search.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DEBOUNCE_MS);
    });
  }

  document.querySelectorAll("[data-company-picker]").forEach(enhance);
})();
