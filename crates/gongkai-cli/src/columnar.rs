//! Parquet output: the long and the wide form as typed columns (built by
//! `gongkai-arrow`). Counts are 64-bit integer columns and amounts float columns, and a
//! blank is a null in either: DuckDB, polars and pandas read the file with its types and
//! nulls as they are.

#[cfg(feature = "parquet")]
pub(crate) use writer::{ParquetSink, Shape};

#[cfg(feature = "parquet")]
mod writer {
    use std::fs::File;
    use std::io;
    use std::path::Path;

    use gongkai::Report;
    pub(crate) use gongkai_arrow::Shape;
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;

    /// Rows buffered before they are written as one row group.
    const ROWS_PER_GROUP: usize = 64 * 1024;

    /// Reports collected into a Parquet file, written as they come in row groups.
    pub(crate) struct ParquetSink {
        collector: gongkai_arrow::Collector,
        writer: ArrowWriter<File>,
    }

    impl ParquetSink {
        /// Creates the file.
        pub(crate) fn create(path: &Path, shape: Shape) -> io::Result<ParquetSink> {
            let collector = gongkai_arrow::Collector::new(shape);
            let file = File::create(path)?;
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .build();
            let writer = ArrowWriter::try_new(file, collector.schema(), Some(props))
                .map_err(io::Error::other)?;
            Ok(ParquetSink { collector, writer })
        }

        /// Adds one report.
        pub(crate) fn add(&mut self, source: &str, r: &Report) -> io::Result<()> {
            self.collector.add(source, r);
            if self.collector.rows() >= ROWS_PER_GROUP {
                self.flush()?;
            }
            Ok(())
        }

        fn flush(&mut self) -> io::Result<()> {
            if self.collector.rows() == 0 {
                return Ok(());
            }
            let batch = self.collector.finish().map_err(io::Error::other)?;
            self.writer.write(&batch).map_err(io::Error::other)
        }

        /// Writes what is left and closes the file.
        pub(crate) fn finish(mut self) -> io::Result<()> {
            self.flush()?;
            self.writer.close().map_err(io::Error::other)?;
            Ok(())
        }
    }
}

/// A build without the `parquet` feature has no Parquet writer: `--format parquet` is
/// refused before any file is read (`main`), so no sink is ever made and the type has
/// no values. It lets the batch loop keep one shape in either build.
#[cfg(not(feature = "parquet"))]
pub(crate) enum ParquetSink {}

#[cfg(not(feature = "parquet"))]
impl ParquetSink {
    /// Never called: there is no sink to add to.
    pub(crate) fn add(&mut self, _: &str, _: &gongkai::Report) -> std::io::Result<()> {
        match *self {}
    }

    /// Never called: there is no sink to finish.
    pub(crate) fn finish(self) -> std::io::Result<()> {
        match self {}
    }
}
