"""The programme's calendar: which day it is in Hà Nội.

A recognition is valid until a date (products.models.recognition), and every "is it still
valid?" (pages, catalogue filter, API, the page cache's key) asks the same question here, in
the programme's own time zone whatever the server's, so that all of them turn at Hà Nội's
midnight together.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

PROGRAMME_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> datetime.date:
    """Today's date in Hà Nội."""
    return timezone.localdate(timezone=PROGRAMME_TIMEZONE)
