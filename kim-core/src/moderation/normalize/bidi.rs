//! Bidirectional overrides: a right-to-left override (U+202E) makes a run of Latin letters display backwards, so
//! `\u{202E}rocag tols` shows as "slot gacor" while its bytes read `rocag tols`. [`display_order`] gives the text in
//! the order it is displayed, with a map back to the original bytes, so that the lexicon sees what readers see.
//!
//! The model is the part of the Unicode bidirectional algorithm (UAX #9) that an evasion uses: an RLO reverses the
//! characters after it until its PDF (U+202C), the end of the paragraph (`\n`, `\r`, U+2029) or the end of the text;
//! LRO, RLE, LRE and the isolates (U+2066–U+2068, closed by PDI U+2069) nest without reversing; the controls
//! themselves are not shown. Characters are reversed one by one (a combining mark is a character).

/// A run of the displayed text and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Start byte in the displayed text.
    shown: usize,
    /// Start byte in the original text.
    original: usize,
    /// Length in bytes (the same in both).
    len: usize,
    /// True if the run is displayed backwards.
    reversed: bool,
}

/// The text in display order, with its map to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Displayed {
    /// The text as displayed, without the bidi controls.
    pub text: String,
    segments: Vec<Segment>,
}

pub(crate) const RLO: char = '\u{202E}';

fn is_paragraph_end(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2029}')
}

impl Displayed {
    /// The original byte span of the displayed span `start..end` (byte offsets on character boundaries), and
    /// whether any of it was displayed backwards.
    pub(crate) fn original_span(&self, start: usize, end: usize) -> (usize, usize, bool) {
        let (mut lo, mut hi, mut reversed) = (usize::MAX, 0, false);
        for s in &self.segments {
            let (a, b) = (start.max(s.shown), end.min(s.shown + s.len));
            if a >= b {
                continue;
            }
            let (oa, ob) = if s.reversed {
                (
                    s.original + s.len - (b - s.shown),
                    s.original + s.len - (a - s.shown),
                )
            } else {
                (s.original + (a - s.shown), s.original + (b - s.shown))
            };
            lo = lo.min(oa);
            hi = hi.max(ob);
            reversed |= s.reversed;
        }
        (lo.min(hi), hi, reversed)
    }
}

/// `text` in display order, or `None` if it has no right-to-left override (nothing displays backwards).
pub(crate) fn display_order(text: &str) -> Option<Displayed> {
    if !text.contains(RLO) {
        return None;
    }
    let mut out = Displayed {
        text: String::with_capacity(text.len()),
        segments: Vec::new(),
    };
    // The open embeddings and overrides: true for an RLO.
    let mut stack: Vec<bool> = Vec::new();
    let mut run_start = 0; // original start of the current run
    let mut run_reversed = false;
    let flush = |out: &mut Displayed, from: usize, to: usize, reversed: bool| {
        if from >= to {
            return;
        }
        let shown = out.text.len();
        if reversed {
            out.text.extend(text[from..to].chars().rev());
        } else {
            out.text.push_str(&text[from..to]);
        }
        out.segments.push(Segment {
            shown,
            original: from,
            len: to - from,
            reversed,
        });
    };
    for (i, c) in text.char_indices() {
        let control = match c {
            RLO => Some(Some(true)),
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{2066}' | '\u{2067}' | '\u{2068}' => {
                Some(Some(false))
            }
            '\u{202C}' | '\u{2069}' => Some(None),
            _ => None,
        };
        let paragraph_end = is_paragraph_end(c);
        if control.is_none() && !paragraph_end {
            continue;
        }
        flush(&mut out, run_start, i, run_reversed);
        match control {
            Some(Some(rtl)) => stack.push(rtl),
            Some(None) => {
                stack.pop();
            }
            None => stack.clear(),
        }
        // A paragraph end is shown; a control is not.
        run_start = if paragraph_end { i } else { i + c.len_utf8() };
        run_reversed = stack.last() == Some(&true);
    }
    flush(&mut out, run_start, text.len(), run_reversed);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_shows_its_run_backwards_and_maps_back() {
        let t = "promo \u{202E}rocag tols\u{202C} hari ini";
        let d = display_order(t).unwrap();
        assert_eq!(d.text, "promo slot gacor hari ini");
        let at = d.text.find("slot gacor").unwrap();
        let (s, e, rev) = d.original_span(at, at + "slot gacor".len());
        assert_eq!(&t[s..e], "rocag tols");
        assert!(rev);
        let (s, e, rev) = d.original_span(0, 5);
        assert_eq!((&t[s..e], rev), ("promo", false));
    }

    #[test]
    fn an_override_ends_at_the_paragraph_and_nests() {
        let d = display_order("\u{202E}idu\nj abc").unwrap();
        assert_eq!(d.text, "udi\nj abc");
        // An LRO inside the RLO is not reversed; the RLO resumes after its PDF.
        let d = display_order("\u{202E}ba\u{202D}cd\u{202C}fe").unwrap();
        assert_eq!(d.text, "abcdef");
        assert_eq!(display_order("no override \u{202D}here"), None);
    }

    #[test]
    fn multibyte_characters_map_to_their_own_bytes() {
        let t = "x \u{202E}é日b";
        let d = display_order(t).unwrap();
        assert_eq!(d.text, "x b日é");
        let at = d.text.find('日').unwrap();
        let (s, e, _) = d.original_span(at, at + '日'.len_utf8());
        assert_eq!(&t[s..e], "日");
    }
}
