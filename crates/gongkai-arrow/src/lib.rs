//! gongkai's collections as Apache Arrow record batches, with the types and nulls of the
//! report: counts in 64-bit integer columns, amounts and rates in float columns, a blank
//! a null in any of them. The CLI writes these batches to Parquet; the Python binding
//! hands them to polars, pyarrow or pandas through the Arrow C stream interface.
//!
//! ```
//! let report = gongkai::parse("四、政府信息公开行政复议、行政诉讼情况\n\
//!     1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
//! let mut wide = gongkai_arrow::Collector::new(gongkai_arrow::Shape::Wide);
//! wide.add("a.txt", &report);
//! let batch = wide.finish().unwrap();
//! assert_eq!(batch.num_rows(), 1);
//! let total = batch.column_by_name("review_litigation.review.total").unwrap();
//! use arrow_array::Array;
//! assert!(!total.is_null(0));
//! assert!(batch.column_by_name("applications.new_received.total").unwrap().is_null(0));
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use gongkai::{Finding, Rates, Report, ValueType, RATES, WIDE_LEADING_COLUMNS};

/// Which form a collection takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One row per value of the three tables: source, agency, year, template, table, row,
    /// column, `value` (counts, Int64), `amount` (amounts, Float64: each row has one or
    /// the other), unit, flag (diagnostic codes on the value, `;`-separated, or null).
    Long,
    /// One row per report: source, agency, year, template, errors, warnings, then one
    /// column per [`gongkai::wide_columns`] (Int64 or Float64).
    Wide,
}

/// One column being built.
enum Column {
    Text(StringBuilder),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float(Float64Builder),
}

impl Column {
    fn new(t: &DataType) -> Column {
        match t {
            DataType::Utf8 => Column::Text(StringBuilder::new()),
            DataType::Int32 => Column::Int32(Int32Builder::new()),
            DataType::Int64 => Column::Int64(Int64Builder::new()),
            _ => Column::Float(Float64Builder::new()),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Text(b) => Arc::new(b.finish()),
            Column::Int32(b) => Arc::new(b.finish()),
            Column::Int64(b) => Arc::new(b.finish()),
            Column::Float(b) => Arc::new(b.finish()),
        }
    }

    fn text(&mut self, v: Option<&str>) {
        if let Column::Text(b) = self {
            b.append_option(v);
        }
    }

    fn int(&mut self, v: Option<i64>) {
        match self {
            Column::Int64(b) => b.append_option(v),
            Column::Int32(b) => b.append_option(v.and_then(|v| i32::try_from(v).ok())),
            _ => {}
        }
    }

    fn float(&mut self, v: Option<f64>) {
        if let Column::Float(b) = self {
            b.append_option(v);
        }
    }
}

/// An empty column for each field of a schema.
fn columns(schema: &Schema) -> Vec<Column> {
    schema
        .fields()
        .iter()
        .map(|f| Column::new(f.data_type()))
        .collect()
}

/// A count as an Int64 value (counts never reach 2^63).
fn int(v: Option<u64>) -> Option<i64> {
    v.and_then(|v| i64::try_from(v).ok())
}

fn field(name: &str, t: DataType, nullable: bool) -> Field {
    Field::new(name, t, nullable)
}

/// The schema of a shape.
pub fn schema(shape: Shape) -> SchemaRef {
    let text = || DataType::Utf8;
    let fields: Vec<Field> = match shape {
        Shape::Long => vec![
            field("source", text(), false),
            field("agency", text(), true),
            field("year", DataType::Int32, true),
            field("template", text(), false),
            field("table", text(), false),
            field("row", text(), false),
            field("column", text(), false),
            field("value", DataType::Int64, true),
            field("amount", DataType::Float64, true),
            field("unit", text(), true),
            field("flag", text(), true),
        ],
        Shape::Wide => {
            let [source, agency, year, template, errors, warnings] = WIDE_LEADING_COLUMNS;
            let mut f = vec![
                field(source, text(), false),
                field(agency, text(), true),
                field(year, DataType::Int32, true),
                field(template, text(), false),
                field(errors, DataType::Int64, false),
                field(warnings, DataType::Int64, false),
            ];
            f.extend(gongkai::wide_columns().iter().map(|c| {
                let t = match c.value_type {
                    ValueType::Integer => DataType::Int64,
                    ValueType::Float => DataType::Float64,
                };
                field(&c.key, t, true)
            }));
            f
        }
    };
    Arc::new(Schema::new(fields))
}

/// Reports collected into the columns of a shape, a report at a time; [`Collector::finish`]
/// hands the rows collected so far over as a batch (and may be called again).
pub struct Collector {
    shape: Shape,
    schema: SchemaRef,
    columns: Vec<Column>,
    rows: usize,
    /// Value type of each `table.row.column` key (long form).
    types: HashMap<&'static str, ValueType>,
}

impl Collector {
    /// An empty collector.
    pub fn new(shape: Shape) -> Collector {
        let schema = schema(shape);
        let columns = columns(&schema);
        let types = gongkai::wide_columns()
            .iter()
            .map(|c| (c.key.as_str(), c.value_type))
            .collect();
        Collector {
            shape,
            schema,
            columns,
            rows: 0,
            types,
        }
    }

    /// The rows collected and not yet finished.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The schema of the batches.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Adds one report, under the name `source`.
    pub fn add(&mut self, source: &str, r: &Report) {
        let agency = r.meta.agency.as_deref();
        let year = r.meta.year.map(i64::from);
        let template = r.template.as_str();
        let cols = &mut self.columns;
        match self.shape {
            Shape::Long => {
                let mut key = String::new();
                for c in r.tidy() {
                    cols[0].text(Some(source));
                    cols[1].text(agency);
                    cols[2].int(year);
                    cols[3].text(Some(template));
                    cols[4].text(Some(c.table));
                    cols[5].text(Some(&c.row));
                    cols[6].text(Some(&c.column));
                    key.clear();
                    for (k, part) in [c.table, &c.row, &c.column].into_iter().enumerate() {
                        if k > 0 {
                            key.push('.');
                        }
                        key.push_str(part);
                    }
                    let v = c.value.as_ref();
                    if self.types.get(key.as_str()) == Some(&ValueType::Float) {
                        cols[7].int(None);
                        cols[8].float(v.and_then(|v| v.as_f64()));
                    } else {
                        cols[7].int(v.and_then(|v| v.as_i64()));
                        cols[8].float(None);
                    }
                    cols[9].text(c.unit);
                    let flags: Vec<&str> = c.flags.iter().map(|f| f.as_str()).collect();
                    cols[10].text((!flags.is_empty()).then(|| flags.join(";")).as_deref());
                    self.rows += 1;
                }
            }
            Shape::Wide => {
                let (errors, warnings) = r.counts();
                cols[0].text(Some(source));
                cols[1].text(agency);
                cols[2].int(year);
                cols[3].text(Some(template));
                cols[4].int(Some(errors as i64));
                cols[5].int(Some(warnings as i64));
                let values = r.wide();
                for (k, (v, c)) in values.iter().zip(gongkai::wide_columns()).enumerate() {
                    let v = v.as_ref();
                    match c.value_type {
                        ValueType::Integer => cols[6 + k].int(v.and_then(|v| v.as_i64())),
                        ValueType::Float => cols[6 + k].float(v.and_then(|v| v.as_f64())),
                    }
                }
                self.rows += 1;
            }
        }
    }

    /// The rows collected since the last call, as one batch.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        self.rows = 0;
        RecordBatch::try_new(self.schema.clone(), arrays)
    }
}

/// Audit findings as a batch: kind, agency, source, year, other_source, other_year, field,
/// value, other_field, other_value, message.
pub fn findings(findings: &[Finding]) -> Result<RecordBatch, ArrowError> {
    let t = DataType::Utf8;
    let schema = Arc::new(Schema::new(vec![
        field("kind", t.clone(), false),
        field("agency", t.clone(), false),
        field("source", t.clone(), false),
        field("year", DataType::Int32, false),
        field("other_source", t.clone(), false),
        field("other_year", DataType::Int32, false),
        field("field", t.clone(), true),
        field("value", DataType::Int64, true),
        field("other_field", t.clone(), true),
        field("other_value", DataType::Int64, true),
        field("message", t, false),
    ]));
    let mut cols = columns(&schema);
    for f in findings {
        cols[0].text(Some(f.kind.as_str()));
        cols[1].text(Some(&f.agency));
        cols[2].text(Some(&f.source));
        cols[3].int(Some(f.year.into()));
        cols[4].text(Some(&f.other_source));
        cols[5].int(Some(f.other_year.into()));
        cols[6].text(f.field.as_deref());
        cols[7].int(int(f.value));
        cols[8].text(f.other_field.as_deref());
        cols[9].int(int(f.other_value));
        cols[10].text(Some(&f.message));
    }
    RecordBatch::try_new(schema, cols.iter_mut().map(Column::finish).collect())
}

/// Pooled rates by group as a batch: the group's name in a column called `by`, the
/// number of reports, each rate of [`RATES`] (Float64), then each rate's numerator and
/// denominator (Int64).
pub fn rates(by: &str, groups: &[(String, Rates)]) -> Result<RecordBatch, ArrowError> {
    let mut fields = vec![
        field(by, DataType::Utf8, true),
        field("reports", DataType::Int64, false),
    ];
    for r in RATES {
        fields.push(field(r.key, DataType::Float64, true));
    }
    for r in RATES {
        fields.push(field(
            &format!("{}_numerator", r.key),
            DataType::Int64,
            true,
        ));
        fields.push(field(
            &format!("{}_denominator", r.key),
            DataType::Int64,
            true,
        ));
    }
    let schema = Arc::new(Schema::new(fields));
    let mut cols = columns(&schema);
    for (name, rates) in groups {
        cols[0].text((!name.is_empty()).then_some(name.as_str()));
        cols[1].int(Some(rates.reports as i64));
        for (k, v) in rates.values().into_iter().enumerate() {
            cols[2 + k].float(v);
        }
        for (k, (n, d)) in rates.fractions.into_iter().enumerate() {
            cols[2 + RATES.len() + 2 * k].int(int(n));
            cols[3 + RATES.len() + 2 * k].int(int(d));
        }
    }
    RecordBatch::try_new(schema, cols.iter_mut().map(Column::finish).collect())
}
