//! How input tokens grow turn after turn, one line per pipeline (log scale).

use super::{Chart, RunData, chart_builder, compact, draw_legend, err, line_key, log_ceil, log_floor, styled_mesh};
use plotters::coord::Shift;
use plotters::prelude::*;

/// `(turn number from 1, mean input tokens, episodes that reached the turn)`.
pub type Growth = (u32, f64, usize);

/// Mean input tokens of the request at turn 1, 2, ... over the episodes that reached that turn.
#[derive(Debug)]
pub struct TokensPerTurn<'a> {
    run: &'a RunData<'a>,
}

impl<'a> TokensPerTurn<'a> {
    /// The chart of a run.
    pub fn new(run: &'a RunData<'a>) -> Self {
        Self { run }
    }

    /// `(turn number from 1, mean input tokens, episodes that reached the turn)` of a pipeline.
    pub fn growth(&self, pipeline: &str) -> Vec<Growth> {
        let mut sums: Vec<(f64, usize)> = Vec::new();
        for r in self.run.of_pipeline(pipeline) {
            for (i, t) in r.turns.iter().enumerate() {
                if sums.len() <= i {
                    sums.push((0.0, 0));
                }
                sums[i].0 += t.input.total() as f64;
                sums[i].1 += 1;
            }
        }
        sums.into_iter()
            .enumerate()
            .map(|(i, (s, n))| (i as u32 + 1, s / n as f64, n))
            .collect()
    }
}

impl Chart for TokensPerTurn<'_> {
    fn name(&self) -> &'static str {
        "tokens-per-turn"
    }

    fn title(&self) -> String {
        "Input tokens per request as the episode goes on".to_string()
    }

    fn subtitle(&self) -> String {
        self.run.subtitle.clone()
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let name = self.name();
        let series: Vec<(String, Vec<Growth>)> =
            self.run.pipelines.iter().map(|p| (p.clone(), self.growth(p))).collect();
        let values = || series.iter().flat_map(|s| s.1.iter().map(|g| g.1));
        let floor = log_floor(values());
        let ceil = log_ceil(values(), floor);
        let turns = series.iter().map(|s| s.1.len()).max().unwrap_or(1).max(1) as f64;
        let mut chart = chart_builder(area, 130)
            .build_cartesian_2d(0.7f64..turns + 0.3, (floor..ceil).log_scale())
            .map_err(|e| err(name, e))?;
        styled_mesh(&mut chart, "turn (model request number)")
            .y_desc("input tokens (mean; log scale)")
            .x_labels(turns as usize + 2)
            .x_label_formatter(&|v| {
                if (v - v.round()).abs() < 1e-6 && *v >= 1.0 {
                    format!("{v:.0}")
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v| compact(*v))
            .draw()
            .map_err(|e| err(name, e))?;
        for (p, growth) in series {
            let colour = self.run.colour(&p);
            if growth.is_empty() {
                // Still named in the legend, so a pipeline without turns is visible as such.
                chart
                    .draw_series(LineSeries::new(Vec::<(f64, f64)>::new(), colour.stroke_width(4)))
                    .map_err(|e| err(name, e))?
                    .label(format!("{p} (no turns)"))
                    .legend(line_key(colour));
                continue;
            }
            let pts: Vec<(f64, f64)> = growth.iter().map(|g| (g.0 as f64, g.1.max(floor))).collect();
            chart
                .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(4)))
                .map_err(|e| err(name, e))?
                .label(p.clone())
                .legend(line_key(colour));
            chart
                .draw_series(pts.into_iter().map(|c| Circle::new(c, 8, colour.filled())))
                .map_err(|e| err(name, e))?;
        }
        draw_legend(&mut chart, name, SeriesLabelPosition::LowerRight)
    }
}
