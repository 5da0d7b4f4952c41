//! Episode latency as a cumulative distribution, one step line per pipeline.

use super::{Chart, RunData, chart_builder, draw_legend, err, line_key, styled_mesh};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The empirical CDF of episode wall time (model + sandbox + API + harness) per pipeline.
#[derive(Debug)]
pub struct LatencyCdf<'a> {
    run: &'a RunData<'a>,
}

impl<'a> LatencyCdf<'a> {
    /// The chart of a run.
    pub fn new(run: &'a RunData<'a>) -> Self {
        Self { run }
    }

    /// The step path of a pipeline's ECDF over episode latencies in seconds: starts at
    /// `(min, 0)` and rises by `1/n` at each value.
    pub fn steps(latencies_s: &[f64]) -> Vec<(f64, f64)> {
        let mut v: Vec<f64> = latencies_s.iter().copied().filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        let n = v.len() as f64;
        let mut out = Vec::with_capacity(v.len() * 2);
        for (i, x) in v.iter().enumerate() {
            out.push((*x, i as f64 / n));
            out.push((*x, (i + 1) as f64 / n));
        }
        out
    }
}

impl Chart for LatencyCdf<'_> {
    fn name(&self) -> &'static str {
        "latency-cdf"
    }

    fn title(&self) -> String {
        "Episode latency, cumulative distribution by pipeline".to_string()
    }

    fn subtitle(&self) -> String {
        self.run.subtitle.clone()
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let name = self.name();
        let series: Vec<(String, Vec<(f64, f64)>)> = self
            .run
            .pipelines
            .iter()
            .map(|p| {
                let secs: Vec<f64> = self
                    .run
                    .of_pipeline(p)
                    .iter()
                    .map(|r| r.latency_ms.total() / 1000.0)
                    .collect();
                (p.clone(), Self::steps(&secs))
            })
            .collect();
        let max = series.iter().flat_map(|s| s.1.iter().map(|p| p.0)).fold(0.0, f64::max);
        let x_max = if max > 0.0 { max * 1.05 } else { 1.0 };
        let mut chart = chart_builder(area, 120)
            .build_cartesian_2d(0f64..x_max, 0f64..1.0)
            .map_err(|e| err(name, e))?;
        styled_mesh(
            &mut chart,
            "episode wall time, seconds (model + sandbox + API + harness)",
        )
        .y_desc("share of episodes at or below")
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .x_label_formatter(&|v| format!("{v:.1}"))
        .draw()
        .map_err(|e| err(name, e))?;
        for (p, path) in series {
            let colour = self.run.colour(&p);
            // Extend each line flat to the right edge so a finished pipeline reads as 100%.
            let mut path = path;
            if let Some(last) = path.last().copied() {
                path.push((x_max, last.1));
            }
            chart
                .draw_series(LineSeries::new(path, colour.stroke_width(4)))
                .map_err(|e| err(name, e))?
                .label(p.clone())
                .legend(line_key(colour));
        }
        draw_legend(&mut chart, name, SeriesLabelPosition::LowerRight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_rise_by_one_over_n() {
        let s = LatencyCdf::steps(&[3.0, 1.0]);
        assert_eq!(s, vec![(1.0, 0.0), (1.0, 0.5), (3.0, 0.5), (3.0, 1.0)]);
    }
}
