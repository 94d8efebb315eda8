#!/usr/bin/env python3
"""pdfplumber's table extraction over a folder of PDFs, for `scripts/bench`: every page's
extract_tables(), one thread, files/s and pages/s, and gongkai's rate (given) as a
multiple of it. Runs in the bench's own virtual environment, where pdfplumber is."""

import pathlib
import sys
import time

import pdfplumber


def main():
    folder, gongkai_rate = pathlib.Path(sys.argv[1]), float(sys.argv[2])
    files = sorted(folder.glob("*.pdf"))
    pages = 0
    start = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
    elapsed = time.perf_counter() - start
    rate = len(files) / elapsed
    print(
        f"pdfplumber extract_tables: {len(files)} files, {pages} pages in {elapsed:.2f} s: "
        f"{rate:.2f} files/s, {pages / elapsed:.1f} pages/s"
    )
    print(f"gongkai parse (whole report): {gongkai_rate:.0f} files/s, {gongkai_rate / rate:.0f}x pdfplumber")


if __name__ == "__main__":
    main()
