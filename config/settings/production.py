"""Production: refuses to start without the values only the deployment can know."""

from config.env import env_required

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list

SECRET_KEY = env_required("SECRET_KEY")
if not env_list("ALLOWED_HOSTS"):
    env_required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
env_required("DATABASE_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# -- Security headers: HTTPS only (issue 9; the rest is in base.py) ------------------------
# A year, the subdomains too. Preload (browsers' built-in HSTS list) is a decision for the
# owner of the registrable domain, which this site only hosts under: off unless asked for,
# and Django's reminder about it (security.W021) is silenced only while it is off.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "security.W021"]
# The proxy asks for /health/ over plain HTTP on the internal network: never redirect it.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# -- end of security headers -------------------------------------------------------------
