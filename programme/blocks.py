"""Structured blocks for the programme's criteria and guidance."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ThresholdBlock(blocks.StructBlock):
    """An eligibility condition, as published (for example in Hướng dẫn 1520/HD-SCT)."""

    category = blocks.CharBlock(label="Đối tượng áp dụng", max_length=160)
    requirement = blocks.TextBlock(label="Điều kiện")
    threshold = blocks.CharBlock(
        label="Ngưỡng",
        required=False,
        max_length=120,
        help_text="Ví dụ: Doanh thu từ 10 tỷ đồng/năm. Để trống nếu không có ngưỡng số.",
    )
    legal_basis = blocks.CharBlock(label="Căn cứ", required=False, max_length=200)

    class Meta:
        icon = "tick-inverse"
        template = "programme/blocks/threshold_block.html"
        label = "Điều kiện tham gia"
        description = "Một điều kiện bắt buộc để sản phẩm được xét chọn, kèm ngưỡng nếu có."
        preview_value = {
            "category": "Sản phẩm công nghệ cao",
            "requirement": "Thuộc danh mục sản phẩm công nghệ cao theo quy định.",
            "threshold": "Doanh thu từ 10 tỷ đồng/năm",
            "legal_basis": "Hướng dẫn 1520/HD-SCT",
        }


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
    name = blocks.CharBlock(label="Tên giấy tờ", max_length=200)
    description = blocks.TextBlock(label="Ghi chú", required=False)
    template_document = DocumentChooserBlock(
        label="Mẫu tải về", required=False, help_text="Biểu mẫu để doanh nghiệp điền, nếu có."
    )

    class Meta:
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
