"""gongkai: Chinese government open-information annual reports (政府信息公开工作年度报告)
as typed, validated records.

    >>> import gongkai
    >>> report = gongkai.parse_file("report.txt")
    >>> report.applications.new_received.total
    1

Parsing happens in Rust, and each report stays there: tidy rows, rates and tables are
computed from it, and its attributes (which follow the report JSON contract,
``schema_version`` 1) are made into Python data when first read. Blank cells are ``None``,
never ``0``; everything the parser noticed is in ``report.diagnostics``.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import warnings
from typing import Any, Callable, Iterable, Iterator, List, Optional, Sequence, Union

from . import _gongkai
from ._gongkai import ParseError, SCHEMA_VERSION, Table, __version__

__all__ = [
    "ParseError",
    "SkippedFileWarning",
    "Report",
    "Failure",
    "SCHEMA_VERSION",
    "__version__",
    "parse",
    "parse_file",
    "parse_many",
    "iter_parse",
    "to_frame",
    "to_arrow",
    "audit",
    "rates",
    "RATE_FORMULAS",
    "Table",
    "diagnostic_codes",
]

# The three tables' contract keys, from the core's template.
TABLES = tuple(_gongkai.TABLES)
# The columns of the long form (to_frame, to_arrow), from the core's one Arrow schema:
# counts in ``value`` (Int64), amounts in ``amount`` (Float64).
TIDY_COLUMNS = list(_gongkai.collection_table([], "long").columns)
# The applicant columns of part 3 in the template's order, from the core crate.
APPLICANT_COLUMNS = tuple(_gongkai.APPLICANT_COLUMNS)
# Each rate's key and formula, in order (see Report.rates and gongkai.rates).
RATE_FORMULAS = dict(_gongkai.RATE_FORMULAS)


def _require_pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - exercised without pandas installed
        raise ImportError(
            "this needs pandas: pip install 'gongkai[pandas]' (or pip install pandas)"
        ) from e
    return pandas


class _Record:
    """A read-only view of one object of the contract, with attribute access."""

    __slots__ = ("_data",)
    _children: dict = {}

    def __init__(self, data: dict):
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        data = self._data
        try:
            value = data[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no attribute {name!r}; "
                f"it has {', '.join(data)}"
            ) from None
        cls = self._children.get(name, self._children.get("*"))
        if cls is not None and isinstance(value, dict):
            return cls(value)
        if cls is not None and isinstance(value, list):
            return [cls(v) for v in value]
        return value

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __dir__(self):
        # The contract's keys and the class's public methods and properties, for tab
        # completion in a notebook.
        names = set(self._data)
        names.update(n for n in dir(type(self)) if not n.startswith("_"))
        return sorted(names)

    def __eq__(self, other):
        return type(self) is type(other) and self._data == other._data

    def __repr__(self) -> str:
        items = ", ".join(f"{k}={v!r}" for k, v in self._data.items() if not isinstance(v, (dict, list)))
        return f"{type(self).__name__}({items})"

    def to_dict(self) -> dict:
        """A deep copy of this object as plain Python data, exactly per the contract."""
        return json.loads(json.dumps(self._data))


class Meta(_Record):
    """Title, agency, year, statistics period, publication date, phone and address."""


class Section(_Record):
    """One of the six parts: ``number``, ``heading``, ``title``, ``text``, ``line``."""

    def __repr__(self) -> str:
        return f"Section(number={self.number}, heading={self.heading!r}, line={self.line})"


class Diagnostic(_Record):
    """Something the parser noticed: ``severity``, ``code``, ``message``, ``line``, ``field``."""

    def __repr__(self) -> str:
        where = f" line {self.line}" if self.line is not None else ""
        field = f" [{self.field}]" if self.field else ""
        return f"<{self.severity} {self.code}{where}{field}: {self.message}>"


class Row(_Record):
    """One row of a table: a value (or ``None``) per column key."""

    def __repr__(self) -> str:
        return f"Row({', '.join(f'{k}={v!r}' for k, v in self._data.items())})"


def _table_frame(data: dict, index_name: str):
    """A table of the contract (rows of column → value) as a DataFrame: one row per row
    key, one column per column key in the contract's order, nullable numbers so blanks
    stay ``<NA>``."""
    pd = _require_pandas()
    columns: List[str] = []
    for cols in data.values():
        for c in cols:
            if c not in columns:
                columns.append(c)
    values = [[cols.get(c) for c in columns] for cols in data.values()]
    whole = all(isinstance(v, int) for row in values for v in row if v is not None)
    frame = pd.DataFrame(values, index=list(data), columns=columns, dtype="object")
    frame = frame.astype("Int64" if whole else "Float64")
    frame.index.name = index_name
    return frame


class ActiveDisclosure(_Record):
    """Part 2: rules, normative documents, licensing, punishment, coercion, fees
    (template 2019 adds other_services and procurement)."""

    _children = {"*": Row}

    def to_frame(self):
        """The table as a pandas DataFrame: rows by key, columns by key (a row without a
        column, e.g. licensing's ``issued``, is ``<NA>`` there); blanks are ``<NA>``."""
        return _table_frame(self._data, "row")


class ReviewLitigation(_Record):
    """Part 4: ``review``, ``litigation_direct``, ``litigation_after_review``."""

    _children = {"*": Row}

    def to_frame(self):
        """The table as a pandas DataFrame: the three groups as rows, the outcome
        columns (``maintained`` … ``total``) as columns; blanks are ``<NA>``."""
        return _table_frame(self._data, "group")


class Applications(_Record):
    """Part 3: one :class:`Row` per template row (``new_received`` … ``carried_forward``)."""

    _children = {"*": Row}

    def __repr__(self) -> str:
        t = self._data.get("new_received", {}).get("total")
        return f"Applications(new_received.total={t!r}, rows={len(self._data)})"

    def to_frame(self):
        """The table as a pandas DataFrame: the contract's row keys as index, its column
        keys as columns (``organizations`` only where the report prints it), nullable
        integers so blanks stay ``<NA>``. ``other_handling`` is a row only where the
        report prints the single （六）其他处理 row."""
        pd = _require_pandas()
        columns = list(APPLICANT_COLUMNS)
        if any("organizations" in r for r in self._data.values()):
            columns.append("organizations")
        columns.append("total")
        frame = pd.DataFrame(
            [[row.get(c) for c in columns] for row in self._data.values()],
            index=list(self._data),
            columns=columns,
            dtype="Int64",
        )
        frame.index.name = "row"
        return frame


class Report(_Record):
    """One parsed report. Attributes follow the JSON contract: ``schema_version``,
    ``template``, ``meta``, ``sections``, ``active_disclosure``, ``applications``,
    ``review_litigation``, ``diagnostics``; ``source`` names the file it came from.

    The report itself is held in Rust (``_raw``); :meth:`tidy`, :meth:`rates` and the
    collection functions read it there, and the attributes are made into Python data on
    first use."""

    __slots__ = ("_raw",)
    _children = {
        "meta": Meta,
        "sections": Section,
        "active_disclosure": ActiveDisclosure,
        "applications": Applications,
        "review_litigation": ReviewLitigation,
        "diagnostics": Diagnostic,
    }

    def __init__(self, json_text: Union[str, bytes], source: Optional[PathLike] = None):
        """A report from its contract JSON (``str`` or UTF-8 ``bytes``, as
        :meth:`to_json` or the CLI writes it); raises ``ValueError`` if it is not one."""
        raw = _gongkai.RawReport.from_json(json_text, None if source is None else _path(source))
        object.__setattr__(self, "_raw", raw)

    @classmethod
    def _wrap(cls, raw: "_gongkai.RawReport") -> "Report":
        self = object.__new__(cls)
        object.__setattr__(self, "_raw", raw)
        return self

    def __getattr__(self, name: str) -> Any:
        if name == "_data":
            # The dict view, built from the Rust report the first time it is needed
            # (looked up directly: a missing _raw must not come back here).
            data = object.__getattribute__(self, "_raw").to_dict()
            object.__setattr__(self, "_data", data)
            return data
        return super().__getattr__(name)

    @property
    def source(self) -> Optional[str]:
        """The path the report was read from, exactly as the OS gave it, or None. A file
        name that is not UTF-8 keeps its bytes as lone surrogates (as ``os.fsdecode``
        gives them), so ``open(report.source)`` opens that file; frames, Arrow tables
        and :meth:`tidy` show such a name with U+FFFD for the bytes."""
        return self._raw.source

    @property
    def errors(self) -> List[Diagnostic]:
        """The diagnostics of severity ``error``: a value could not be read, or a check
        failed."""
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> List[Diagnostic]:
        """The diagnostics of severity ``warning``: a value was read with doubt."""
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def notes(self) -> List[Diagnostic]:
        """The diagnostics of severity ``note``: facts that need no action (a blank cell,
        a check over blank cells, a part not found, the input's encoding)."""
        return [d for d in self.diagnostics if d.severity == "note"]

    def to_json(self, indent: Optional[int] = None) -> str:
        """The report as contract JSON (compact unless ``indent`` is given)."""
        if indent is None:
            return self._raw.to_json()
        return json.dumps(self._data, ensure_ascii=False, indent=indent)

    def tidy(self) -> List[dict]:
        """Every cell of parts 2–4 as dicts: source, agency, year, table, row, column,
        value (``None`` when blank), template (``"2019"``/``"2021"``), unit (件, 项,
        万元; ``None`` where the template fixes none) and flag (the diagnostic codes on
        the value, ``;``-separated, ``""`` when clean)."""
        return self._raw.tidy()

    def rates(self) -> dict:
        """The report's rates as ``{key: value}`` (``None`` where a count is blank or the
        denominator is 0): the shares of requests granted, partially granted, withheld,
        unavailable, rejected and otherwise handled among （七）总计, and the shares of
        reviews and lawsuits with an outcome that corrected the agency. The formulas are
        in :data:`RATE_FORMULAS`."""
        return self._raw.rates()

    def __repr__(self) -> str:
        m = self._data["meta"]
        severities = [d["severity"] for d in self._data["diagnostics"]]
        n_err, n_warn, n_note = (severities.count(s) for s in ("error", "warning", "note"))
        src = f" source={self.source!r}" if self.source else ""
        return (
            f"<Report{src} agency={m.get('agency')!r} year={m.get('year')!r} "
            f"template={self._data['template']!r} errors={n_err} warnings={n_warn} "
            f"notes={n_note}>"
        )


class Failure:
    """A file of :func:`parse_many` that could not be parsed (``errors="return"``).
    It is falsy; ``error`` is the exception, ``source`` the path."""

    __slots__ = ("source", "error")

    def __init__(self, source: str, error: Exception):
        self.source = source
        self.error = error

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"<Failure source={self.source!r}: {self.error}>"


PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


class SkippedFileWarning(UserWarning):
    """A file in a folder given to :func:`parse_many` or :func:`iter_parse` was not read
    (not a kind of file gongkai reads, or not a regular file); the message says which and
    why."""


def _is_path(x: Any) -> bool:
    return isinstance(x, (str, bytes, os.PathLike))


def _expand(paths: Union[PathLike, Iterable[PathLike]]) -> Iterator[str]:
    """The files to read: a single path or an iterable of them; a folder stands for the
    report files under it, in name order, each file left out named in a
    :class:`SkippedFileWarning`. A folder with no report file raises
    ``FileNotFoundError``."""
    if _is_path(paths):
        paths = [paths]
    for p in paths:
        p = _path(p)
        if not os.path.isdir(p):
            yield p
            continue
        found = 0
        skipped = 0
        for folder, dirs, files in os.walk(p):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(folder, name)
                why = _gongkai.not_read_reason(full)
                if why is None and not os.path.isfile(full):
                    why = "not a regular file (a FIFO, socket or device)"
                if why is None:
                    found += 1
                    yield full
                    continue
                skipped += 1
                warnings.warn(f"{full}: skipped: {why}", SkippedFileWarning, stacklevel=3)
        if found == 0:
            raise FileNotFoundError(
                errno.ENOENT, f"no report file to read ({skipped} skipped)", p
            )


def _path(p: PathLike) -> str:
    """A path as a str: ``bytes`` paths (a GBK file name from a Windows archive) are
    decoded as the OS does, so the file they name is the one read."""
    return os.fsdecode(p)


def parse(
    data: Union[str, bytes, bytearray, memoryview], max_bytes: Optional[int] = None, **budgets: int
) -> Report:
    """Parses one report from its text (``str``: plain text or an HTML page) or its bytes
    (a .docx, .doc, .wps or PDF file, or text or HTML in UTF-8 with or without BOM, UTF-16 with BOM,
    GB18030/GBK). Raises :class:`ParseError` for bytes that are empty or not a report, or
    larger than ``max_bytes`` (default 128 MiB); text always parses, with diagnostics for
    what could not be read.

    ``budgets`` bound what one PDF may cost, whatever its size: ``max_decoded_bytes``
    (default 32 MiB plus six times the file's size), ``max_pages`` (2,000),
    ``max_glyphs`` (2 million) and ``max_operators`` (4 million); and what OCR of a scan
    or picture may cost: ``max_ocr_pixels`` (16 million plus 100 per byte of the file).
    Past one, reading stops there with a ``too_large`` error diagnostic."""
    if isinstance(data, str):
        return Report._wrap(_gongkai.parse_text(data))
    if isinstance(data, (bytes, bytearray, memoryview)):
        return Report._wrap(_gongkai.parse_bytes(bytes(data), max_bytes, budgets or None))
    raise TypeError(f"parse() takes str or bytes, not {type(data).__name__}")


def parse_file(path: PathLike, max_bytes: Optional[int] = None, **budgets: int) -> Report:
    """Reads and parses one report file (``str``, ``bytes`` or ``os.PathLike`` path).
    Raises ``FileNotFoundError``/``OSError`` when the file cannot be read and
    :class:`ParseError` when it is not a report's text or is larger than ``max_bytes``
    (default 128 MiB; refused before it is read). ``budgets`` as for :func:`parse`."""
    return Report._wrap(_gongkai.parse_file(_path(path), max_bytes, budgets or None))


Progress = Union[bool, Callable[[int, Optional[int]], Any], None]


class _Progress:
    """What ``progress=`` asks for: a tqdm bar (in a notebook, its widget) when tqdm is
    installed, else a line on standard error; or the caller's function, called as
    ``progress(done, total)`` after each chunk (``total`` is None when the paths are an
    iterable of unknown length)."""

    def __init__(self, progress: Progress, total: Optional[int]):
        self.done = 0
        self.total = total
        self.call = progress if callable(progress) else None
        self.bar = None
        self.line = False
        if progress and self.call is None:
            try:
                from tqdm.auto import tqdm

                self.bar = tqdm(total=total, unit="file", desc="gongkai")
            except ImportError:
                self.line = True

    def update(self, n: int) -> None:
        self.done += n
        if self.call is not None:
            self.call(self.done, self.total)
        elif self.bar is not None:
            self.bar.update(n)
        elif self.line:
            of = f"/{self.total}" if self.total is not None else ""
            print(f"\rgongkai: {self.done}{of} files", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.line and self.done:
            print(file=sys.stderr)


def parse_many(
    paths: Union[PathLike, Iterable[PathLike]],
    threads: Optional[int] = None,
    errors: str = "return",
    max_bytes: Optional[int] = None,
    progress: Progress = None,
    **budgets: int,
) -> List[Union[Report, Failure]]:
    """Parses many files in parallel in Rust, with the GIL released, and returns them in
    input order. ``paths`` is a path or an iterable of paths (``str``, ``bytes``,
    ``pathlib.Path``); a folder stands for every report file under it, in name order
    (other files are named in a :class:`SkippedFileWarning`; a folder with none raises
    ``FileNotFoundError``). ``threads`` defaults to the number of cores.

    ``errors`` says what happens to a file that cannot be read or parsed:
    ``"return"`` (default) puts a falsy :class:`Failure` in its place, ``"skip"`` leaves
    it out, ``"raise"`` raises the first failure's exception after all files are parsed.
    A file larger than ``max_bytes`` (default 128 MiB) fails with :class:`ParseError`;
    ``budgets`` as for :func:`parse`.

    ``progress=True`` shows a progress bar (tqdm's, a widget in a notebook, when tqdm is
    installed; else a line on standard error); a function is called as
    ``progress(done, total)`` as files finish.
    """
    ps = list(_expand(paths))
    out: List[Union[Report, Failure]] = []
    pending: Optional[Exception] = None
    # Without progress the whole list is one chunk (the result holds every report
    # anyway); with it, chunks of a few files per thread, so the count moves.
    n = threads or os.cpu_count() or 1
    chunk = max(len(ps), 1) if not progress else 4 * n
    for r in iter_parse(
        ps,
        threads=threads,
        errors="return" if errors == "raise" else errors,
        chunk=chunk,
        max_bytes=max_bytes,
        progress=progress,
        **budgets,
    ):
        if isinstance(r, Failure) and errors == "raise":
            pending = pending or r.error
            continue
        out.append(r)
    if pending is not None:
        raise pending
    return out


def iter_parse(
    paths: Union[PathLike, Iterable[PathLike]],
    threads: Optional[int] = None,
    errors: str = "return",
    chunk: Optional[int] = None,
    max_bytes: Optional[int] = None,
    progress: Progress = None,
    **budgets: int,
) -> Iterator[Union[Report, Failure]]:
    """Like :func:`parse_many`, but yields the reports in input order as they are parsed,
    ``chunk`` files at a time (default: 64 per thread), so memory holds one chunk, not the
    whole batch: for folders of hundreds of thousands of reports. ``paths`` may be any
    iterable, e.g. ``pathlib.Path("reports").rglob("*.html")``; ``progress`` as for
    :func:`parse_many` (its total is None unless ``paths`` has a length, a list say)."""
    if errors not in ("return", "skip", "raise"):
        raise ValueError(f"errors must be 'return', 'skip' or 'raise', not {errors!r}")
    if threads is not None and threads < 1:
        raise ValueError("threads must be at least 1")
    if chunk is not None and chunk < 1:
        raise ValueError("chunk must be at least 1")
    if max_bytes is not None and max_bytes < 1:
        raise ValueError("max_bytes must be at least 1")
    n = threads or os.cpu_count() or 1
    size = chunk if chunk is not None else 64 * n
    batch: List[str] = []

    try:
        total: Optional[int] = len(paths) if not _is_path(paths) else None  # type: ignore[arg-type]
    except TypeError:
        total = None
    shown = _Progress(progress, total)

    def run(batch: List[str]) -> Iterator[Union[Report, Failure]]:
        results = _gongkai.parse_many(batch, threads, max_bytes, budgets or None)
        shown.update(len(batch))
        for path, (raw, err) in zip(batch, results):
            if err is None:
                yield Report._wrap(raw)
            elif errors == "raise":
                raise err
            elif errors == "return":
                yield Failure(path, err)

    try:
        for p in _expand(paths):
            batch.append(p)
            if len(batch) >= size:
                yield from run(batch)
                batch = []
        if batch:
            yield from run(batch)
    finally:
        shown.close()


_LIBRARIES = ("pandas", "polars", "pyarrow")


def _raw(reports: Iterable[Union[Report, Failure]]) -> list:
    """The Rust report of each report, for the core's tables; failures are skipped."""
    return [r._raw for r in reports if isinstance(r, Report)]


def _frame(table: Table, library: str):
    """A data frame of ``library`` from an Arrow table of the core."""
    if library == "pandas":
        pd = _require_pandas()
        dtypes = {"int64": "Int64", "int32": "Int32", "float64": "Float64", "string": object}
        data = table.to_pydict()
        return pd.DataFrame(
            {
                name: pd.array(data[name], dtype=dtypes[kind])
                for name, kind in zip(table.columns, table.types)
            },
            columns=table.columns,
        )
    if library == "polars":
        try:
            import polars as pl
        except ImportError as e:
            raise ImportError("library='polars' needs polars: pip install polars") from e
        # The Arrow PyCapsule stream interface: no pyarrow, no copy through Python objects.
        return pl.DataFrame(table)
    if library == "pyarrow":
        try:
            import pyarrow as pa
        except ImportError as e:
            raise ImportError("library='pyarrow' needs pyarrow: pip install pyarrow") from e
        return pa.table(table)
    raise ValueError(f"library must be one of {_LIBRARIES}, not {library!r}")


def to_arrow(reports: Iterable[Union[Report, Failure]], shape: str = "wide") -> Table:
    """The reports as an Arrow table (a :class:`Table`, which any library that speaks the
    Arrow PyCapsule interface takes: ``polars.DataFrame(t)``, ``pyarrow.table(t)``,
    DuckDB). ``shape="wide"``: one row per report; ``"long"``: one row per value, counts
    in ``value`` (Int64) and amounts in ``amount`` (Float64). Nulls stay null."""
    return _gongkai.collection_table(_raw(reports), shape)


def to_frame(
    reports: Iterable[Union[Report, Failure]],
    labels: Optional[str] = None,
    shape: str = "long",
    library: str = "pandas",
):
    """A data frame of many reports. Failures are skipped; blank cells are null
    (``<NA>`` in pandas), never 0.

    ``shape="long"`` (default): one row per cell, with the columns of
    :data:`TIDY_COLUMNS`: source, agency, year, template, table, row, column, ``value``
    (counts, Int64), ``amount`` (amounts: fees in 万元 and template 2019's procurement
    amount, Float64; each row has one or the other), unit and flag. It is the Arrow
    long form (:func:`to_arrow`) whatever the library, so pandas, polars and pyarrow get
    the same columns and types; in pandas only, ``flag`` is ``""`` where the value is
    clean (null in Arrow), as :meth:`Report.tidy` gives it. ``labels="zh"`` adds
    ``row_label`` and ``column_label`` as the template prints them (pandas only).

    ``shape="wide"``: one row per report: source, agency, year, template, errors,
    warnings, then one column per value (``applications.new_received.total``...) and
    per rate (``rates.granted``...). Count columns are nullable integers.

    ``library`` is ``"pandas"`` (default), ``"polars"`` or ``"pyarrow"``; polars and
    pyarrow get the data through the Arrow PyCapsule interface, and neither is needed
    unless asked for."""
    if shape not in ("long", "wide"):
        raise ValueError(f"shape must be 'long' or 'wide', not {shape!r}")
    if library not in _LIBRARIES:
        raise ValueError(f"library must be one of {_LIBRARIES}, not {library!r}")
    if labels not in (None, "zh"):
        raise ValueError(f"labels must be None or 'zh', not {labels!r}")
    if labels is not None and (shape != "long" or library != "pandas"):
        raise ValueError("labels='zh' is for the long pandas frame")
    frame = _frame(to_arrow(reports, shape), library)
    if shape == "wide" or library != "pandas":
        return frame
    frame["flag"] = frame["flag"].fillna("")
    if labels == "zh":
        cache: dict = {}
        keys = zip(frame["table"], frame["template"], frame["row"], frame["column"])
        pairs = [
            cache[key] if key in cache else cache.setdefault(key, _gongkai.template_labels(*key))
            for key in keys
        ]
        frame["row_label"] = [row for row, _ in pairs]
        frame["column_label"] = [column for _, column in pairs]
    return frame


def audit(reports: Iterable[Union[Report, Failure]], library: str = "pandas"):
    """What only several reports show, as a frame with one row per finding: kind,
    agency, source, year, other_source, other_year, field, value, other_field,
    other_value, message. Kinds: ``carry_over_mismatch`` (last year's
    结转下年度继续办理 is not this year's 上年结转, same agency), ``identical_tables`` and
    ``repeated_prose`` (likely copies), ``same_year`` (two reports for one agency and
    year). Agencies are matched with or without their higher-level places (淮安市洪泽区人民政府
    is 洪泽区人民政府); reports without agency or year are left out. Sources are
    :attr:`Report.source`."""
    return _frame(_gongkai.audit_table(_raw(reports)), library)


def rates(reports: Iterable[Union[Report, Failure]], by: str = "year", library: str = "pandas"):
    """The rates pooled per group (``by`` = ``"year"``, ``"agency"``, ``"template"`` or
    ``"all"``): each rate's numerators and denominators added over the reports that
    have both, so large offices weigh more. One row per group: the group, ``reports``,
    each rate of :data:`RATE_FORMULAS`, and each rate's ``_numerator`` and
    ``_denominator``. A rate is null where its denominator is null or 0."""
    return _frame(_gongkai.rates_table(_raw(reports), by), library)


def diagnostic_codes() -> List[tuple]:
    """Every diagnostic code as (code, severity, meaning)."""
    return list(_gongkai.diagnostic_codes())
