"""Draw the site's icons (run once; the files are committed under static/icons/).

A rounded square in the site's brand blue (static/css/site.css, `--brand`) with three white
bars rising left to right: the programme's products growing. The SVG favicon and the PNG and
ICO icons are the same drawing; nothing is taken from elsewhere.

    .venv/bin/python scripts/make-icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = "#0b4a85"
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
# On a 64-unit grid: corner radius, then the bars as (left, top, right, bottom).
RADIUS = 12
BARS = [(12, 36, 22, 52), (27, 26, 37, 52), (42, 14, 52, 52)]


def svg() -> str:
    bars = "".join(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="2" fill="#fff"/>'
        for x0, y0, x1, y1 in BARS
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="{RADIUS}" fill="{BRAND}"/>{bars}</svg>\n'
    )


def png(size: int, *, maskable: bool = False) -> Image.Image:
    # Drawn 4x larger and scaled down, for smooth edges.
    scale = size * 4 / 64
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    # A maskable icon (and the Apple one, which iOS rounds itself) fills its square and keeps
    # the drawing
    # inside the middle 80 %.
    radius = 0 if maskable else RADIUS * scale
    draw.rounded_rectangle((0, 0, size * 4 - 1, size * 4 - 1), radius=radius, fill=BRAND)
    inset, shrink = (0.1 * size * 4, 0.8) if maskable else (0, 1)
    for x0, y0, x1, y1 in BARS:
        box = [inset + value * scale * shrink for value in (x0, y0, x1, y1)]
        draw.rounded_rectangle(box, radius=2 * scale * shrink, fill="white")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "favicon.svg").write_text(svg())
    png(192).save(OUT / "icon-192.png", optimize=True)
    png(512).save(OUT / "icon-512.png", optimize=True)
    png(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    png(180, maskable=True).save(OUT / "apple-touch-icon.png", optimize=True)
    png(64).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
