"""The catalogue search's query parameters: one form for the API and the HTML pages.

Everything is allow-listed: an unknown parameter, a value of the wrong shape, a facet value
that does not exist, or a page that is not a positive integer is an error the caller shows
(the API as a 400 with the messages, the HTML pages as a notice or, for `page`, a 404).
A valid form gives the one `CatalogueQuery` the search receives (`form.query`).
"""

import re

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from core.fields import SearchTextField
from core.text import clean_search_text, is_ascii_number, normalize_text
from search.catalogue.contract import (
    FACET_GROUPS,
    LANGUAGES,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    PER_PAGE,
    SORTS,
    STATUS_GROUP,
    STATUSES,
    TABS,
    TOP10_LABELS,
    CatalogueQuery,
)
from search.catalogue.source import catalogue_source

PARAMETERS = {"q", "sort", "page", "lang", "tab", STATUS_GROUP, *FACET_GROUPS}
# What the catalogue page reads (it ignores `lang`, its language is its URL's) and the values
# its form gives a parameter left out.
PAGE_PARAMETERS = PARAMETERS - {"lang"}
# What a link to the same view carries (its other pages and tab, the other language, its feed
# and downloads): words, filters, sort and tab; not the page, nor `lang` (the URL says the
# language), nor anything the page ignores (a campaign tag).
VIEW_PARAMETERS = PARAMETERS - {"page", "lang"}


def view_parameters(params):
    """*params* (a QueryDict) reduced to VIEW_PARAMETERS, as a mutable copy. A cached
    fragment of the results varies on these alone."""
    carried = params.copy()
    for name in list(carried):
        if name not in VIEW_PARAMETERS:
            carried.pop(name)
    return carried


_PAGE_DEFAULTS = {"sort": "relevance", "tab": TABS[0], "page": "1"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_VOCABULARY_CACHE = "catalogue:vocabulary-slugs"


def known_slugs() -> dict[str, set[str]]:
    """The slugs each vocabulary group accepts (cached; cleared when a vocabulary changes)."""
    slugs = cache.get(_VOCABULARY_CACHE)
    if slugs is None:
        slugs = catalogue_source().facet_slugs()
        cache.set(_VOCABULARY_CACHE, slugs, 60 * 60)
    return slugs


def page_query(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The catalogue page's query parameters as CatalogueQueryForm reads them, in pairs.

    Two query strings with the same pairs show the same page, so the page cache keeps one
    (core.pagecache.declare_query): other parameters, empty and default values are left out,
    the words cleaned as the search field cleans them, a facet value stripped and counted
    once. A value the form refuses stays as it is: that page answers 400 and is not kept.
    """
    normalised = []
    for name, raw in pairs:
        if name not in PAGE_PARAMETERS:
            continue
        value = normalize_text(raw)
        if name == "q":
            value = clean_search_text(value)
        elif name == "page" and value.strip().isdecimal():  # isdigit() allows "²"
            value = str(int(value))
        elif name in FACET_GROUPS:
            value = value.strip()
        if name in FACET_GROUPS or (value and value != _PAGE_DEFAULTS.get(name)):
            normalised.append((name, value))
    return list(dict.fromkeys(normalised))


def forget_vocabulary(**kwargs) -> None:
    """Receiver: a vocabulary changed (products.signals connects it), so known_slugs reads anew."""
    cache.delete(_VOCABULARY_CACHE)


class CatalogueQueryForm(forms.Form):
    q = SearchTextField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Từ khoá dài tối đa %(limit_value)d ký tự.")},
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(sort, sort) for sort in SORTS],
        error_messages={"invalid_choice": _("Cách sắp xếp “%(value)s” không được hỗ trợ.")},
    )
    # Past the engine's result window no path may page (the database path follows the
    # same contract), so such a page does not exist: a 400 in the API, a 404 on the pages.
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_RESULT_WINDOW // PER_PAGE,
        error_messages={
            "invalid": _("Số trang phải là số nguyên dương."),
            "min_value": _("Số trang phải là số nguyên dương."),
            "max_value": _(
                "Chỉ xem được %(limit_value)s trang kết quả đầu tiên; hãy thu hẹp tìm kiếm "
                "bằng từ khoá hoặc bộ lọc."
            ),
        },
    )
    tab = forms.ChoiceField(
        required=False,
        choices=[(tab, tab) for tab in TABS],
        error_messages={"invalid_choice": _("Tab phải là products hoặc companies.")},
    )
    # ?status=current: only what is recognised today (contract.STATUSES).
    status = forms.ChoiceField(
        required=False,
        choices=[(status, status) for status in STATUSES],
        error_messages={
            "invalid_choice": _("Tình trạng “%(value)s” không hợp lệ; chỉ dùng current.")
        },
    )
    lang = forms.ChoiceField(
        required=False,
        choices=[(language, language) for language in LANGUAGES],
        error_messages={"invalid_choice": _("Ngôn ngữ phải là vi hoặc en.")},
    )

    def __init__(self, data, *, language: str | None = None):
        self._lists = {group: data.getlist(group) for group in FACET_GROUPS} if data else {}
        self._unknown = sorted(set(data or ()) - PARAMETERS)
        self._language = language
        super().__init__(data)

    def clean(self):
        cleaned = super().clean()
        for name in self._unknown:
            self.add_error(None, _("Tham số “%(name)s” không được hỗ trợ.") % {"name": name})
        slugs = known_slugs()
        filters = {}
        for group in FACET_GROUPS:
            values = []
            for raw in self._lists.get(group, []):
                value = raw.strip()
                if group == "year":
                    if not (is_ascii_number(value) and 2005 <= int(value) <= 2100):
                        self.add_error(None, _("Năm “%(value)s” không hợp lệ.") % {"value": raw})
                        continue
                elif group == "top10":
                    # Every value the facet offers, "unknown" (no source says) included.
                    if value not in TOP10_LABELS["vi"]:
                        self.add_error(None, _("top10 phải là true, false hoặc unknown."))
                        continue
                elif not _SLUG.match(value) or value not in slugs[group]:
                    self.add_error(
                        None,
                        _("Không có giá trị “%(value)s” cho bộ lọc %(group)s.")
                        % {"value": raw, "group": group},
                    )
                    continue
                if value not in values:
                    values.append(value)
            if values:
                filters[group] = values
        cleaned["filters"] = filters
        cleaned["sort"] = cleaned.get("sort") or "relevance"
        cleaned["page"] = cleaned.get("page") or 1
        cleaned["tab"] = cleaned.get("tab") or TABS[0]
        cleaned["status"] = cleaned.get("status") or ""
        cleaned["lang"] = cleaned.get("lang") or self._language or "vi"
        return cleaned

    def query(self, *, per_page: int = PER_PAGE) -> CatalogueQuery:
        """The search this valid form describes."""
        params = self.cleaned_data
        return CatalogueQuery(
            q=params["q"],
            lang=params["lang"],
            filters=params["filters"],
            sort=params["sort"],
            page=params["page"],
            per_page=per_page,
            tab=params["tab"],
            status=params["status"],
        )

    def messages(self) -> list[str]:
        return [str(message) for messages in self.errors.values() for message in messages]
