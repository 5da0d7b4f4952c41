//! Model round trips per task, one bar per pipeline. Past [`super::MAX_TASK_ROWS`] tasks, one
//! row per group of tasks instead: per pipeline a bar at the median of the tasks' means with a
//! p25–p75 whisker.

use super::{Chart, RowStat, RunData, TaskAxis, TaskRows, bar_key, chart_builder, draw_legend, err, font, styled_mesh};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Mean round trips (model turns) of each task (or group of tasks), for each pipeline.
#[derive(Debug)]
pub struct RoundTripsPerTask<'a> {
    run: &'a RunData<'a>,
}

impl<'a> RoundTripsPerTask<'a> {
    /// The chart of a run.
    pub fn new(run: &'a RunData<'a>) -> Self {
        Self { run }
    }

    /// The rows and, per row and pipeline, the spread of mean round trips per episode.
    pub fn rows(&self) -> (TaskRows, Vec<RowStat>) {
        let rows = TaskRows::of(self.run);
        let stats = rows.stats(self.run, |r| r.round_trips() as f64);
        (rows, stats)
    }
}

impl Chart for RoundTripsPerTask<'_> {
    fn name(&self) -> &'static str {
        "round-trips-per-task"
    }

    fn title(&self) -> String {
        match TaskRows::of(self.run).title_note() {
            Some(note) => format!("Model round trips per task, {note}"),
            None => "Model round trips per task, by pipeline".to_string(),
        }
    }

    fn subtitle(&self) -> String {
        self.run.subtitle.clone()
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let name = self.name();
        let (rows, stats) = self.rows();
        let grouped = rows.grouped();
        let max = stats.iter().map(|s| s.hi.max(s.mid)).fold(1.0, f64::max);
        let (_, h) = area.dim_in_pixel();
        let axis = TaskAxis::new(&rows.labels, h.saturating_sub(140));
        let mut chart = chart_builder(area, axis.area_width)
            .margin_right(50)
            .build_cartesian_2d(0f64..(max * 1.15).ceil(), axis.range())
            .map_err(|e| err(name, e))?;
        let x_desc = if grouped {
            "round trips per episode (model turns): bar = median of the tasks' means, whisker = p25–p75"
        } else {
            "round trips per episode (model turns; mean over trials and models)"
        };
        styled_mesh(&mut chart, x_desc)
            .y_label_style(font(axis.label_size))
            .x_label_formatter(&|v| format!("{v}"))
            .y_label_formatter(&|_| String::new())
            .disable_y_mesh()
            .draw()
            .map_err(|e| err(name, e))?;
        axis.draw_labels(area, &chart, name, 0.0)?;
        let k = self.run.pipelines.len() as f64;
        let band = 0.8;
        let bar = band / k;
        // First pipeline on top within the row's band.
        let top = |s: &RowStat| axis.y(s.row) + band / 2.0 - s.pipeline as f64 * bar;
        for (j, p) in self.run.pipelines.iter().enumerate() {
            let colour = self.run.colour(p);
            let rects: Vec<Rectangle<(f64, f64)>> = stats
                .iter()
                .filter(|s| s.pipeline == j)
                .map(|s| Rectangle::new([(0.0, top(s) - bar * 0.92), (s.mid, top(s))], colour.filled()))
                .collect();
            chart
                .draw_series(rects)
                .map_err(|e| err(name, e))?
                .label(p.clone())
                .legend(bar_key(colour));
        }
        if grouped {
            let whiskers: Vec<PathElement<(f64, f64)>> = stats
                .iter()
                .map(|s| {
                    let y = top(s) - bar * 0.46;
                    PathElement::new(vec![(s.lo, y), (s.hi, y)], BLACK.stroke_width(2))
                })
                .collect();
            chart.draw_series(whiskers).map_err(|e| err(name, e))?;
        }
        draw_legend(&mut chart, name, SeriesLabelPosition::LowerRight)
    }
}
