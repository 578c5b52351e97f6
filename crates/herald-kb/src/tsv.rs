//! Reading the knowledge files: `#` header lines, then tab-separated rows.

use crate::KbError;

/// The most columns a knowledge file may have.
const MAX_COLUMNS: usize = 16;

/// One data row with its file and line, for error messages. Its columns sit
/// in a fixed array: the places table has 178,000 rows, and a vector each
/// was most of its reading time.
pub struct Row<'a> {
    pub file: &'static str,
    pub line: usize,
    cols: [&'a str; MAX_COLUMNS],
    n: usize,
}

impl<'a> Row<'a> {
    pub fn get(&self, i: usize) -> &'a str {
        if i >= self.n {
            return "";
        }
        let c = self.cols[i];
        // most cells have nothing to trim; checking the ends' bytes is quicker than trim()
        match (c.as_bytes().first(), c.as_bytes().last()) {
            (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => c,
            _ => c.trim(),
        }
    }
    pub fn opt(&self, i: usize) -> Option<&'a str> {
        Some(self.get(i)).filter(|s| !s.is_empty())
    }
    pub fn list(&self, i: usize) -> Vec<&'a str> {
        self.get(i)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }
    pub fn f64(&self, i: usize) -> Result<Option<f64>, KbError> {
        match self.opt(i) {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| self.error(format!("column {} is not a number: `{s}`", i + 1))),
        }
    }
    pub fn u64(&self, i: usize) -> Result<Option<u64>, KbError> {
        match self.opt(i) {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| self.error(format!("column {} is not an integer: `{s}`", i + 1))),
        }
    }
    pub fn error(&self, msg: String) -> KbError {
        KbError {
            file: self.file,
            line: self.line,
            msg,
        }
    }
}

/// Splits a knowledge file into rows, checking the column count against
/// the `# columns:` header.
pub fn rows<'a>(file: &'static str, text: &'a str) -> Result<Vec<Row<'a>>, KbError> {
    let mut out = Vec::new();
    read_lines(file, text, 0, None, &mut |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// Reads the rows of a large knowledge file on all cores, in file order:
/// `parse` turns each row into a value. The `# columns:` header must come
/// before the first row.
pub fn parse_rows_parallel<'a, T: Send + Default>(
    file: &'static str,
    text: &'a str,
    parse: impl Fn(&Row<'a>) -> Result<T, KbError> + Sync,
) -> Result<Vec<T>, KbError> {
    // the header block: comment lines up to the first row
    let mut body_start = 0;
    let mut columns = None;
    let mut header_lines = 0;
    for line in text.split_inclusive('\n') {
        if !line.starts_with('#') && !line.trim().is_empty() {
            break;
        }
        if let Some(cols) = line
            .trim_end()
            .strip_prefix('#')
            .map(str::trim)
            .and_then(|h| h.strip_prefix("columns:"))
        {
            columns = Some(cols.trim().split('\t').count());
        }
        body_start += line.len();
        header_lines += 1;
    }
    let columns = columns.ok_or(KbError {
        file,
        line: header_lines + 1,
        msg: "data before the `# columns:` header".into(),
    })?;
    let body = &text[body_start..];
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    // cut the body into pieces at line ends: ((first line number, text), the most rows it can hold)
    let mut pieces: Vec<((usize, &'a str), usize)> = Vec::with_capacity(threads);
    let (mut from, mut first_line) = (0, header_lines);
    for k in 1..=threads {
        let mut to = if k == threads {
            body.len()
        } else {
            (body.len() * k / threads).max(from)
        };
        while to < body.len() && !body.is_char_boundary(to) {
            to += 1;
        }
        if let Some(nl) = body[to..].find('\n').filter(|_| k < threads) {
            to += nl + 1;
        } else {
            to = body.len();
        }
        let piece = &body[from..to];
        let lines = piece.bytes().filter(|&b| b == b'\n').count();
        // its rows are at most its lines, the last one perhaps without its line end
        pieces.push((
            (first_line, piece),
            lines + usize::from(!piece.ends_with('\n') && !piece.is_empty()),
        ));
        first_line += lines;
        from = to;
        if from == body.len() {
            break;
        }
    }
    let (rows, _) = crate::fill::fill_in_order(pieces, T::default, |(line0, piece), emit| {
        read_lines(file, piece, line0, Some(columns), &mut |r| {
            emit(parse(&r)?);
            Ok(())
        })
    })?;
    Ok(rows)
}

/// Calls `each` with every data row of `text`, whose first line is line
/// `first_line + 1` of the file; `columns` is the header's count when the
/// header came before `text`.
fn read_lines<'a>(
    file: &'static str,
    text: &'a str,
    first_line: usize,
    mut columns: Option<usize>,
    each: &mut dyn FnMut(Row<'a>) -> Result<(), KbError>,
) -> Result<(), KbError> {
    for (n, line) in text.lines().enumerate() {
        let line_no = first_line + n + 1;
        if let Some(header) = line.strip_prefix('#') {
            if let Some(cols) = header.trim().strip_prefix("columns:") {
                let count = cols.trim().split('\t').count();
                if count > MAX_COLUMNS {
                    return Err(KbError {
                        file,
                        line: line_no,
                        msg: format!("{count} columns, at most {MAX_COLUMNS}"),
                    });
                }
                columns = Some(count);
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let expected = columns.ok_or(KbError {
            file,
            line: line_no,
            msg: "data before the `# columns:` header".into(),
        })?;
        let mut cols = [""; MAX_COLUMNS];
        let mut count = 0;
        // split at tabs by bytes: str::split's searcher costs more per short cell
        let mut cell_start = 0;
        for end in line
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\t')
            .map(|(i, _)| i)
            .chain([line.len()])
        {
            // Trailing empty columns may be cut by editors; extra ones are an error.
            if count == expected {
                let total = line.split('\t').count();
                return Err(KbError {
                    file,
                    line: line_no,
                    msg: format!("{total} columns, header names {expected}"),
                });
            }
            cols[count] = &line[cell_start..end];
            count += 1;
            cell_start = end + 1;
        }
        each(Row {
            file,
            line: line_no,
            cols,
            n: count,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: usize, bad_at: Option<usize>) -> String {
        let mut t = String::from("# source: test\n# columns: id\tname\tpopulation\n");
        for i in 0..rows {
            let pop = if Some(i) == bad_at {
                "many".to_string()
            } else {
                (i * 7).to_string()
            };
            t.push_str(&format!("{i}\tTown {i}\t{pop}\n"));
        }
        t
    }

    #[test]
    fn parallel_reading_gives_the_rows_in_file_order() {
        let text = table(10_001, None);
        let serial: Vec<(usize, String, u64)> = rows("t.tsv", &text)
            .unwrap()
            .iter()
            .map(|r| (r.line, r.get(1).to_string(), r.u64(2).unwrap().unwrap()))
            .collect();
        let parallel = parse_rows_parallel("t.tsv", &text, |r| {
            Ok((r.line, r.get(1).to_string(), r.u64(2)?.unwrap()))
        })
        .unwrap();
        assert_eq!(serial.len(), 10_001);
        assert_eq!(serial, parallel);
        assert_eq!(parallel[0].0, 3, "line numbers count the header");
    }

    #[test]
    fn a_bad_row_late_in_the_file_is_named_by_its_line() {
        let text = table(9_000, Some(8_500));
        let err = parse_rows_parallel("t.tsv", &text, |r| r.u64(2)).unwrap_err();
        assert_eq!((err.file, err.line), ("t.tsv", 8_500 + 3));
        let too_many = "# columns: a\tb\n1\t2\t3\n";
        assert_eq!(
            parse_rows_parallel("t.tsv", too_many, |r| Ok(r.get(0).to_string()))
                .unwrap_err()
                .line,
            2
        );
        assert!(
            parse_rows_parallel("t.tsv", "1\t2\n", |r| Ok(r.get(0).to_string())).is_err(),
            "data before the header"
        );
    }
}
