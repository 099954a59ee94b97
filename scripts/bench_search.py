#!/usr/bin/env python3
"""`make bench-search`: the catalogue search benchmark (lab/benchmark/run.py says what it does).

    .venv/bin/python scripts/bench_search.py --products 10000 [--seed 1] [--rounds 10]

Environment: SEARCH_URL (an engine to use instead of starting one), BENCH_SEARCH_PORT (9260),
BENCH_PORT (gunicorn, 8260), BENCH_DATABASE_URL (default sqlite var/bench.sqlite3).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lab.benchmark.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
