#!/usr/bin/env python3
"""Make the Word 97 (.doc) fixtures: the corpus as LibreOffice saves it in that format.

- `rendered/doc/NAME.docx.doc`: `rendered/docx/NAME.docx` re-saved as Word 97-2003 by
  LibreOffice Writer (merged cells as Word 97 files keep them: one wide cell for a
  horizontal merge, fVertRestart/fVertMerge for a vertical one).
- `rendered/doc/NAME.html.doc`: the portal page `rendered/html/NAME.html` opened in
  LibreOffice Writer and saved as Word 97-2003 (navigation and footer included).
- `rendered/doc/NAME.wps`: report 000's .doc under the name WPS Office gives it (current
  WPS Office writes .wps in the Word 97 format).

Each sits beside its truth, `NAME.docx.json` / `NAME.html.json` / `NAME.json`: the values of
the .docx fixture, with the section lines found where the .doc puts the headings. `line`
in a .doc is the block index (paragraphs outside tables and table rows, from 1), as in a
.docx; the heading's block is counted in LibreOffice's own .docx export of the same .doc,
so the lines do not come from gongkai's reader.

Needs LibreOffice (`soffice`). Run from the repository root:

    python3 scripts/make-doc-fixtures.py
"""

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "crates/gongkai/tests/fixtures/rendered"
OUT = FIXTURES / "doc"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def soffice(source, outdir, target, profile):
    """Converts `source` into `outdir` with LibreOffice (filter `target`)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def text_of(el):
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def blocks(docx_path):
    """The body's blocks as gongkai numbers them: (block number, text) for each top-level
    paragraph and table row, from 1."""
    with zipfile.ZipFile(docx_path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    body = root.find(f"{W}body")
    out = []
    for child in body:
        if child.tag == f"{W}p":
            out.append((len(out) + 1, text_of(child)))
        elif child.tag == f"{W}tbl":
            for tr in child.findall(f"{W}tr"):
                out.append((len(out) + 1, text_of(tr)))
    return out


def squash(s):
    return re.sub(r"\s+", "", s)


def headings(kind, source, truth):
    """Each part heading's text, read at the line the source's truth gives for it."""
    if kind == "docx":
        bks = dict(blocks(source))
        return [(s["number"], squash(bks[s["line"]])) for s in truth["sections"]]
    lines = source.read_text(encoding="utf-8").splitlines()
    return [
        (s["number"], squash(html.unescape(re.sub(r"<[^>]*>", "", lines[s["line"] - 1]))))
        for s in truth["sections"]
    ]


def section_lines(docx_path, heads):
    """The block of each heading, searched in order among the .doc's blocks."""
    found = []
    bks = blocks(docx_path)
    at = 0
    for n, text in heads:
        i = next((i for i in range(at, len(bks)) if squash(bks[i][1]) == text), None)
        if i is None:
            sys.exit(f"{docx_path}: no heading {text!r} after block {at}")
        found.append({"number": n, "line": bks[i][0]})
        at = i + 1
    return found


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        profile = tmp / "profile"
        for docx in sorted((FIXTURES / "docx").glob("*.docx")):
            name = docx.stem
            for kind, source in (("docx", docx), ("html", FIXTURES / "html" / f"{name}.html")):
                truth = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
                work = tmp / kind
                work.mkdir(exist_ok=True)
                soffice(source, work, "doc:MS Word 97", profile)
                doc = work / f"{name}.doc"
                # LibreOffice's own .docx of the .doc, to count blocks in.
                back = tmp / f"{kind}-back"
                back.mkdir(exist_ok=True)
                soffice(doc, back, "docx:MS Word 2007 XML", profile)
                t = dict(truth)
                t["sections"] = section_lines(back / f"{name}.docx", headings(kind, source, truth))
                shutil.copy(doc, OUT / f"{name}.{kind}.doc")
                (OUT / f"{name}.{kind}.json").write_text(
                    json.dumps(t, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
                if kind == "docx" and name.startswith("000_"):
                    shutil.copy(doc, OUT / f"{name}.wps")
                    (OUT / f"{name}.json").write_text(
                        json.dumps(t, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                    )
                print(f"{name}: {kind} -> doc", file=sys.stderr)


if __name__ == "__main__":
    main()
