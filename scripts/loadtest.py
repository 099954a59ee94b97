#!/usr/bin/env python3
"""`make loadtest`: public pages against a bare Django view under wrk (lab/loadtest/run.py).

    .venv/bin/python scripts/loadtest.py [--duration 10s] [--warmup 3s] [--phases uncached,cached]
        [--pages "product,product ?utm"] [--baseline FILE] [--write-baseline]

Compares each page with the stored baseline (benchmarks/loadtest-baseline.json) when there
is one; --write-baseline makes this run the new one.

Needs wrk (Debian: apt-get install wrk). Environment: LOADTEST_PORT (gunicorn, 8270),
LOADTEST_DATABASE_URL (default sqlite var/loadtest.sqlite3).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lab.loadtest.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
