#!/usr/bin/env python3
"""Writes the odd PDFs of crates/gongkai/tests/fixtures/pdf-odd/: a scan (an image and no
text), a page whose text is drawn as outlines, a scan with an invisible OCR text layer, and
a real report encrypted with an empty user password (RC4 and AES; needs `pip install pypdf
cryptography`). With `--structures`, a report in the structures PDFs come in (rotated,
object streams, incremental update, broken xref; needs qpdf). With `--matrix`, the producer matrix of `fixtures/pdf-matrix/` (see
`scripts/pdf_matrix.py`: the corpus printed by Chromium, WeasyPrint, wkhtmltopdf,
LibreOffice, typst and reportlab in seven page setups, and rewritten by Ghostscript, cairo,
MuPDF and qpdf). The PDFs are written byte by byte with a correct cross-reference table, so
nothing but Python is needed for the first three."""

import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "gongkai", "tests", "fixtures", "pdf-odd")


def pdf(objects):
    """A PDF from a list of object bodies (bytes), object 1 being the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


def page(content, resources=b"<< >>"):
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 5 0 R >>",
        stream(b"", content),
        resources,
    ]


def scan(ocr_text=None):
    """A page that is one grey image; with ocr_text, an invisible text layer over it."""
    w, h = 64, 64
    pixels = zlib.compress(bytes((x * 4 + y) % 256 for y in range(h) for x in range(w)))
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n"
    fonts = b""
    if ocr_text is not None:
        content += b"BT 3 Tr /F1 12 Tf 72 770 Td (%s) Tj ET\n" % ocr_text
        fonts = b"/Font << /F1 7 0 R >>"
    objects = page(content, b"<< /XObject << /Im1 6 0 R >> %s >>" % fonts)
    objects.append(
        stream(
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode" % (w, h),
            pixels,
        )
    )
    if ocr_text is not None:
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return pdf(objects)


def outlines():
    """Text drawn as filled curves: many small glyph-like shapes and no text operators."""
    content = bytearray()
    for row in range(20):
        for col in range(30):
            x, y = 60 + col * 16, 780 - row * 30
            content += b"%d %d m %d %d %d %d %d %d c %d %d l h f\n" % (
                x, y, x + 4, y + 10, x + 8, y + 10, x + 12, y, x + 6, y - 4)
    return pdf(page(bytes(content)))


def encrypted():
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        print("pypdf is not installed: the encrypted fixtures are left as they are", file=sys.stderr)
        return
    src = os.path.join(HERE, "..", "crates", "gongkai", "tests", "fixtures", "real", "pdf", "huaian-city-2024")
    os.makedirs(os.path.join(OUT, "encrypted"), exist_ok=True)
    for algorithm, name in [("RC4-128", "rc4"), ("AES-128", "aes128"), ("AES-256", "aes256")]:
        w = PdfWriter(clone_from=PdfReader(src + ".pdf"))
        w.encrypt(user_password="", owner_password="owner-secret", algorithm=algorithm, permissions_flag=0)
        base = os.path.join(OUT, "encrypted", "huaian-city-2024." + name)
        w.write(base + ".pdf")
        with open(src + ".json", "rb") as f, open(base + ".json", "wb") as g:
            g.write(f.read())


def structures():
    """One report (the LibreOffice print of corpus report 004) in the structures PDFs come
    in, under `pdf-odd/structures/` (needs qpdf, Debian `qpdf`): every page rotated 90°;
    object streams with a cross-reference stream; an incremental update appended (a new
    Info dictionary, a second xref section with /Prev); and a broken `startxref` offset that
    readers repair by scanning for the objects."""
    import json
    import re
    import shutil
    import subprocess

    src = os.path.join(HERE, "..", "crates", "gongkai", "tests", "fixtures", "rendered", "pdf",
                       "004_0ab517357debe96d.libreoffice-docx.pdf")
    out = os.path.join(OUT, "structures")
    os.makedirs(out, exist_ok=True)
    name = "004_0ab517357debe96d"
    made = {
        "rotated": ["qpdf", "--rotate=+90", src, "{out}"],
        "object-streams": ["qpdf", "--object-streams=generate", src, "{out}"],
    }
    for how, cmd in made.items():
        subprocess.run([c.format(out=os.path.join(out, f"{name}.{how}.pdf")) for c in cmd], check=True)
    data = open(src, "rb").read()
    # An incremental update: a new Info dictionary and an xref section pointing back.
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = int(re.findall(rb"/Size\s+(\d+)", data)[-1])
    root = re.findall(rb"/Root\s+(\d+ \d+ R)", data)[-1]
    body = b"%d 0 obj\n<< /Producer (gongkai fixture: incremental update) >>\nendobj\n" % size
    at = len(data)
    xref = at + len(body)
    update = body + b"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, at, size + 1, root, size, prev, xref)
    open(os.path.join(out, f"{name}.incremental.pdf"), "wb").write(data + update)
    # A startxref that points nowhere.
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)
    open(os.path.join(out, f"{name}.broken-xref.pdf"), "wb").write(broken)
    truth = json.load(open(src[:-4] + ".json", encoding="utf-8"))
    for how in ("rotated", "object-streams", "incremental", "broken-xref"):
        with open(os.path.join(out, f"{name}.{how}.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=2)
            f.write("\n")


def main():
    if "--matrix" in sys.argv:
        # The producer matrix (scripts/pdf_matrix.py): `--matrix [PRODUCER...]`.
        sys.path.insert(0, HERE)
        import pdf_matrix

        pdf_matrix.matrix()
        return
    os.makedirs(OUT, exist_ok=True)
    if "--structures" in sys.argv:
        structures()
        return
    for name, data in [
        ("scan.pdf", scan()),
        ("outlines.pdf", outlines()),
        ("ocr-layer.pdf", scan(b"2023 annual report")),
    ]:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    encrypted()


if __name__ == "__main__":
    main()
