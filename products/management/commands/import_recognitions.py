"""manage.py import_recognitions FILE [--dry-run] [--publish] [--user NAME]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import Progress

from products.importing.apply import ImportOrigin, apply_plan
from products.importing.plan import ACTION_LABELS, Action, plan_import
from products.importing.reader import read_decision_file
from products.importing.report import problem_lines
from products.importing.rows import ImportRejected


class Command(BaseCommand):
    help = (
        "Imports a recognition decision (CSV or XLSX): prints what each row creates, updates "
        "or leaves unchanged, then writes it, unless --dry-run. A rejected file writes nothing "
        "and exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Print the plan only.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish at once instead of sending the pages to the moderation workflow.",
        )
        parser.add_argument("--user", help="The editor recorded on the revisions.")

    def handle(self, *args, file: Path, dry_run, publish, user, verbosity, **options):
        editor = self._user(user)
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(_("Không đọc được tệp: %(error)s") % {"error": error}) from error
        try:
            rows = read_decision_file(content=content, filename=file.name)
            plan = plan_import(rows)
        except ImportRejected as rejected:
            for line in problem_lines(rejected.problems):
                self.stderr.write(line)
            raise CommandError(_("Tệp bị từ chối; không có gì được ghi.")) from None
        if verbosity >= 1:
            self._print_plan(plan)
        if dry_run or not plan.changes_anything:
            return
        origin = ImportOrigin(file_name=file.name, user=editor, via="command")
        total = len(plan.companies) + len(plan.products)
        # On stderr, so that the report on stdout can be kept in a file.
        with Progress(console=Console(stderr=True), disable=verbosity < 1) as progress:
            task = progress.add_task(_("Đang ghi"), total=total)
            try:
                result = apply_plan(
                    plan,
                    origin=origin,
                    publish=publish,
                    progress=lambda done: progress.advance(task, done),
                )
            except ImportRejected as rejected:
                for line in problem_lines(rejected.problems):
                    self.stderr.write(line)
                raise CommandError(_("Tệp bị từ chối; không có gì được ghi.")) from None
        if verbosity < 1:
            return
        self.stdout.write(
            (
                _("Đã xuất bản %(pages)d trang, cùng bản tiếng Anh.")
                if result.published
                else _("Đã gửi %(pages)d trang, cùng bản tiếng Anh, chờ duyệt.")
            )
            % {"pages": result.pages_written}
        )

    def _user(self, username):
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Không có người dùng “%(name)s”.") % {"name": username})
        return user

    def _print_plan(self, plan) -> None:
        for row in plan.rows:
            name = row.row.product_name or _("(doanh nghiệp)")
            details = ", ".join(row.describe())
            self.stdout.write(
                _("Dòng %(line)d: %(action)s — %(product)s, %(company)s%(details)s")
                % {
                    "line": row.row.line,
                    "action": ACTION_LABELS[row.action],
                    "product": name,
                    "company": row.row.company_name,
                    "details": f" ({details})" if details else "",
                }
            )
        self.stdout.write(
            _("Tạo mới: %(created)d, cập nhật: %(updated)d, không đổi: %(unchanged)d dòng.")
            % {
                "created": plan.count(Action.CREATE),
                "updated": plan.count(Action.UPDATE),
                "unchanged": plan.count(Action.UNCHANGED),
            }
        )
