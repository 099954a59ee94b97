"""Blocks shared by every editorial stream. App streams extend `BaseStreamBlock`."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

_SAMPLE_TEXT = (
    "<p>Thành phố Hà Nội xét chọn và công nhận sản phẩm công nghiệp chủ lực hằng năm.</p>"
)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tiêu đề", max_length=160)
    level = blocks.ChoiceBlock(
        label="Cấp",
        choices=[("h2", "Tiêu đề cấp 2"), ("h3", "Tiêu đề cấp 3")],
        default="h2",
        help_text="Cấp 2 cho các mục chính, cấp 3 cho mục con.",
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading_block.html"
        label = "Tiêu đề mục"
        description = "Tiêu đề chia nội dung thành các mục; tạo mục lục cho người đọc."
        preview_value = {"text": "Điều kiện tham gia", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Ảnh")
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "core/blocks/image_block.html"
        label = "Ảnh"
        description = "Một ảnh kèm chú thích; mô tả ảnh (alt text) lấy từ thư viện ảnh."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Trích dẫn")
    attribution = blocks.CharBlock(label="Người phát biểu", required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote_block.html"
        label = "Trích dẫn"
        description = "Lời phát biểu hoặc đoạn trích, kèm người nói."
        preview_value = {
            "text": "Sản phẩm công nghiệp chủ lực là động lực tăng trưởng của Thủ đô.",
            "attribution": "Sở Công Thương Hà Nội",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Tài liệu")
    label = blocks.CharBlock(
        label="Tên hiển thị",
        required=False,
        max_length=200,
        help_text="Để trống để dùng tên tài liệu.",
    )

    class Meta:
        icon = "doc-full"
        template = "core/blocks/document_link_block.html"
        label = "Tài liệu tải về"
        description = "Liên kết tải tài liệu (PDF, DOCX…) kèm định dạng và dung lượng."


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Tiêu đề", max_length=160)
    body = blocks.RichTextBlock(label="Nội dung", features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "core/blocks/callout_block.html"
        label = "Hộp lưu ý"
        description = "Một lưu ý nổi bật, ví dụ hạn nộp hồ sơ."
        preview_value = {
            "title": "Lưu ý",
            "body": "<p>Hồ sơ nộp sau hạn sẽ được xét ở đợt năm sau.</p>",
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Đoạn văn",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        icon="pilcrow",
        template="core/blocks/paragraph_block.html",
        description="Đoạn văn bản có định dạng.",
        preview_value=_SAMPLE_TEXT,
    )
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    callout = CalloutBlock()
