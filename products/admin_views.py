"""Importing a decision in the admin: upload, preview, confirm.

The upload validates the whole file and keeps it (products.RecognitionImport); the preview
plans it again from the kept bytes and shows each row's fate; only the confirmation writes,
re-planning first, so what is written matches the tree at that moment.
"""

import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale

from products.importing.apply import ImportOrigin, apply_plan
from products.importing.plan import ACTION_LABELS, Action, plan_import
from products.importing.reader import COLUMNS, read_decision_file, template_file
from products.importing.report import where
from products.importing.rows import ImportRejected
from products.importing.sheet import check_file_size
from products.models import CompanyIndexPage, ProductIndexPage, RecognitionImport

IMPORT_PERMISSION = "products.add_recognitionimport"


def can_publish(user) -> bool:
    """Whether *user* may publish what an import writes: every page under both lists."""
    default = Locale.get_default()
    indexes = [
        model.objects.filter(locale=default).first()
        for model in (CompanyIndexPage, ProductIndexPage)
    ]
    return all(
        index is not None and index.permissions_for_user(user).can_publish_subpage()
        for index in indexes
    )


class DecisionFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp quyết định (CSV hoặc XLSX)"),
        # The reader explains an empty file the way it explains every other problem.
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            # The size first, from the upload's headers: a huge file is never read.
            check_file_size(upload.size)
            self.content = upload.read()
            self.rows = read_decision_file(content=self.content, filename=upload.name)
        except ImportRejected as rejected:
            self.problems = rejected.problems
            raise forms.ValidationError(
                _("Tệp bị từ chối vì %(count)d lỗi dưới đây; không có gì được ghi.")
                % {"count": len(rejected.problems)}
            ) from None
        return upload


class _ImportViewMixin(WagtailAdminTemplateMixin):
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportUploadView(_ImportViewMixin, TemplateView):
    template_name = "products/admin/import_upload.html"
    page_title = gettext_lazy("Nhập quyết định công nhận")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=COLUMNS,
            imports=RecognitionImport.objects.select_related("uploaded_by")[:10],
            limit=filesizeformat(settings.RECOGNITION_IMPORT_MAX_BYTES),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=DecisionFileForm()))

    def post(self, request, *args, **kwargs):
        form = DecisionFileForm(request.POST, request.FILES)
        if not form.is_valid():
            problems = [
                {"where": where(problem), "problem": problem}
                for problem in getattr(form, "problems", [])
            ]
            return self.render_to_response(self.get_context_data(form=form, problems=problems))
        record = RecognitionImport.objects.create(
            file_name=request.FILES["file"].name[:255],
            content=form.content,
            sha256=hashlib.sha256(form.content).hexdigest(),
            uploaded_by=request.user,
            rows=len(form.rows),
        )
        return redirect("recognition_imports:preview", record.pk)


class ImportPreviewView(_ImportViewMixin, TemplateView):
    template_name = "products/admin/import_preview.html"
    page_title = gettext_lazy("Xem trước khi nhập")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("recognition_imports:upload"), "label": _("Nhập quyết định")},
            {"url": "", "label": self.page_title},
        ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.record = RecognitionImport.objects.filter(
            pk=kwargs["pk"], status=RecognitionImport.Status.PREVIEWED
        ).first()

    def _gone(self):
        # Confirmed already (a second click, another tab) or deleted as abandoned.
        messages.error(
            self.request,
            _(
                "Bản xem trước này không còn: tệp đã được nhập, hoặc đã bị xoá vì không được "
                "nhập sau %(days)d ngày. Hãy xem danh sách bên dưới hoặc tải tệp lên lại."
            )
            % {"days": settings.RECOGNITION_IMPORT_PREVIEW_DAYS},
        )
        return redirect("recognition_imports:upload")

    def _plan(self):
        record = self.record
        return plan_import(
            read_decision_file(content=bytes(record.content), filename=record.file_name)
        )

    def get(self, request, *args, **kwargs):
        if self.record is None:
            return self._gone()
        try:
            plan = self._plan()
        except ImportRejected as rejected:
            return self._rejected(rejected)
        return self.render_to_response(self.get_context_data(plan=plan))

    def _rejected(self, rejected):
        # The file was valid at upload; the vocabularies or the tree changed since.
        for problem in rejected.problems[:20]:
            messages.error(self.request, f"{where(problem)} {problem.message}".strip())
        return redirect("recognition_imports:upload")

    def get_context_data(self, plan, **kwargs):
        rows = [
            {
                "plan": row,
                "action": row.action,
                "label": ACTION_LABELS[row.action],
                "changes": row.describe(),
            }
            for row in plan.rows
        ]
        return super().get_context_data(
            record=self.record,
            rows=rows,
            counts=[(ACTION_LABELS[action], plan.count(action)) for action in Action],
            new_decisions=[number for number, found in plan.decisions.items() if found is None],
            changes_anything=plan.changes_anything,
            can_publish=can_publish(self.request.user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.record is None:
            return self._gone()
        publish = can_publish(request.user) and request.POST.get("publish") == "1"
        try:
            result = apply_plan(
                self._plan(),
                origin=ImportOrigin(file_name=self.record.file_name, user=request.user),
                publish=publish,
            )
        except ImportRejected as rejected:
            return self._rejected(rejected)
        self.record.status = RecognitionImport.Status.APPLIED
        self.record.applied_at = timezone.now()
        self.record.published = publish
        self.record.created, self.record.updated = result.created, result.updated
        self.record.unchanged = result.unchanged
        self.record.save()
        message = (
            _("Đã nhập “%(file)s” và xuất bản %(pages)d trang.")
            if publish
            else _("Đã nhập “%(file)s”: %(pages)d trang đang chờ duyệt.")
        )
        messages.success(
            request, message % {"file": self.record.file_name, "pages": result.pages_written}
        )
        return redirect("recognition_imports:upload")


def template_download(request, file_format: str):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    language = "en" if (get_language() or "").startswith("en") else "vi"
    try:
        content = template_file(file_format=file_format, language=language)
    except ValueError:
        raise Http404 from None
    content_type = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[file_format]
    response = HttpResponse(content, content_type=content_type)
    name = "mau-nhap-quyet-dinh" if language == "vi" else "decision-import-template"
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
