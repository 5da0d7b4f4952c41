//! Model round trips per task, one bar per pipeline.

use super::{Chart, RunData, TaskAxis, bar_key, chart_builder, draw_legend, err, font, mean, styled_mesh};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Mean round trips (model turns) of each task, for each pipeline.
#[derive(Debug)]
pub struct RoundTripsPerTask<'a> {
    run: &'a RunData<'a>,
}

impl<'a> RoundTripsPerTask<'a> {
    /// The chart of a run.
    pub fn new(run: &'a RunData<'a>) -> Self {
        Self { run }
    }

    /// `(task index, pipeline index, mean round trips)` for every task and pipeline that ran it.
    pub fn bars(&self) -> Vec<(usize, usize, f64)> {
        let by = self.run.by_task_pipeline();
        let mut out = Vec::new();
        for (i, task) in self.run.tasks.iter().enumerate() {
            for (j, p) in self.run.pipelines.iter().enumerate() {
                if let Some(rs) = by.get(&(task.as_str(), p.as_str())) {
                    let v: Vec<f64> = rs.iter().map(|r| r.round_trips() as f64).collect();
                    out.push((i, j, mean(&v)));
                }
            }
        }
        out
    }
}

impl Chart for RoundTripsPerTask<'_> {
    fn name(&self) -> &'static str {
        "round-trips-per-task"
    }

    fn title(&self) -> String {
        "Model round trips per task, by pipeline".to_string()
    }

    fn subtitle(&self) -> String {
        self.run.subtitle.clone()
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let name = self.name();
        let bars = self.bars();
        let max = bars.iter().map(|b| b.2).fold(1.0, f64::max);
        let (_, h) = area.dim_in_pixel();
        let axis = TaskAxis::new(&self.run.tasks, h.saturating_sub(140));
        let mut chart = chart_builder(area, axis.area_width)
            .margin_right(50)
            .build_cartesian_2d(0f64..(max * 1.15).ceil(), axis.range())
            .map_err(|e| err(name, e))?;
        styled_mesh(
            &mut chart,
            "round trips per episode (model turns; mean over trials and models)",
        )
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
        for (j, p) in self.run.pipelines.iter().enumerate() {
            let colour = self.run.colour(p);
            let rects: Vec<Rectangle<(f64, f64)>> = bars
                .iter()
                .filter(|b| b.1 == j)
                .map(|b| {
                    // First pipeline on top within the task's band.
                    let top = axis.y(b.0) + band / 2.0 - j as f64 * bar;
                    Rectangle::new([(0.0, top - bar * 0.92), (b.2, top)], colour.filled())
                })
                .collect();
            chart
                .draw_series(rects)
                .map_err(|e| err(name, e))?
                .label(p.clone())
                .legend(bar_key(colour));
        }
        draw_legend(&mut chart, name, SeriesLabelPosition::LowerRight)
    }
}
