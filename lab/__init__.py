"""Measurement tools: benchmarks, relevance corpus, load test, catalogue generator, dev search node.

Never installed in production: only the settings that measure or test list the app
(config.settings.dev, test, bench, loadtest), and no runtime module imports it.
"""
