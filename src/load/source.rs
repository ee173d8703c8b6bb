//! Source files and positions within them.

use std::path::PathBuf;

/// A definition file's text, with an index of where each line starts.
#[derive(Debug)]
pub struct SourceFile {
    /// The file as the user named it, used in every diagnostic.
    pub name: String,
    /// The path used to read it.
    pub path: PathBuf,
    /// The text, decoded from UTF-8 with any byte order mark removed.
    pub text: String,
    /// Where each line starts, made when first asked for: a clean file never is, and
    /// indexing every file's lines was a thirtieth of validating a portfolio.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Wraps `text` read from `path`.
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile {
            name: name.into(),
            path: path.into(),
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// Where each line starts, as byte offsets.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// The text of line `line` (from 1), without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts().get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset of `line` (from 1) and `column` (from 1, in characters), clamped to
    /// the end of the line.
    pub fn byte_offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.wrapping_sub(1)) else {
            return self.text.len();
        };
        let text = self.line_text(line);
        let within = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        start + within
    }

    /// The line (from 1) and column (from 1, in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters_not_bytes() {
        let source = SourceFile::new("t.yaml", "t.yaml", "a: é\nbé: x\r\nc".to_string());
        assert_eq!(source.line_count(), 3);
        assert_eq!(source.line_text(2), "bé: x");
        let offset = source.byte_offset(2, 3);
        assert_eq!(&source.text[offset..offset + 1], ":");
        assert_eq!(source.position(offset), (2, 3));
        assert_eq!(source.byte_offset(9, 1), source.text.len());
    }
}
