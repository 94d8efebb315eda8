//! The instruction-count guard: what each kind of input costs, counted by callgrind, held
//! against the baseline committed in `benches/baseline.json`.
//!
//! Wall-clock figures on a shared machine swing by 2× from run to run; the number of
//! instructions a parse executes does not (it moves by well under 1% between runs), so a
//! slowdown of a few percent shows. `scripts/icount` builds this binary and runs
//! `icount check`, which runs `icount run KIND` under
//! `valgrind --tool=callgrind` once per kind, counting only [`icount_measured_pass`]:
//! one parse of each of the kind's fixed inputs ([`gongkai_benches::guard_kinds`]),
//! after a pass that is not counted (it builds what is built once per process).
//!
//! ```text
//! icount run KIND      parse KIND's inputs (under callgrind: what is counted)
//! icount check         every kind under callgrind against benches/baseline.json;
//!                      exit 1 when one costs more than TOLERANCE over its baseline
//! GONGKAI_BLESS=1 icount check    write the counts as the new baseline
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use gongkai_benches::{guard_kinds, Inputs};
use serde_json::{json, Value};

/// How far over its baseline a kind may cost before the check fails: callgrind counts
/// move by well under 1% between runs (hash seeds), a real slowdown by more.
const TOLERANCE: f64 = 0.03;

/// The function callgrind counts (`--toggle-collect`); an unmangled name, so the
/// valgrind option can name it.
const MEASURED: &str = "icount_measured_pass";

/// Parses each input once. Everything this calls is counted; nothing else is.
#[no_mangle]
#[inline(never)]
pub extern "Rust" fn icount_measured_pass(files: &[Vec<u8>]) {
    for f in files {
        std::hint::black_box(gongkai::parse_bytes(std::hint::black_box(f)).ok());
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["run", kind] => run(kind),
        ["check"] => check(std::env::var_os("GONGKAI_BLESS").is_some_and(|v| v != "0")),
        _ => {
            eprintln!(
                "usage: icount run KIND | icount check (GONGKAI_BLESS=1 rewrites the baseline)"
            );
            ExitCode::from(2)
        }
    }
}

fn kind(name: &str) -> Option<Inputs> {
    guard_kinds().into_iter().find(|k| k.name == name)
}

/// `icount run KIND`: one uncounted pass, then the counted one.
fn run(name: &str) -> ExitCode {
    let Some(inputs) = kind(name) else {
        eprintln!("icount: no kind {name:?}");
        return ExitCode::from(2);
    };
    // The first parse builds what is built once per process (the label automaton, say):
    // a batch of reports pays it once, so it is left out of the count. One file is
    // enough, and a loop like the measured one would be merged into it by the optimiser
    // (and counted).
    if let Some(first) = inputs.files.first() {
        std::hint::black_box(gongkai::parse_bytes(first).ok());
    }
    icount_measured_pass(&inputs.files);
    ExitCode::SUCCESS
}

fn baseline_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("baseline.json")
}

/// Runs `icount run KIND` under callgrind; returns the instructions counted.
fn measure(exe: &Path, name: &str, out_dir: &Path) -> Result<u64, String> {
    let out = out_dir.join(format!("{name}.callgrind"));
    let log = out_dir.join(format!("{name}.log"));
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg("--collect-atstart=no")
        .arg(format!("--toggle-collect={MEASURED}"))
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(format!("--log-file={}", log.display()))
        .arg(exe)
        .args(["run", name])
        .status()
        .map_err(|e| format!("cannot run valgrind (scripts/setup installs it): {e}"))?;
    let text = std::fs::read_to_string(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    if !status.success() {
        return Err(format!("valgrind failed on {name}:\n{text}"));
    }
    // callgrind ends its log with `Collected : N` (the events counted: Ir).
    text.lines()
        .find_map(|l| {
            l.split_once("Collected :")
                .map(|(_, n)| n.trim().to_string())
        })
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no count in {}", log.display()))
}

/// `icount check`: every kind against its baseline, or (bless) the new baseline.
fn check(bless: bool) -> ExitCode {
    let exe = std::env::current_exe().expect("own path");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the benches crate is in the workspace");
    let out_dir = root.join("target/icount");
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        eprintln!("icount: {}: {e}", out_dir.display());
        return ExitCode::from(2);
    }
    let path = baseline_path();
    let old: Value = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    let mut new = serde_json::Map::new();
    let mut failed = false;
    println!(
        "{:<13} {:>6} {:>10} {:>15} {:>9} {:>9}",
        "kind", "files", "bytes", "instructions", "per byte", "baseline"
    );
    for inputs in guard_kinds() {
        let count = match measure(&exe, inputs.name, &out_dir) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("icount: {e}");
                return ExitCode::from(2);
            }
        };
        let bytes = inputs.bytes();
        let per_byte = count as f64 / bytes as f64;
        let base = &old["kinds"][inputs.name];
        let verdict = match (base["instructions"].as_u64(), base["bytes"].as_u64()) {
            _ if bless => "written".to_string(),
            (Some(b), Some(bb)) if bb == bytes => {
                let change = count as f64 / b as f64 - 1.0;
                if change > TOLERANCE {
                    failed = true;
                    format!(
                        "{:+.1}%  FAILED (over {:.0}%)",
                        change * 100.0,
                        TOLERANCE * 100.0
                    )
                } else if change < -TOLERANCE {
                    format!("{:+.1}%  (faster: update the baseline)", change * 100.0)
                } else {
                    format!("{:+.1}%", change * 100.0)
                }
            }
            (Some(_), Some(_)) => {
                failed = true;
                "FAILED: the inputs changed; measure the baseline again".to_string()
            }
            _ => {
                failed = true;
                "FAILED: no baseline".to_string()
            }
        };
        println!(
            "{:<13} {:>6} {:>10} {:>15} {:>9.1} {}",
            inputs.name,
            inputs.files.len(),
            bytes,
            count,
            per_byte,
            verdict
        );
        new.insert(
            inputs.name.to_string(),
            json!({
                "files": inputs.files.len(),
                "bytes": bytes,
                "instructions": count,
                "per_byte": (per_byte * 10.0).round() / 10.0,
            }),
        );
    }
    if bless {
        let doc = json!({
            "about": "Instructions per parse of each kind's fixed inputs (benches/lib.rs guard_kinds), counted by callgrind: scripts/icount. A deliberate change of cost updates this file in the same commit, with the reason in its message (GONGKAI_BLESS=1 scripts/icount).",
            "kinds": new,
        });
        let text = serde_json::to_string_pretty(&doc).expect("JSON") + "\n";
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("icount: {}: {e}", path.display());
            return ExitCode::from(2);
        }
        println!("icount: baseline written to {}", path.display());
        return ExitCode::SUCCESS;
    }
    if failed {
        eprintln!(
            "icount: a kind costs more than {:.0}% over its baseline (callgrind profiles in {}: callgrind_annotate KIND.callgrind). If the change is deliberate, run GONGKAI_BLESS=1 scripts/icount and commit benches/baseline.json with the reason.",
            TOLERANCE * 100.0,
            out_dir.display()
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
