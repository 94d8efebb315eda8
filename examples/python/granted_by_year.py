"""A folder of reports → one row per report → the rates → a plot of the share of
requests granted in full, by year.

    pip install "./bindings/python[pandas]" matplotlib
    python examples/python/granted_by_year.py [REPORT OR FOLDER ...] [--png FILE]

Without arguments it reads the project's real fixtures: 洪泽区 2023–2024 and 淮安市 2024
(PDF), 平潭综合实验区 2020–2022 (web pages). It prints, per year, the pooled share of
requests granted (（一）予以公开 ÷ （七）总计, counts added over the reports that print
both), draws it with each report's own share as a dot, and saves the plot as
granted_by_year.png (or FILE). A report whose counts are blank is left out of the share,
never counted as zero.
"""

import argparse
import pathlib
import warnings

import pandas as pd

import gongkai

root = pathlib.Path(__file__).resolve().parents[2]
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("paths", nargs="*", type=pathlib.Path)
parser.add_argument("--png", type=pathlib.Path, default=pathlib.Path("granted_by_year.png"))
args = parser.parse_args()
paths = args.paths
if not paths:
    paths = [root / "crates/gongkai/tests/fixtures/real" / d for d in ("pdf", "html")]
    # Beside each fixture lie its hand-checked values (.json): not reports, skipped quietly.
    warnings.simplefilter("ignore", gongkai.SkippedFileWarning)

reports = [r for r in gongkai.parse_many(paths, errors="return") if r]
wide = gongkai.to_frame(reports, shape="wide")
# Agencies as gongkai matches them: 淮安市洪泽区人民政府 (2024) and 洪泽区人民政府 (2023) are one.
agencies = gongkai.rates(reports, by="agency")
print(f"{len(wide)} reports, {len(agencies)} agencies, "
      f"years {wide['year'].min()}–{wide['year'].max()}")

# Each report's own share, from the wide frame (nullable floats: <NA> stays <NA>).
per_report = wide[["source", "agency", "year", "rates.granted"]].dropna(subset=["year"])

# The share pooled per year: numerators and denominators added, so a large office
# weighs as much as its requests.
pooled = gongkai.rates(reports, by="year")
pooled = pooled[pooled["year"].notna()]
for _, row in pooled.iterrows():
    share = row["granted"]
    shown = "—" if pd.isna(share) else f"{share:.1%}"
    print(f"{row['year']}  {row['reports']} report(s)  granted {shown}  "
          f"({row['granted_numerator']} of {row['granted_denominator']})")

# The plot needs matplotlib; without it the numbers above are the result, as in
# requests_by_applicant.py.
try:
    import matplotlib
except ImportError:
    print("matplotlib is not installed: no plot (pip install matplotlib)")
    raise SystemExit(0)

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

fig, ax = plt.subplots(figsize=(7, 4))
years = pooled["year"].astype(int)
ax.plot(years, pooled["granted"].astype(float) * 100, marker="o", label="pooled by year")
ax.scatter(per_report["year"].astype(int), per_report["rates.granted"].astype(float) * 100,
           color="grey", alpha=0.6, zorder=3, label="one report")
ax.set_xticks(sorted(set(years)))
ax.set_ylim(0, 100)
ax.set_ylabel("requests granted in full (%)")
ax.set_title("Share of information requests granted in full")
ax.legend()
fig.tight_layout()
fig.savefig(args.png, dpi=110)
print(f"wrote {args.png}")
