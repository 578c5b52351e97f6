//! `herald export --format parquet`: stored events as one Parquet file,
//! written in row groups of 64k events so memory stays bounded.

use anyhow::Context;
use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use herald_store::{EventQuery, EventRow, EventStore, QueryControl};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

const ROWS_PER_GROUP: usize = 65_536;

fn schema() -> Arc<Schema> {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let list = |name: &str| {
        Field::new(
            name,
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        )
    };
    Arc::new(Schema::new(vec![
        text("article_id", false),
        text("event_id", false),
        text("type", false),
        text("mode", true),
        Field::new("quad_class", DataType::Int64, false),
        text("cameo", false),
        list("source"),
        list("source_names"),
        list("target"),
        list("target_names"),
        text("date", true),
        text("date_precision", true),
        text("place", true),
        text("place_country", true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        text("location_basis", true),
        Field::new("sentence_index", DataType::Int64, false),
        text("sentence", false),
        text("trigger", false),
        Field::new("negated", DataType::Boolean, false),
        text("modality", false),
        Field::new("confidence", DataType::Float64, false),
        text("title", true),
        text("url", true),
        text("published", true),
    ]))
}

fn batch(schema: &Arc<Schema>, rows: &[EventRow]) -> anyhow::Result<RecordBatch> {
    let strings = |f: &dyn Fn(&EventRow) -> Option<&str>| -> ArrayRef {
        let mut b = StringBuilder::new();
        for r in rows {
            b.append_option(f(r));
        }
        Arc::new(b.finish())
    };
    let lists = |f: &dyn Fn(&EventRow) -> &Vec<String>| -> ArrayRef {
        let mut b = ListBuilder::new(StringBuilder::new());
        for r in rows {
            for v in f(r) {
                b.values().append_value(v);
            }
            b.append(true);
        }
        Arc::new(b.finish())
    };
    let ints = |f: &dyn Fn(&EventRow) -> i64| -> ArrayRef {
        let mut b = Int64Builder::new();
        for r in rows {
            b.append_value(f(r));
        }
        Arc::new(b.finish())
    };
    let floats = |f: &dyn Fn(&EventRow) -> Option<f64>| -> ArrayRef {
        let mut b = Float64Builder::new();
        for r in rows {
            b.append_option(f(r));
        }
        Arc::new(b.finish())
    };
    let mut negated = BooleanBuilder::new();
    for r in rows {
        negated.append_value(r.negated);
    }
    let columns: Vec<ArrayRef> = vec![
        strings(&|r| Some(&r.article_id)),
        strings(&|r| Some(&r.event_id)),
        strings(&|r| Some(&r.kind)),
        strings(&|r| r.mode.as_deref()),
        ints(&|r| r.quad_class),
        strings(&|r| Some(&r.cameo)),
        lists(&|r| &r.source),
        lists(&|r| &r.source_names),
        lists(&|r| &r.target),
        lists(&|r| &r.target_names),
        strings(&|r| r.date.as_deref()),
        strings(&|r| r.date_precision.as_deref()),
        strings(&|r| r.place.as_deref()),
        strings(&|r| r.place_country.as_deref()),
        floats(&|r| r.lat),
        floats(&|r| r.lon),
        strings(&|r| r.location_basis.as_deref()),
        ints(&|r| r.sentence_index),
        strings(&|r| Some(&r.sentence)),
        strings(&|r| Some(&r.trigger)),
        Arc::new(negated.finish()),
        strings(&|r| Some(&r.modality)),
        floats(&|r| Some(r.confidence)),
        strings(&|r| r.title.as_deref()),
        strings(&|r| r.url.as_deref()),
        strings(&|r| r.published.as_deref()),
    ];
    Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
}

/// Writes the events matching `query` to `path`; returns how many.
pub fn write(store: &dyn EventStore, query: &EventQuery, path: &Path) -> anyhow::Result<usize> {
    let schema = schema();
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props))?;
    let mut pending: Vec<EventRow> = Vec::with_capacity(ROWS_PER_GROUP);
    let mut total = 0usize;
    let mut failure: Option<anyhow::Error> = None;
    store.for_each_event(query, &QueryControl::unlimited(), &mut |e| {
        pending.push(e);
        if pending.len() >= ROWS_PER_GROUP {
            total += pending.len();
            if let Err(err) =
                batch(&schema, &pending).and_then(|b| writer.write(&b).map_err(Into::into))
            {
                failure = Some(err);
                return ControlFlow::Break(());
            }
            pending.clear();
        }
        ControlFlow::Continue(())
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    if !pending.is_empty() {
        total += pending.len();
        writer.write(&batch(&schema, &pending)?)?;
    }
    writer.close()?;
    Ok(total)
}
