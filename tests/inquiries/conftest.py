"""Suppliers to write to, a buyer's inquiry as the form sends it, and the mail worker.

The mail queue is the real database backend (TASKS["mail"], django-tasks-db) in the tests
too: a request only enqueues, and `deliver_queued_mail()` runs the package's own worker, in
batch mode, as cron would.
"""

from unittest import mock

import pytest
from django_tasks_db.management.commands.db_worker import Worker

from tests.content import make_company, make_product

ENGLISH = {
    "Công ty Rạng Đông": "Rang Dong Company",
    "rang-dong": "rang-dong",
    "Công ty Cáp Trần Phú": "Tran Phu Cable Company",
    "cap-tran-phu": "tran-phu-cable",
    "Đèn LED Rạng Đông": "Rang Dong LED lamps",
    "den-led-rang-dong": "rang-dong-led-lamps",
}
DEPARTMENT = "phong-quan-ly-cong-nghiep@example.vn"


def deliver_queued_mail() -> None:
    """Every mail task that is due, by django-tasks-db's worker (`db_worker --batch`).

    The worker drops stale connections between tasks, as a long-running process should;
    inside a test's transaction that would close the test's own connection (PostgreSQL), so
    that housekeeping alone is left out here.
    """
    worker = Worker(
        queue_names=["mail"],
        interval=0,
        batch=True,
        backend_name="mail",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker.run()


@pytest.fixture(autouse=True)
def department(settings):
    settings.INQUIRY_NOTIFY_EMAIL = [DEPARTMENT]


@pytest.fixture
def suppliers(site_tree):
    """Two companies with contact e-mails that are not public, and a product of the first."""
    lamps = make_company(
        site_tree,
        title="Công ty Rạng Đông",
        slug="rang-dong",
        english=ENGLISH,
        contact_email="kinhdoanh@rangdong.example.vn",
        contact_phone="024 3858 4310",
    )
    cables = make_company(
        site_tree,
        title="Công ty Cáp Trần Phú",
        slug="cap-tran-phu",
        english=ENGLISH,
        contact_email="sales@tranphu.example.vn",
    )
    product = make_product(
        site_tree,
        company=lamps,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        english=ENGLISH,
    )
    return lamps, cables, product


def inquiry_data(*companies, **changes) -> dict:
    data = {
        "company": [str(company.pk) for company in companies],
        "name": "Jane Buyer",
        "organisation": "Northwind Lighting Ltd",
        "country": "GB",
        "email": "jane@northwind.example.com",
        "phone": "",
        "message": "We need 20 000 LED tubes a year. Please send prices and lead times.",
        "language": "en",
        "consent": "on",
        "leave_empty": "",
    }
    return data | changes
