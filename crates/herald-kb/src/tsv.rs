//! Reading the knowledge files: `#` header lines, then tab-separated rows.

use crate::KbError;

/// One data row with its file and line, for error messages.
pub struct Row<'a> {
    pub file: &'static str,
    pub line: usize,
    pub cols: Vec<&'a str>,
}

impl<'a> Row<'a> {
    pub fn get(&self, i: usize) -> &'a str {
        self.cols.get(i).copied().unwrap_or("").trim()
    }
    pub fn opt(&self, i: usize) -> Option<&'a str> {
        Some(self.get(i)).filter(|s| !s.is_empty())
    }
    pub fn list(&self, i: usize) -> Vec<&'a str> {
        self.get(i).split('|').map(str::trim).filter(|s| !s.is_empty()).collect()
    }
    pub fn f64(&self, i: usize) -> Result<Option<f64>, KbError> {
        match self.opt(i) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| self.error(format!("column {} is not a number: `{s}`", i + 1))),
        }
    }
    pub fn u64(&self, i: usize) -> Result<Option<u64>, KbError> {
        match self.opt(i) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| self.error(format!("column {} is not an integer: `{s}`", i + 1))),
        }
    }
    pub fn error(&self, msg: String) -> KbError {
        KbError { file: self.file, line: self.line, msg }
    }
}

/// Splits a knowledge file into rows, checking the column count against
/// the `# columns:` header.
pub fn rows<'a>(file: &'static str, text: &'a str) -> Result<Vec<Row<'a>>, KbError> {
    let mut columns = None;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(header) = line.strip_prefix('#') {
            if let Some(cols) = header.trim().strip_prefix("columns:") {
                columns = Some(cols.trim().split('\t').count());
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let expected = columns.ok_or(KbError { file, line: n + 1, msg: "data before the `# columns:` header".into() })?;
        // Trailing empty columns may be cut by editors; extra ones are an error.
        if cols.len() > expected {
            return Err(KbError { file, line: n + 1, msg: format!("{} columns, header names {expected}", cols.len()) });
        }
        out.push(Row { file, line: n + 1, cols });
    }
    Ok(out)
}
