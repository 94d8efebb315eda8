#!/usr/bin/env python3
"""Scan fixtures for the OCR reader (crates/gongkai/tests/ocr.rs), made from the real PDFs
in crates/gongkai/tests/fixtures/real/pdf: their table pages rendered to images with
pdftoppm (poppler-utils) and damaged the way scans are: a slight rotation, speckle, JPEG
compression, a red seal over part of a table. Deterministic (fixed seeds).

Each fixture gets a truth file beside it: the checked tables of the real report's truth
(active disclosure, applications, review and litigation).

Run:  python3 -m venv /tmp/venv-ocr && /tmp/venv-ocr/bin/pip install pillow
      /tmp/venv-ocr/bin/python scripts/gen-ocr-fixtures.py
"""
import io
import json
import pathlib
import random
import subprocess
import tempfile

from PIL import Image, ImageDraw, ImageFilter

ROOT = pathlib.Path(__file__).resolve().parent.parent
REAL = ROOT / "crates/gongkai/tests/fixtures/real/pdf"
OUT = ROOT / "crates/gongkai/tests/fixtures/ocr"

# name -> (source, pages with the tables, dpi, damage, output kind)
FIXTURES = {
    # A scanned PDF: gray JPEG pages, turned 1.2°, speckled.
    "hongze-district-2023.scan": ("hongze-district-2023", [2, 3, 4], 150,
                                  dict(rotate=1.2, speckle=1500, quality=55), "pdf"),
    # A picture of the tables (the pages stitched, as a long screenshot), in colour with
    # a red seal over part of the applications table, turned the other way, JPEG.
    "hongze-district-2024.seal": ("hongze-district-2024", [2, 3, 4], 170,
                                  dict(rotate=-0.7, seal=True, quality=70), "jpg"),
    # Gray PNG at 150 dpi, speckled, straight.
    "huaian-city-2024.speckle": ("huaian-city-2024", [2, 3, 4, 5], 150,
                                 dict(speckle=2500), "png"),
}


def render(pdf, page, dpi):
    with tempfile.TemporaryDirectory() as d:
        base = pathlib.Path(d) / "p"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        "-png", str(pdf), str(base)], check=True)
        (png,) = pathlib.Path(d).glob("p*.png")
        return Image.open(png).convert("RGB")


def damage(img, rng, rotate=0.0, speckle=0, seal=False, quality=None):
    if seal:
        d = ImageDraw.Draw(img)
        w, h = img.size
        # A seal's ring and star over the right half of the page, in red ink.
        cx, cy, r = int(w * 0.62), int(h * 0.45), int(w * 0.12)
        red = (220, 40, 45)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(4, r // 18))
        d.ellipse([cx - r // 5, cy - r // 5, cx + r // 5, cy + r // 5], fill=red)
        d.text((cx - r // 2, cy + r // 3), "信息公开专用章", fill=red)
    if rotate:
        img = img.rotate(rotate, resample=Image.BICUBIC, expand=False, fillcolor="white")
    if speckle:
        px = img.load()
        w, h = img.size
        for _ in range(speckle):
            x, y = rng.randrange(1, w - 2), rng.randrange(1, h - 2)
            for dx, dy in [(0, 0)] + ([(1, 0), (0, 1), (1, 1)] if rng.random() < 0.3 else []):
                px[x + dx, y + dy] = (40, 40, 40)
    if not seal:
        img = img.convert("L")
    return img.filter(ImageFilter.GaussianBlur(0.4))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (src, pages, dpi, dmg, kind) in FIXTURES.items():
        rng = random.Random(name)
        imgs = [damage(render(REAL / f"{src}.pdf", p, dpi), rng, **dmg) for p in pages]
        quality = dmg.get("quality", 75)
        path = OUT / f"{name}.{kind}"
        if kind == "pdf":
            # Each page a JPEG image and nothing else: a scan's PDF.
            jpegs = []
            for im in imgs:
                buf = io.BytesIO()
                im.save(buf, "JPEG", quality=quality)
                jpegs.append(Image.open(io.BytesIO(buf.getvalue())))
            jpegs[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=jpegs[1:])
        else:
            w = max(i.width for i in imgs)
            tall = Image.new(imgs[0].mode, (w, sum(i.height for i in imgs)), "white")
            y = 0
            for im in imgs:
                tall.paste(im, (0, y))
                y += im.height
            if kind == "jpg":
                tall.save(path, "JPEG", quality=quality)
            else:
                tall.save(path, "PNG", optimize=True)
        truth = json.loads((REAL / f"{src}.json").read_text())
        keep = {k: truth[k] for k in ("active_disclosure", "applications", "review_litigation")}
        (OUT / f"{name}.json").write_text(json.dumps(keep, ensure_ascii=False, indent=1) + "\n")
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
