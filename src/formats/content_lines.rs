//! The content lines that vCard (RFC 6350, section 3) and iCalendar
//! (RFC 5545, section 3.1) share: `NAME;PARAM=…:value`, folded at 75
//! octets and ended by CRLF, with text values escaped alike.

/// Lines written one by one, each folded at 75 octets between characters
/// (a continuation begins with a space) and ended by CRLF.
#[derive(Default)]
pub struct ContentLines(String);

impl ContentLines {
    pub fn line(&mut self, line: &str) {
        let mut room = 75;
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > room {
                self.0.push_str("\r\n ");
                room = 74;
                used = 0;
            }
            self.0.push(c);
            used += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }

    pub fn into_text(self) -> String {
        self.0
    }
}

/// A text value, escaped: a backslash, comma, semicolon and line break
/// (RFC 6350, section 3.4; RFC 5545, section 3.3.11).
pub fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ',' => escaped.push_str("\\,"),
            ';' => escaped.push_str("\\;"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_what_separates_values() {
        assert_eq!(text("Box 73, 424 22 Angered"), "Box 73\\, 424 22 Angered");
        assert_eq!(text("a;b\\c\nd"), "a\\;b\\\\c\\nd");
        assert_eq!(text("a\r\nb"), "a\\nb");
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_between_characters() {
        let mut lines = ContentLines::default();
        let long = format!("NOTE:{}", "å".repeat(60));
        lines.line(&long);
        let text = lines.into_text();
        let folded: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(folded.len() > 1, "{folded:?}");
        for line in &folded {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        for line in &folded[1..] {
            assert!(line.starts_with(' '), "{line}");
        }
        let unfolded: String = folded
            .iter()
            .enumerate()
            .map(|(i, line)| if i == 0 { *line } else { &line[1..] })
            .collect();
        assert_eq!(unfolded, long);
    }
}
