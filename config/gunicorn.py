"""gunicorn's settings, for production and for the measurement runs (`make loadtest`).

    gunicorn -c config/gunicorn.py --bind 127.0.0.1:8000

Override one setting on the command line or in GUNICORN_CMD_ARGS (gunicorn reads both, the
command line last), e.g. GUNICORN_CMD_ARGS="--workers 4" on a machine with four cores.

Why threads: `make loadtest`'s mixed run (64 connections, 60 s; README, "Load test") timed
out 109-190 requests a minute with two synchronous workers (57-73 requests/s, p50 near 1 s:
each request waits its turn on a new connection behind whole searches), and none with two
workers of 4 or 8 threads (164-173 requests/s, p50 about 0.3 s, p99 1.2 s) on the same
2-CPU machine under the same load. A thread waiting on the database, the shared cache or the
search engine lets another answer; connections are kept alive. Processes stay at one per
core (the GIL); 8 threads rather than 4 measured the same and leave room for requests that
wait on a slow search engine (up to SEARCH_TIMEOUT) without stalling the others. Each thread
keeps its own database connection: 16 per server.
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
