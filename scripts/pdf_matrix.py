"""The producer matrix: the corpus reports printed to PDF by many producers in many page
setups, each PDF with its truth (`scripts/make-pdf-fixtures.py --matrix` runs this).

Written to `crates/gongkai/tests/fixtures/pdf-matrix/PRODUCER/NAME.SETUP.pdf` with
`NAME.SETUP.json` beside it: the corpus report's hand-checked values, sections given by
the page each part's heading is printed on. To keep the committed files small each
(producer, setup) cell prints one report, the reports taken in turn, so every report
meets every producer somewhere.

Page setups (what a producer is asked to draw):

- `ruled`: every cell bordered (collapsed borders), A4 portrait.
- `unruled`: no borders at all.
- `hrules`: horizontal rules between rows only, no verticals.
- `threeline`: a 三线表 (booktabs): a thick rule above and below each table and a thin one
  under its header rows; nothing else.
- `cellspacing`: `<table border="1" cellspacing="3">` as browsers print it: every cell
  its own box (wkhtmltopdf bevels them), rules in pairs with gaps between.
- `twocol`: A3 landscape in two text columns; tables run from one column into the next.
- `breaks`: A6 pages, so every table runs over many page breaks (WeasyPrint and
  reportlab cut inside rows and merged row groups).
- `headbreaks`: as `breaks`, with each table's header rows repeated at the head of every
  page it runs onto (`<thead>` in HTML, `repeatRows` in reportlab).

Producers: Chromium, WeasyPrint, wkhtmltopdf, LibreOffice Writer/Web (HTML) and Writer
(.docx), typst (PyPI wheel), reportlab with the unembedded CID font STSong-Light, and the
rewriters Ghostscript (`pdfwrite`), poppler's cairo backend (`pdftocairo -pdf`), MuPDF
(`mutool clean`) and qpdf over PDFs of the producers above.

`chromium-real/` holds the real portal pages of `fixtures/real/html` printed by Chromium,
with their hand-checked truth.

Two more files are made by rewriting a producer's text layer rather than printing:
`special/NAME.radicals.pdf` (every ideograph that has a CJK Radicals Supplement or Kangxi
radical twin mapped to it in the ToUnicode maps, as some producers do: `人⺠政府`), read
against the normal truth, and `special/NAME.garbled.pdf` (the ToUnicode maps replaced by
Latin-1 code points, as Ghostscript's Type 3 re-distilling does), which must be refused
with an error that says the text layer is garbled.
"""

import html
import importlib.util
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "scripts" / "make-fixtures.py")
mf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mf)

OUT = ROOT / "crates/gongkai/tests/fixtures/pdf-matrix"
FONT = "Noto Sans CJK SC"

SETUPS = ["ruled", "unruled", "hrules", "threeline", "cellspacing", "twocol", "breaks", "headbreaks"]

CSS = {
    "ruled": "table{border-collapse:collapse} td{border:0.75pt solid #000;padding:2pt}",
    "unruled": "table{border-collapse:collapse} td{border:none;padding:2pt 5pt}",
    "hrules": "table{border-collapse:collapse} td{border:none;border-top:0.75pt solid #000;"
    "border-bottom:0.75pt solid #000;padding:2pt 4pt}",
    "threeline": "table{border-collapse:collapse;border-top:1.5pt solid #000;border-bottom:1.5pt solid #000}"
    " td{border:none;padding:2pt 4pt} tr.headend td{border-bottom:0.75pt solid #000}",
    "cellspacing": "",
    "twocol": "@page{size:A3 landscape;margin:12mm} .article{column-count:2;column-gap:14mm}"
    " table{border-collapse:collapse} td{border:0.75pt solid #000;padding:2pt}",
    "breaks": "@page{size:A6;margin:8mm} body{font-size:8pt} table{border-collapse:collapse}"
    " td{border:0.75pt solid #000;padding:1pt}",
    "headbreaks": "@page{size:A6;margin:8mm} body{font-size:8pt} table{border-collapse:collapse}"
    " td{border:0.75pt solid #000;padding:1pt} thead{display:table-header-group}",
}


def header_ends(rows):
    """Indexes of the last header row before each run of value rows (for `threeline`)."""
    def has_number(row):
        return any(re.fullmatch(r"\d+(\.\d+)?", t) for t, _, _ in row)

    return {i for i in range(len(rows) - 1) if not has_number(rows[i]) and has_number(rows[i + 1])}


def render_html(bks, setup):
    """A plain page of the report (no portal around it) for a setup."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8"><title>年度报告</title>',
        f"<style>body{{font-family:'{FONT}';font-size:10.5pt}} table{{font-size:9pt}} {CSS[setup]}</style>",
        "</head><body><div class=\"article\">",
    ]
    for kind, content in bks:
        if kind == "p":
            out.append(f"<p>{html.escape(content)}</p>")
            continue
        if setup == "cellspacing":
            out.append('<table border="1" cellspacing="3" cellpadding="2">')
        else:
            out.append("<table>")
        ends = header_ends(content)
        # The header rows, repeated on every page (`headbreaks`): those above the first
        # row with a number.
        head = min(ends) + 1 if setup == "headbreaks" and ends else 0
        if head:
            out.append("<thead>")
        for i, row in enumerate(content):
            if head and i == head:
                out.append("</thead><tbody>")
            tds = []
            for text, cs, rs in row:
                attrs = (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
                tds.append(f"<td{attrs}>{html.escape(text) if text else '&nbsp;'}</td>")
            cls = ' class="headend"' if i in ends else ""
            out.append(f"<tr{cls}>" + "".join(tds) + "</tr>")
        if head:
            out.append("</tbody>")
        out.append("</table>")
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"


def run(cmd, **kw):
    subprocess.run(cmd, check=True, capture_output=True, timeout=300, **kw)


def chromium(html_path, pdf):
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html_path.as_uri()])


def weasyprint(html_path, pdf):
    import weasyprint as wp

    wp.HTML(filename=str(html_path)).write_pdf(str(pdf))


def wkhtmltopdf(html_path, pdf, setup):
    size = {"twocol": ["-O", "Landscape", "-s", "A3"], "breaks": ["-s", "A6"]}.get(setup, [])
    run(["wkhtmltopdf", "-q", *size, str(html_path), str(pdf)])


def libreoffice(html_path, pdf):
    with tempfile.TemporaryDirectory() as tmp:
        made = mf.soffice_pdf(html_path, tmp, "pdf:writer_web_pdf_Export")
        shutil.copy(made, pdf)


def typst_doc(bks, setup):
    """The report as typst markup."""
    paper = {"twocol": '"a3", flipped: true, columns: 2', "breaks": '"a6"'}.get(setup, '"a4"')
    stroke = {
        "ruled": "0.5pt", "twocol": "0.5pt", "breaks": "0.5pt", "cellspacing": "0.5pt",
        "unruled": "none", "hrules": "(x: none, y: 0.5pt)", "threeline": "none",
    }[setup]
    size = "7pt" if setup == "breaks" else "9pt"
    out = [f"#set page(paper: {paper})", f'#set text(font: "{FONT}", size: {size}, lang: "zh")']

    def esc(t):
        return re.sub(r'([\\#\[\]*_`$<>@"~/=\-+])', r"\\\1", t)

    for kind, content in bks:
        if kind == "p":
            out.append(esc(content) + "\n")
            continue
        placed, width = mf.place(content)
        cells = []
        ends = header_ends(content)
        for r, c, text, cs, rs in placed:
            cells.append(f"table.cell(colspan: {cs}, rowspan: {rs})[{esc(text)}]")
        extra = ""
        if setup == "threeline":
            lines = ["table.hline(y: 0, stroke: 1.2pt)", f"table.hline(y: {len(content)}, stroke: 1.2pt)"]
            lines += [f"table.hline(y: {i + 1}, stroke: 0.5pt)" for i in sorted(ends)]
            extra = ", ".join(lines) + ", "
        out.append(f"#table(columns: {width}, stroke: {stroke}, {extra}{', '.join(cells)})\n")
    return "\n".join(out)


def typst_pdf(bks, setup, pdf):
    import typst

    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "r.typ"
        src.write_text(typst_doc(bks, setup), encoding="utf-8")
        typst.compile(str(src), output=str(pdf), font_paths=["/usr/share/fonts"])


def reportlab_pdf(bks, setup, pdf):
    """The report laid out by reportlab's platypus in STSong-Light, a CID font a reader
    must know without it being embedded (Adobe-GB1, UniGB-UCS2-H)."""
    from reportlab.lib import colors, pagesizes
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    breaks = setup in ("breaks", "headbreaks")
    size = 7 if breaks else 9
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=size + 1, leading=(size + 1) * 1.5, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName="STSong-Light", fontSize=size, leading=size * 1.35, wordWrap="CJK")
    page = pagesizes.A5 if breaks else {"twocol": pagesizes.landscape(pagesizes.A3)}.get(setup, pagesizes.A4)
    margin = 8 * mm if breaks else 15 * mm
    w, h = page
    if setup == "twocol":
        gap = 12 * mm
        fw = (w - 2 * margin - gap) / 2
        frames = [Frame(margin, margin, fw, h - 2 * margin, id="l"), Frame(margin + fw + gap, margin, fw, h - 2 * margin, id="r")]
    else:
        frames = [Frame(margin, margin, w - 2 * margin, h - 2 * margin, id="f")]
    doc = BaseDocTemplate(str(pdf), pagesize=page, pageTemplates=[PageTemplate(frames=frames)])
    frame_w = frames[0]._width
    story = []
    for kind, content in bks:
        if kind == "p":
            story.append(Paragraph(html.escape(content), body))
            continue
        placed, width = mf.place(content)
        data = [["" for _ in range(width)] for _ in content]
        style = [("FONT", (0, 0), (-1, -1), "STSong-Light", size), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for r, c, text, cs, rs in placed:
            data[r][c] = Paragraph(html.escape(text), cell) if len(text) > 4 else text
            if cs > 1 or rs > 1:
                style.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
        if setup in ("ruled", "twocol", "breaks", "headbreaks", "cellspacing"):
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif setup == "hrules":
            style.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black))
            style.append(("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black))
        elif setup == "threeline":
            style.append(("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black))
            style.append(("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black))
            for i in header_ends(content):
                style.append(("LINEBELOW", (0, i), (-1, i), 0.5, colors.black))
        label_w = frame_w * (0.34 if width > 4 else 0.3)
        col_w = [label_w / (width > 9 and 3 or 1)] * (3 if width > 9 else 1)
        if width == 10:  # part 3: three label columns, seven value columns
            col_w = [label_w * 0.25, label_w * 0.25, label_w * 0.5] + [(frame_w - label_w) / 7] * 7
        elif width == 15:  # part 4: fifteen value columns
            col_w = [frame_w / 15] * 15
        else:  # part 2: a label and three values
            col_w = [label_w] + [(frame_w - label_w) / (width - 1)] * (width - 1)
        ends = header_ends(content)
        repeat = min(ends) + 1 if setup == "headbreaks" and ends else 0
        story.append((data, col_w, style, repeat))
    # Rows cut at a page break where reportlab can (its row splitting fails on some
    # tables with spans: then whole rows move to the next page).
    for split in (1, 0):
        flow = [Table(x[0], colWidths=x[1], style=TableStyle(x[2]), splitInRow=split, repeatRows=x[3])
                if isinstance(x, tuple) else x for x in story]
        try:
            doc.build(flow)
            return
        except Exception:
            if split == 0:
                raise


def rewrite(kind, src, pdf):
    if kind == "gs":
        run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={pdf}", str(src)])
    elif kind == "cairo":
        run(["pdftocairo", "-pdf", str(src), str(pdf)])
    elif kind == "mupdf":
        run(["mutool", "clean", "-gggz", str(src), str(pdf)])
    elif kind == "qpdf":
        run(["qpdf", "--object-streams=generate", "--linearize", str(src), str(pdf)])


# The printing producers and the setups each is asked for (wkhtmltopdf's old WebKit has
# no CSS columns; LibreOffice's HTML import keeps borders given as attributes only).
# Setups are given out to reports in turn, so each producer prints several reports.
PRODUCERS = {
    # Chromium's ruled and unruled prints are in `rendered/pdf` and `rendered/pdf-unruled`
    # already, and its PDFs are large (a Type 3 font per few glyphs).
    "chromium": ["hrules", "threeline", "cellspacing", "twocol", "breaks"],
    "weasyprint": SETUPS[:7],
    "wkhtmltopdf": ["ruled", "unruled", "hrules", "cellspacing", "breaks"],
    "libreoffice-html": ["ruled", "cellspacing"],
    "typst": ["ruled", "unruled", "hrules", "threeline", "twocol", "breaks"],
    "reportlab": ["ruled", "unruled", "hrules", "threeline", "twocol", "breaks"],
    # Added later, after the others so that the reports given out to them stay as they
    # were: tables continued under a repeated header (reportlab cuts rows under it,
    # Chromium moves whole rows).
    "reportlab+": ["headbreaks"],
    "chromium+": ["headbreaks"],
}

# Rewriters: (rewriter, producer, setup) of an already printed PDF.
REWRITES = [
    ("gs", "weasyprint", "breaks"),
    ("cairo", "weasyprint", "ruled"),
    ("cairo", "typst", "hrules"),
    ("mupdf", "weasyprint", "cellspacing"),
    ("qpdf", "weasyprint", "twocol"),
]


def unify(text):
    """Text as compared: no whitespace, compatibility ideographs and forms folded."""
    table = {chr(compat): chr(unified) for unified, compat in compat_pairs()}
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", "".join(text.split())))


def compat_pairs():
    src = (ROOT / "crates/gongkai/src/ideographs.rs").read_text(encoding="utf-8")
    return [(int(b, 16), int(a, 16)) for a, b in re.findall(r"\(0x([0-9A-F]{4,5}), 0x([0-9A-F]{4,5})\)", src)]


def sections(pdf, bks, heading_block):
    """The page each part's heading is printed on, read back with `pdftotext`."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    pages = [unify(p) for p in text.stdout.split("\f")]
    found, start = [], 0
    for part, b in sorted(heading_block.items()):
        want = unify(bks[b][1])
        page = next((i for i in range(start, len(pages)) if want in pages[i]), None)
        if page is None:
            print(f"{pdf.name}: heading of part {part} not found by pdftotext", file=sys.stderr)
            return None
        found.append({"number": part, "page": page + 1})
        start = page
    return found


def trim(bks, heading_block):
    """The report with its long prose cut short, so the fonts embedded stay small: kept
    whole are the headings, the first and last lines and every line the metadata is read
    from (dates, the statistics period, phone, address); other paragraphs keep their
    first sentence's start."""
    heads = set(heading_block.values())
    keep_words = ("电话", "地址", "统计", "期限", "年度报告", "日")
    out = []
    for k, (kind, content) in enumerate(bks):
        if kind == "p" and k not in heads and 3 <= k < len(bks) - 3 and not any(w in content for w in keep_words):
            content = content[:24].rstrip("，、；") + "。"
        out.append((kind, content))
    return out


def truth_for(name, truth, pdf, bks, heading_block):
    t = {k: truth[k] for k in ("meta", "active_disclosure", "applications", "review_litigation")}
    found = sections(pdf, bks, heading_block)
    if found is not None:
        t["sections"] = found
    return t


def write(folder, name, setup, made, truth, bks, heading_block):
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{name}.{setup}.pdf"
    shutil.copy(made, pdf)
    t = truth_for(name, truth, pdf, bks, heading_block)
    (folder / f"{name}.{setup}.json").write_text(json.dumps(t, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{folder.name}/{pdf.name}: {pdf.stat().st_size // 1024} KiB", file=sys.stderr)


def radical_twins():
    """Unified ideograph -> its radical twin, from Unicode's data: the Kangxi radicals'
    and the two supplement radicals' compatibility decompositions (NFKC), and for the
    rest of the supplement the table in `crates/gongkai/src/ideographs.rs` (generated
    from EquivalentUnifiedIdeograph.txt), read back from the source."""
    twins = {}
    for cp in list(range(0x2E80, 0x2F00)) + list(range(0x2F00, 0x2FE0)):
        c = chr(cp)
        u = unicodedata.normalize("NFKC", c)
        if u != c and len(u) == 1:
            twins.setdefault(u, c)
    for a, b in compat_pairs():
        if 0x2E80 <= b < 0x2F00:
            twins[chr(a)] = chr(b)  # the supplement wins, as in `人⺠政府`
    return twins


def rewrite_tounicode(src, pdf, change):
    """Rewrites every ToUnicode map of `src` with `change(hex) -> hex` (qpdf's QDF form
    uncompresses the streams, fix-qdf mends the lengths)."""
    with tempfile.TemporaryDirectory() as tmp:
        qdf = pathlib.Path(tmp) / "q.pdf"
        run(["qpdf", "--qdf", "--object-streams=disable", str(src), str(qdf)])
        data = qdf.read_bytes()

        def fix(m):
            body = re.sub(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4,8})>",
                          lambda n: n.group(1) + b"<" + change(n.group(2).decode()).encode() + b">", m.group(0))
            return body

        data = re.sub(rb"beginbf(char|range).*?endbf(char|range)", fix, data, flags=re.S)
        qdf.write_bytes(data)
        fixed = pathlib.Path(tmp) / "f.pdf"
        with open(fixed, "wb") as f:
            subprocess.run(["fix-qdf", str(qdf)], check=True, stdout=f)
        run(["qpdf", "--object-streams=generate", "--compress-streams=y", str(fixed), str(pdf)])


def specials(reports, tmp):
    twins = radical_twins()
    name, truth, bks, heading_block = reports[2]
    src = tmp / f"weasyprint.{name}.ruled.pdf"
    if not src.exists():
        weasyprint(tmp / f"{name}.ruled.html", src)

    def to_radical(h):
        c = chr(int(h, 16)) if len(h) == 4 else None
        r = twins.get(c) if c else None
        return f"{ord(r):04X}" if r else h

    def to_garbage(h):
        # A CJK code point becomes a Latin-1 one, as a Type 3 re-distil gives them.
        v = int(h, 16)
        return f"{0x80 + v % 0x60:04X}" if v >= 0x2E80 else h

    folder = OUT / "special"
    folder.mkdir(parents=True, exist_ok=True)
    rewrite_tounicode(src, tmp / "radicals.pdf", to_radical)
    write(folder, name, "radicals", tmp / "radicals.pdf", truth, bks, heading_block)
    rewrite_tounicode(src, folder / f"{name}.garbled.pdf", to_garbage)
    # Ghostscript re-distilling Chromium's Type 3 fonts: part of the text layer comes out
    # as Latin-1 and control code points (年 as U+0080...). No truth: it must be refused.
    src = next((OUT.parent / "rendered" / "pdf").glob("*.chromium.pdf"))
    rewrite("gs", src, folder / f"{src.name.split('.')[0]}.garbled-gs.pdf")
    # The same with wkhtmltopdf's CID TrueType fonts: the whole text layer is garbage.
    src = next((OUT / "wkhtmltopdf").glob("*.ruled.pdf"))
    rewrite("gs", src, folder / f"{src.name.split('.')[0]}.garbled-gs-truetype.pdf")


def matrix():
    tmp = pathlib.Path(tempfile.mkdtemp())
    reports = []
    for src in sorted(mf.CORPUS.glob("*.txt")):
        truth = json.loads(src.with_suffix(".json").read_text(encoding="utf-8"))
        bks, heading_block = mf.blocks(src.stem, src.read_text(encoding="utf-8"), truth)
        bks = trim(bks, heading_block)
        reports.append((src.stem, truth, bks, heading_block))
        for setup in SETUPS:
            (tmp / f"{src.stem}.{setup}.html").write_text(render_html(bks, setup), encoding="utf-8")
    # `PRODUCER` or `PRODUCER:SETUP` (a `+` list is its producer's too).
    only = [a for a in sys.argv[2:] if not a.startswith("-")]
    turn = 0
    for listed, setups in PRODUCERS.items():
        producer = listed.rstrip("+")
        for setup in setups:
            name, truth, bks, heading_block = reports[turn % len(reports)]
            turn += 1
            if only and listed not in only and f"{listed}:{setup}" not in only:
                continue
            made = tmp / f"{producer}.{name}.{setup}.pdf"
            page = tmp / f"{name}.{setup}.html"
            try:
                if producer == "chromium":
                    chromium(page, made)
                elif producer == "weasyprint":
                    weasyprint(page, made)
                elif producer == "wkhtmltopdf":
                    wkhtmltopdf(page, made, setup)
                elif producer == "libreoffice-html":
                    libreoffice(page, made)
                elif producer == "typst":
                    typst_pdf(bks, setup, made)
                elif producer == "reportlab":
                    reportlab_pdf(bks, setup, made)
            except Exception as e:  # a producer that cannot draw a setup is said, not hidden
                print(f"{producer} {setup}: failed: {e}", file=sys.stderr)
                continue
            write(OUT / producer, name, setup, made, truth, bks, heading_block)
    for kind, producer, setup in REWRITES:
        if only and kind not in only:
            continue
        srcs = list((OUT / producer).glob(f"*.{setup}.pdf"))
        if not srcs:
            continue
        src = srcs[0]
        name = src.name.split(".")[0]
        made = tmp / f"{kind}.{name}.{setup}.pdf"
        rewrite(kind, src, made)
        _, truth, bks, heading_block = next(r for r in reports if r[0] == name)
        write(OUT / f"{kind}-{producer}", name, setup, made, truth, bks, heading_block)
    if not only or "special" in only:
        specials(reports, tmp)
    if not only or "chromium-real" in only:
        real_pages()


def real_pages():
    """The real portal pages (`fixtures/real/html`) as a reader prints them from Chromium
    (`chromium-real/NAME.page.pdf`): a government site's own markup and styles, not ours.
    Their truth is the page's, checked by hand; nothing in it depends on the page breaks
    but the sections, which are not in those truths."""
    folder = OUT / "chromium-real"
    folder.mkdir(parents=True, exist_ok=True)
    for page in sorted((ROOT / "crates/gongkai/tests/fixtures/real/html").glob("*.html")):
        chromium(page, folder / f"{page.stem}.page.pdf")
        shutil.copy(page.with_suffix(".json"), folder / f"{page.stem}.page.json")
