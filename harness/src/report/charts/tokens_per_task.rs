//! Input tokens per task, one dot per pipeline joined by a line (paired by task), log scale.

use super::{
    Chart, GREY_LINE, RunData, TaskAxis, chart_builder, compact, dot_key, draw_legend, err, font, log_ceil, log_floor,
    mean, styled_mesh,
};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Mean input tokens per episode of each task, for each pipeline.
#[derive(Debug)]
pub struct TokensPerTask<'a> {
    run: &'a RunData<'a>,
}

impl<'a> TokensPerTask<'a> {
    /// The chart of a run.
    pub fn new(run: &'a RunData<'a>) -> Self {
        Self { run }
    }

    /// `(task index, pipeline, mean input tokens per episode)` for every task and pipeline that ran it.
    pub fn points(&self) -> Vec<(usize, String, f64)> {
        let by = self.run.by_task_pipeline();
        let mut out = Vec::new();
        for (i, task) in self.run.tasks.iter().enumerate() {
            for p in &self.run.pipelines {
                if let Some(rs) = by.get(&(task.as_str(), p.as_str())) {
                    let v: Vec<f64> = rs.iter().map(|r| r.input_tokens() as f64).collect();
                    out.push((i, p.clone(), mean(&v)));
                }
            }
        }
        out
    }
}

impl Chart for TokensPerTask<'_> {
    fn name(&self) -> &'static str {
        "tokens-per-task"
    }

    fn title(&self) -> String {
        "Input tokens per task, by pipeline".to_string()
    }

    fn subtitle(&self) -> String {
        self.run.subtitle.clone()
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let name = self.name();
        let points = self.points();
        let floor = log_floor(points.iter().map(|p| p.2));
        let ceil = log_ceil(points.iter().map(|p| p.2), floor);
        let (_, h) = area.dim_in_pixel();
        let axis = TaskAxis::new(&self.run.tasks, h.saturating_sub(140));
        let mut chart = chart_builder(area, axis.area_width)
            .margin_right(50)
            .build_cartesian_2d((floor..ceil).log_scale(), axis.range())
            .map_err(|e| err(name, e))?;
        styled_mesh(
            &mut chart,
            "input tokens per episode (mean over trials and models; log scale; 0 drawn at the left edge)",
        )
        .y_label_style(font(axis.label_size))
        .x_label_formatter(&|v| compact(*v))
        .y_label_formatter(&|_| String::new())
        .disable_y_mesh()
        .draw()
        .map_err(|e| err(name, e))?;
        axis.draw_labels(area, &chart, name, floor)?;
        // The pairing: one grey line per task from its cheapest to its dearest pipeline.
        for i in 0..self.run.tasks.len() {
            let vs: Vec<f64> = points.iter().filter(|p| p.0 == i).map(|p| p.2.max(floor)).collect();
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
        let radius = (axis.label_size / 2).clamp(6, 11);
        for p in &self.run.pipelines {
            let colour = self.run.colour(p);
            let ps: Vec<(f64, f64)> = points
                .iter()
                .filter(|q| &q.1 == p)
                .map(|q| (q.2.max(floor), axis.y(q.0)))
                .collect();
            chart
                .draw_series(ps.into_iter().map(|c| Circle::new(c, radius, colour.filled())))
                .map_err(|e| err(name, e))?
                .label(p.clone())
                .legend(dot_key(colour));
        }
        draw_legend(&mut chart, name, SeriesLabelPosition::LowerRight)
    }
}
