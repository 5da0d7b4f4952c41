//! Success rate against input tokens per pipeline x model, with 95% Wilson intervals and the
//! Pareto frontier (drawn by `pareto.rs`).

use super::pareto::{ParetoAxis, ParetoPoint, draw_pareto, pareto_points};
use super::{Chart, RunData, compact};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Success rate against tokens per pipeline x model.
#[derive(Debug)]
pub struct SuccessVsTokens<'a> {
    run: &'a RunData<'a>,
}

impl<'a> SuccessVsTokens<'a> {
    /// The chart of a run.
    pub fn new(run: &'a RunData<'a>) -> Self {
        Self { run }
    }

    /// The points (x: mean input tokens per episode), frontier marked, in pipeline then model order.
    pub fn points(&self) -> Vec<ParetoPoint> {
        pareto_points(self.run, |_, r| (r.input_tokens() as f64, None))
    }
}

impl Chart for SuccessVsTokens<'_> {
    fn name(&self) -> &'static str {
        "success-vs-tokens"
    }

    fn title(&self) -> String {
        "Success against input tokens, per pipeline and model".to_string()
    }

    fn subtitle(&self) -> String {
        format!(
            "{} · bars: 95% Wilson interval · dashed: Pareto frontier",
            self.run.subtitle
        )
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let axis = ParetoAxis {
            name: self.name(),
            x_desc: "input tokens per episode (mean; log scale)".to_string(),
            format: &|v| compact(*v),
            before_legend: None,
        };
        draw_pareto(self.run, &self.points(), &axis, area)
    }
}
