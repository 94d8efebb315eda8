"""Parse the bundled reports, show the requests table, and plot requests received by
applicant type.

    pip install ./bindings/python[pandas] matplotlib
    python examples/python/requests_by_applicant.py [REPORT ...]

Writes requests_by_applicant.png when matplotlib is installed.
"""

import pathlib
import sys

import gongkai

root = pathlib.Path(__file__).resolve().parents[2]
paths = sys.argv[1:] or sorted((root / "crates/gongkai/tests/fixtures/corpus").glob("*.txt"))

reports = gongkai.parse_many(paths)
for r in reports:
    if not r:
        print(f"could not parse {r.source}: {r.error}")
        continue
    errors = len(r.errors)
    print(f"{r.meta.agency or r.source} ({r.meta.year}): "
          f"{r.applications.new_received.total} requests received, {errors} errors")

frame = gongkai.to_frame(reports)
received = frame[(frame.table == "applications") & (frame.row == "new_received")
                 & (frame.column != "total")]
table = received.pivot_table(index="agency", columns="column", values="value",
                             aggfunc="sum", dropna=False)
print(table.fillna(0).astype(int))

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: no plot")
else:
    ax = table.fillna(0).plot.barh(stacked=True, figsize=(8, 4))
    ax.set_xlabel("requests received")
    ax.set_ylabel("")
    plt.tight_layout()
    plt.savefig("requests_by_applicant.png", dpi=120)
    print("wrote requests_by_applicant.png")
