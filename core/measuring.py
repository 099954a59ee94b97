"""What the measurement runs (`make bench-search`, `make loadtest`) share: how they serve.

Both measure the site as production serves it: gunicorn with two synchronous workers.
"""

import sys
from pathlib import Path


def gunicorn_command(port: int | str, *, timeout: int | None = None) -> list[str]:
    """gunicorn serving config.wsgi with 2 workers on 127.0.0.1:*port*, logging warnings only.

    Request logs would be measured too. *timeout*: seconds before a busy worker is killed
    (gunicorn's default is 30).
    """
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    if timeout is not None:
        command += ["--timeout", str(timeout)]
    return command
