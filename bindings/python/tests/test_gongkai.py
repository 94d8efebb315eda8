import errno
import pathlib
import json
import os

import pytest

import gongkai


def test_parse_file_matches_hand_checked_values(corpus):
    for name, (path, truth) in corpus.items():
        report = gongkai.parse_file(path)
        d = report.to_dict()
        for table in ("active_disclosure", "applications", "review_litigation"):
            assert d[table] == {**d[table], **truth[table]}, name
        assert report.meta.year == truth["meta"]["year"]


def test_typed_attributes(corpus):
    path, _ = corpus["000_4ad21a775c00ab02"]
    r = gongkai.parse_file(path)
    assert r.meta.agency == "昌乐县卫生健康局"
    assert r.meta.published == "2025-01-08"
    assert r.applications.new_received.total == 1
    assert r.applications.other_unpaid_fee.total is None  # blank, not zero
    assert r.active_disclosure.punishment.decisions == 64
    assert r.review_litigation.review.total == 0
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.sections[3].line == 361
    assert r.template == "2021"
    assert r.source == str(path)
    assert any(d.code == "blank_cell" for d in r.diagnostics)
    assert "昌乐县卫生健康局" in repr(r)
    with pytest.raises(AttributeError):
        r.applications.no_such_row


def test_to_json_is_the_contract(corpus):
    path, _ = corpus["004_0ab517357debe96d"]
    r = gongkai.parse_file(path)
    d = json.loads(r.to_json())
    assert list(d) == [
        "schema_version", "template", "meta", "sections", "active_disclosure",
        "applications", "review_litigation", "diagnostics",
    ]
    assert d["active_disclosure"]["rules"]["in_force"] is None
    assert d["active_disclosure"]["licensing"]["decisions"] == 1300
    assert d == r.to_dict()


def test_the_report_is_held_in_rust(corpus):
    path, truth = corpus["000_4ad21a775c00ab02"]
    r = gongkai.parse_file(path)
    assert type(r._raw).__name__ == "RawReport"
    assert r._raw.source == str(path)
    # Tidy rows, rates and tables read the Rust report: no dict view, no JSON, is made.
    cells = {(c["table"], c["row"], c["column"]): c for c in r.tidy()}
    cell = cells[("applications", "new_received", "total")]
    assert cell == {
        "source": str(path), "agency": "昌乐县卫生健康局", "year": truth["meta"]["year"],
        "table": "applications", "row": "new_received", "column": "total",
        "value": 1, "template": "2021", "unit": "件", "flag": "",
    }
    assert cells[("active_disclosure", "punishment", "decisions")]["value"] == 64
    assert cells[("applications", "other_unpaid_fee", "total")]["value"] is None
    apps = truth["applications"]
    assert r.rates()["granted"] == apps["granted"]["total"] / apps["total_processed"]["total"]
    assert gongkai.to_arrow([r], shape="wide").to_pydict()["agency"] == ["昌乐县卫生健康局"]
    with pytest.raises(AttributeError):
        object.__getattribute__(r, "_data")
    # The attributes are made from it when first read.
    assert r.applications.new_received.total == 1
    assert object.__getattribute__(r, "_data")["meta"]["agency"] == "昌乐县卫生健康局"


def test_a_report_from_its_json(corpus):
    path, _ = corpus["004_0ab517357debe96d"]
    r = gongkai.parse_file(path)
    for text in (r.to_json(), r.to_json().encode("utf-8"), r.to_json(indent=2)):
        again = gongkai.Report(text, source=path)
        assert type(again._raw).__name__ == "RawReport"
        assert again == r and again.source == r.source
        assert again.tidy() == r.tidy() and again.rates() == r.rates()
        assert again.active_disclosure.licensing.decisions == 1300
    assert gongkai.Report(r.to_json()).source is None
    with pytest.raises(ValueError, match="not a gongkai report"):
        gongkai.Report('{"meta": {}}')


def test_parse_text_and_bytes(corpus):
    path, _ = corpus["003_b66439113936b5c6"]
    text = path.read_text("utf-8")
    a = gongkai.parse(text)
    b = gongkai.parse(text.encode("utf-8"))
    c = gongkai.parse(b"\xef\xbb\xbf" + text.encode("utf-8"))
    d = gongkai.parse(text.encode("gb18030"))
    assert a.to_dict() == b.to_dict() == c.to_dict()
    assert d.applications.withheld_enforcement_files.natural_person == 2
    assert any(x.code == "encoding" for x in d.diagnostics)


def test_errors_are_real_exceptions(tmp_path):
    with pytest.raises(gongkai.ParseError) as e:
        gongkai.parse(b"")
    assert isinstance(e.value, ValueError)
    assert "empty" in str(e.value)
    with pytest.raises(gongkai.ParseError):
        gongkai.parse(bytes(range(256)) * 8)
    with pytest.raises(FileNotFoundError):
        gongkai.parse_file(tmp_path / "missing.txt")
    with pytest.raises(TypeError):
        gongkai.parse(42)
    # Text always parses: what is missing is null with diagnostics.
    r = gongkai.parse("")
    assert r.applications.new_received.total is None
    assert any(d.code == "table_missing" for d in r.errors)


def test_parse_many_keeps_order_and_failures(corpus, tmp_path):
    paths = [p for p, _ in corpus.values()]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    mixed = [paths[0], tmp_path / "missing.txt", paths[1], empty] + paths[2:]
    out = gongkai.parse_many(mixed, threads=2)
    assert len(out) == len(mixed)
    assert [r.source for r in out] == [str(p) for p in mixed]
    assert isinstance(out[1], gongkai.Failure) and not out[1]
    assert isinstance(out[1].error, FileNotFoundError)
    assert isinstance(out[3].error, gongkai.ParseError)
    assert out[2].meta.agency == "金乡县卫生健康局"
    assert len(gongkai.parse_many(mixed, errors="skip")) == len(paths)
    with pytest.raises(FileNotFoundError):
        gongkai.parse_many(mixed, errors="raise")
    # One thread or many: the same reports, in the same order.
    one = [r.to_dict() for r in gongkai.parse_many(paths, threads=1)]
    many = [r.to_dict() for r in gongkai.parse_many(paths * 3, threads=4)][: len(paths)]
    assert one == many


def test_frames(corpus):
    pd = pytest.importorskip("pandas")
    reports = gongkai.parse_many([p for p, _ in corpus.values()])
    frame = gongkai.to_frame(reports)
    assert list(frame.columns) == [
        "source", "agency", "year", "template", "table", "row", "column", "value", "amount",
        "unit", "flag",
    ]
    assert list(frame.columns) == gongkai.TIDY_COLUMNS
    blank = frame[frame["flag"].str.contains("blank_cell")]
    assert len(blank) > 0 and blank["value"].isna().all()
    assert set(frame["unit"].dropna()) <= {"件", "项", "万元"}
    assert len(frame) == 5 * (10 + 175 + 15)
    sel = frame[(frame.agency == "硚口区卫健局") & (frame.row == "withheld_enforcement_files")
                & (frame.column == "natural_person")]
    assert sel.value.tolist() == [2]
    # Blank stays NA, never 0.
    blank = frame[(frame.agency == "沙湾市卫生健康委") & (frame.row == "new_received")
                  & (frame.column == "natural_person")]
    assert blank.value.isna().all()

    apps = reports[0].applications.to_frame()
    assert apps.shape == (25, 7)
    assert list(apps.columns) == list(gongkai.APPLICANT_COLUMNS) + ["total"]
    assert apps.loc["new_received", "total"] == 1
    assert apps.loc["other_unpaid_fee", "total"] is pd.NA


def test_diagnostic_codes():
    codes = {c for c, _, _ in gongkai.diagnostic_codes()}
    assert {"blank_cell", "check_failed", "check_blank_as_zero", "check_skipped"} <= codes


@pytest.mark.parametrize("kind", ["html", "docx"])
def test_html_and_docx_renderings_match_the_text(kind, fixtures_dir):
    folder = fixtures_dir / "rendered" / kind
    paths = sorted(folder.glob(f"*.{kind}"))
    assert len(paths) == 5
    for path in paths:
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        for report in (gongkai.parse_file(path), gongkai.parse(path.read_bytes())):
            d = report.to_dict()
            for table in ("active_disclosure", "applications", "review_litigation"):
                assert d[table] == {**d[table], **truth[table]}, path.name
            assert [(s["number"], s["line"]) for s in d["sections"]] == [
                (s["number"], s["line"]) for s in truth["sections"]
            ]
    batch = gongkai.parse_many(paths)
    assert [r.meta.year for r in batch] == [
        json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["meta"]["year"] for p in paths
    ]


def test_word_97_doc_and_wps_read_as_their_docx(fixtures_dir, tmp_path):
    tables = ("active_disclosure", "applications", "review_litigation")
    for docx in sorted((fixtures_dir / "rendered" / "docx").glob("*.docx")):
        doc = fixtures_dir / "rendered" / "doc" / f"{docx.stem}.docx.doc"
        want = gongkai.parse_file(docx).to_dict()
        for report in (gongkai.parse_file(doc), gongkai.parse(doc.read_bytes())):
            d = report.to_dict()
            assert [d[t] for t in tables] == [want[t] for t in tables], doc.name
            assert d["sections"] == want["sections"], doc.name
    wps = fixtures_dir / "rendered" / "doc" / "000_4ad21a775c00ab02.wps"
    (tmp_path / "a.wps").write_bytes(wps.read_bytes())
    (tmp_path / "b.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.warns(gongkai.SkippedFileWarning, match=r"b\.xls: skipped"):
        reports = gongkai.parse_many(tmp_path)
    assert [r.meta.agency for r in reports] == ["昌乐县卫生健康局"]
    (tmp_path / "old.wps").write_bytes(b"\x00\x01\x02WPS\xff")
    with pytest.raises(gongkai.ParseError, match="legacy WPS"):
        gongkai.parse_file(tmp_path / "old.wps")


def test_html_page_as_str(fixtures_dir):
    page = (fixtures_dir / "real" / "html" / "pingtan-2021.html").read_text(encoding="utf-8")
    r = gongkai.parse(page)
    assert r.meta.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert r.review_litigation.litigation_direct.total == 12


def test_iter_parse_streams_in_order(fixtures_dir, tmp_path):
    paths = sorted((fixtures_dir / "corpus").glob("*.txt"))
    missing = tmp_path / "missing.txt"
    got = list(gongkai.iter_parse(paths + [missing] + paths, threads=2, chunk=3))
    assert [r.source for r in got] == [str(p) for p in paths] + [str(missing)] + [str(p) for p in paths]
    assert not got[5] and isinstance(got[5].error, FileNotFoundError)
    assert got[0].meta.agency == "昌乐县卫生健康局"
    skipped = list(gongkai.iter_parse(iter([missing] + paths), errors="skip"))
    assert len(skipped) == 5
    with pytest.raises(FileNotFoundError):
        gongkai.parse_many([missing] + paths, errors="raise")


def test_batch_reports_match_single_parses(corpus):
    paths = [p for p, _ in corpus.values()]
    for one, many in zip((gongkai.parse_file(p) for p in paths), gongkai.parse_many(paths)):
        assert one.to_json() == many.to_json()
        assert one == many
        assert json.loads(many.to_json(indent=2)) == one.to_dict()


def test_paths_as_the_os_gives_them(fixtures_dir, tmp_path):
    src = fixtures_dir / "corpus" / "004_0ab517357debe96d.txt"
    # 报告.txt in GBK, as a Windows archive unpacks it: a bytes path, not UTF-8.
    name = tmp_path.joinpath(os.fsdecode(b"\xb1\xa8\xb8\xe6.txt"))
    name.write_bytes(src.read_bytes())
    raw = os.fsencode(name)
    for path in (raw, name, os.fsdecode(raw)):
        assert gongkai.parse_file(path).meta.year == 2025
    assert [r.meta.year for r in gongkai.parse_many([raw, name])] == [2025, 2025]


def test_os_errors_carry_errno_and_filename(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError) as e:
        gongkai.parse_file(missing)
    assert e.value.errno == errno.ENOENT
    assert e.value.filename == str(missing)
    with pytest.raises(IsADirectoryError):
        gongkai.parse_file(tmp_path)


def test_size_limit_and_argument_checks(fixtures_dir):
    src = fixtures_dir / "corpus" / "004_0ab517357debe96d.txt"
    with pytest.raises(gongkai.ParseError, match="more than the limit"):
        gongkai.parse_file(src, max_bytes=1000)
    with pytest.raises(gongkai.ParseError, match="more than the limit"):
        gongkai.parse(src.read_bytes(), max_bytes=1000)
    (failure,) = gongkai.parse_many([src], max_bytes=1000)
    assert not failure and "limit" in str(failure.error)
    assert gongkai.parse_file(src, max_bytes=10**6).meta.year == 2025
    for bad in (0, -5):
        with pytest.raises(ValueError, match="chunk"):
            list(gongkai.iter_parse([src], chunk=bad))
    with pytest.raises(ValueError, match="max_bytes"):
        gongkai.parse_file(src, max_bytes=0)


def test_pdf_budgets(fixtures_dir):
    pdf = fixtures_dir / "real" / "pdf" / "huaian-city-2024.pdf"
    # One page of a real report: reading stops after it, and the report says where.
    r = gongkai.parse_file(pdf, max_pages=1)
    (stop,) = [d for d in r.diagnostics if d.code == "too_large"]
    assert "page 2 of" in stop.message and "--max-pages" in stop.message
    (r,) = gongkai.parse_many([pdf], max_glyphs=500)
    assert any(d.code == "too_large" and "glyphs" in d.message for d in r.diagnostics)
    with pytest.raises(gongkai.ParseError, match="bytes decoded"):
        gongkai.parse(pdf.read_bytes(), max_decoded_bytes=1000)
    assert not [d for d in gongkai.parse_file(pdf).diagnostics if d.code == "too_large"]
    with pytest.raises(TypeError, match="max_pagez"):
        gongkai.parse_file(pdf, max_pagez=3)
    with pytest.raises(ValueError, match="max_pages"):
        gongkai.parse_file(pdf, max_pages=0)


def test_folders_and_single_paths(fixtures_dir, tmp_path):
    corpus = fixtures_dir / "corpus"
    with pytest.warns(gongkai.SkippedFileWarning, match=r"\.json: skipped"):
        reports = gongkai.parse_many(corpus)
    assert [pathlib.Path(r.source).name for r in reports] == sorted(
        p.name for p in corpus.glob("*.txt")
    )
    one = gongkai.parse_many(str(corpus / "004_0ab517357debe96d.txt"))
    assert len(one) == 1 and one[0].meta.year == 2025
    # A GIF is not read (OCR reads PNG, JPEG, TIFF, BMP and WebP pictures).
    (tmp_path / "scan.gif").write_bytes(b"GIF89a")
    # The reason is worded as the CLI words it (one wording, in the core).
    with pytest.warns(gongkai.SkippedFileWarning, match=r"scan\.gif: skipped: a GIF image, which gongkai does not read; save it as PNG"), pytest.raises(FileNotFoundError):
        gongkai.parse_many(tmp_path)


def test_python_feels_native(corpus):
    path, _ = next(iter(corpus.values()))
    r = gongkai.parse_file(path)
    for name in ("errors", "to_json", "to_dict", "tidy", "meta", "applications"):
        assert name in dir(r)
    assert "to_frame" in dir(r.applications)
    assert gongkai.ParseError.__module__ == "gongkai"
    assert repr(gongkai.ParseError("x")).startswith("ParseError")
    pytest.importorskip("pandas")
    part2 = r.active_disclosure.to_frame()
    assert "rules" in part2.index and "issued" in part2.columns
    part4 = r.review_litigation.to_frame()
    assert list(part4.index) == ["review", "litigation_direct", "litigation_after_review"]
    assert part4.loc["review", "total"] == r.review_litigation.review.total


def test_frame_with_the_templates_labels(corpus):
    pytest.importorskip("pandas")
    paths = [p for p, _ in corpus.values()]
    frame = gongkai.to_frame(gongkai.parse_many(paths), labels="zh")
    assert list(frame.columns[-2:]) == ["row_label", "column_label"]
    natural = frame[(frame.table == "applications") & (frame.column == "natural_person")]
    assert set(natural["column_label"]) == {"自然人"}
    rules = frame[(frame.table == "active_disclosure") & (frame.row == "rules")]
    assert set(rules["row_label"]) == {"规章"}
    with pytest.raises(ValueError):
        gongkai.to_frame([], labels="en")


def test_a_batch_reports_its_progress(fixtures_dir, capsys):
    files = sorted((fixtures_dir / "corpus").glob("*.txt"))
    seen = []
    reports = gongkai.parse_many(files, threads=1, progress=lambda done, total: seen.append((done, total)))
    assert len(reports) == len(files)
    # Chunks of four files a thread: the count moves as they finish, and ends at the total.
    assert seen[-1] == (len(files), len(files)) and len(seen) >= 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    # progress=True without tqdm (or with it) says something on standard error.
    list(gongkai.iter_parse(files, progress=True))
    assert f"{len(files)}/{len(files)}" in capsys.readouterr().err
