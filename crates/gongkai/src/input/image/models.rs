//! The OCR models: where they are installed, loading them once per process, and the
//! message that says how to install them when they are missing.
//!
//! The recognition model is PP-OCRv4's (Apache-2.0), as PyPI's `rapidocr-onnxruntime`
//! wheel ships it; `scripts/setup` extracts it. Its character table is in the model's own
//! metadata (`character`), so model and table cannot drift apart.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use tract_onnx::prelude::*;

/// The recognition model's file name, as the wheel names it.
pub(crate) const REC_MODEL: &str = "ch_PP-OCRv4_rec_infer.onnx";

/// The environment variable that names the models' folder.
pub(crate) const MODELS_ENV: &str = "GONGKAI_MODELS";

/// The recognition network, ready to run on a line image of any width.
pub(crate) type Plan = Arc<TypedRunnableModel>;

/// The widths a line image is padded to (with white) before recognition. tract cannot
/// optimise this network for any width (a reshape takes its shape from the input), so it
/// is optimised once per width (about 0.15 s each, on first use), for a few widths.
/// The time of a run grows with its width (about 3.5 ms and 0.08 ms a column), so the
/// steps are close, a quarter to a half apart: a page's text lines, 1,600 to 2,400 wide
/// at the network's height, were padded to 3,200. Most cells hold a number of one to
/// three digits, 40 to 64 wide: they start at 96, not at 64, which read the fixtures'
/// lone digits less surely (573 values exact against 583; the network was trained on
/// lines padded to 320, and a digit with little white around it is out of its habits).
pub(crate) const WIDTHS: [u32; 14] = [
    96, 128, 192, 256, 320, 400, 480, 640, 800, 960, 1280, 1600, 2400, 3200,
];

/// The loaded recognition model and its characters (index 0 is CTC's blank).
#[derive(Debug)]
pub(crate) struct Recognizer {
    /// The network as read, before it is fixed to a width.
    model: InferenceModel,
    /// The runnable network for each width of [`WIDTHS`] used so far: input
    /// `[1, 3, 48, W]`, output `[1, W/8, classes]`.
    plans: std::sync::Mutex<Vec<Option<Plan>>>,
    /// The text of each class; class 0 is the blank and the last is a space.
    pub chars: Vec<String>,
    /// Where the model was read from, for messages.
    path: PathBuf,
}

impl Recognizer {
    /// The network for input `width` wide (one of [`WIDTHS`]), optimised on first use.
    pub(crate) fn plan(&self, width: u32) -> Result<Plan, String> {
        let k = WIDTHS
            .iter()
            .position(|&w| w == width)
            .unwrap_or(WIDTHS.len() - 1);
        // A panic in another thread while compiling leaves the cache as it was: use it.
        let mut plans = self.plans.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(plan) = &plans[k] {
            return Ok(plan.clone());
        }
        let plan = self
            .model
            .clone()
            .with_input_fact(0, f32::fact([1, 3, 48, WIDTHS[k] as usize]).into())
            .and_then(|m| m.into_optimized())
            .and_then(|m| m.into_runnable())
            .map_err(|e| {
                format!(
                    "the OCR model {} could not be prepared ({e}); it may be damaged: delete it and run scripts/setup again",
                    self.path.display()
                )
            })?;
        plans[k] = Some(plan.clone());
        Ok(plan)
    }
}

/// Where the models are looked for: `$GONGKAI_MODELS`, else
/// `$XDG_DATA_HOME/gongkai/models`, else `~/.local/share/gongkai/models` (what
/// `scripts/setup` writes).
pub(crate) fn models_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(MODELS_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .or_else(|| std::env::var_os("USERPROFILE"))
                .map(|h| PathBuf::from(h).join(".local/share"))
        })
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("gongkai/models")
}

/// What to do when the models are missing, for the error message.
pub(crate) fn how_to_install() -> String {
    format!(
        "the OCR model {} was not found in {}; install the models with scripts/setup (it runs `pip download --no-deps rapidocr-onnxruntime==1.4.4` and extracts rapidocr_onnxruntime/models/*.onnx there), or point {} at a folder that holds them",
        REC_MODEL,
        models_dir().display(),
        MODELS_ENV
    )
}

/// The recognizer, loaded on first use and shared by every parse of the process
/// (loading and optimising the network takes about a second; a batch pays it once).
pub(crate) fn recognizer() -> Result<&'static Recognizer, String> {
    static REC: OnceLock<Result<Recognizer, String>> = OnceLock::new();
    REC.get_or_init(load).as_ref().map_err(Clone::clone)
}

fn load() -> Result<Recognizer, String> {
    let path = models_dir().join(REC_MODEL);
    let bytes = std::fs::read(&path).map_err(|_| how_to_install())?;
    let broken = |e: TractError| {
        format!(
            "the OCR model {} could not be loaded ({e}); it may be damaged: delete it and run scripts/setup again",
            path.display()
        )
    };
    let model = tract_onnx::onnx()
        .model_for_read(&mut &bytes[..])
        .map_err(broken)?;
    let chars = model
        .properties
        .get("onnx.metadata_props.character")
        .and_then(|t| {
            t.to_plain_array_view::<String>()
                .ok()
                .and_then(|a| a.iter().next().cloned())
        })
        .ok_or_else(|| {
            format!(
                "the OCR model {} carries no character table in its metadata; it is not the PP-OCR model scripts/setup installs",
                path.display()
            )
        })?;
    // Class 0 is CTC's blank, then the table's characters, then a space (PaddleOCR's
    // `use_space_char`).
    let mut classes = vec![String::new()];
    classes.extend(chars.lines().map(str::to_string));
    classes.push(" ".to_string());
    Ok(Recognizer {
        model,
        plans: std::sync::Mutex::new(vec![None; WIDTHS.len()]),
        chars: classes,
        path,
    })
}
