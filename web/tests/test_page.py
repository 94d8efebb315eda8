"""The web page in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by Selenium loads the built page (target/web), is given the five
corpus reports, an HTML page, a .docx, a Word 97 .doc and a PDF of the fixtures and one
broken file, and the page's tables, flags and downloads are checked against the
hand-checked values."""

import functools
import http.server
import io
import json
import pathlib
import re
import shutil
import struct
import threading
import time
import zipfile
import zlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = ROOT / "target/web"
FIXTURES = ROOT / "crates/gongkai/tests/fixtures"
OUT = ROOT / "target/web-test"
TABLES = ("active_disclosure", "applications", "review_litigation")


def inputs():
    """The files given to the page, each with its hand-checked values."""
    files = sorted((FIXTURES / "corpus").glob("*.txt"))
    files.append(FIXTURES / "rendered/html/000_4ad21a775c00ab02.html")
    files.append(FIXTURES / "rendered/docx/001_35b03cdfa0a63b83.docx")
    files.append(FIXTURES / "rendered/doc/002_a8545102c5627bed.docx.doc")  # Word 97
    files.append(FIXTURES / "real/pdf/hongze-district-2024.pdf")  # a PDF as published
    return [(f, json.loads(f.with_suffix(".json").read_text("utf-8"))) for f in files]


@pytest.fixture(scope="module")
def server():
    if not (SITE / "index.html").exists():
        pytest.fail("the page is not built: run ./scripts/web")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait(driver, css, timeout=120):
    return WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))


def not_blank(png: pathlib.Path) -> bool:
    """True when a PNG has more than a handful of distinct byte values in its pixels."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) > 16


# English prose in the Chinese page: two or more English words in a row, or a dotted
# contract key (`review_litigation.total.review`), or a leaked JavaScript object name.
ENGLISH = re.compile(r"[A-Za-z]{2,}[ _][a-z]{2,}[ _][a-z]{2,}"
                     r"|(?:active_disclosure|applications|review_litigation|rates)\.[a-z_]+"
                     r"|\[object ")


def visible(driver, css="body"):
    """The text of an element as a person sees it (Selenium's text is the rendered text:
    nothing hidden, nothing of a closed <details> but its summary)."""
    return driver.find_element(By.CSS_SELECTOR, css).text


def no_english(text, where):
    found = ENGLISH.findall(text)
    assert not found, (where, found[:5])


def values(truth):
    """Every value of the three tables as (dotted path, value)."""
    for table in TABLES:
        for row, cols in truth[table].items():
            if isinstance(cols, dict):
                for col, v in cols.items():
                    yield f"{table}.{row}.{col}", v


def test_the_page_reads_reports_and_gives_them_back(server, browser, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    archive = tmp_path / "附件.rar"  # a kind of file the page does not read
    archive.write_bytes(b"Rar!\x1a\x07\x00" + bytes(64))
    cases = inputs()
    browser.get(server + "/index.html")
    wait(browser, "body[data-ready=true]")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("政府信息公开")
    # Before any file is chosen: no progress bar, no tables, nothing to download.
    assert not browser.find_element(By.ID, "progress-box").is_displayed()
    assert not browser.find_element(By.ID, "downloads").is_displayed()
    no_english(visible(browser), "the empty page")
    not_read = [broken, empty, archive]
    paths = [str(f) for f, _ in cases] + [str(f) for f in not_read]
    t0 = time.time()
    browser.find_element(By.ID, "files").send_keys("\n".join(paths))
    wait(browser, f"body[data-parsed='{len(paths)}']")
    corpus_ms = browser.execute_script(
        "return window.gongkai.reports.filter(r => r.source.endsWith('.txt')).reduce((s, r) => s + r.ms, 0)")
    print(f"page: {len(paths)} files in {browser.execute_script('return window.gongkai.lastParseMs'):.0f} ms "
          f"(reading, worker round trips and drawing included; {time.time() - t0:.1f} s seen from the test); "
          f"the 5 corpus reports parse in {corpus_ms:.1f} ms of WebAssembly")

    # Every file given is counted, and each one not read is named with its reason, in
    # Chinese (the English wording on hover); the others went on.
    assert browser.find_element(By.ID, "count").text.endswith(f"{len(paths)} / {len(paths)}")
    failures = {li.find_element(By.TAG_NAME, "strong").text: li.text
                for li in browser.find_elements(By.CSS_SELECTOR, "#failure-list li")}
    assert sorted(failures) == sorted(f.name for f in not_read), failures
    assert "PDF" in failures["broken.pdf"] and "无法读取" in failures["broken.pdf"]
    assert "文件是空的" in failures["empty.txt"]
    assert "压缩包" in failures["附件.rar"]
    no_english(visible(browser, "#failures"), "the files not read")

    # The batch: one row per report, with the key totals.
    rows = browser.find_elements(By.CSS_SELECTOR, "#batch-table tbody tr")
    assert len(rows) == len(cases)
    by_source = {r.find_element(By.CSS_SELECTOR, "td[data-key=source]").text: r for r in rows}
    for f, truth in cases:
        row = by_source[f.name]
        total = truth["applications"]["new_received"]["total"]
        assert row.find_element(By.CSS_SELECTOR, "td[data-key=newReceived]").text == ("" if total is None else str(total))
        assert row.find_element(By.CSS_SELECTOR, "td[data-key=year]").text == str(truth["meta"]["year"])
    # Sorting by year keeps every row and orders them.
    browser.find_element(By.CSS_SELECTOR, "#batch-table thead th:nth-child(3) button").click()
    years = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#batch-table td[data-key=year]")]
    assert years == sorted(years)
    no_english(visible(browser), "the batch")
    OUT.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(OUT / "batch.png"))
    assert not_blank(OUT / "batch.png")

    # Each report: every value as the hand-checked one, blanks blank, flagged values with
    # their diagnostics' words (marked as doubtful when one is an error or a warning).
    for f, truth in cases:
        row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#batch-table tbody tr")
                   if r.find_element(By.CSS_SELECTOR, "td[data-key=source]").text == f.name)
        row.send_keys("\n")  # the keyboard opens a report
        wait(browser, "#report:not([hidden]) td[data-field]")
        assert browser.find_element(By.CSS_SELECTOR, "dd[data-meta=agency]").text == (truth["meta"]["agency"] or "（未找到）")
        cells = {c.get_attribute("data-field"): c for c in browser.find_elements(By.CSS_SELECTOR, "#report td[data-field]")}
        for path, want in values(truth):
            got = browser.execute_script("return arguments[0].firstChild ? arguments[0].firstChild.textContent : ''", cells[path])
            if want is None:
                assert got == "", (f.name, path, got)
                assert "blank" in cells[path].get_attribute("class")
            else:
                assert got != "" and float(got) == float(want), (f.name, path, got, want)
        for field in truth.get("must_flag", []):
            marked = [p for p, c in cells.items() if (p == field or p.startswith(field + "."))
                      and c.get_attribute("data-tip")]
            assert marked, (f.name, field)
        # The view as a person sees it: the six parts by their headings (no object names),
        # and every message in Chinese, the full list of diagnostics opened too.
        report = browser.execute_script(
            "return window.gongkai.reports[window.gongkai.open].report")
        text = visible(browser, "#report")
        for section in report["sections"]:
            assert section["heading"] in text, (f.name, section["heading"])
        summaries = browser.find_elements(By.CSS_SELECTOR, "#report details.section > summary")
        assert len(summaries) == len(report["sections"])
        browser.find_element(By.CSS_SELECTOR, "#report details.diagnostics > summary").click()
        no_english(visible(browser, "#report"), f.name)
        if f.name == "000_4ad21a775c00ab02.txt":
            browser.save_screenshot(str(OUT / "report.png"))
            assert not_blank(OUT / "report.png")
        browser.find_element(By.CSS_SELECTOR, "#report .back").click()
        wait(browser, "#batch:not([hidden])")

    # A flagged cell says why on focus (keyboard) as on hover.
    for row in browser.find_elements(By.CSS_SELECTOR, "#batch-table tbody tr"):
        if row.find_element(By.CSS_SELECTOR, "td[data-key=source]").text == "000_4ad21a775c00ab02.txt":
            row.click()
            break
    # Blank cells are not marked as doubtful (a note is a fact), but say what they are.
    flagged = browser.find_elements(By.CSS_SELECTOR, "#report td[data-tip]")
    assert flagged, "report 000 has blank cells, which have a note"
    noted = [c for c in flagged if "单元格空白" in c.get_attribute("data-tip")
             and all(line.startswith("说明") for line in c.get_attribute("data-tip").splitlines())]
    assert noted and all("flag" not in c.get_attribute("class").split() for c in noted)
    flagged = noted
    # The rightmost flagged cell of the widest table, scrolled into view: its explanation
    # must be seen whole, not cut off by the table's scroll box or the window.
    cell_ = max(flagged, key=lambda c: c.rect["x"] + c.rect["width"])
    assert cell_.get_attribute("tabindex") == "0"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'});"
                           "arguments[0].focus()", cell_)
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed() and "单元格空白" in tip.text, tip.text
    unseen = browser.execute_script("""
        // What is painted on top at the tip's corners (the tip lets the mouse through,
        // so it is made hittable for the look).
        const tip = arguments[0], r = tip.getBoundingClientRect(), out = [];
        tip.style.pointerEvents = "auto";
        for (const [x, y] of [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2],
                              [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]]) {
          const hit = document.elementFromPoint(x, y);
          if (!hit || !(hit === tip || tip.contains(hit))) out.push([x, y, hit && hit.tagName]);
        }
        if (r.right > window.innerWidth || r.bottom > window.innerHeight || r.left < 0 || r.top < 0)
          out.push("outside the window");
        if (tip.scrollHeight > tip.clientHeight + 1) out.push("text cut off");
        tip.style.pointerEvents = "";
        return out;""", tip)
    assert not unseen, unseen
    browser.find_element(By.CSS_SELECTOR, "#report .back").click()

    # English is a click away, messages too; the template's labels stay Chinese.
    browser.find_element(By.ID, "lang").click()
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Open government")
    assert "the input is empty" in visible(browser, "#failures")
    browser.find_element(By.ID, "lang").click()

    # The CSV download: UTF-8 with BOM, one row per report, the values of the reports.
    browser.find_element(By.ID, "dl-csv").click()
    csv_file = browser.downloads / "gongkai-reports.csv"
    deadline = time.time() + 30
    while not csv_file.exists() and time.time() < deadline:
        time.sleep(0.2)
    data = csv_file.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))
    lines = data.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert header[:6] == ["source", "agency", "year", "template", "errors", "warnings"]
    assert len(lines) == 1 + len(cases)
    at = header.index("applications.new_received.total")
    for f, truth in cases:
        line = next(l for l in lines[1:] if l.startswith(f.name + ","))
        want = truth["applications"]["new_received"]["total"]
        assert line.split(",")[at] == ("" if want is None else str(want))
    browser.find_element(By.ID, "dl-xlsx").click()
    xlsx = browser.downloads / "gongkai.xlsx"
    deadline = time.time() + 30
    while not xlsx.exists() and time.time() < deadline:
        time.sleep(0.2)
    assert xlsx.read_bytes()[:2] == b"PK"
    # The workbook speaks Chinese: sheet names, the template's labels as headers, the
    # diagnostics worded from their codes; the contract keys are on a sheet of their own.
    with zipfile.ZipFile(io.BytesIO(xlsx.read_bytes())) as book:
        workbook = book.read("xl/workbook.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    for name in ("报告", "提示", "列"):
        assert f'name="{name}"' in workbook
    assert "三、收到和处理政府信息公开申请情况：" in strings and "本年新收" in strings
    assert "单元格空白，读作空值" in strings

    # Nothing was fetched from anywhere but the page's own files.
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            assert url.startswith((server + "/", "blob:", "data:")), url
