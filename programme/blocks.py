"""Structured blocks for the programme's criteria and guidance."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from programme.thresholds import (
    MEASURE_CHOICES,
    MEASURES,
    UNIT_CHOICES,
    UNITS,
    Comparison,
    Kind,
    Measure,
    ProductType,
    Unit,
    is_legacy_threshold,
    upgrade_legacy_threshold,
)


class ProductTypeValue(blocks.StructValue):
    """A block that applies to one product type, or to all (its `product_type`)."""

    @property
    def product_type_label(self) -> str:
        try:
            return ProductType(self.get("product_type")).label
        except ValueError:
            return ProductType.ALL.label

    def applies_to(self, product_type: str) -> bool:
        # Content saved before the block had the choice reads as "all" (its default).
        return self.get("product_type", ProductType.ALL) in (ProductType.ALL, product_type)

    @property
    def for_one_type(self) -> bool:
        return self.get("product_type", ProductType.ALL) != ProductType.ALL


class ThresholdValue(ProductTypeValue):
    """A threshold's derived values, in the active language (the table and the self-check)."""

    @property
    def measure_spec(self) -> Measure | None:
        return MEASURES.get(self.get("measure") or "")

    @property
    def unit_spec(self) -> Unit | None:
        return UNITS.get(self.get("unit") or "")

    @property
    def base_amount(self) -> Decimal | None:
        """The amount in đồng, dollars or years (10 tỷ đồng: 10 000 000 000)."""
        amount, unit = self.get("amount"), self.unit_spec
        if amount is None or unit is None:
            return None
        return Decimal(amount) * unit.scale

    @property
    def amount_text(self) -> str:
        """The threshold's amount in words, for thresholds that have one."""
        measure = self.measure_spec
        return self.threshold_text if measure and measure.kind != Kind.YES_NO else ""

    @property
    def threshold_text(self) -> str:
        """ "Từ 10 tỷ đồng trở lên", "Có", or "" for a condition the Council judges."""
        measure = self.measure_spec
        if measure is None:
            return ""
        if measure.kind == Kind.YES_NO:
            return gettext("Bắt buộc")
        if self.get("amount") is None or self.unit_spec is None:
            return ""
        amount = f"{number_format(self.get('amount').normalize(), force_grouping=True)} "
        amount += str(self.unit_spec.label)
        if self.get("comparison") == Comparison.AT_MOST:
            return gettext("%(measure)s không quá %(amount)s") % {
                "measure": measure.label,
                "amount": amount,
            }
        return gettext("%(measure)s từ %(amount)s trở lên") % {
            "measure": measure.label,
            "amount": amount,
        }


class ThresholdBlock(blocks.StructBlock):
    """An eligibility condition, as published (for example in Hướng dẫn 1520/HD-SCT).

    Structured, so the self-check (programme.eligibility) can say which thresholds a company
    meets and by how much it misses the others: which product type it applies to, what is
    measured, the comparison, the amount and its unit; the requirement's own words and the
    legal basis stay free text. A value in the free-text form of before (category, threshold)
    is read through programme.thresholds.upgrade_legacy_threshold, so old revisions open.
    """

    product_type = blocks.ChoiceBlock(
        label="Áp dụng cho",
        choices=ProductType.choices,
        default=ProductType.ALL,
    )
    measure = blocks.ChoiceBlock(
        label="Tiêu chí đo",
        choices=MEASURE_CHOICES,
        required=False,
        help_text=(
            "Để trống nếu điều kiện không đo bằng số hay có/không "
            "(Hội đồng đánh giá, ví dụ sản phẩm khởi nghiệp)."
        ),
    )
    comparison = blocks.ChoiceBlock(
        label="So sánh",
        choices=Comparison.choices,
        default=Comparison.AT_LEAST,
        required=False,
    )
    amount = blocks.DecimalBlock(
        label="Ngưỡng",
        required=False,
        min_value=0,
        max_digits=18,
        decimal_places=3,
        help_text="Chỉ với doanh thu, xuất khẩu, số năm. Ví dụ: 10 (với đơn vị tỷ đồng).",
    )
    unit = blocks.ChoiceBlock(label="Đơn vị", choices=UNIT_CHOICES, required=False)
    requirement = blocks.TextBlock(label="Điều kiện")
    legal_basis = blocks.CharBlock(label="Căn cứ", required=False, max_length=200)

    class Meta:
        icon = "tick-inverse"
        template = "programme/blocks/threshold_block.html"
        label = "Điều kiện tham gia"
        description = "Một điều kiện bắt buộc để sản phẩm được xét chọn, kèm ngưỡng nếu có."
        value_class = ThresholdValue
        preview_value = {
            "product_type": ProductType.HIGH_TECH.value,
            "measure": "revenue",
            "comparison": Comparison.AT_LEAST.value,
            "amount": Decimal("10"),
            "unit": "vnd_billion",
            "requirement": "Thuộc danh mục sản phẩm công nghệ cao theo quy định.",
            "legal_basis": "Hướng dẫn 1520/HD-SCT",
        }

    def to_python(self, value):
        return super().to_python(upgrade_legacy_threshold(value))

    def normalize(self, value):
        # A value assigned in code in the old shape (a dict with "category") reads the same.
        if is_legacy_threshold(value):
            return self.to_python(value)
        return super().normalize(value)

    def bulk_to_python(self, values):
        return super().bulk_to_python([upgrade_legacy_threshold(value) for value in values])

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        measure, unit = value.measure_spec, value.unit_spec
        has_amount = value.get("amount") is not None
        if measure is None or measure.kind == Kind.YES_NO:
            if has_amount:
                errors["amount"] = ValidationError(
                    "Điều kiện có/không hoặc do Hội đồng đánh giá không có ngưỡng số."
                )
            if unit is not None:
                errors["unit"] = ValidationError("Bỏ đơn vị: điều kiện này không có ngưỡng số.")
        else:
            if not has_amount:
                errors["amount"] = ValidationError("Nhập ngưỡng (số) cho tiêu chí này.")
            if unit is None:
                errors["unit"] = ValidationError("Chọn đơn vị cho ngưỡng.")
            elif unit.kind != measure.kind:
                errors["unit"] = ValidationError(
                    "Đơn vị không hợp với tiêu chí: tiền (đồng, USD) hoặc số năm."
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class IndicatorBlock(blocks.StructBlock):
    """A scored evaluation indicator; weights are shown only where they were published."""

    indicator = blocks.CharBlock(label="Chỉ tiêu", max_length=160)
    description = blocks.TextBlock(label="Mô tả")
    weight = blocks.CharBlock(
        label="Trọng số / thang điểm",
        required=False,
        max_length=60,
        help_text="Chỉ điền khi đã được công bố chính thức.",
    )

    class Meta:
        icon = "list-ol"
        template = "programme/blocks/indicator_block.html"
        label = "Chỉ tiêu chấm điểm"
        description = "Một chỉ tiêu Hội đồng chấm điểm khi xét chọn."
        preview_value = {
            "indicator": "Khả năng xuất khẩu",
            "description": "Kim ngạch và thị trường xuất khẩu của sản phẩm.",
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Bước", max_length=160)
    body = blocks.RichTextBlock(label="Nội dung", features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "arrow-right"
        template = "programme/blocks/step_block.html"
        label = "Bước thực hiện"
        description = "Một bước trong quy trình đăng ký; các bước được đánh số tự động."
        preview_value = {
            "title": "Đăng ký tham gia",
            "body": "<p>Doanh nghiệp gửi phiếu đăng ký tới Sở Công Thương.</p>",
        }


class RequiredDocumentBlock(blocks.StructBlock):
    """One part of the dossier; the self-check lists those that apply to the company's
    product type."""

    name = blocks.CharBlock(label="Tên giấy tờ", max_length=200)
    description = blocks.TextBlock(label="Ghi chú", required=False)
    template_document = DocumentChooserBlock(
        label="Mẫu tải về", required=False, help_text="Biểu mẫu để doanh nghiệp điền, nếu có."
    )
    product_type = blocks.ChoiceBlock(
        label="Áp dụng cho",
        choices=ProductType.choices,
        default=ProductType.ALL,
        help_text="Giấy tờ chỉ loại sản phẩm này cần; phần tự kiểm tra chỉ liệt kê giấy tờ "
        "áp dụng cho loại doanh nghiệp chọn.",
    )

    class Meta:
        value_class = ProductTypeValue
        icon = "doc-full"
        template = "programme/blocks/required_document_block.html"
        label = "Giấy tờ trong hồ sơ"
        description = "Một thành phần hồ sơ, kèm biểu mẫu tải về nếu có."
        preview_value = {"name": "Phiếu đăng ký xét chọn", "description": "Theo mẫu của Sở."}


class DeadlineBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Mốc", max_length=160)
    date = blocks.DateBlock(label="Ngày", required=False)
    note = blocks.CharBlock(
        label="Ghi chú",
        required=False,
        max_length=200,
        help_text="Ví dụ: dự kiến, theo kế hoạch năm.",
    )

    class Meta:
        icon = "date"
        template = "programme/blocks/deadline_block.html"
        label = "Mốc thời gian"
        description = "Một mốc trong chu kỳ xét chọn hằng năm."
        preview_value = {"label": "Hạn nộp hồ sơ", "note": "Theo kế hoạch năm"}


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="Câu hỏi", max_length=255)
    answer = blocks.RichTextBlock(label="Trả lời", features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        template = "programme/blocks/faq_block.html"
        label = "Câu hỏi thường gặp"
        description = "Một câu hỏi và câu trả lời; hiển thị dạng mở/đóng được."
        preview_value = {
            "question": "Công nhận có hiệu lực bao lâu?",
            "answer": "<p>Danh hiệu có hiệu lực trong 3 năm.</p>",
        }
