"""How well the catalogue search ranks: a fixed corpus, a query set, and its measurement.

`corpus.toml` is the data (fictional companies and products, queries with the product each one
should find), read by `corpus`; `measure` builds it through the real models and reports the
mean reciprocal rank per search path. Used by `tests/lab/test_relevance.py` and `manage.py
measure_relevance`.
"""
