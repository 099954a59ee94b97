"""How the browser tests (tests/browser/) and `make screenshots` start Debian's Chromium."""

CHROMIUM = "/usr/bin/chromium"
# Run as root in a container without a GPU or network: no sandbox, no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
