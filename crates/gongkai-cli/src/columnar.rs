//! Parquet output: the long and the wide form as typed columns. Counts are 64-bit
//! integer columns and amounts float columns, and a blank is a null in either: DuckDB,
//! polars and pandas read the file with its types and nulls as they are.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use gongkai::{Report, ValueType};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

/// Rows buffered before they are written as one row group.
const ROWS_PER_GROUP: usize = 64 * 1024;

/// One column being built.
enum Column {
    Text(StringBuilder),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float(Float64Builder),
}

impl Column {
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

/// Which form a Parquet file holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One row per value: the columns of the tidy CSV, with the value split by type.
    Long,
    /// One row per report.
    Wide,
}

/// The columns of the long form. `value` holds the counts, `amount` the amounts (fees
/// in 万元, template 2019's procurement amount): each row has one or the other.
const LONG: [(&str, DataType, bool); 11] = [
    ("source", DataType::Utf8, false),
    ("agency", DataType::Utf8, true),
    ("year", DataType::Int32, true),
    ("template", DataType::Utf8, false),
    ("table", DataType::Utf8, false),
    ("row", DataType::Utf8, false),
    ("column", DataType::Utf8, false),
    ("value", DataType::Int64, true),
    ("amount", DataType::Float64, true),
    ("unit", DataType::Utf8, true),
    ("flag", DataType::Utf8, true),
];

fn builder(t: &DataType) -> Column {
    match t {
        DataType::Utf8 => Column::Text(StringBuilder::new()),
        DataType::Int32 => Column::Int32(Int32Builder::new()),
        DataType::Int64 => Column::Int64(Int64Builder::new()),
        _ => Column::Float(Float64Builder::new()),
    }
}

/// Reports collected into a Parquet file, written as they come in row groups.
pub(crate) struct ParquetSink {
    shape: Shape,
    schema: Arc<Schema>,
    columns: Vec<Column>,
    rows: usize,
    writer: ArrowWriter<File>,
    /// Value type of each `table.row.column` key (long form).
    types: HashMap<&'static str, ValueType>,
}

impl ParquetSink {
    /// Creates the file.
    pub(crate) fn create(path: &Path, shape: Shape) -> io::Result<ParquetSink> {
        let fields: Vec<Field> = match shape {
            Shape::Long => LONG
                .iter()
                .map(|(n, t, null)| Field::new(*n, t.clone(), *null))
                .collect(),
            Shape::Wide => {
                let lead = [
                    ("source", DataType::Utf8, false),
                    ("agency", DataType::Utf8, true),
                    ("year", DataType::Int32, true),
                    ("template", DataType::Utf8, false),
                    ("errors", DataType::Int64, false),
                    ("warnings", DataType::Int64, false),
                ];
                let lead = lead.into_iter().map(|(n, t, null)| Field::new(n, t, null));
                let values = gongkai::wide_columns().iter().map(|c| {
                    let t = match c.value_type {
                        ValueType::Integer => DataType::Int64,
                        ValueType::Float => DataType::Float64,
                    };
                    Field::new(&c.key, t, true)
                });
                lead.chain(values).collect()
            }
        };
        let columns = fields.iter().map(|f| builder(f.data_type())).collect();
        let schema = Arc::new(Schema::new(fields));
        let file = File::create(path)?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer =
            ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(io::Error::other)?;
        let types = gongkai::wide_columns()
            .iter()
            .map(|c| (c.key.as_str(), c.value_type))
            .collect();
        Ok(ParquetSink {
            shape,
            schema,
            columns,
            rows: 0,
            writer,
            types,
        })
    }

    /// Adds one report.
    pub(crate) fn add(&mut self, source: &str, r: &Report) -> io::Result<()> {
        let agency = r.meta.agency.as_deref();
        let year = r.meta.year.map(i64::from);
        let template = r.template.as_str();
        match self.shape {
            Shape::Long => {
                let mut key = String::new();
                for c in r.tidy() {
                    let cols = &mut self.columns;
                    cols[0].text(Some(source));
                    cols[1].text(agency);
                    cols[2].int(year);
                    cols[3].text(Some(template));
                    cols[4].text(Some(c.table));
                    cols[5].text(Some(&c.row));
                    cols[6].text(Some(&c.column));
                    key.clear();
                    key.push_str(&format!("{}.{}.{}", c.table, c.row, c.column));
                    let float = self.types.get(key.as_str()) == Some(&ValueType::Float);
                    let v = c.value.as_ref();
                    if float {
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
                let cols = &mut self.columns;
                cols[0].text(Some(source));
                cols[1].text(agency);
                cols[2].int(year);
                cols[3].text(Some(template));
                cols[4].int(Some(errors as i64));
                cols[5].int(Some(warnings as i64));
                for (k, (v, c)) in r.wide().iter().zip(gongkai::wide_columns()).enumerate() {
                    let col = &mut cols[6 + k];
                    match c.value_type {
                        ValueType::Integer => col.int(v.as_ref().and_then(|v| v.as_i64())),
                        ValueType::Float => col.float(v.as_ref().and_then(|v| v.as_f64())),
                    }
                }
                self.rows += 1;
            }
        }
        if self.rows >= ROWS_PER_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(io::Error::other)?;
        self.writer.write(&batch).map_err(io::Error::other)?;
        self.rows = 0;
        Ok(())
    }

    /// Writes what is left and closes the file.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.flush()?;
        self.writer.close().map_err(io::Error::other)?;
        Ok(())
    }
}
