//! Success rate against cost per episode in USD per pipeline x model, priced with a model
//! profile: each point drawn hollow at its uncached cost and filled at its prefix-cached cost,
//! the Pareto frontier on the cached cost (drawn by `pareto.rs`).

use super::pareto::{ParetoAxis, ParetoPoint, draw_pareto, pareto_points};
use super::{Chart, GREY_TEXT, RunData, err, font, shorten};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Success rate against cost per pipeline x model.
#[derive(Debug)]
pub struct SuccessVsCost<'a> {
    run: &'a RunData<'a>,
}

impl<'a> SuccessVsCost<'a> {
    /// The chart of a run.
    pub fn new(run: &'a RunData<'a>) -> Self {
        Self { run }
    }

    /// The points (x: mean USD per episode with prefix caching, before: without), frontier
    /// marked on the cached cost, in pipeline then model order.
    pub fn points(&self) -> Vec<ParetoPoint> {
        pareto_points(self.run, |i, _| {
            let (uncached, cached) = self.run.costs[i];
            (cached, Some(uncached))
        })
    }

    /// Whether every episode costs nothing at these prices (nothing to plot).
    pub fn unpriced(&self) -> bool {
        self.run.costs.iter().all(|&(u, c)| u == 0.0 && c == 0.0)
    }
}

/// `0.0123` -> `$0.012`, `1.5` -> `$1.5`: two significant digits below a dollar.
pub fn usd(v: f64) -> String {
    if v <= 0.0 || !v.is_finite() {
        return "$0".to_string();
    }
    let decimals = (1.0 - v.log10().floor()).max(0.0) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("${s}")
}

impl Chart for SuccessVsCost<'_> {
    fn name(&self) -> &'static str {
        "success-vs-cost"
    }

    fn title(&self) -> String {
        "Success against cost per episode, per pipeline and model".to_string()
    }

    fn subtitle(&self) -> String {
        format!(
            "{} · bars: 95% Wilson interval · dashed: Pareto frontier on the cached cost",
            self.run.subtitle
        )
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        if self.unpriced() {
            let p = &self.run.pricing;
            let lines = [
                "No cost to plot: every episode costs $0 at these prices.".to_string(),
                format!(
                    "Profile {}: ${} input, ${} cached input, ${} output per million tokens.",
                    p.profile, p.prices.input, p.prices.cached_input, p.prices.output
                ),
                if p.prices.input == 0.0 && p.prices.cached_input == 0.0 && p.prices.output == 0.0 {
                    "Choose a priced profile, e.g. `cmbench report RUN --profile gpt-4o` or `cmbench charts RUN --profile gpt-4o`."
                        .to_string()
                } else {
                    "The prices are not zero: the run's episodes used no tokens.".to_string()
                },
            ];
            for (i, line) in lines.into_iter().enumerate() {
                let style = if i == 0 { font(36) } else { font(26).color(&GREY_TEXT) };
                area.draw(&Text::new(line, (60, 200 + 70 * i as i32), style))
                    .map_err(|e| err(self.name(), e))?;
            }
            return Ok(());
        }
        let axis = ParetoAxis {
            name: self.name(),
            x_desc: format!(
                "cost per episode in USD at {} prices (mean; log scale)",
                shorten(&self.run.pricing.profile, 40)
            ),
            format: &|v| usd(*v),
            before_legend: Some((
                "hollow: without prefix caching".to_string(),
                "filled: with prefix caching".to_string(),
            )),
        };
        draw_pareto(self.run, &self.points(), &axis, area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_labels() {
        assert_eq!(usd(0.0123), "$0.012");
        assert_eq!(usd(0.05), "$0.05");
        assert_eq!(usd(0.001), "$0.001");
        assert_eq!(usd(1.5), "$1.5");
        assert_eq!(usd(20.0), "$20");
        assert_eq!(usd(0.1), "$0.1");
        assert_eq!(usd(0.0), "$0");
    }
}
