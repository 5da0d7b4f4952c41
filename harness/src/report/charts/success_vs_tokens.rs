//! Success rate against input tokens per pipeline x model, with 95% Wilson intervals and the
//! Pareto frontier (no other point is both cheaper and more successful).

use super::{
    Chart, GREY_TEXT, LABEL_SIZE, RunData, chart_builder, compact, dot_key, draw_legend, err, font, log_ceil,
    log_floor, mean, shorten, styled_mesh,
};
use crate::report::stats::{Z95, wilson};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One pipeline x model: its success and cost.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoPoint {
    /// Pipeline name.
    pub pipeline: String,
    /// Model name.
    pub model: String,
    /// Episodes.
    pub episodes: u64,
    /// Successful episodes.
    pub successes: u64,
    /// Mean input tokens per episode.
    pub tokens: f64,
    /// 95% Wilson interval of the success rate.
    pub interval: (f64, f64),
    /// Whether no other point has fewer-or-equal tokens and a higher success rate.
    pub frontier: bool,
}

impl ParetoPoint {
    /// Success rate.
    pub fn rate(&self) -> f64 {
        if self.episodes == 0 {
            0.0
        } else {
            self.successes as f64 / self.episodes as f64
        }
    }
}

/// Marks the Pareto frontier: a point is on it when no other point costs no more and succeeds
/// more, or costs less and succeeds as often.
pub fn mark_frontier(points: &mut [ParetoPoint]) {
    let snapshot: Vec<(f64, f64)> = points.iter().map(|p| (p.tokens, p.rate())).collect();
    for (i, p) in points.iter_mut().enumerate() {
        let (t, s) = snapshot[i];
        p.frontier = !snapshot
            .iter()
            .enumerate()
            .any(|(j, &(t2, s2))| j != i && ((t2 <= t && s2 > s) || (t2 < t && s2 >= s)));
    }
}

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

    /// The points, frontier marked, in pipeline then model order.
    pub fn points(&self) -> Vec<ParetoPoint> {
        let mut out = Vec::new();
        for p in &self.run.pipelines {
            for m in &self.run.models {
                let rs: Vec<_> = self
                    .run
                    .records
                    .iter()
                    .filter(|r| &r.pipeline == p && &r.model == m)
                    .collect();
                if rs.is_empty() {
                    continue;
                }
                let n = rs.len() as u64;
                let k = rs.iter().filter(|r| r.success).count() as u64;
                let tokens: Vec<f64> = rs.iter().map(|r| r.input_tokens() as f64).collect();
                out.push(ParetoPoint {
                    pipeline: p.clone(),
                    model: m.clone(),
                    episodes: n,
                    successes: k,
                    tokens: mean(&tokens),
                    interval: wilson(k, n, Z95),
                    frontier: false,
                });
            }
        }
        mark_frontier(&mut out);
        out
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
        let name = self.name();
        let points = self.points();
        let floor = log_floor(points.iter().map(|p| p.tokens));
        let ceil = log_ceil(points.iter().map(|p| p.tokens), floor);
        let mut chart = chart_builder(area, 130)
            .margin_top(20)
            .build_cartesian_2d((floor..ceil).log_scale(), 0f64..1.08)
            .map_err(|e| err(name, e))?;
        styled_mesh(&mut chart, "input tokens per episode (mean; log scale)")
            .y_desc("episodes that succeeded")
            .x_label_formatter(&|v| compact(*v))
            .y_label_formatter(&|v| {
                if *v <= 1.0 {
                    format!("{:.0}%", v * 100.0)
                } else {
                    String::new()
                }
            })
            .draw()
            .map_err(|e| err(name, e))?;
        let mut frontier: Vec<(f64, f64)> = points
            .iter()
            .filter(|p| p.frontier)
            .map(|p| (p.tokens.max(floor), p.rate()))
            .collect();
        frontier.sort_by(|a, b| a.0.total_cmp(&b.0));
        if frontier.len() > 1 {
            chart
                .draw_series(DashedLineSeries::new(frontier, 12, 8, GREY_TEXT.stroke_width(2)))
                .map_err(|e| err(name, e))?;
        }
        let many_models = self.run.models.len() > 1;
        for p in &points {
            let colour = self.run.colour(&p.pipeline);
            let x = p.tokens.max(floor);
            let (lo, hi) = p.interval;
            // The interval: a vertical bar with caps (in pixels, so caps keep their width on a log axis).
            let cap = 12;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x, lo), (x, hi)],
                    colour.stroke_width(3),
                )))
                .map_err(|e| err(name, e))?;
            for y in [lo, hi] {
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((x, y)) + PathElement::new(vec![(-cap, 0), (cap, 0)], colour.stroke_width(3)),
                    ))
                    .map_err(|e| err(name, e))?;
            }
            let model_index = self.run.models.iter().position(|m| m == &p.model).unwrap_or(0);
            draw_marker(&mut chart, name, (x, p.rate()), model_index, colour)?;
            let label = if many_models {
                format!("{} · {}", p.pipeline, shorten(&p.model, 24))
            } else {
                p.pipeline.clone()
            };
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((x, p.rate())) + Text::new(label, (16, -34), font(LABEL_SIZE).color(&colour)),
                ))
                .map_err(|e| err(name, e))?;
        }
        // Legend entries: pipelines by colour, then models by marker when there are several.
        for pl in &self.run.pipelines {
            let colour = self.run.colour(pl);
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
                .map_err(|e| err(name, e))?
                .label(pl.clone())
                .legend(dot_key(colour));
        }
        if many_models {
            for (i, m) in self.run.models.iter().enumerate() {
                let s = chart
                    .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
                    .map_err(|e| err(name, e))?;
                s.label(shorten(m, 30));
                match i % 3 {
                    0 => s.legend(|(x, y)| Circle::new((x + 12, y), 10, BLACK.filled()).into_dyn()),
                    1 => s.legend(|(x, y)| TriangleMarker::new((x + 12, y), 12, BLACK.filled()).into_dyn()),
                    _ => s.legend(|(x, y)| Cross::new((x + 12, y), 10, BLACK.stroke_width(3)).into_dyn()),
                };
            }
        }
        draw_legend(&mut chart, name, SeriesLabelPosition::LowerRight)
    }
}

/// Draws a point's marker: circle, triangle or cross by model.
fn draw_marker<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::combinators::LogCoord<f64>, plotters::coord::types::RangedCoordf64>,
    >,
    name: &str,
    at: (f64, f64),
    model_index: usize,
    colour: RGBColor,
) -> Result<(), String> {
    let r = match model_index % 3 {
        0 => chart.draw_series(std::iter::once(Circle::new(at, 12, colour.filled()))),
        1 => chart.draw_series(std::iter::once(TriangleMarker::new(at, 15, colour.filled()))),
        _ => chart.draw_series(std::iter::once(Cross::new(at, 12, colour.stroke_width(4)))),
    };
    r.map(|_| ()).map_err(|e| err(name, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(name: &str, tokens: f64, k: u64) -> ParetoPoint {
        ParetoPoint {
            pipeline: name.into(),
            model: "m".into(),
            episodes: 10,
            successes: k,
            tokens,
            interval: wilson(k, 10, Z95),
            frontier: false,
        }
    }

    #[test]
    fn frontier_drops_dominated_points() {
        let mut ps = vec![
            pt("cheap", 100.0, 5),
            pt("dear-good", 1000.0, 9),
            pt("dear-bad", 2000.0, 5),
            pt("tie", 1000.0, 8),
        ];
        mark_frontier(&mut ps);
        let on: Vec<&str> = ps.iter().filter(|p| p.frontier).map(|p| p.pipeline.as_str()).collect();
        assert_eq!(on, ["cheap", "dear-good"]);
    }
}
