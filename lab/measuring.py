"""What the measurement runs (`make bench-search`, `make loadtest`) share: how they serve.

Both measure the site as production serves it: gunicorn with config/gunicorn.py, the
configuration the README's production instructions use.
"""

import os
import runpy
import sys
from pathlib import Path

GUNICORN_CONFIG = Path(__file__).resolve().parent.parent / "config" / "gunicorn.py"
_SUMMARISED = ("workers", "worker_class", "threads", "timeout", "keepalive", "backlog")


def gunicorn_command(port: int | str, *, timeout: int | None = None) -> list[str]:
    """gunicorn with config/gunicorn.py on 127.0.0.1:*port*, logging warnings only.

    Request logs would be measured too. *timeout*: seconds before a busy worker is killed,
    instead of the configuration's.
    """
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--config",
        str(GUNICORN_CONFIG),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    if timeout is not None:
        command += ["--timeout", str(timeout)]
    return command


def gunicorn_summary() -> str:
    """The configuration's main settings, and GUNICORN_CMD_ARGS when it overrides them."""
    settings = runpy.run_path(str(GUNICORN_CONFIG))
    summary = ", ".join(f"{name} {settings[name]}" for name in _SUMMARISED if name in settings)
    if os.environ.get("GUNICORN_CMD_ARGS"):
        summary += f"; GUNICORN_CMD_ARGS={os.environ['GUNICORN_CMD_ARGS']}"
    return summary
