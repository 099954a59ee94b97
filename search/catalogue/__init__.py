"""The catalogue search, engine path: one document per product, both languages in it.

`mapping` says how the engine analyses Vietnamese and English, `documents` builds a product's
document from its live pages, `indexing` writes documents and swaps index generations, and
`query` turns a visitor's query into ONE request (hits, highlights, facets, suggestion) and
its response back into plain data. `engine` is the only module that knows which client talks
to the server.
"""
