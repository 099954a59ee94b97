import datetime

import time_machine
from django.core.management import call_command
from django.utils import timezone

from news.factories import NewsPageFactory


def test_a_scheduled_page_goes_live_when_the_periodic_job_runs(client, site_tree):
    article = NewsPageFactory(parent=site_tree.news, slug="tin-hen-gio", live=False)
    go_live = timezone.now() + datetime.timedelta(hours=1)
    article.go_live_at = go_live
    article.save_revision().publish()  # with a future go-live time, this only schedules it
    article.refresh_from_db()
    assert not article.live
    assert client.get("/tin-tuc/tin-hen-gio/").status_code == 404

    call_command("publish_scheduled")  # too early: it keeps waiting
    article.refresh_from_db()
    assert not article.live

    with time_machine.travel(go_live + datetime.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert client.get("/tin-tuc/tin-hen-gio/").status_code == 200
