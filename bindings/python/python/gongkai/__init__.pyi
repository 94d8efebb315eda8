"""Type stubs for gongkai: the report JSON contract as attributes."""

import os
from typing import Any, Callable, Dict, Iterator, Iterable, List, Literal, Optional, Tuple, Union

__version__: str
SCHEMA_VERSION: int

class ParseError(ValueError): ...

class Meta:
    title: Optional[str]
    agency: Optional[str]
    year: Optional[int]
    period_start: Optional[str]
    period_end: Optional[str]
    published: Optional[str]
    phone: Optional[str]
    address: Optional[str]
    def to_dict(self) -> dict: ...

class Section:
    number: int
    heading: str
    title: str
    text: str
    line: int
    def to_dict(self) -> dict: ...

class Diagnostic:
    severity: Literal["error", "warning", "note"]
    code: str
    message: str
    line: Optional[int]
    field: Optional[str]
    def to_dict(self) -> dict: ...

class Row:
    """A table row; attributes are the contract's column keys, e.g. ``natural_person``,
    ``total``, ``issued``, ``decisions``, ``upheld``. Blank cells are ``None``."""

    def __getattr__(self, name: str) -> Optional[Union[int, float]]: ...
    def to_dict(self) -> dict: ...

class ApplicationRow(Row):
    natural_person: Optional[int]
    commercial: Optional[int]
    research: Optional[int]
    social_welfare: Optional[int]
    legal_service: Optional[int]
    other: Optional[int]
    total: Optional[int]

class Applications:
    new_received: ApplicationRow
    carried_over: ApplicationRow
    granted: ApplicationRow
    partially_granted: ApplicationRow
    withheld_state_secret: ApplicationRow
    withheld_prohibited_by_law: ApplicationRow
    withheld_security_stability: ApplicationRow
    withheld_third_party_rights: ApplicationRow
    withheld_internal_affairs: ApplicationRow
    withheld_process_information: ApplicationRow
    withheld_enforcement_files: ApplicationRow
    withheld_query_matters: ApplicationRow
    unavailable_not_held: ApplicationRow
    unavailable_needs_creation: ApplicationRow
    unavailable_still_unclear: ApplicationRow
    rejected_complaint: ApplicationRow
    rejected_duplicate: ApplicationRow
    rejected_publication: ApplicationRow
    rejected_excessive: ApplicationRow
    rejected_reconfirmation: ApplicationRow
    other_overdue_correction: ApplicationRow
    other_unpaid_fee: ApplicationRow
    other_other: ApplicationRow
    total_processed: ApplicationRow
    carried_forward: ApplicationRow
    other_handling: ApplicationRow
    def to_frame(self): ...
    def to_dict(self) -> dict: ...

class ActiveDisclosure:
    rules: Row
    normative_documents: Row
    licensing: Row
    punishment: Row
    coercion: Row
    fees: Row
    other_services: Row
    procurement: Row
    def to_frame(self) -> Any: ...
    def to_dict(self) -> dict: ...

class ReviewLitigation:
    review: Row
    litigation_direct: Row
    litigation_after_review: Row
    def to_dict(self) -> dict: ...
    def to_frame(self) -> Any: ...

class Report:
    schema_version: int
    template: Literal["2021", "2019"]
    meta: Meta
    sections: List[Section]
    active_disclosure: ActiveDisclosure
    applications: Applications
    review_litigation: ReviewLitigation
    diagnostics: List[Diagnostic]
    def __init__(self, json_text: Union[str, bytes], source: Optional[PathLike] = ...) -> None: ...
    @property
    def source(self) -> Optional[str]: ...
    @property
    def errors(self) -> List[Diagnostic]: ...
    @property
    def warnings(self) -> List[Diagnostic]: ...
    @property
    def notes(self) -> List[Diagnostic]: ...
    def to_dict(self) -> dict: ...
    def to_json(self, indent: Optional[int] = ...) -> str: ...
    def tidy(self) -> List[dict]: ...
    def rates(self) -> Dict[str, Optional[float]]: ...

class Failure:
    source: str
    error: Exception
    def __bool__(self) -> Literal[False]: ...

PathLike = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]

def parse(
    data: Union[str, bytes, bytearray, memoryview], max_bytes: Optional[int] = ..., **budgets: int
) -> Report: ...
def parse_file(path: PathLike, max_bytes: Optional[int] = ..., **budgets: int) -> Report: ...
def parse_many(
    paths: Union[PathLike, Iterable[PathLike]],
    threads: Optional[int] = ...,
    errors: Literal["return", "skip", "raise"] = ...,
    max_bytes: Optional[int] = ...,
    progress: Union[bool, Callable[[int, Optional[int]], Any], None] = ...,
    **budgets: int,
) -> List[Union[Report, Failure]]: ...
def iter_parse(
    paths: Union[PathLike, Iterable[PathLike]],
    threads: Optional[int] = ...,
    errors: Literal["return", "skip", "raise"] = ...,
    chunk: Optional[int] = ...,
    max_bytes: Optional[int] = ...,
    progress: Union[bool, Callable[[int, Optional[int]], Any], None] = ...,
    **budgets: int,
) -> Iterator[Union[Report, Failure]]: ...
def to_frame(
    reports: Iterable[Union[Report, Failure]],
    labels: Optional[Literal["zh"]] = ...,
    shape: Literal["long", "wide"] = ...,
    library: Literal["pandas", "polars", "pyarrow"] = ...,
) -> Any: ...

class Table:
    """An Arrow table of a collection; speaks the Arrow PyCapsule stream interface."""
    @property
    def columns(self) -> List[str]: ...
    @property
    def types(self) -> List[Literal["string", "int32", "int64", "float64"]]: ...
    def to_pydict(self) -> Dict[str, list]: ...
    def __arrow_c_stream__(self, requested_schema: Any = ...) -> Any: ...
    def __len__(self) -> int: ...

RATE_FORMULAS: Dict[str, str]

def to_arrow(
    reports: Iterable[Union[Report, Failure]], shape: Literal["long", "wide"] = ...
) -> Table: ...
def audit(
    reports: Iterable[Union[Report, Failure]],
    library: Literal["pandas", "polars", "pyarrow"] = ...,
) -> Any: ...
def rates(
    reports: Iterable[Union[Report, Failure]],
    by: Literal["year", "agency", "template", "all"] = ...,
    library: Literal["pandas", "polars", "pyarrow"] = ...,
) -> Any: ...
def diagnostic_codes() -> List[Tuple[str, str, str]]: ...

class SkippedFileWarning(UserWarning): ...
