//! The shared parts of the example tools (`coverage_kukar`, `validate_sample`, `moderate_posts`): the language
//! switch, arguments that are dates, codes and levels, loading a registry or a code list named on the command line,
//! and one way to end (exit codes, a closed pipe, one-line errors).
//!
//! Exit codes, the same for every tool: **0** done, nothing to report; **1** findings (a rule failed, a post was
//! held or blocked, rows were rejected on import) or a failure (a file that cannot be read or written), with a
//! one-line `error: …` on stderr for a failure; **2** a usage error (an unknown argument or a value that is not
//! accepted), printed by clap with the accepted values.

use std::fmt::Display;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use clap::ValueEnum;
use kim_core::registry::{ImportOptions, ImportReport, Registry, TextEncoding};
use kim_core::wilayah::{EMBEDDED_VERSION, Kode, Level, Reference};

/// The text every tool's `--help` ends with.
pub const EXIT_CODES: &str = "Exit codes: 0 done with nothing to report; 1 findings (see above) or a failure \
(`error: …` on stderr); 2 a usage error (bad or unknown argument).";

/// The language of a tool's output: one language at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// Picks the text of this language.
    pub fn t<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

/// Why a tool stops: a message for people, or an I/O error of the output (a closed pipe ends the tool quietly).
#[derive(Debug)]
pub enum Failure {
    /// A one-line message that names what was wrong (the argument, the file and its path).
    Message(String),
    /// Writing the output failed.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

impl From<String> for Failure {
    fn from(m: String) -> Self {
        Failure::Message(m)
    }
}

impl From<&str> for Failure {
    fn from(m: &str) -> Self {
        Failure::Message(m.to_owned())
    }
}

/// The result of a tool's steps.
pub type Result<T> = std::result::Result<T, Failure>;

/// Adds what was being done to an error: `--csv out/x.csv: cannot create the file: No such file or directory`.
pub trait Context<T> {
    /// Prefixes the error's text with `what`.
    fn context(self, what: impl Display) -> Result<T>;
}

impl<T, E: Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl Display) -> Result<T> {
        self.map_err(|e| Failure::Message(format!("{what}: {e}")))
    }
}

/// Ends a tool: its own exit code on success, 0 quietly when the reader of the output went away (`| head`), and
/// 1 with one `error: …` line otherwise.
pub fn finish(result: Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            eprintln!("error: writing the output: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Message(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(1)
        }
    }
}

/// Exit code 1 when there are findings, else 0.
pub fn exit_for(findings: bool) -> ExitCode {
    if findings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A date argument, `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("{e}: expected a calendar date as YYYY-MM-DD, e.g. 2025-06-30"))
}

/// A Kemendagri code argument (`64`, `64.02`, `64.02.01`, dotted or not).
pub fn parse_kode(s: &str) -> std::result::Result<Kode, String> {
    Kode::parse(s).map_err(|e| {
        format!("{e}; expected a Kemendagri code such as 64 (provinsi), 64.02 (kab/kota) or 64.02.01 (kecamatan)")
    })
}

/// A level argument.
pub fn parse_level(s: &str) -> std::result::Result<Level, String> {
    s.parse::<Level>().map_err(|_| {
        format!("{s:?} is not a level; expected provinsi, kab_kota, kecamatan or desa")
    })
}

fn parse_encoding(s: &str) -> std::result::Result<TextEncoding, String> {
    s.parse::<TextEncoding>().map_err(|_| {
        format!("{s:?} is not an encoding kim reads; expected utf-8, windows-1252 (cp1252), iso-8859-1 (latin-1), utf-16le or utf-16be")
    })
}

fn parse_delimiter(s: &str) -> std::result::Result<u8, String> {
    match s {
        "," | ";" | "|" => Ok(s.as_bytes()[0]),
        "\t" | "tab" | "\\t" => Ok(b'\t'),
        _ => Err(format!(
            "{s:?} is not a delimiter kim reads; expected , ; | or tab"
        )),
    }
}

/// Where the KIM data and the code list come from.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// Your registry: a JSON file (`{"kims": [...]}`, the registry JSON of kim) or a CSV file with one row per KIM
    /// (`id, name, seat` or `desa, kecamatan, kab_kota`, …). Default: the ILLUSTRATIVE sample
    /// examples/data/kim_sample.json
    #[arg(long, value_name = "FILE")]
    pub registry: Option<PathBuf>,
    /// With a CSV --registry: the member table (one row per member, `kim_id, id, name, …`)
    #[arg(long, value_name = "FILE", requires = "registry")]
    pub members: Option<PathBuf>,
    /// With a CSV --registry: read 12/07/2022 as 12 July (the default)
    #[arg(long, requires = "registry", conflicts_with = "monthfirst")]
    pub dayfirst: bool,
    /// With a CSV --registry: read 07/12/2022 as 12 July
    #[arg(long, requires = "registry")]
    pub monthfirst: bool,
    /// With a CSV --registry: the text encoding (detected when not given): utf-8, windows-1252, iso-8859-1,
    /// utf-16le, utf-16be
    #[arg(long, value_name = "NAME", requires = "registry", value_parser = parse_encoding)]
    pub encoding: Option<TextEncoding>,
    /// With a CSV --registry: the delimiter (detected from the header when not given): , ; | or tab
    #[arg(long, value_name = "CHAR", requires = "registry", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Your own code list: a CSV with `code` and `name` columns, every parent unit included. Default: the embedded
    /// official list (Kepmendagri 300.2.2-2138/2025)
    #[arg(long, value_name = "FILE")]
    pub reference: Option<PathBuf>,
    /// The version name reported for --reference (default: the file name)
    #[arg(long, value_name = "NAME", requires = "reference")]
    pub reference_version: Option<String>,
}

/// The embedded list's decree and its date (docs/domain.md §6).
pub const EMBEDDED_DECREE: &str = "Kepmendagri 300.2.2-2138/2025";

/// The date of the embedded list's decree: 25 April 2025 (docs/domain.md §6).
pub fn embedded_list_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 25).unwrap_or_default()
}

/// A code list: the embedded one, or the user's.
pub enum CodeList {
    /// The official list in the library.
    Embedded(&'static Reference),
    /// A list read from a file.
    Own(Box<Reference>),
}

impl CodeList {
    /// The list itself.
    pub fn get(&self) -> &Reference {
        match self {
            CodeList::Embedded(r) => r,
            CodeList::Own(r) => r,
        }
    }

    /// True for the embedded official list.
    pub fn is_embedded(&self) -> bool {
        matches!(self, CodeList::Embedded(r) if r.version() == EMBEDDED_VERSION)
    }
}

/// The KIM data as loaded.
pub struct Loaded {
    /// The KIMs.
    pub registry: Registry,
    /// Where they came from, for the output's header.
    pub source: String,
    /// True for the illustrative sample.
    pub illustrative: bool,
    /// The import report of a CSV registry.
    pub report: Option<ImportReport>,
}

/// The illustrative sample registry shipped with the examples.
pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kim_sample.json")
}

fn read_text(arg: &str, path: &Path) -> Result<String> {
    std::fs::read_to_string(path).context(format!("{arg} {}: cannot read the file", path.display()))
}

fn open(arg: &str, path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).context(format!("{arg} {}: cannot open the file", path.display()))
}

impl DataArgs {
    /// Reads the code list named by `--reference`, or the embedded one.
    pub fn code_list(&self) -> Result<CodeList> {
        let Some(path) = &self.reference else {
            return Ok(CodeList::Embedded(Reference::embedded()));
        };
        let version = self.reference_version.clone().unwrap_or_else(|| {
            path.file_stem().map_or_else(
                || "own-list".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        });
        let file = open("--reference", path)?;
        let list = with_progress("reading the code list", || {
            Reference::from_csv(io::BufReader::new(file), &version)
        })
        .context(format!("--reference {}", path.display()))?;
        Ok(CodeList::Own(Box::new(list)))
    }

    /// Reads the registry named by `--registry` (JSON or CSV by its content), or the illustrative sample.
    pub fn registry(&self, reference: &Reference) -> Result<Loaded> {
        let Some(path) = &self.registry else {
            let path = sample_path();
            let registry = Registry::from_json(&read_text("sample", &path)?)
                .context(format!("sample {}", path.display()))?;
            return Ok(Loaded {
                registry,
                source: "examples/data/kim_sample.json".to_owned(),
                illustrative: true,
                report: None,
            });
        };
        let shown = path.display().to_string();
        let head =
            std::fs::read(path).context(format!("--registry {shown}: cannot read the file"))?;
        let first = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
        if matches!(first, Some(b'{' | b'[')) {
            let text = String::from_utf8(head)
                .map_err(|e| format!("--registry {shown}: a JSON registry must be UTF-8 ({e})"))?;
            let registry = with_progress("reading the registry", || Registry::from_json(&text))
                .context(format!("--registry {shown}"))?;
            return Ok(Loaded {
                registry,
                source: shown,
                illustrative: false,
                report: None,
            });
        }
        let members = match &self.members {
            Some(m) => Some(open("--members", m)?),
            None => None,
        };
        let mut options = ImportOptions::default();
        options.dayfirst = !self.monthfirst;
        options.encoding = self.encoding;
        options.delimiter = self.delimiter;
        let (registry, report) = with_progress("importing the registry", || {
            Registry::import_csv_with(
                head.as_slice(),
                members.map(io::BufReader::new),
                Some(reference),
                &options,
            )
        })
        .context(format!("--registry {shown}"))?;
        Ok(Loaded {
            registry,
            source: shown,
            illustrative: false,
            report: Some(report),
        })
    }
}

/// Runs `work` on a second thread and shows a spinner on stderr (when it is a terminal) if it takes more than a
/// second.
pub fn with_progress<T: Send>(label: &str, work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        let (done, wait) = mpsc::channel::<()>();
        let handle = s.spawn(move || {
            let out = work();
            let _ = done.send(());
            out
        });
        if wait.recv_timeout(Duration::from_secs(1)).is_err() {
            let spinner = indicatif::ProgressBar::new_spinner().with_message(format!("{label} …"));
            spinner.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            spinner.enable_steady_tick(Duration::from_millis(120));
            let _ = wait.recv();
            spinner.finish_and_clear();
        }
        handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The import report on stderr, in the tool's language for its first line; the report's own lines are kim's.
pub fn report_import(report: &ImportReport, lang: Lang) {
    if report.is_clean()
        && report.kims.accepted_with_findings + report.members.accepted_with_findings == 0
    {
        return;
    }
    eprintln!(
        "{}",
        lang.t(
            "Impor: baris yang ditolak tidak dihitung (rincian dalam bahasa Inggris):",
            "Import: rejected rows are not counted:"
        )
    );
    for line in report.summary(20).lines() {
        eprintln!("  {line}");
    }
}
