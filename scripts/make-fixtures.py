#!/usr/bin/env python3
"""Make the generated fixtures from the corpus: HTML, .docx, PDF text, other encodings.

For every `crates/gongkai/tests/fixtures/corpus/NAME.txt` with its `NAME.json`, writes to
`crates/gongkai/tests/fixtures/rendered/`:

- `html/NAME.html`: a portal-style page (navigation, the report in an article element, a
  footer with the portal's own phone number) whose prose is the report's lines, one
  paragraph per source line, and whose parts 2-4 are `<table>`s with colspan/rowspan as
  国办公开办函〔2021〕30号 draws them; blank cells are `&nbsp;`.
- `docx/NAME.docx`: the same paragraphs and tables in a Word document, merged cells as Word
  merges them (gridSpan, vMerge).
- `html/NAME.json`, `docx/NAME.json`: the hand-checked values of `NAME.json`, with the
  section lines moved to where the rendering puts the headings (HTML: source line;
  .docx: block index, counting paragraphs and table rows from 1).

- `pdftotext/NAME.txt`: the .docx with a page footer (`— N —`) and header
  (`第N页 共M页`), printed to PDF by LibreOffice and extracted with `pdftotext -layout`:
  narrow columns, labels wrapped over lines, page headers and footers between rows.
- `pdf/NAME.libreoffice-docx.pdf`, `pdf/NAME.libreoffice-html.pdf`, `pdf/NAME.chromium.pdf`:
  the report printed to PDF three ways: the .docx with page header and footer by
  LibreOffice Writer, the HTML page by LibreOffice Writer/Web, and the HTML page by
  headless Chromium (`--print-to-pdf`). Each has a `.json` beside it: the hand-checked
  values, sections given by page (the page each heading is printed on).
- `pdf-unruled/NAME.chromium.pdf`: the HTML page with its table borders turned off,
  printed by Chromium: tables without ruling lines.
- `template2019/pingtan-2020.LAYOUT.txt`: the real 2019-template report of
  `real/html/pingtan-2020.html` (template 〔2019〕60号) as text copied out of the page, its
  tables in each text layout: `cells` (Word copy-paste, one cell per line), `tabs` (one
  row per line, tab-separated) and `pipes` (markdown). Values: `real/html/pingtan-2020.json`.
- `noisy/000_4ad21a775c00ab02.txt`: a corpus report with its tables as tab rows and its
  numbers printed as people print them: full-width digits, units (件, 万元, 元), notes in
  parentheses, a dash for none. The values stay the report's; a dash is `null`, and each
  changed cell is a `must_flag` field where the parser must say what it did.
- `spaces/001_35b03cdfa0a63b83.txt`: the tab-row corpus report with every run of tabs
  made one space: plain text with space-separated cells (blank cells then vanish, so the
  report's one blank column is flagged, not read).
- `w3m/NAME.txt`, `pandoc/NAME.txt`: the HTML page of `html/NAME.html` as text with ruled
  tables: `w3m -dump` (box drawing, cells wrapped inside their boxes, merged cells as
  missing rules) and pandoc's markdown with grid tables only (`+---+`, `|`, spans
  flattened into empty cells).
- `unbroken-glued/NAME.txt`, `unbroken-spaced/NAME.txt`: the corpus text with every line
  stripped and run into one, with nothing or one space between (a crawler's copy).
- `converter-above/NAME.txt`, `converter-below/NAME.txt`: the corpus as PDF-to-markdown
  converters print it: each row's labels on a line of their own above a markdown row of
  its numbers, or below a line of numbers separated by spaces; one label in eight lost
  and one in eight cut over two lines.
- `plain/NAME.txt`: `pdf/NAME.libreoffice-docx.pdf` extracted by plain `pdftotext`
  (reading order: labels and numbers in runs of their own). Its truth has no sections.
- `encodings/NAME.txt`: the corpus text in another encoding or with other line endings
  (GB18030, UTF-16LE and UTF-16BE with BOM, UTF-8 with BOM and CRLF, CR only).

Each generated file sits beside its `NAME.json`: the hand-checked values, with the
section lines moved to where the rendering puts the headings.

The table values come from the hand-checked `NAME.json`; a cell listed in `RAW` is
written as the source prints it (a note in the cell, extra cells), so the rendering keeps
the oddities the parser must flag.

Needs python-docx (`pip install python-docx`), w3m and pandoc for the ruled text, and for the PDFs LibreOffice, Chromium and
poppler-utils (Debian: `libreoffice-writer-nogui chromium poppler-utils fonts-noto-cjk`). The outputs are committed; run this again
only when the corpus changes.
"""

import html
import json
import shutil
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "crates/gongkai/tests/fixtures/corpus"
OUT = ROOT / "crates/gongkai/tests/fixtures/rendered"

# Cells the source prints other than as a plain number: field -> the cells as printed.
RAW = {
    "002_a8545102c5627bed": {
        "active_disclosure.licensing.decisions": ["789(医、护士、公共卫生许可)", "0", "0"],
        "active_disclosure.punishment.decisions": ["10", "0", "10"],
    },
}

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"]


def cell(v):
    return "" if v is None else str(v)


def part2(ad, raw):
    """Rows of (text, colspan, rowspan) for part 2."""

    def values(field, n, key):
        printed = raw.get(f"active_disclosure.{field}.{key}")
        if isinstance(printed, list):
            return [(t, 1, 1) for t in printed]
        if printed is not None:
            return [(printed, n, 1)]
        return [(cell(ad[field][key]), n, 1)]

    rows = [
        [("第二十条第（一）项", 4, 1)],
        [("信息内容", 1, 1), ("本年制发件数", 1, 1), ("本年废止件数", 1, 1), ("现行有效件数", 1, 1)],
    ]
    for field, label in [("rules", "规章"), ("normative_documents", "行政规范性文件")]:
        v = ad[field]
        rows.append(
            [(label, 1, 1)]
            + [(raw.get(f"active_disclosure.{field}.{k}", cell(v[k])), 1, 1) for k in ("issued", "repealed", "in_force")]
        )
    rows += [[("第二十条第（五）项", 4, 1)], [("信息内容", 1, 1), ("本年处理决定数量", 3, 1)]]
    rows.append([("行政许可", 1, 1)] + values("licensing", 3, "decisions"))
    rows += [[("第二十条第（六）项", 4, 1)], [("信息内容", 1, 1), ("本年处理决定数量", 3, 1)]]
    rows.append([("行政处罚", 1, 1)] + values("punishment", 3, "decisions"))
    rows.append([("行政强制", 1, 1)] + values("coercion", 3, "decisions"))
    rows += [[("第二十条第（八）项", 4, 1)], [("信息内容", 1, 1), ("本年收费金额（单位：万元）", 3, 1)]]
    rows.append([("行政事业性收费", 1, 1)] + values("fees", 3, "amount"))
    return rows


PART3 = [
    # (key, labels as (text, colspan, rowspan) that open this row)
    ("new_received", [("一、本年新收政府信息公开申请数量", 3, 1)]),
    ("carried_over", [("二、上年结转政府信息公开申请数量", 3, 1)]),
    ("granted", [("三、本年度办理结果", 1, 22), ("（一）予以公开", 2, 1)]),
    ("partially_granted", [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2, 1)]),
    ("withheld_state_secret", [("（三）不予公开", 1, 8), ("1.属于国家秘密", 1, 1)]),
    ("withheld_prohibited_by_law", [("2.其他法律行政法规禁止公开", 1, 1)]),
    ("withheld_security_stability", [("3.危及“三安全一稳定”", 1, 1)]),
    ("withheld_third_party_rights", [("4.保护第三方合法权益", 1, 1)]),
    ("withheld_internal_affairs", [("5.属于三类内部事务信息", 1, 1)]),
    ("withheld_process_information", [("6.属于四类过程性信息", 1, 1)]),
    ("withheld_enforcement_files", [("7.属于行政执法案卷", 1, 1)]),
    ("withheld_query_matters", [("8.属于行政查询事项", 1, 1)]),
    ("unavailable_not_held", [("（四）无法提供", 1, 3), ("1.本机关不掌握相关政府信息", 1, 1)]),
    ("unavailable_needs_creation", [("2.没有现成信息需要另行制作", 1, 1)]),
    ("unavailable_still_unclear", [("3.补正后申请内容仍不明确", 1, 1)]),
    ("rejected_complaint", [("（五）不予处理", 1, 5), ("1.信访举报投诉类申请", 1, 1)]),
    ("rejected_duplicate", [("2.重复申请", 1, 1)]),
    ("rejected_publication", [("3.要求提供公开出版物", 1, 1)]),
    ("rejected_excessive", [("4.无正当理由大量反复申请", 1, 1)]),
    ("rejected_reconfirmation", [("5.要求行政机关确认或重新出具已获取信息", 1, 1)]),
    (
        "other_overdue_correction",
        [("（六）其他处理", 1, 3), ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1, 1)],
    ),
    ("other_unpaid_fee", [("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 1, 1)]),
    ("other_other", [("3.其他", 1, 1)]),
    ("total_processed", [("（七）总计", 2, 1)]),
    ("carried_forward", [("四、结转下年度继续办理", 3, 1)]),
]


def part3(ap, raw=None):
    raw = raw or {}
    rows = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 7, 1)],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        [(t, 1, 1) for t in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]],
    ]
    for key, labels in PART3:
        rows.append(labels + [(raw.get(f"applications.{key}.{c}", cell(ap[key][c])), 1, 1) for c in COLUMNS])
    return rows


def part4(rl, raw=None):
    raw = raw or {}
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    keys = ["upheld", "corrected", "other", "pending", "total"]
    rows = [
        [("行政复议", 5, 1), ("行政诉讼", 10, 1)],
        [(t, 1, 2) for t in results] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
        [(t, 1, 1) for t in results * 2],
        [
            (raw.get(f"review_litigation.{g}.{k}", cell(rl[g][k])), 1, 1)
            for g in ("review", "litigation_direct", "litigation_after_review")
            for k in keys
        ],
    ]
    return rows


def place(rows):
    """Grid positions of span rows: [(row, col, text, colspan, rowspan)] and the width."""
    taken = set()
    out = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for text, cs, rs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, text, cs, rs))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
            width = max(width, c)
    return out, width


def blocks(name, text, truth, raw=None):
    """The report as ("p", text) and ("table", rows) blocks, and each part's heading index."""
    lines = text.splitlines()
    heads = {s["number"]: s["line"] - 1 for s in truth["sections"]}
    raw = raw if raw is not None else RAW.get(name, {})
    tables = {
        2: part2(truth["active_disclosure"], raw),
        3: part3(truth["applications"], raw),
        4: part4(truth["review_litigation"], raw),
    }
    out, heading_block = [], {}
    skip_until = -1
    for i, line in enumerate(lines):
        part = next((n for n, h in heads.items() if h == i), None)
        if part is not None:
            heading_block[part] = len(out)
            out.append(("p", line.strip()))
            if part in tables:
                out.append(("table", tables[part]))
                skip_until = heads.get(part + 1, len(lines))
            continue
        if i < skip_until or not line.strip():
            continue
        out.append(("p", line.strip()))
    return out, heading_block


def render_html(title, bks, heading_block):
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}_示例市人民政府门户网站</title>",
        "<style>table { border-collapse: collapse } td { border: 1px solid }</style>",
        "<script>var nav = '<p>一、总体情况</p>';</script>",
        "</head><body>",
        '<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/nb">年报</a></div>',
        '<div class="article">',
    ]
    head_lines = {}
    for k, (kind, content) in enumerate(bks):
        if kind == "p":
            for part, b in heading_block.items():
                if b == k:
                    head_lines[part] = len(out) + 1
            out.append(f"<p>{html.escape(content)}</p>")
            continue
        out.append('<table border="1" cellspacing="0">')
        for row in content:
            tds = []
            for text, cs, rs in row:
                attrs = (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
                body = html.escape(text) if text else "&nbsp;"
                tds.append(f"<td{attrs}>{body}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    out += [
        "</div>",
        '<div class="footer"><p>主办：示例市人民政府办公室 联系电话：0000-00000000</p></div>',
        "</body></html>",
    ]
    return "\n".join(out) + "\n", head_lines


def add_page_numbers(d):
    """A footer `— PAGE —` and a header `第 PAGE 页 共 NUMPAGES 页`, as Word fields."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field(paragraph, code):
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif text == code:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = f" {code} "
            else:
                el = OxmlElement("w:t")
                el.text = text
            run._r.append(el)

    section = d.sections[0]
    foot = section.footer.paragraphs[0]
    foot.add_run("— ")
    field(foot, "PAGE")
    foot.add_run(" —")
    head = section.header.paragraphs[0]
    head.add_run("第 ")
    field(head, "PAGE")
    head.add_run(" 页 共 ")
    field(head, "NUMPAGES")
    head.add_run(" 页")


def render_docx(bks, heading_block, path, page_numbers=False):
    import docx

    d = docx.Document()
    if page_numbers:
        add_page_numbers(d)
    block = 0
    head_lines = {}
    for k, (kind, content) in enumerate(bks):
        if kind == "p":
            block += 1
            for part, b in heading_block.items():
                if b == k:
                    head_lines[part] = block
            d.add_paragraph(content)
            continue
        placed, width = place(content)
        table = d.add_table(rows=len(content), cols=width)
        table.style = "Table Grid"
        for r, c, text, cs, rs in placed:
            a = table.cell(r, c)
            if cs > 1 or rs > 1:
                a = a.merge(table.cell(r + rs - 1, c + cs - 1))
            a.text = text
        block += len(content)
    d.save(path)
    return head_lines


def squash(s):
    return "".join(s.split())


def soffice_pdf(source, outdir, filter_name="pdf"):
    """Prints `source` to `outdir/STEM.pdf` with LibreOffice; returns that path."""
    import subprocess

    subprocess.run(
        ["soffice", "--headless", "--convert-to", filter_name, "--outdir", str(outdir), str(source)],
        check=True,
        capture_output=True,
    )
    return pathlib.Path(outdir) / (pathlib.Path(source).stem + ".pdf")


def render_pdftotext(name, bks, heading_block, truth, tmp):
    """The .docx with page numbers → PDF (LibreOffice) → `pdftotext -layout`."""
    import subprocess

    docx_path = tmp / f"{name}.docx"
    render_docx(bks, heading_block, docx_path, page_numbers=True)
    soffice_pdf(docx_path, tmp)
    shutil.copy(tmp / f"{name}.pdf", OUT / "pdf" / f"{name}.libreoffice-docx.pdf")
    out = OUT / "pdftotext" / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", str(tmp / f"{name}.pdf"), str(out)], check=True)
    lines = out.read_text(encoding="utf-8").split("\n")
    heads = {}
    for part, b in heading_block.items():
        want = squash(bks[b][1])
        start = max(heads.values(), default=0)
        heads[part] = next(i + 1 for i in range(start, len(lines)) if squash(lines[i]) == want)
    return heads


ENCODINGS = [
    # (corpus name, how, encode)
    ("000_4ad21a775c00ab02", "GB18030", lambda t: t.encode("gb18030")),
    ("001_35b03cdfa0a63b83", "UTF-16LE with BOM", lambda t: b"\xff\xfe" + t.encode("utf-16-le")),
    ("002_a8545102c5627bed", "UTF-16BE with BOM", lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
    ("003_b66439113936b5c6", "UTF-8 with BOM, CRLF", lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode()),
    ("004_0ab517357debe96d", "CR line endings", lambda t: t.replace("\n", "\r").encode()),
]


class PageText:
    """The headline and article body of a portal page as paragraphs and tables."""

    BLOCKS = {"p", "div", "br", "tr", "table", "h1", "h2", "h3", "li"}

    def __init__(self, page):
        from html.parser import HTMLParser

        self.blocks, self.buf = [], []
        self.table = None
        self.keep = 0  # depth inside the headline or article body
        outer = self

        class P(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.stack = []

            def handle_starttag(self, tag, attrs):
                cls = dict(attrs).get("class") or ""
                if tag == "div":
                    starts = "article_title " in cls + " " or "article_content" in cls
                    self.stack.append(starts)
                    if starts:
                        outer.keep += 1
                if tag in ("script", "style"):
                    self.stack.append("skip")
                outer.start(tag)

            def handle_endtag(self, tag):
                outer.end(tag)
                if tag == "div" and self.stack:
                    while self.stack and self.stack[-1] == "skip":
                        self.stack.pop()
                    if self.stack and self.stack.pop() is True:
                        outer.keep -= 1

            def handle_data(self, data):
                if outer.keep > 0:
                    outer.buf.append(data)

        P().feed(page)

    def text(self):
        return " ".join("".join(self.buf).split()).strip()

    def start(self, tag):
        if tag == "table" and self.keep:
            self.flush()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.buf = []
        elif tag in self.BLOCKS and self.table is None:
            self.flush()

    def end(self, tag):
        if tag in ("td", "th") and self.table is not None and self.table:
            self.table[-1].append(self.text().replace("\xa0", " ").strip())
            self.buf = []
        elif tag == "table" and self.table is not None:
            self.blocks.append(("table", self.table))
            self.table, self.buf = None, []
        elif tag in self.BLOCKS and self.table is None:
            self.flush()

    def flush(self):
        t = self.text()
        if t and t.replace("\xa0", "").strip():
            self.blocks.append(("p", t))
        self.buf = []


def text_layouts(blocks):
    """The blocks as text, with the tables in each text layout."""

    def table(rows, layout):
        if layout == "cells":
            return "\n\n".join("\n".join("\t" + c for c in r) for r in rows)
        if layout == "tabs":
            return "\n".join("\t".join(r) for r in rows)
        return "\n".join("| " + " | ".join(r) + " |" for r in rows)

    return {
        layout: "\n\n".join(c if k == "p" else table(c, layout) for k, c in blocks) + "\n"
        for layout in ("cells", "tabs", "pipes")
    }


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

# How the noisy rendering prints some cells of report 000, what each then reads as, and
# whether the parser must say so: field -> (printed, value, must_flag). 件 is the
# template's own unit (nothing to say); 元 is converted to 万元, a note is dropped, a dash
# is no number.
NOISE = {
    "active_disclosure.punishment.decisions": ("64件", 64, False),
    "active_disclosure.fees.amount": ("0元", 0, True),
    "applications.granted.natural_person": ("1（含网上申请1件）", 1, True),
    "applications.rejected_duplicate.other": ("—", None, True),
    "applications.withheld_state_secret.total": ("/", None, True),
    "review_litigation.review.total": ("0（无）", 0, True),
}


def render_noisy():
    name = "000_4ad21a775c00ab02"
    src = CORPUS / f"{name}.txt"
    truth = json.loads(src.with_suffix(".json").read_text(encoding="utf-8"))
    raw = {field: printed for field, (printed, _, _) in NOISE.items()}
    # Every value of part 3's total column in full-width digits: read as printed.
    for key, _ in PART3:
        field = f"applications.{key}.total"
        if field not in raw and truth["applications"][key]["total"] is not None:
            raw[field] = str(truth["applications"][key]["total"]).translate(FULL_WIDTH)
    bks, heading_block = blocks(name, src.read_text(encoding="utf-8"), truth, raw)
    rows_of = lambda rows: [[t for t, _, _ in r] for r in rows]
    bks = [(k, rows_of(c) if k == "table" else c) for k, c in bks]
    text = text_layouts(bks)["tabs"]
    lines = text.split("\n")
    want = {part: squash(bks[b][1]) for part, b in heading_block.items()}
    for field, (_, value, _) in NOISE.items():
        table, row, col = field.split(".")
        truth[table][row][col] = value
    truth["must_flag"] = sorted(f for f, (_, _, flag) in NOISE.items() if flag)
    truth["sections"] = [
        {"number": p, "line": next(i + 1 for i, l in enumerate(lines) if squash(l) == w)}
        for p, w in sorted(want.items())
    ]
    (OUT / "noisy").mkdir(parents=True, exist_ok=True)
    (OUT / "noisy" / f"{name}.txt").write_text(text, encoding="utf-8")
    (OUT / "noisy" / f"{name}.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{name}: noisy numbers", file=sys.stderr)


def render_spaces():
    import re

    name = "001_35b03cdfa0a63b83"
    src = CORPUS / f"{name}.txt"
    (OUT / "spaces").mkdir(parents=True, exist_ok=True)
    text = re.sub(r"\t+", " ", src.read_text(encoding="utf-8"))
    (OUT / "spaces" / f"{name}.txt").write_text(text, encoding="utf-8")
    shutil.copy(src.with_suffix(".json"), OUT / "spaces" / f"{name}.json")
    print(f"{name}: spaces", file=sys.stderr)


def render_template2019():
    real = ROOT / "crates/gongkai/tests/fixtures/real/html"
    page = PageText((real / "pingtan-2020.html").read_text(encoding="utf-8"))
    (OUT / "template2019").mkdir(parents=True, exist_ok=True)
    for layout, text in text_layouts(page.blocks).items():
        (OUT / "template2019" / f"pingtan-2020.{layout}.txt").write_text(text, encoding="utf-8")
        shutil.copy(real / "pingtan-2020.json", OUT / "template2019" / f"pingtan-2020.{layout}.json")
        print(f"pingtan-2020: {layout}", file=sys.stderr)


def section_lines(name, truth, text):
    """Where each of the truth's section headings lands in a rendering's text."""
    source = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    out_lines = [squash(l) for l in text.splitlines()]
    found, at = [], 0
    for s in truth["sections"]:
        heading = squash(source[s["line"] - 1])
        at = next(i for i in range(at, len(out_lines)) if out_lines[i] == heading)
        found.append({"number": s["number"], "line": at + 1})
        at += 1
    return found


RULED = {
    "w3m": ["w3m", "-dump", "-cols", "200", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
    "pandoc": ["pandoc", "-f", "html", "-t", "markdown-simple_tables-multiline_tables-pipe_tables",
               "--columns=200"],
}


def render_ruled():
    """The HTML pages as text with ruled tables, by w3m and by pandoc."""
    import subprocess

    for kind, cmd in RULED.items():
        (OUT / kind).mkdir(parents=True, exist_ok=True)
        for page in sorted((OUT / "html").glob("*.html")):
            name = page.stem
            text = subprocess.run(cmd + [str(page)], check=True, capture_output=True).stdout.decode()
            (OUT / kind / f"{name}.txt").write_text(text, encoding="utf-8")
            truth = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
            truth["sections"] = section_lines(name, truth, text)
            (OUT / kind / f"{name}.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            print(f"{name}: {kind}", file=sys.stderr)


def render_plain():
    """The LibreOffice PDFs in reading order, as plain pdftotext gives them."""
    import subprocess

    (OUT / "plain").mkdir(parents=True, exist_ok=True)
    for pdf in sorted((OUT / "pdf").glob("*.libreoffice-docx.pdf")):
        name = pdf.name.split(".")[0]
        subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(OUT / "plain" / f"{name}.txt")], check=True)
        truth = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
        truth.pop("sections", None)
        (OUT / "plain" / f"{name}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"{name}: plain", file=sys.stderr)


def render_unbroken():
    """The corpus with its line breaks lost, as crawlers copy report pages: every line
    stripped and run into the next with nothing between (`unbroken-glued`) or one space
    (`unbroken-spaced`). The section lines are not compared (there is one line)."""
    for kind, sep in (("unbroken-glued", ""), ("unbroken-spaced", " ")):
        (OUT / kind).mkdir(parents=True, exist_ok=True)
        for src in sorted(CORPUS.glob("*.txt")):
            lines = src.read_text(encoding="utf-8").splitlines()
            (OUT / kind / src.name).write_text(sep.join(l.strip() for l in lines), encoding="utf-8")
            truth = json.loads(src.with_suffix(".json").read_text(encoding="utf-8"))
            truth.pop("sections", None)
            (OUT / kind / f"{src.stem}.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            print(f"{src.stem}: {kind}", file=sys.stderr)


def converter_table(rows, rnd, below, piped):
    """A table as PDF-to-markdown converters print one: every row's label cells on a line
    of their own, above its numbers (below when `below`), the numbers as a markdown row
    (`piped`) or separated by spaces (blank cells then vanish); one label in eight lost,
    one in eight cut off after 14 characters with the rest on the next line."""
    out = []
    for row in rows:
        texts = [t for t, _, _ in row]
        k = next((i for i, t in enumerate(texts) if t == "" or t.replace(".", "").isdigit()), len(texts))
        label, values = " ".join(texts[:k]), texts[k:]
        if not values:
            out.append(label)
            continue
        numbers = "| " + " | ".join(values) + " |" if piped else "    ".join(v for v in values if v)
        roll = rnd.random()
        if roll < 0.125:
            label_lines = []
        elif roll < 0.25 and len(label) > 14:
            label_lines = [label[:14], label[14:]]
        else:
            label_lines = [label]
        out.extend([numbers] + label_lines if below else label_lines + [numbers])
    return "\n".join(l for l in out if l.strip())


def render_converter():
    """The corpus as PDF-to-markdown converters print it (`converter-above`: labels above
    markdown rows of numbers; `converter-below`: labels below rows of numbers separated by
    spaces), some labels lost or cut. The section lines are not compared."""
    import random

    for kind, below, piped in (("converter-above", False, True), ("converter-below", True, False)):
        (OUT / kind).mkdir(parents=True, exist_ok=True)
        for src in sorted(CORPUS.glob("*.txt")):
            truth = json.loads(src.with_suffix(".json").read_text(encoding="utf-8"))
            bks, _ = blocks(src.stem, src.read_text(encoding="utf-8"), truth)
            rnd = random.Random(f"{kind}/{src.stem}")
            text = "\n\n".join(c if k == "p" else converter_table(c, rnd, below, piped) for k, c in bks) + "\n"
            (OUT / kind / src.name).write_text(text, encoding="utf-8")
            truth.pop("sections", None)
            (OUT / kind / f"{src.stem}.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            print(f"{src.stem}: {kind}", file=sys.stderr)


def main():
    if "--only-text" not in sys.argv:
        render_all()
        render_plain()
    render_ruled()
    render_template2019()
    render_noisy()
    render_spaces()
    render_unbroken()
    render_converter()
    import tempfile

    (OUT / "encodings").mkdir(parents=True, exist_ok=True)
    for name, how, encode in ENCODINGS:
        src = CORPUS / f"{name}.txt"
        (OUT / "encodings" / f"{name}.txt").write_bytes(encode(src.read_text(encoding="utf-8")))
        shutil.copy(src.with_suffix(".json"), OUT / "encodings" / f"{name}.json")
        print(f"{name}: {how}", file=sys.stderr)


def pdf_sections(pdf, bks, heading_block):
    """The page each part's heading is printed on, read back with `pdftotext`."""
    import subprocess

    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    pages = [squash(p) for p in pages.stdout.split("\f")]
    found, start = [], 0
    for part, b in sorted(heading_block.items()):
        want = squash(bks[b][1])
        page = next(i for i in range(start, len(pages)) if want in pages[i])
        found.append({"number": part, "page": page + 1})
        start = page
    return found


def render_pdfs(name, truth, bks, heading_block, tmp):
    """The HTML page printed by LibreOffice and by Chromium (the .docx print is made with
    the PDF text); a `.json` of values beside each PDF."""
    import subprocess

    html_path = OUT / "html" / f"{name}.html"
    out = OUT / "pdf"
    made = soffice_pdf(html_path, tmp, "pdf:writer_web_pdf_Export")
    shutil.copy(made, out / f"{name}.libreoffice-html.pdf")
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={out / f'{name}.chromium.pdf'}", html_path.as_uri()],
        check=True,
        capture_output=True,
    )
    # The same page with its table borders turned off: tables without ruling lines.
    unruled = tmp / f"{name}.unruled.html"
    unruled.write_text(
        html_path.read_text(encoding="utf-8").replace(
            "</head>", "<style>table, td, th { border: none !important }</style></head>"
        ),
        encoding="utf-8",
    )
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={OUT / 'pdf-unruled' / f'{name}.chromium.pdf'}", unruled.as_uri()],
        check=True,
        capture_output=True,
    )
    for folder, how in (
        (out, "libreoffice-docx"),
        (out, "libreoffice-html"),
        (out, "chromium"),
        (OUT / "pdf-unruled", "chromium"),
    ):
        pdf = folder / f"{name}.{how}.pdf"
        t = dict(truth)
        t["sections"] = pdf_sections(pdf, bks, heading_block)
        (folder / f"{name}.{how}.json").write_text(json.dumps(t, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def render_all():
    import tempfile

    for ext in ("html", "docx", "pdftotext", "pdf", "pdf-unruled"):
        (OUT / ext).mkdir(parents=True, exist_ok=True)
    tmp = pathlib.Path(tempfile.mkdtemp())
    for src in sorted(CORPUS.glob("*.txt")):
        name = src.stem
        truth = json.loads(src.with_suffix(".json").read_text(encoding="utf-8"))
        bks, heading_block = blocks(name, src.read_text(encoding="utf-8"), truth)
        title = truth["meta"]["title"] or "政府信息公开"
        page, html_lines = render_html(title, bks, heading_block)
        (OUT / "html" / f"{name}.html").write_text(page, encoding="utf-8")
        docx_lines = render_docx(bks, heading_block, OUT / "docx" / f"{name}.docx")
        pdf_lines = render_pdftotext(name, bks, heading_block, truth, tmp)
        for ext, lines in (("html", html_lines), ("docx", docx_lines), ("pdftotext", pdf_lines)):
            t = dict(truth)
            t["sections"] = [{"number": s["number"], "line": lines[s["number"]]} for s in truth["sections"]]
            (OUT / ext / f"{name}.json").write_text(
                json.dumps(t, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        render_pdfs(name, truth, bks, heading_block, tmp)
        print(f"{name}: html, docx, pdftotext, pdf", file=sys.stderr)


if __name__ == "__main__":
    main()
