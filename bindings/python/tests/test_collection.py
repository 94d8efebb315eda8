"""Many reports at once: wide frames, rates, the audit, polars and Parquet."""

import math
import os
import pathlib
import shutil
import subprocess

import pytest

import gongkai

REAL = ["pdf/hongze-district-2023.pdf", "pdf/hongze-district-2024.pdf",
        "html/pingtan-2020.html", "html/pingtan-2021.html", "html/pingtan-2022.html"]


@pytest.fixture
def reports(fixtures_dir):
    return gongkai.parse_many([fixtures_dir / "real" / name for name in REAL])


def test_wide_frame_has_a_row_per_report_and_nullable_counts(reports):
    frame = gongkai.to_frame(reports, shape="wide")
    assert len(frame) == 5
    assert list(frame.columns[:6]) == ["source", "agency", "year", "template", "errors", "warnings"]
    hongze_2024 = frame[frame["year"] == 2024].iloc[0]
    assert hongze_2024["applications.new_received.total"] == 95
    assert str(frame["applications.new_received.total"].dtype) == "Int64"
    # Template 2019 (平潭 2020) has no 本年制发件数: <NA>, never 0.
    pingtan_2020 = frame[frame["year"] == 2020].iloc[0]
    assert pingtan_2020["template"] == "2019"
    assert frame[frame["year"] == 2020]["active_disclosure.rules.issued"].isna().all()
    assert hongze_2024["rates.granted"] == pytest.approx(50 / 95)


def test_report_rates(reports):
    r = reports[1].rates()
    assert r["granted"] == pytest.approx(50 / 95)
    assert r["review_corrected"] == pytest.approx(0.5)
    assert set(r) == set(gongkai.RATE_FORMULAS)


def test_pooled_rates_by_agency_and_year(reports):
    by_agency = gongkai.rates(reports, by="agency")
    hongze = by_agency[by_agency["agency"] == "淮安市洪泽区人民政府"].iloc[0]
    assert hongze["reports"] == 2
    assert hongze["granted_numerator"] == 50 and hongze["granted_denominator"] == 21 + 95
    by_year = gongkai.rates(reports, by="year")
    assert list(by_year["year"]) == ["2020", "2021", "2022", "2023", "2024"]
    # 平潭 2020: no review at all, so its share corrected is null, not 0.
    assert by_year[by_year["year"] == "2020"]["review_corrected"].isna().all()


def test_audit_of_real_years_is_clean_and_finds_a_copy(reports, fixtures_dir, tmp_path):
    assert len(gongkai.audit(reports)) == 0
    # The 2021 page saved twice: two reports for one year, with the same prose.
    page = fixtures_dir / "real/html/pingtan-2021.html"
    shutil.copy(page, tmp_path / "a.html")
    shutil.copy(page, tmp_path / "b.html")
    findings = gongkai.audit(gongkai.parse_many(tmp_path))
    assert set(findings["kind"]) == {"same_year", "repeated_prose"}
    assert set(findings["agency"]) == {"平潭综合实验区"}


def test_polars_frames_through_the_arrow_interface(reports):
    pl = pytest.importorskip("polars")
    wide = gongkai.to_frame(reports, shape="wide", library="polars")
    assert isinstance(wide, pl.DataFrame)
    assert wide.height == 5
    assert wide.schema["applications.new_received.total"] == pl.Int64
    assert wide["active_disclosure.rules.issued"].null_count() == 1  # 2020: template 2019
    long = gongkai.to_frame(reports, library="polars")
    assert long.schema["value"] == pl.Int64 and long.schema["amount"] == pl.Float64
    fees = long.filter((pl.col("row") == "fees") & (pl.col("year") == 2024))
    assert fees["amount"].to_list() == [7545.0]
    audit = gongkai.audit(reports, library="polars")
    assert audit.height == 0 and "kind" in audit.columns


def test_long_pandas_frame_has_the_arrow_columns_and_types(corpus, reports):
    # Counts are whole numbers in an Int64 `value` (53, not 53.0), amounts a Float64
    # `amount`, in the columns and order of the Arrow long form polars and Parquet get.
    pd = pytest.importorskip("pandas")
    path, expected = corpus["003_b66439113936b5c6"]
    frame = gongkai.to_frame(gongkai.parse_many([path]))
    punished = frame[(frame.row == "punishment") & (frame.column == "decisions")]
    assert expected["active_disclosure"]["punishment"]["decisions"] == 53
    (value,) = punished["value"].tolist()
    assert str(frame["value"].dtype) == "Int64"
    assert value == 53 and isinstance(value, int)
    assert str(frame["amount"].dtype) == "Float64"
    assert punished["amount"].isna().all()
    assert list(frame.columns) == gongkai.to_arrow([], shape="long").columns
    assert frame[frame.row != "fees"]["amount"].isna().all()
    # An amount: 洪泽区 2024 charged 7545 (万元, as printed) in fees.
    long = gongkai.to_frame(reports)
    fees = long[(long.row == "fees") & (long.year == 2024)]
    assert fees["amount"].tolist() == [7545.0]
    assert fees["value"].isna().all() and fees["unit"].tolist() == ["万元"]
    # The same table as polars gets, value for value.
    pytest.importorskip("polars")
    other = gongkai.to_frame(reports, library="polars")
    assert other.columns == list(long.columns)
    assert other["value"].to_list() == [None if pd.isna(v) else v for v in long["value"]]


def test_cli_parquet_reads_back_in_pandas(fixtures_dir, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    # scripts/test names the CLI it built; run by hand, a release build is used if there
    # is one. Named and missing is a failure, not a skip.
    named = os.environ.get("GONGKAI_CLI")
    exe = pathlib.Path(named) if named else (
        pathlib.Path(__file__).resolve().parents[3] / "target/release/gongkai")
    if not named and not exe.exists():
        pytest.skip("the CLI is not built (cargo build --release)")
    assert exe.exists(), f"GONGKAI_CLI names {exe}, which does not exist"
    out = tmp_path / "wide.parquet"
    subprocess.run([exe, "parse", "--format", "parquet", "--wide", "-o", out,
                    *[fixtures_dir / "real" / n for n in REAL]], check=True)
    frame = pd.read_parquet(out, dtype_backend="numpy_nullable")
    assert len(frame) == 5
    assert str(frame["applications.new_received.total"].dtype) == "Int64"
    assert frame["active_disclosure.rules.issued"].isna().sum() == 1
    assert not math.isnan(frame["rates.granted"].iloc[1])


def test_the_granted_by_year_example(tmp_path):
    pytest.importorskip("matplotlib")
    import sys

    from matplotlib import image

    root = pathlib.Path(__file__).resolve().parents[3]
    png = tmp_path / "granted.png"
    out = subprocess.run(
        [sys.executable, root / "examples/python/granted_by_year.py", "--png", png],
        check=True, capture_output=True, text=True,
    ).stdout
    lines = out.splitlines()
    assert lines[0] == "6 reports, 3 agencies, years 2020–2024"
    # 2024: 洪泽区 50 of 95 and 淮安市 1362 of 3050 granted in full.
    assert "2024  2 report(s)  granted 44.9%  (1412 of 3145)" in lines
    assert "2023  1 report(s)  granted 0.0%  (0 of 21)" in lines
    pixels = image.imread(png)
    assert pixels.shape[0] > 100 and pixels.std() > 0.01  # drawn, not blank


def test_a_file_name_that_is_not_utf8_reaches_every_frame(fixtures_dir, tmp_path):
    # A GBK file name, as archives made on Windows carry: 报告2021.html (bytes that are
    # not UTF-8).
    name = "报告2021.html".encode("gbk")
    folder = os.fsencode(tmp_path) + b"/gbk"
    os.mkdir(folder)
    shutil.copy(fixtures_dir / "real" / "html" / "pingtan-2021.html", os.path.join(folder, name))
    shutil.copy(fixtures_dir / "real" / "html" / "pingtan-2022.html", os.path.join(folder, b"b.html"))
    reports = gongkai.parse_many(folder)
    assert len(reports) == 2 and all(reports)
    # The report keeps the exact path: it opens the file it came from.
    exact = next(r.source for r in reports if not r.source.endswith("b.html"))
    assert os.path.exists(exact)
    shown = os.fsdecode(folder) + "/" + name.decode("utf-8", "replace")
    assert "\ufffd" in shown
    wide = gongkai.to_frame(reports, shape="wide")
    assert set(wide["source"]) == {shown, os.fsdecode(folder) + "/b.html"}
    assert shown in {cell["source"] for r in reports for cell in r.tidy()}
    long = gongkai.to_frame(reports)
    assert shown in set(long["source"])
    assert len(gongkai.rates(reports, by="agency")) >= 1
    gongkai.audit(reports)
    assert shown in set(gongkai.to_arrow(reports, shape="long").to_pydict()["source"])
