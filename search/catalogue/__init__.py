"""The catalogue search: one contract, two paths, product data through one seam.

`contract` says what a query is (`CatalogueQuery`) and what an answer looks like;
`parameters` turns a query string into that query; `service` picks the path (the engine when
SEARCH_URL is set, else the database, and the database when the engine fails); `request`
is what the catalogue page and the API run for a request. The engine path (`engine/`:
mapping, query, indexing, client) and the database path (`database/`: query, full-text
index, autocomplete) depend on the contract and never on each other. Product data arrives
through `source.catalogue_source()`; `sync` keeps both paths in step with the pages and
`drift` finds what a lost update left behind.
"""
