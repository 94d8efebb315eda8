"""Parse reports, show who asked for information, and plot it.

    pip install "./bindings/python[pandas]" matplotlib
    python examples/python/requests_by_applicant.py [REPORT OR FOLDER ...]

Without arguments it reads the bundled corpus. Blank cells stay blank (<NA>): a blank
is not a zero, and a sum over blanks would claim a count nobody printed. Reports whose
agency was not found are labelled by their file name.

The plot (requests_by_applicant.png, when matplotlib is installed) needs a CJK font for
its Chinese labels: Noto Sans CJK (Debian: fonts-noto-cjk, which scripts/setup
installs), or any font matplotlib knows that covers Chinese.
"""

import pathlib
import sys

import gongkai

root = pathlib.Path(__file__).resolve().parents[2]
paths = sys.argv[1:] or [root / "crates/gongkai/tests/fixtures/corpus"]

reports = gongkai.parse_many(paths)
for r in reports:
    if not r:
        print(f"could not parse {r.source}: {r.error}")
        continue
    print(f"{r.meta.agency or r.source} ({r.meta.year}): "
          f"{r.applications.new_received.total} requests received, {len(r.errors)} errors")

frame = gongkai.to_frame(reports)
# An agency the parser did not find is named by its file.
frame["agency"] = frame["agency"].fillna(frame["source"].map(lambda s: pathlib.Path(s).stem))
received = frame[(frame.table == "applications") & (frame.row == "new_received")
                 & (frame.column != "total")]
table = received.pivot_table(index="agency", columns="column", values="value",
                             aggfunc=lambda v: v.sum(min_count=1), dropna=False)
print(table)

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
except ImportError:
    print("matplotlib is not installed: no plot")
else:
    cjk = [f.name for f in font_manager.fontManager.ttflist
           if "CJK" in f.name or f.name in ("SimHei", "Microsoft YaHei", "PingFang SC")]
    if cjk:
        plt.rcParams["font.sans-serif"] = [cjk[0]] + plt.rcParams["font.sans-serif"]
    else:
        print("no CJK font found: Chinese labels will show as boxes "
              "(install fonts-noto-cjk)")
    # Blank cells are left out of the bars, not drawn as zero.
    ax = table.astype("float").plot.barh(stacked=True, figsize=(8, 4))
    ax.set_xlabel("requests received (blank cells left out)")
    ax.set_ylabel("")
    plt.tight_layout()
    plt.savefig("requests_by_applicant.png", dpi=120)
    print("wrote requests_by_applicant.png")
