//! Runs `Moderator::check` once over the 10 MB of bench posts, for callgrind:
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*check_all*' target/release/mod_count`.

#![allow(clippy::print_stdout)] // a measuring tool prints its result

use kim_core::moderation::Moderator;

#[inline(never)]
fn check_all(moderator: &Moderator, posts: &[String]) -> usize {
    kim_benches::check_each(moderator, posts)
}

fn main() {
    let moderator = Moderator::default();
    let posts = kim_benches::moderation_posts(10 * 1024 * 1024);
    let _ = moderator.check("warm");
    println!("{}", check_all(&moderator, &posts));
}
