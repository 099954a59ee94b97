"""The inquiries' mail on the site's mail queue (core.mailqueue).

`deliver_inquiry_mail` stays for the tasks a worker may still hold from before the queue was
shared (they name it, with the mail's id); new mail is queued as `core.mailqueue`'s task.
"""

from django.tasks import task

from core.mailqueue import deliver, enqueue, retry_delay
from inquiries.models import InquiryMail

__all__ = ["deliver_inquiry_mail", "enqueue", "retry_delay"]


@task(backend="mail", queue_name="mail")
def deliver_inquiry_mail(mail_id: int) -> str:
    return deliver(InquiryMail, mail_id)
