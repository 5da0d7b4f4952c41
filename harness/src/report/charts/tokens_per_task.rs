//! Input tokens per task, one dot per pipeline joined by a line (paired by task), log scale.
//! Past [`super::MAX_TASK_ROWS`] tasks, one row per group of tasks instead: per pipeline the
//! median of the tasks' means with a p25–p75 whisker.

use super::{
    Chart, GREY_LINE, RowStat, RunData, TaskAxis, TaskRows, chart_builder, compact, dot_key, draw_legend, err, font,
    log_ceil, log_floor, styled_mesh,
};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Mean input tokens per episode of each task (or group of tasks), for each pipeline.
#[derive(Debug)]
pub struct TokensPerTask<'a> {
    run: &'a RunData<'a>,
}

impl<'a> TokensPerTask<'a> {
    /// The chart of a run.
    pub fn new(run: &'a RunData<'a>) -> Self {
        Self { run }
    }

    /// The rows and, per row and pipeline, the spread of mean input tokens per episode.
    pub fn rows(&self) -> (TaskRows, Vec<RowStat>) {
        let rows = TaskRows::of(self.run);
        let stats = rows.stats(self.run, |r| r.input_tokens() as f64);
        (rows, stats)
    }
}

impl Chart for TokensPerTask<'_> {
    fn name(&self) -> &'static str {
        "tokens-per-task"
    }

    fn title(&self) -> String {
        match TaskRows::of(self.run).title_note() {
            Some(note) => format!("Input tokens per task, {note}"),
            None => "Input tokens per task, by pipeline".to_string(),
        }
    }

    fn subtitle(&self) -> String {
        self.run.subtitle.clone()
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let name = self.name();
        let (rows, stats) = self.rows();
        let grouped = rows.grouped();
        let values = || stats.iter().flat_map(|s| [s.mid, s.lo, s.hi]);
        let floor = log_floor(values());
        let ceil = log_ceil(values(), floor);
        let (_, h) = area.dim_in_pixel();
        let axis = TaskAxis::new(&rows.labels, h.saturating_sub(140));
        let mut chart = chart_builder(area, axis.area_width)
            .margin_right(50)
            .build_cartesian_2d((floor..ceil).log_scale(), axis.range())
            .map_err(|e| err(name, e))?;
        let x_desc = if grouped {
            "input tokens per episode (log scale): dot = median of the tasks' means, whisker = p25–p75"
        } else {
            "input tokens per episode (mean over trials and models; log scale; 0 drawn at the left edge)"
        };
        styled_mesh(&mut chart, x_desc)
            .y_label_style(font(axis.label_size))
            .x_label_formatter(&|v| compact(*v))
            .y_label_formatter(&|_| String::new())
            .disable_y_mesh()
            .draw()
            .map_err(|e| err(name, e))?;
        axis.draw_labels(area, &chart, name, floor)?;
        let k = self.run.pipelines.len().max(1) as f64;
        let band = 0.8;
        // Grouped rows give each pipeline its own line in the band (whiskers would overlap);
        // a task row puts every pipeline on one line, joined cheapest to dearest.
        let y_of = |s: &RowStat| {
            if grouped {
                axis.y(s.row) + band / 2.0 - (s.pipeline as f64 + 0.5) * band / k
            } else {
                axis.y(s.row)
            }
        };
        if !grouped {
            for i in 0..rows.labels.len() {
                let vs: Vec<f64> = stats.iter().filter(|s| s.row == i).map(|s| s.mid.max(floor)).collect();
                if vs.len() < 2 {
                    continue;
                }
                let lo = vs.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = vs.iter().copied().fold(0.0, f64::max);
                let y = axis.y(i);
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(lo, y), (hi, y)],
                        GREY_LINE.stroke_width(3),
                    )))
                    .map_err(|e| err(name, e))?;
            }
        }
        let radius = (axis.label_size / 2).clamp(6, 11);
        for (j, p) in self.run.pipelines.iter().enumerate() {
            let colour = self.run.colour(p);
            let mine: Vec<&RowStat> = stats.iter().filter(|s| s.pipeline == j).collect();
            if grouped {
                let whiskers: Vec<PathElement<(f64, f64)>> = mine
                    .iter()
                    .map(|s| {
                        PathElement::new(
                            vec![(s.lo.max(floor), y_of(s)), (s.hi.max(floor), y_of(s))],
                            colour.stroke_width(4),
                        )
                    })
                    .collect();
                chart.draw_series(whiskers).map_err(|e| err(name, e))?;
            }
            chart
                .draw_series(
                    mine.iter()
                        .map(|s| Circle::new((s.mid.max(floor), y_of(s)), radius, colour.filled())),
                )
                .map_err(|e| err(name, e))?
                .label(p.clone())
                .legend(dot_key(colour));
        }
        draw_legend(&mut chart, name, SeriesLabelPosition::LowerRight)
    }
}
