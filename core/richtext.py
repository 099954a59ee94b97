"""Rich text written outside Wagtail's editor, cleaned to what the editor itself can store.

The editor (Draftail) stores only HTML it builds from its own blocks and entities: text
escaped, link URLs through `wagtail.whitelist.check_url`. Rich text that arrives any other way
(the CSV import, the demo loader, factories, any code that sets a field) has no such
guarantee, and `|richtext` prints what is stored. `core.normalisation` runs `sanitise_*` on
every save of our models, so no write path has to remember to.
"""

import nh3
from wagtail import blocks
from wagtail.whitelist import ALLOWED_URL_SCHEMES

# What the site's rich-text features store (bold, italic, link, ul, ol; headings, rules and
# inline code for any field that turns them on); no embeds (images, media) are enabled.
TAGS = {
    "p",
    "br",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "code",
    "sup",
    "sub",
    "s",
}
# data-block-key: Draftail's block ids; linktype and id: Wagtail's internal page/document links.
ATTRIBUTES = {"*": {"data-block-key"}, "a": {"href", "linktype", "id"}}


def sanitise_rich_text(html: str) -> str:
    """*html* with only the tags, attributes and URL schemes the editor can produce."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,  # stored as the editor stores it; templates add rel where they need it
        strip_comments=True,
    )


def sanitise_stream_data(block: blocks.Block, data):
    """A stream's raw data (as stored: lists and dicts) with every rich-text value sanitised."""
    if isinstance(block, blocks.RichTextBlock):
        return sanitise_rich_text(data) if isinstance(data, str) else data
    if isinstance(block, blocks.StreamBlock) and isinstance(data, list):
        return [
            {**item, "value": sanitise_stream_data(block.child_blocks[item["type"]], item["value"])}
            if isinstance(item, dict) and item.get("type") in block.child_blocks
            else item
            for item in data
        ]
    if isinstance(block, blocks.StructBlock) and isinstance(data, dict):
        return {
            name: sanitise_stream_data(block.child_blocks[name], value)
            if name in block.child_blocks
            else value
            for name, value in data.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(data, list):
        return [
            # Items are {"type": "item", "value": ..., "id": ...}, or bare values in old data.
            {**item, "value": sanitise_stream_data(block.child_block, item["value"])}
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item
            else sanitise_stream_data(block.child_block, item)
            for item in data
        ]
    return data
