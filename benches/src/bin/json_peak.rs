//! Peak memory of `Registry::from_json` on a 30 MB registry JSON, for `/usr/bin/time -v` (README "Limits";
//! issue 23). It builds the document itself, so that the figures can be reproduced anywhere:
//!
//! ```sh
//! cargo build --release -p kim-benches --bin json_peak
//! /usr/bin/time -v target/release/json_peak unknown        # 30 MB: KIMs plus a large unknown top-level field
//! /usr/bin/time -v target/release/json_peak unknown tree   # the same, read the former way (a Value tree first)
//! /usr/bin/time -v target/release/json_peak valid          # 30 MB of KIMs only
//! /usr/bin/time -v target/release/json_peak none           # only the document: the baseline to subtract
//! ```

#![allow(clippy::print_stdout)] // a measuring tool prints its result

use std::fmt::Write;

const SIZE: usize = 30_000_000;

fn kim(out: &mut String, i: usize) {
    let _ = write!(
        out,
        r#"{{"id":"K{i}","name":"KIM {i}","seat":"64.02.01.2001","members":[{{"id":"m0","name":"Siti Aminah","role":"anggota"}},{{"id":"m1","name":"Budi","role":"ketua"}}],"history":[{{"date":"2023-02-01","status":"established"}}]}}"#
    );
}

fn document(unknown: bool) -> String {
    let mut s = String::with_capacity(SIZE + 1024);
    s.push_str(r#"{"schema_version":1,"kims":["#);
    let kims_until = if unknown { SIZE / 5 } else { SIZE };
    let mut i = 0;
    while s.len() < kims_until {
        if i > 0 {
            s.push(',');
        }
        kim(&mut s, i);
        i += 1;
    }
    s.push(']');
    if unknown {
        s.push_str(r#","extra":["#);
        let mut j = 0;
        while s.len() < SIZE {
            if j > 0 {
                s.push(',');
            }
            let _ = write!(s, r#"{{"a":{j},"b":"x"}}"#);
            j += 1;
        }
        s.push(']');
    }
    s.push('}');
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("valid", String::as_str);
    let json = document(mode == "unknown");
    if mode == "none" {
        println!("{} bytes built", json.len());
        return;
    }
    if args.get(1).map(String::as_str) == Some("tree") {
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        println!("tree built: schema_version {:?}", v.get("schema_version"));
    }
    match kim_core::registry::Registry::from_json(&json) {
        Ok(r) => println!("{} bytes: {} KIMs", json.len(), r.len()),
        Err(e) => println!("{} bytes: {} [{}]", json.len(), e, e.code()),
    }
}
