"""The one answer to "which address did this request come from?".

Login throttling (django-axes), the page-password form's limit (django-ratelimit) and the
search statistics' one-count-per-visitor rule all key on it, so they agree on who a client is.

Without configuration the answer is REMOTE_ADDR and every forwarded header is ignored: a
client can write any X-Forwarded-For it likes, so trusting one that no proxy of ours wrote
would let an attacker pick a fresh address for every try. Behind the README's proxy,
CLIENT_IP_HEADER names the header that proxy sets and CLIENT_IP_PROXY_COUNT how many proxies
of ours append to it; the client is the entry that many places from the right, the last one
a proxy of ours wrote (whatever the client sent is to its left, and never read). Without it
every visitor would share the proxy's address, and one lockout would lock out everyone.
"""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


# What a request without any address (a Unix socket without CLIENT_IP_HEADER) counts as:
# an address, so the throttles and their database rows still work, shared by all such requests.
UNKNOWN = "0.0.0.0"


def client_ip(request) -> str:
    """The client's address, normalised ("::ffff:1.2.3.4" stays as written, IPv6 compressed)."""
    remote = request.META.get("REMOTE_ADDR") or UNKNOWN
    header = settings.CLIENT_IP_HEADER
    if not header:
        return remote
    proxies = settings.CLIENT_IP_PROXY_COUNT
    entries = [entry.strip() for entry in request.META.get(_meta_key(header), "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < proxies:
        # Our proxies always write the header: a request without it came round them (or the
        # configuration is wrong), and only the connection's own address can be trusted.
        logger.warning("Request without %s from %s: using the connection's address", header, remote)
        return remote
    candidate = entries[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        logger.warning(
            "%s holds %r, not an address: using the connection's address", header, candidate
        )
        return remote


def _meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")
