#!/usr/bin/env python3
"""Peak memory of one image upload through the admin, one fresh process per picture.

    .venv/bin/python scripts/measure_image_upload.py [WIDTHxHEIGHT[:png|png-alpha|jpeg] ...]

Default pictures: the largest the site accepts (WAGTAILIMAGES_MAX_IMAGE_PIXELS) as an RGB JPEG
and as a PNG with alpha (Pillow holds both at 4 bytes a pixel), and the 11 000 × 11 000 PNG
of issue 9. Each is posted to the admin's image form (`/admin/images/add/`: the upload, its
checks and the renditions made on save, in one request) by a Django test client in a new
Python process, the same code a web worker runs. It prints that process's peak RSS before
and after the request, the time, the answer and whether an image was stored. Works in a
throwaway SQLite database and media folder under /tmp; needs nothing running.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    # VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over exec, so a child would
    # report its parent's peak (the parent has just made a large JPEG with Pillow).
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def make_file(spec: str, folder: Path) -> Path:
    from PIL import Image as PILImage

    from core.factories import make_plain_png

    size, _, kind = spec.partition(":")
    width, height = (int(part) for part in size.lower().split("x"))
    kind = kind or "png"
    if kind == "jpeg":
        path = folder / f"{width}x{height}.jpg"
        PILImage.new("RGB", (width, height), "#0b4a85").save(path, quality=85)
    else:
        path = folder / f"{width}x{height}-{kind}.png"
        path.write_bytes(make_plain_png(width, height, alpha=kind == "png-alpha"))
    return path


def upload(path: Path) -> dict:
    """In the measured process: sign in, warm up, post the picture once."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client
    from wagtail.images import get_image_model

    user, _ = User.objects.get_or_create(username="measure", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(user)
    client.get("/admin/images/add/")  # templates, translations and forms loaded
    before = peak_rss_mb()
    count = get_image_model().objects.count()
    started = time.perf_counter()
    with path.open("rb") as picture:
        response = client.post(
            "/admin/images/add/",
            {"title": path.stem, "description": "Ảnh đo bộ nhớ", "file": picture},
        )
    return {
        "status": response.status_code,
        "stored": get_image_model().objects.count() - count,
        "seconds": round(time.perf_counter() - started, 2),
        "rss_before_mb": round(before),
        "rss_peak_mb": round(peak_rss_mb()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pictures", nargs="*")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(upload(Path(args.child))))
        return 0

    with tempfile.TemporaryDirectory(prefix="spcncl-upload-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "VAR_DIR": str(folder),
            "CACHE_URL": "locmem://",
        }
        env.pop("SEARCH_URL", None)
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings

        pictures = args.pictures
        # Wagtail's own default when the setting is absent (as before issue 9).
        limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)
        if not pictures:
            width = int((limit * 3 / 2) ** 0.5)
            height = limit // width
            pictures = [f"{width}x{height}:jpeg", f"{width}x{height}:png-alpha", "11000x11000"]
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        print(f"limit: {limit:,} pixels")
        for spec in pictures:
            path = make_file(spec, folder)
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(child.stdout.strip().splitlines()[-1])
            size_kb = path.stat().st_size // 1024
            print(f"{spec:>24} ({size_kb:,} KB): {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
