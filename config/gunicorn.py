"""gunicorn's settings, for production and for the measurement runs (`make loadtest`).

    gunicorn -c config/gunicorn.py --bind 127.0.0.1:8000

Override one setting on the command line or in GUNICORN_CMD_ARGS (gunicorn reads both, the
command line last), e.g. GUNICORN_CMD_ARGS="--workers 4" on a machine with four cores.

Why threads: `make loadtest`'s mixed run (64 connections, 60 s; README, "Load test") timed
out 106-190 requests a minute with two or four synchronous workers (57-73 requests/s, p50
near 1 s: each request waits its turn on a new connection behind whole searches). Two
workers of 8 threads answered 173-227 requests/s (p50 0.24-0.30 s, p99 1.1-1.4 s) on the
same 2-CPU machine, with no timeouts in two runs of three and 6 in the third, when the other
jobs on the machine pushed its load average to 17.7; 4 threads did half as well (110/s, ~30
timeouts). A thread waiting on the database, the shared cache or the search engine lets
another answer, and connections are kept alive. Processes stay at one per core (the GIL);
8 threads also leave room for requests that wait on a slow search engine (up to
SEARCH_TIMEOUT) without stalling the rest. Each thread keeps its own database connection:
16 per server (16 threads measured faster still, at 190 MB a worker instead of 170).
"""

wsgi_app = "config.wsgi"
bind = "127.0.0.1:8000"
workers = 2
worker_class = "gthread"
threads = 8
# Seconds a worker may stay silent before it is restarted (the threads' loop reports often).
timeout = 30
# Seconds an idle kept-alive connection stays open (gunicorn's default; the proxy's is longer).
keepalive = 2
