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
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 3600)
# Every admin user signs in with a second factor; not configurable here.
TWO_FACTOR_REQUIRED = True
