//! Charts of a run, drawn with plotters: each chart as SVG (inline in the HTML report) and as
//! PNG (1600x900, for slides). One [`Chart`] per file; [`RunData`] holds what every run chart
//! shares (pipelines in a fixed order with fixed colours, models, trial count, subtitle).
//!
//! PNG text is drawn with the committed DejaVu Sans (`harness/assets/fonts/`), so charts render
//! the same on machines without system fonts.

mod latency_cdf;
pub mod pareto;
mod round_trips;
pub mod scaling;
mod success_vs_cost;
mod success_vs_tokens;
mod task_rows;
mod tokens_per_task;
mod tokens_per_turn;

pub use latency_cdf::LatencyCdf;
pub use round_trips::RoundTripsPerTask;
pub use scaling::ScalingChart;
pub use success_vs_cost::{SuccessVsCost, usd};
pub use success_vs_tokens::SuccessVsTokens;
pub use task_rows::{MAX_GROUP_ROWS, MAX_TASK_ROWS, RowKind, RowStat, TaskRows};
pub use tokens_per_task::TokensPerTask;
pub use tokens_per_turn::TokensPerTurn;

use super::RenderedChart;
use crate::model::profile::Prices;
use crate::record::Record;
use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::prelude::*;
use plotters::style::register_font;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Width of every chart in pixels.
pub const WIDTH: u32 = 1600;
/// Height of every chart in pixels.
pub const HEIGHT: u32 = 900;

/// DejaVu Sans, embedded so PNG text needs no system font (license next to the file).
static DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// Registers the embedded font as `sans-serif` once; every chart calls it before drawing.
pub fn ensure_font() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            register_font("sans-serif", FontStyle::Normal, DEJAVU_SANS)
                .map_err(|_| "the embedded DejaVu Sans font could not be loaded".to_string())
        })
        .clone()
}

/// One chart: a file-name stem, a title and a drawing on any plotters backend.
pub trait Chart {
    /// File-name stem, e.g. `tokens-per-task`.
    fn name(&self) -> &'static str;
    /// Human title shown on top of the chart.
    fn title(&self) -> String;
    /// Second line under the title (run, models, trials).
    fn subtitle(&self) -> String;
    /// Draws the chart body into `area` (title and subtitle are already drawn above it).
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String>;

    /// The chart as a standalone SVG document.
    fn to_svg(&self) -> Result<String, String>
    where
        Self: Sized,
    {
        ensure_font()?;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
            draw_framed(self, &root)?;
            root.present()
                .map_err(|e| format!("{}: drawing SVG: {e}", self.name()))?;
        }
        Ok(svg)
    }

    /// Writes the chart as a PNG file of [`WIDTH`] x [`HEIGHT`] pixels.
    fn write_png(&self, path: &Path) -> Result<(), String>
    where
        Self: Sized,
    {
        ensure_font()?;
        let root = BitMapBackend::new(path, (WIDTH, HEIGHT)).into_drawing_area();
        draw_framed(self, &root)?;
        root.present()
            .map_err(|e| format!("{}: writing PNG: {e}", path.display()))
    }
}

/// White background, title and subtitle, then the chart's own drawing below them.
fn draw_framed<C: Chart, DB: DrawingBackend>(chart: &C, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    root.fill(&WHITE).map_err(|e| err(chart.name(), e))?;
    let (head, body) = root.split_vertically(HEADER_HEIGHT);
    head.draw(&Text::new(chart.title(), (40, 18), font(TITLE_SIZE)))
        .map_err(|e| err(chart.name(), e))?;
    head.draw(&Text::new(
        chart.subtitle(),
        (40, 70),
        font(SUBTITLE_SIZE).color(&GREY_TEXT),
    ))
    .map_err(|e| err(chart.name(), e))?;
    chart.draw(&body)
}

/// Height of the title and subtitle band.
const HEADER_HEIGHT: u32 = 110;
/// Title font size in pixels.
pub const TITLE_SIZE: u32 = 42;
/// Subtitle font size in pixels.
pub const SUBTITLE_SIZE: u32 = 26;
/// Axis description font size.
pub const AXIS_SIZE: u32 = 28;
/// Tick label font size.
pub const LABEL_SIZE: u32 = 22;
/// Legend font size.
pub const LEGEND_SIZE: u32 = 24;
/// Grey used for secondary text.
pub const GREY_TEXT: RGBColor = RGBColor(90, 90, 90);
/// Grey used for connecting lines and grids.
pub const GREY_LINE: RGBColor = RGBColor(170, 170, 170);

/// The chart font at a size.
pub fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&BLACK)
}

/// A drawing error, naming the chart.
pub fn err<E: std::fmt::Display>(chart: &str, e: E) -> String {
    format!("chart {chart}: {e}")
}

/// Okabe-Ito colours (colour-blind safe), yellow last (weak on white).
const PALETTE: [RGBColor; 8] = [
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 114, 178),   // blue
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(0, 0, 0),       // black
    RGBColor(240, 228, 66),  // yellow
];

/// Pipelines the harness ships, in the order charts list them (each keeps its colour).
const KNOWN_PIPELINES: [&str; 4] = ["json-tools", "code-mode", "code-mode-typed", "tool-search"];

/// A pipeline's colour: fixed for the shipped pipelines, then by order of appearance in `others`.
pub fn pipeline_colour(pipeline: &str, others: &[String]) -> RGBColor {
    if let Some(i) = KNOWN_PIPELINES.iter().position(|p| *p == pipeline) {
        return PALETTE[i];
    }
    let extra: Vec<&String> = others
        .iter()
        .filter(|p| !KNOWN_PIPELINES.contains(&p.as_str()))
        .collect();
    let i = extra.iter().position(|p| p.as_str() == pipeline).unwrap_or(0);
    PALETTE[(KNOWN_PIPELINES.len() + i) % PALETTE.len()]
}

/// Orders pipeline names: the shipped ones first in their fixed order, then the rest by name.
pub fn order_pipelines(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let set: BTreeSet<String> = names.into_iter().collect();
    let mut out: Vec<String> = KNOWN_PIPELINES
        .iter()
        .filter(|p| set.contains(**p))
        .map(|p| p.to_string())
        .collect();
    out.extend(set.into_iter().filter(|p| !KNOWN_PIPELINES.contains(&p.as_str())));
    out
}

/// Shortens a label to `max` characters, keeping its end (task ids differ at the end) after `…`.
pub fn shorten(label: &str, max: usize) -> String {
    let n = label.chars().count();
    if n <= max || max < 2 {
        return label.to_string();
    }
    let tail: String = label.chars().skip(n - (max - 1)).collect();
    format!("…{tail}")
}

/// `1234` -> `1.2k`, `2500000` -> `2.5M`: compact tick labels for token axes.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        trim(format!("{:.1}", v / 1e6)) + "M"
    } else if a >= 1e3 {
        trim(format!("{:.1}", v / 1e3)) + "k"
    } else if a >= 10.0 || v == v.trunc() {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn trim(s: String) -> String {
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// The lower bound of a log axis holding `values`: a power of ten at or below the smallest
/// positive value (zeros are drawn on this bound), at least 1 below the top.
pub fn log_floor(values: impl IntoIterator<Item = f64>) -> f64 {
    let min = values.into_iter().filter(|v| *v > 0.0).fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        10f64.powf(min.log10().floor())
    } else {
        1.0
    }
}

/// The upper bound of a log axis holding `values`: the next power of ten above the largest.
pub fn log_ceil(values: impl IntoIterator<Item = f64>, floor: f64) -> f64 {
    let max = values.into_iter().fold(floor, f64::max);
    let top = 10f64.powf((max * 1.05).log10().ceil());
    if top <= floor { floor * 10.0 } else { top }
}

/// The prices a run's episodes are costed with, and the model profile they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Pricing {
    /// Profile name (or file), shown on the cost chart.
    pub profile: String,
    /// Its prices per million tokens.
    pub prices: Prices,
}

/// Whether a log-axis tick at `v` gets a label: 1, 2 and 5 times a power of ten (the other
/// ticks keep their grid line only, so labels do not crowd).
pub fn log_tick_labelled(v: f64) -> bool {
    if v <= 0.0 || !v.is_finite() {
        return false;
    }
    let m = v / 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().any(|k| (m - k).abs() < 1e-6)
}

/// What every run chart shares: the records grouped the way the charts need them.
#[derive(Debug)]
pub struct RunData<'a> {
    /// Every record of the run.
    pub records: &'a [Record],
    /// Pipelines in chart order.
    pub pipelines: Vec<String>,
    /// Models, by name.
    pub models: Vec<String>,
    /// Tasks, by id.
    pub tasks: Vec<String>,
    /// Number of distinct trials.
    pub trials: usize,
    /// The subtitle line: run id, models, trials, tasks, episodes.
    pub subtitle: String,
    /// The prices episodes are costed with.
    pub pricing: Pricing,
    /// Per record, in the order of `records`: (USD without prefix caching, USD with it).
    pub costs: Vec<(f64, f64)>,
}

impl<'a> RunData<'a> {
    /// Groups a run's records and costs them with `pricing`; an empty run is an error (there
    /// is nothing to draw).
    pub fn new(records: &'a [Record], pricing: Pricing) -> Result<Self, String> {
        if records.is_empty() {
            return Err("the run has no records: there is nothing to chart".to_string());
        }
        let pipelines = order_pipelines(records.iter().map(|r| r.pipeline.clone()));
        let models: Vec<String> = records
            .iter()
            .map(|r| r.model.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let tasks: Vec<String> = records
            .iter()
            .map(|r| r.task.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let trials = records.iter().map(|r| r.trial).collect::<BTreeSet<_>>().len();
        let runs: BTreeSet<&str> = records.iter().map(|r| r.run_id.as_str()).collect();
        let run = runs.into_iter().collect::<Vec<_>>().join(", ");
        let model_part = if models.len() == 1 {
            format!("model {}", models[0])
        } else {
            format!("{} models: {}", models.len(), shorten(&models.join(", "), 60))
        };
        let subtitle = format!(
            "run {} · {} · {} trial{} · {} task{} · {} episodes",
            shorten(&run, 40),
            model_part,
            trials,
            if trials == 1 { "" } else { "s" },
            tasks.len(),
            if tasks.len() == 1 { "" } else { "s" },
            records.len()
        );
        let costs = crate::report::analysis::episode_rows(records, &pricing.prices)
            .iter()
            .map(|r| (r.cost_usd, r.cost_usd_cached))
            .collect();
        Ok(Self {
            records,
            pipelines,
            models,
            tasks,
            trials,
            subtitle,
            pricing,
            costs,
        })
    }

    /// A pipeline's colour in this run.
    pub fn colour(&self, pipeline: &str) -> RGBColor {
        pipeline_colour(pipeline, &self.pipelines)
    }

    /// Records grouped by (task, pipeline).
    pub fn by_task_pipeline(&self) -> BTreeMap<(&'a str, &'a str), Vec<&'a Record>> {
        let mut by: BTreeMap<(&str, &str), Vec<&Record>> = BTreeMap::new();
        for r in self.records {
            by.entry((r.task.as_str(), r.pipeline.as_str())).or_default().push(r);
        }
        by
    }

    /// Records of one pipeline.
    pub fn of_pipeline(&self, pipeline: &str) -> Vec<&'a Record> {
        self.records.iter().filter(|r| r.pipeline == pipeline).collect()
    }
}

/// Mean of a non-empty slice (0 when empty).
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// A vertical axis of tasks (first task on top): labels shortened, font sized to the row height.
#[derive(Debug, Clone)]
pub struct TaskAxis {
    /// Shortened labels, in chart order (top first).
    pub labels: Vec<String>,
    /// Tick label font size.
    pub label_size: u32,
    /// Width of the label area in pixels.
    pub area_width: u32,
}

impl TaskAxis {
    /// Longest label kept, in characters (a world x pattern row label such as
    /// `commerce · multi-resource-workflow (15)` fits whole).
    const MAX_CHARS: usize = 44;

    /// Lays out `tasks` on a plot `height` pixels high.
    pub fn new(tasks: &[String], height: u32) -> Self {
        let n = tasks.len().max(1) as u32;
        let row = height / n;
        let label_size = (row * 6 / 10).clamp(11, LABEL_SIZE);
        let labels: Vec<String> = tasks.iter().map(|t| shorten(t, Self::MAX_CHARS)).collect();
        let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as u32;
        let area_width = (longest * label_size * 58 / 100 + 24).min(520);
        Self {
            labels,
            label_size,
            area_width,
        }
    }

    /// The y coordinate of task `i` (task 0 on top).
    pub fn y(&self, i: usize) -> f64 {
        (self.labels.len() - 1 - i) as f64
    }

    /// The y range: one unit per task.
    pub fn range(&self) -> std::ops::Range<f64> {
        -0.6f64..(self.labels.len() as f64 - 0.4)
    }

    /// Draws the task labels left of the plot, right-aligned, one per row (plotters' own
    /// labels would land between rows).
    pub fn draw_labels<DB: DrawingBackend, X: plotters::coord::ranged1d::Ranged<ValueType = f64>>(
        &self,
        area: &DrawingArea<DB, Shift>,
        chart: &ChartContext<'_, DB, Cartesian2d<X, plotters::coord::types::RangedCoordf64>>,
        name: &str,
        x_left: f64,
    ) -> Result<(), String> {
        use plotters::style::text_anchor::{HPos, Pos, VPos};
        let (bx, by) = area.get_base_pixel();
        let style = font(self.label_size).pos(Pos::new(HPos::Right, VPos::Center));
        for i in 0..self.labels.len() {
            let (px, py) = chart.backend_coord(&(x_left, self.y(i)));
            area.draw(&Text::new(
                self.labels[i].clone(),
                (px - bx - 12, py - by),
                style.clone(),
            ))
            .map_err(|e| err(name, e))?;
        }
        Ok(())
    }
}

/// A chart builder on `area` with the margins every chart shares and a y label area
/// `y_label_width` pixels wide (the x label area holds the ticks and the axis description).
pub fn chart_builder<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    y_label_width: u32,
) -> ChartBuilder<'a, 'b, DB> {
    let mut b = ChartBuilder::on(area);
    b.margin_left(20)
        .margin_right(60)
        .margin_top(10)
        .margin_bottom(10)
        .x_label_area_size(90)
        .y_label_area_size(y_label_width);
    b
}

/// The mesh every chart shares: axis description and tick fonts, no minor grid lines, a light
/// major grid, and `x_desc` under the x axis. Callers chain their own formatters and `draw()`.
pub fn styled_mesh<'a, 'b, X, Y, DB>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    x_desc: &str,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged + ValueFormatter<X::ValueType>,
    Y: Ranged + ValueFormatter<Y::ValueType>,
{
    let mut mesh = chart.configure_mesh();
    mesh.x_desc(x_desc)
        .axis_desc_style(font(AXIS_SIZE))
        .label_style(font(LABEL_SIZE))
        .light_line_style(WHITE)
        .bold_line_style(GREY_LINE.mix(0.4));
    mesh
}

/// A legend key: a filled dot of `colour`.
pub fn dot_key(colour: RGBColor) -> impl Fn(BackendCoord) -> Circle<BackendCoord, i32> {
    move |(x, y)| Circle::new((x + 12, y), 10, colour.filled())
}

/// A legend key: a thick line of `colour`.
pub fn line_key(colour: RGBColor) -> impl Fn(BackendCoord) -> PathElement<BackendCoord> {
    move |(x, y)| PathElement::new(vec![(x, y), (x + 28, y)], colour.stroke_width(5))
}

/// A legend key: a filled bar of `colour`.
pub fn bar_key(colour: RGBColor) -> impl Fn(BackendCoord) -> Rectangle<BackendCoord> {
    move |(x, y)| Rectangle::new([(x, y - 9), (x + 24, y + 9)], colour.filled())
}

/// A pixel position on the drawing backend.
type BackendCoord = (i32, i32);

/// Draws the series legend of a chart in the given corner, in the chart fonts.
pub fn draw_legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    name: &str,
    position: SeriesLabelPosition,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .position(position)
        .margin(16)
        .legend_area_size(36)
        .label_font(font(LEGEND_SIZE))
        .background_style(WHITE.mix(0.9))
        .border_style(GREY_LINE)
        .draw()
        .map_err(|e| err(name, e))
}

/// The run charts, each rendered as SVG, in the order the HTML report shows them; costs use `pricing`.
pub fn render_svgs(records: &[Record], pricing: &Pricing) -> Result<Vec<RenderedChart>, String> {
    let run = RunData::new(records, pricing.clone())?;
    let mut out = Vec::new();
    fn one<C: Chart>(c: &C, out: &mut Vec<RenderedChart>) -> Result<(), String> {
        out.push(RenderedChart {
            name: c.name().to_string(),
            title: c.title(),
            svg: c.to_svg()?,
        });
        Ok(())
    }
    one(&TokensPerTask::new(&run), &mut out)?;
    one(&SuccessVsTokens::new(&run), &mut out)?;
    one(&SuccessVsCost::new(&run), &mut out)?;
    one(&LatencyCdf::new(&run), &mut out)?;
    one(&TokensPerTurn::new(&run), &mut out)?;
    one(&RoundTripsPerTask::new(&run), &mut out)?;
    Ok(out)
}

/// Writes every run chart into `dir` as `<name>.svg` and `<name>.png`, costs priced with
/// `pricing`; returns the files written.
pub fn write_files(records: &[Record], pricing: &Pricing, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let run = RunData::new(records, pricing.clone())?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create directory: {e}", dir.display()))?;
    let mut out = Vec::new();
    write_chart(&TokensPerTask::new(&run), dir, &mut out)?;
    write_chart(&SuccessVsTokens::new(&run), dir, &mut out)?;
    write_chart(&SuccessVsCost::new(&run), dir, &mut out)?;
    write_chart(&LatencyCdf::new(&run), dir, &mut out)?;
    write_chart(&TokensPerTurn::new(&run), dir, &mut out)?;
    write_chart(&RoundTripsPerTask::new(&run), dir, &mut out)?;
    Ok(out)
}

/// Writes one chart as `dir/<name>.svg` and `dir/<name>.png`, appending the paths to `out`.
pub fn write_chart<C: Chart>(chart: &C, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let svg_path = dir.join(format!("{}.svg", chart.name()));
    let svg = chart.to_svg()?;
    std::fs::write(&svg_path, svg).map_err(|e| format!("{}: {e}", svg_path.display()))?;
    out.push(svg_path);
    let png_path = dir.join(format!("{}.png", chart.name()));
    chart.write_png(&png_path)?;
    out.push(png_path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_the_end() {
        assert_eq!(shorten("edge/a-500s-top-path", 40), "edge/a-500s-top-path");
        assert_eq!(shorten("abcdefghij", 5), "…ghij");
    }

    #[test]
    fn task_axis_keeps_group_labels_whole_and_cuts_long_ids() {
        let group = "commerce · multi-resource-workflow (15)".to_string();
        let long = format!("edge/{}", "x".repeat(60));
        let axis = TaskAxis::new(&[group.clone(), long], 600);
        assert_eq!(axis.labels[0], group);
        assert!(axis.labels[1].starts_with('…') && axis.labels[1].chars().count() == 44);
    }

    #[test]
    fn compact_labels() {
        assert_eq!(compact(1234.0), "1.2k");
        assert_eq!(compact(100_000.0), "100k");
        assert_eq!(compact(2_500_000.0), "2.5M");
        assert_eq!(compact(5.0), "5");
        assert_eq!(compact(0.5), "0.5");
    }

    #[test]
    fn log_bounds_skip_zeros() {
        assert_eq!(log_floor([0.0, 250.0, 90_000.0]), 100.0);
        assert_eq!(log_floor([0.0]), 1.0);
        assert_eq!(log_ceil([250.0, 90_000.0], 100.0), 100_000.0);
        assert_eq!(log_ceil([0.0], 1.0), 10.0);
    }

    #[test]
    fn log_ticks_labelled_at_one_two_five() {
        let shown: Vec<f64> = [0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.2, 0.4, 0.5, 3000.0, 5000.0]
            .into_iter()
            .filter(|v| log_tick_labelled(*v))
            .collect();
        assert_eq!(shown, [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 5000.0]);
        assert!(!log_tick_labelled(0.0));
    }

    #[test]
    fn pipelines_keep_their_colours() {
        let order = order_pipelines(["zeta".to_string(), "code-mode".to_string(), "json-tools".to_string()]);
        assert_eq!(order, ["json-tools", "code-mode", "zeta"]);
        assert_eq!(pipeline_colour("code-mode", &order), PALETTE[1]);
        assert_eq!(pipeline_colour("zeta", &order), PALETTE[4]);
    }
}
