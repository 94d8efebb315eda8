//! Collections as Arrow tables for Python: the wide and long forms, audit findings and
//! pooled rates, built by `gongkai-arrow`. A [`Table`] speaks the Arrow PyCapsule stream
//! interface (`__arrow_c_stream__`), so polars and pyarrow take it without a copy through
//! Python objects, and it gives its columns as lists for pandas without pyarrow.

use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch, RecordBatchIterator};
use arrow_schema::DataType;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList};

/// A table of a collection (one Arrow record batch).
#[pyclass(frozen, module = "gongkai")]
pub struct Table {
    batch: RecordBatch,
}

fn arrow_err(e: arrow_schema::ArrowError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

#[pymethods]
impl Table {
    /// The Arrow C stream of the table, in a capsule named `arrow_array_stream` (the
    /// Arrow PyCapsule interface). A requested schema is not applied.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let schema = self.batch.schema();
        let reader = RecordBatchIterator::new([Ok(self.batch.clone())], schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// The column names, in order.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    /// The type of each column: `string`, `int32`, `int64` or `float64`.
    #[getter]
    fn types(&self) -> Vec<&'static str> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| match f.data_type() {
                DataType::Utf8 => "string",
                DataType::Int32 => "int32",
                DataType::Int64 => "int64",
                _ => "float64",
            })
            .collect()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    /// The columns as a dict of lists, `None` for nulls.
    fn to_pydict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        let schema = self.batch.schema();
        for (field, col) in schema.fields().iter().zip(self.batch.columns()) {
            let n = col.len();
            let list = PyList::empty(py);
            match field.data_type() {
                DataType::Utf8 => {
                    let a = col.as_string::<i32>();
                    for i in 0..n {
                        list.append(a.is_valid(i).then(|| a.value(i)))?;
                    }
                }
                DataType::Int32 => {
                    let a = col.as_primitive::<Int32Type>();
                    for i in 0..n {
                        list.append(a.is_valid(i).then(|| a.value(i)))?;
                    }
                }
                DataType::Int64 => {
                    let a = col.as_primitive::<Int64Type>();
                    for i in 0..n {
                        list.append(a.is_valid(i).then(|| a.value(i)))?;
                    }
                }
                _ => {
                    let a = col.as_primitive::<Float64Type>();
                    for i in 0..n {
                        list.append(a.is_valid(i).then(|| a.value(i)))?;
                    }
                }
            }
            out.set_item(field.name(), list)?;
        }
        Ok(out)
    }

    fn __repr__(&self) -> String {
        format!(
            "<gongkai.Table {} rows × {} columns>",
            self.batch.num_rows(),
            self.batch.num_columns()
        )
    }
}

/// Reports given as (JSON, source) pairs.
fn reports(items: Vec<(Vec<u8>, String)>) -> PyResult<Vec<(String, gongkai::Report)>> {
    items
        .into_iter()
        .map(|(json, source)| Ok((source, crate::report_from_json(&json)?)))
        .collect()
}

/// The long (`"long"`) or wide (`"wide"`) form of reports given as (JSON, source) pairs.
#[pyfunction]
pub fn collection_table(items: Vec<(Vec<u8>, String)>, shape: &str) -> PyResult<Table> {
    let shape = match shape {
        "long" => gongkai_arrow::Shape::Long,
        "wide" => gongkai_arrow::Shape::Wide,
        other => {
            return Err(PyValueError::new_err(format!(
                "shape must be \"long\" or \"wide\", not {other:?}"
            )))
        }
    };
    let mut collector = gongkai_arrow::Collector::new(shape);
    for (source, report) in reports(items)? {
        collector.add(&source, &report);
    }
    Ok(Table {
        batch: collector.finish().map_err(arrow_err)?,
    })
}

/// The audit findings of reports given as (JSON, source) pairs.
#[pyfunction]
pub fn audit_table(items: Vec<(Vec<u8>, String)>) -> PyResult<Table> {
    let reports = reports(items)?;
    let sources: Vec<gongkai::Source<'_>> = reports
        .iter()
        .map(|(source, report)| gongkai::Source { source, report })
        .collect();
    let findings = gongkai::audit(&sources);
    Ok(Table {
        batch: gongkai_arrow::findings(&findings).map_err(arrow_err)?,
    })
}

/// Pooled rates of reports given as (JSON, source) pairs, grouped `by` year, agency,
/// template or all.
#[pyfunction]
pub fn rates_table(items: Vec<(Vec<u8>, String)>, by: &str) -> PyResult<Table> {
    let group = gongkai::GroupBy::from_name(by).ok_or_else(|| {
        PyValueError::new_err(format!(
            "by must be \"year\", \"agency\", \"template\" or \"all\", not {by:?}"
        ))
    })?;
    let reports = reports(items)?;
    let all: Vec<&gongkai::Report> = reports.iter().map(|(_, r)| r).collect();
    let rows = gongkai::rates_by(&all, group);
    let name = if group == gongkai::GroupBy::All {
        "group"
    } else {
        by
    };
    Ok(Table {
        batch: gongkai_arrow::rates(name, &rows).map_err(arrow_err)?,
    })
}

/// One rate of a report: key, value, numerator, denominator, formula.
type RateRow = (
    &'static str,
    Option<f64>,
    Option<u64>,
    Option<u64>,
    &'static str,
);

/// Each rate of one report given as its JSON: (key, value, numerator, denominator,
/// formula).
#[pyfunction]
pub fn report_rates(json: &[u8]) -> PyResult<Vec<RateRow>> {
    let rates = crate::report_from_json(json)?.rates();
    Ok(gongkai::RATES
        .iter()
        .zip(rates.values())
        .zip(rates.fractions)
        .map(|((r, v), (n, d))| (r.key, v, n, d, r.formula))
        .collect())
}
