//! The class words of one text ([`ClassHits`]): what the automaton finds, sorted by class and position, with the
//! buffers of the rule evaluation.

use super::eval::Occ;

/// One class word found in a text: its class, token range and member (the pattern's index among the class words).
/// 12 bytes: a grammar has at most [`super::MAX_CLASSES`] classes, so the class fits in 16 bits, and a member spans few
/// tokens (a 100 MB text dense with class words holds tens of millions of hits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Hit {
    pub(super) class: u16,
    pub(super) t0: u32,
    /// `t1 - t0`: a class member spans at most [`MAX_HIT_SPAN`] more tokens (longer is cut there).
    span: u8,
    pub(super) member: u32,
    /// Inside quotation marks: what is reported, not what the text says.
    pub(super) quoted: bool,
}

const _: () = assert!(std::mem::size_of::<Hit>() == 12);

/// The most tokens after its first that a class word's hit spans.
const MAX_HIT_SPAN: usize = u8::MAX as usize;

impl Hit {
    /// The last token.
    pub(super) fn t1(&self) -> u32 {
        self.t0 + u32::from(self.span)
    }
}

/// The class words of one text, sorted by class and position once [`ClassHits::finish`] is called. A checker keeps
/// one per thread and [`ClassHits::clear`]s it for each text, with the buffers of the rule evaluation.
#[derive(Debug, Default)]
pub(crate) struct ClassHits {
    pub(super) hits: Vec<Hit>,
    /// After [`ClassHits::finish`], where the hits of each class start (one more entry than classes).
    starts: Vec<u32>,
    /// The rules that may fire (a bit per rule): those one of whose gate classes has a hit.
    pub(super) candidates: Vec<u64>,
    /// Buffers of [`super::Evaluator::rules`]: the anchors of a chunk, the occurrences of a part, the parts chosen.
    pub(super) anchors: Vec<Occ>,
    pub(super) found: Vec<Occ>,
    pub(super) chosen: Vec<Occ>,
}

impl ClassHits {
    /// Forgets the hits of the last text, keeping the buffers.
    pub(crate) fn clear(&mut self) {
        self.hits.clear();
        self.starts.clear();
    }

    /// The bytes its buffers hold (a thread drops them after a very long text).
    pub(crate) fn capacity_bytes(&self) -> usize {
        self.hits.capacity() * std::mem::size_of::<Hit>()
            + (self.anchors.capacity() + self.found.capacity() + self.chosen.capacity())
                * std::mem::size_of::<Occ>()
    }

    /// Records a class word (member `member`, of class `class`) at tokens `t0..=t1`.
    #[allow(clippy::cast_possible_truncation)] // token indices of a text < 4 GiB; classes <= MAX_CLASSES
    pub(crate) fn push(
        &mut self,
        class: usize,
        member: usize,
        (t0, t1): (usize, usize),
        quoted: bool,
    ) {
        self.hits.push(Hit {
            class: class as u16,
            t0: t0 as u32,
            span: t1.saturating_sub(t0).min(MAX_HIT_SPAN) as u8,
            member: member as u32,
            quoted,
        });
    }

    /// Drops the class words that lie inside an exempt phrase of the lexicon (`membakar sampah`, `bakar batu`).
    pub(crate) fn drop_exempt(&mut self, exempt: impl Fn(usize, usize) -> bool) {
        self.hits
            .retain(|h| !exempt(h.t0 as usize, h.t1() as usize));
    }

    #[allow(clippy::cast_possible_truncation)] // hits of a text < 4 GiB
    pub(super) fn finish(&mut self, classes: usize) {
        self.hits.sort_unstable();
        self.hits
            .dedup_by(|a, b| a.class == b.class && a.t0 == b.t0 && a.span == b.span);
        // `starts[c]`: how many hits have a class below `c`, in one pass over the hits (a text has few hits and the
        // grammar a few hundred classes).
        self.starts.clear();
        self.starts.resize(classes + 1, self.hits.len() as u32);
        let mut c = 0;
        for (i, h) in self.hits.iter().enumerate() {
            let hc = (h.class as usize).min(classes);
            if c <= hc {
                self.starts[c..=hc].fill(i as u32);
                c = hc + 1;
            }
        }
    }

    /// The hits of class `c`, sorted by position.
    pub(super) fn of(&self, c: usize) -> &[Hit] {
        match (self.starts.get(c), self.starts.get(c + 1)) {
            (Some(&from), Some(&to)) => &self.hits[from as usize..to as usize],
            _ => &[],
        }
    }

    /// The hits of class `c` whose first token lies in `tokens` (a binary search: the hits are sorted by position).
    pub(super) fn of_in(&self, c: usize, tokens: std::ops::Range<usize>) -> &[Hit] {
        let of = self.of(c);
        let from = of.partition_point(|h| (h.t0 as usize) < tokens.start);
        let to = of.partition_point(|h| (h.t0 as usize) < tokens.end);
        &of[from..to.max(from)]
    }

    /// How many distinct members of class `c` were found outside quotation marks; exact up to 1, and up to
    /// `enough` (fewer hits than `enough` are reported as 1 if any, which is all a threshold needs, with no
    /// allocation).
    pub(super) fn distinct(&self, c: usize, enough: usize) -> usize {
        let of = self.of(c);
        if of.len() < enough.max(2) {
            return usize::from(of.iter().any(|h| !h.quoted));
        }
        if of.len() <= 64 {
            // Few hits (always, in a post): count the distinct members in place rather than collect them.
            let unquoted = |h: &&Hit| !h.quoted;
            return of
                .iter()
                .enumerate()
                .filter(|(i, h)| {
                    !h.quoted
                        && !of[..*i]
                            .iter()
                            .filter(unquoted)
                            .any(|g| g.member == h.member)
                })
                .count();
        }
        let mut members: Vec<u32> = of.iter().filter(|h| !h.quoted).map(|h| h.member).collect();
        members.sort_unstable();
        members.dedup();
        members.len()
    }
}
