//! Collections as Arrow tables for Python: the wide and long forms, audit findings and
//! pooled rates of [`RawReport`]s (borrowed where they are, with the GIL released), built
//! by `gongkai-arrow`. A [`Table`] speaks the Arrow PyCapsule stream interface
//! (`__arrow_c_stream__`), so polars and pyarrow take it without a copy through Python
//! objects, and it gives its columns as lists for pandas without pyarrow.

use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch, RecordBatchIterator};
use arrow_schema::DataType;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList};

use crate::RawReport;

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

/// The Rust reports of the Python ones, borrowed (the objects are immutable).
fn borrow<'a, 'py>(reports: &'a [Bound<'py, RawReport>]) -> Vec<&'a RawReport> {
    reports.iter().map(Bound::get).collect()
}

/// The long (`"long"`) or wide (`"wide"`) form of reports.
#[pyfunction]
pub fn collection_table(
    py: Python<'_>,
    reports: Vec<Bound<'_, RawReport>>,
    shape: &str,
) -> PyResult<Table> {
    let shape = match shape {
        "long" => gongkai_arrow::Shape::Long,
        "wide" => gongkai_arrow::Shape::Wide,
        other => {
            return Err(PyValueError::new_err(format!(
                "shape must be \"long\" or \"wide\", not {other:?}"
            )))
        }
    };
    let reports = borrow(&reports);
    let batch = py.detach(|| {
        let mut collector = gongkai_arrow::Collector::new(shape);
        for r in &reports {
            collector.add(&r.shown_source(), &r.report);
        }
        collector.finish()
    });
    Ok(Table {
        batch: batch.map_err(arrow_err)?,
    })
}

/// The audit findings of reports.
#[pyfunction]
pub fn audit_table(py: Python<'_>, reports: Vec<Bound<'_, RawReport>>) -> PyResult<Table> {
    let reports = borrow(&reports);
    let batch = py.detach(|| {
        let shown: Vec<_> = reports.iter().map(|r| r.shown_source()).collect();
        let sources: Vec<gongkai::Source<'_>> = reports
            .iter()
            .zip(&shown)
            .map(|(r, source)| gongkai::Source {
                source,
                report: &r.report,
            })
            .collect();
        gongkai_arrow::findings(&gongkai::audit(&sources))
    });
    Ok(Table {
        batch: batch.map_err(arrow_err)?,
    })
}

/// Pooled rates of reports, grouped `by` year, agency, template or all.
#[pyfunction]
pub fn rates_table(
    py: Python<'_>,
    reports: Vec<Bound<'_, RawReport>>,
    by: &str,
) -> PyResult<Table> {
    let group = gongkai::GroupBy::from_name(by).ok_or_else(|| {
        PyValueError::new_err(format!(
            "by must be \"year\", \"agency\", \"template\" or \"all\", not {by:?}"
        ))
    })?;
    let name = if group == gongkai::GroupBy::All {
        "group"
    } else {
        by
    };
    let reports = borrow(&reports);
    let batch = py.detach(|| {
        let all: Vec<&gongkai::Report> = reports.iter().map(|r| &r.report).collect();
        gongkai_arrow::rates(name, &gongkai::rates_by(&all, group))
    });
    Ok(Table {
        batch: batch.map_err(arrow_err)?,
    })
}
