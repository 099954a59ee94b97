// Suggestions while typing in the catalogue search fields, following the WAI-ARIA APG
// "editable combobox with list autocomplete" pattern.
//
// Progressive enhancement: it only upgrades <input data-autocomplete="/api/catalogue/suggest/">
// fields. Without this file each one is a plain search box in a GET form that submits to the
// search page, so nothing here may be needed to search. The words it shows come from the
// field's data-autocomplete-* attributes, rendered by the template in the page's language.
(function () {
  "use strict";

  const DEBOUNCE_MS = 150;
  const MIN_CHARACTERS = 2;
  // Group order in the listbox; a type the API might add later is left out, not mislabelled.
  const TYPES = ["product", "company"];

  // Accent-insensitive, like the search itself: "den led" matches "Đèn LED" (đ is a letter
  // of its own in Unicode, not d with a mark, so it is folded by hand).
  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase();
  }

  // A link from the response is followed only if it is a web address: never javascript:.
  function webAddress(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value, document.baseURI);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch {
      return null;
    }
  }

  // The text with the beginnings of words that match what was typed wrapped in <mark>.
  // Built from text nodes only: the suggestion's text is never parsed as HTML.
  function highlighted(text, query) {
    // Fold character by character, remembering where each folded unit came from, so that a
    // match found in the folded text ("den") marks the original characters ("Đèn").
    let folded = "";
    const origin = [];
    let offset = 0;
    for (const character of text) {
      const plain = fold(character);
      for (let unit = 0; unit < plain.length; unit += 1) {
        origin.push([offset, offset + character.length]);
      }
      if (!plain && origin.length) origin[origin.length - 1][1] = offset + character.length;
      folded += plain;
      offset += character.length;
    }
    const startsWord = (index) => index === 0 || !/[\p{L}\p{N}]/u.test(folded[index - 1]);
    const ranges = [];
    for (const word of fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
      let index = folded.indexOf(word);
      while (index !== -1) {
        const end = index + word.length;
        const overlaps = ranges.some(([from, to]) => index < to && end > from);
        if (startsWord(index) && !overlaps) {
          ranges.push([index, end]);
          break;
        }
        index = folded.indexOf(word, index + 1);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const fragment = document.createDocumentFragment();
    let done = 0;
    for (const [from, to] of ranges) {
      const start = origin[from][0];
      const end = origin[to - 1][1];
      if (start > done) fragment.append(text.slice(done, start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      fragment.append(mark);
      done = end;
    }
    if (done < text.length) fragment.append(text.slice(done));
    return fragment;
  }

  class Autocomplete {
    constructor(input, number) {
      this.input = input;
      this.endpoint = input.dataset.autocomplete;
      const data = input.dataset;
      this.labels = { product: data.autocompleteProduct, company: data.autocompleteCompany };
      this.counts = {
        one: data.autocompleteCountOne,
        other: data.autocompleteCountOther,
        none: data.autocompleteNone,
      };
      this.language = document.documentElement.lang.toLowerCase().startsWith("en") ? "en" : "vi";
      this.plurals = new Intl.PluralRules(this.language);
      this.options = [];
      this.active = -1;
      this.shownQuery = null;
      this.timer = 0;
      this.controller = null;
      this.sequence = 0;
      this.build(number);
      this.listen();
    }

    build(number) {
      const input = this.input;
      if (!input.id) input.id = `autocomplete-${number}`;
      const id = input.id;
      const hadFocus = document.activeElement === input;

      this.wrapper = document.createElement("span");
      this.wrapper.className = "autocomplete";
      input.before(this.wrapper);
      this.wrapper.append(input);

      this.listbox = document.createElement("div");
      this.listbox.id = `${id}-listbox`;
      this.listbox.className = "autocomplete__listbox";
      this.listbox.setAttribute("role", "listbox");
      this.listbox.hidden = true;
      const label = input.labels && input.labels[0];
      if (label) {
        if (!label.id) label.id = `${id}-label`;
        this.listbox.setAttribute("aria-labelledby", label.id);
      }

      // Announces how many suggestions there are; created empty, before anything changes,
      // so screen readers already watch it when the first count arrives.
      this.status = document.createElement("span");
      this.status.className = "visually-hidden";
      this.status.setAttribute("role", "status");
      this.status.setAttribute("aria-atomic", "true");
      this.wrapper.append(this.listbox, this.status);

      // Set here, not in the HTML: without this script the browser's own history of past
      // searches still helps.
      input.autocomplete = "off";
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", this.listbox.id);
      // Moving the field in the document blurs it if someone was already typing there.
      if (hadFocus) input.focus();
    }

    listen() {
      const input = this.input;
      input.addEventListener("input", (event) => {
        if (!event.isComposing) this.schedule();
      });
      // Vietnamese input methods compose a syllable before it lands in the field.
      input.addEventListener("compositionend", () => this.schedule());
      input.addEventListener("keydown", (event) => this.keydown(event));
      input.addEventListener("blur", () => this.close());
      // Keeps the focus (and the caret) in the field while an option is clicked.
      this.listbox.addEventListener("mousedown", (event) => event.preventDefault());
      this.listbox.addEventListener("click", (event) => {
        const option = event.target.closest("[role=option]");
        const index = this.options.findIndex((item) => item.element === option);
        if (index !== -1) this.follow(index);
      });
      document.addEventListener("pointerdown", (event) => {
        if (!this.wrapper.contains(event.target)) this.close();
      });
      input.form?.addEventListener("submit", () => {
        this.cancel();
        this.close();
      });
      // Coming back to the page from history must not show a listbox left open.
      window.addEventListener("pageshow", (event) => {
        if (event.persisted) this.close();
      });
    }

    query() {
      return this.input.value.normalize("NFC").trim().replace(/\s+/g, " ");
    }

    isOpen() {
      return !this.listbox.hidden;
    }

    schedule() {
      clearTimeout(this.timer);
      const query = this.query();
      if ([...query].length < MIN_CHARACTERS) {
        this.cancel();
        this.clear();
        return;
      }
      this.timer = setTimeout(() => this.load(query), DEBOUNCE_MS);
    }

    cancel() {
      clearTimeout(this.timer);
      this.sequence += 1;
      if (this.controller) this.controller.abort();
      this.controller = null;
    }

    async load(query) {
      this.cancel();
      const sequence = this.sequence;
      const controller = new AbortController();
      this.controller = controller;
      const url = new URL(this.endpoint, document.baseURI);
      url.searchParams.set("q", query);
      url.searchParams.set("lang", this.language);
      let suggestions = null;
      try {
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        if (response.ok) suggestions = (await response.json()).suggestions;
      } catch (error) {
        if (error.name === "AbortError") return;
      }
      // A slower answer to an earlier query, or one for text that has changed since.
      if (sequence !== this.sequence || query !== this.query()) return;
      this.controller = null;
      if (Array.isArray(suggestions)) {
        this.render(query, suggestions);
      } else {
        // The field keeps working as a plain search box when suggestions fail.
        this.clear();
      }
    }

    render(query, suggestions) {
      const groups = [];
      this.options = [];
      for (const type of TYPES) {
        const items = suggestions.filter(
          (item) => item && item.type === type && typeof item.text === "string" && webAddress(item.url),
        );
        if (!items.length) continue;
        const headingId = `${this.listbox.id}-${type}`;
        const group = document.createElement("ul");
        group.className = "autocomplete__group";
        group.setAttribute("role", "group");
        group.setAttribute("aria-labelledby", headingId);
        const heading = document.createElement("li");
        heading.id = headingId;
        heading.className = "autocomplete__heading";
        heading.setAttribute("role", "presentation");
        heading.textContent = this.labels[type] || type;
        group.append(heading);
        for (const item of items) {
          const option = document.createElement("li");
          option.id = `${this.listbox.id}-option-${this.options.length}`;
          option.className = "autocomplete__option";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.append(highlighted(item.text, query));
          group.append(option);
          this.options.push({ element: option, url: webAddress(item.url) });
        }
        groups.push(group);
      }
      this.listbox.replaceChildren(...groups);
      this.shownQuery = query;
      this.setActive(-1);
      this.announce(this.options.length);
      if (this.options.length) this.open();
      else this.close();
    }

    announce(count) {
      let text = "";
      if (count === 0) text = this.counts.none || "";
      else {
        const form = this.plurals.select(count) === "one" ? this.counts.one : this.counts.other;
        text = (form || "{count}").replace("{count}", count.toLocaleString(this.language));
      }
      // The same words twice in a row are not read again: alternate a trailing no-break space.
      if (text && this.status.textContent.trim() === text && !this.status.textContent.endsWith("\u00a0")) {
        text += "\u00a0";
      }
      this.status.textContent = text;
    }

    clear() {
      this.options = [];
      this.shownQuery = null;
      this.listbox.replaceChildren();
      this.status.textContent = "";
      this.close();
    }

    open() {
      this.listbox.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }

    close() {
      this.setActive(-1);
      this.listbox.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
    }

    setActive(index) {
      this.options.forEach((item, position) => {
        item.element.setAttribute("aria-selected", String(position === index));
      });
      this.active = index;
      if (index === -1) {
        this.input.removeAttribute("aria-activedescendant");
        return;
      }
      const option = this.options[index].element;
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    follow(index) {
      const url = this.options[index].url;
      this.close();
      window.location.assign(url);
    }

    keydown(event) {
      if (event.isComposing || event.ctrlKey || event.metaKey) return;
      const count = this.options.length;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp": {
          const query = this.query();
          if (!count || this.shownQuery !== query) {
            // Nothing (current) to show yet: ask now rather than after the pause.
            if ([...query].length >= MIN_CHARACTERS) {
              event.preventDefault();
              this.load(query);
            }
            return;
          }
          event.preventDefault();
          this.open();
          // Alt+Down only opens the list (APG), leaving the choice to the next arrow.
          if (event.altKey) return;
          const down = event.key === "ArrowDown";
          let next;
          if (down) next = this.active + 1 >= count ? 0 : this.active + 1;
          else next = this.active <= 0 ? count - 1 : this.active - 1;
          this.setActive(next);
          return;
        }
        case "Enter":
          if (this.isOpen() && this.active !== -1) {
            event.preventDefault();
            this.follow(this.active);
          } else {
            // The form submits to the search page as it would without this script.
            this.close();
          }
          return;
        case "Escape":
          // Handled here in both cases: Chromium would otherwise also empty a search field
          // on the first Escape, losing what was typed when only the list was to close.
          if (this.isOpen()) {
            event.preventDefault();
            this.close();
          } else if (this.input.value) {
            event.preventDefault();
            this.cancel();
            this.input.value = "";
            this.clear();
          }
          return;
        case "Tab":
          // Closes the list; the focus moves on as usual.
          this.close();
          return;
        case "ArrowLeft":
        case "ArrowRight":
        case "Home":
        case "End":
          // Back to editing the text (APG): the caret moves, no option stays active.
          if (this.active !== -1) this.setActive(-1);
          return;
        default:
      }
    }
  }

  document.querySelectorAll("input[data-autocomplete]").forEach((input, number) => {
    if (input.dataset.autocomplete) new Autocomplete(input, number);
  });
})();
