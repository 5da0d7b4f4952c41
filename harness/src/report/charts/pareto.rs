//! What the success-vs-tokens and success-vs-cost charts share: one point per pipeline x
//! model with a 95% Wilson interval, the Pareto frontier (no other point is both cheaper and
//! more successful), and the drawing, with an optional "before" position per point (the
//! uncached cost, joined to the cached one by a line).

use super::{
    GREY_LINE, GREY_TEXT, LABEL_SIZE, RunData, chart_builder, dot_key, draw_legend, err, font, log_ceil, log_floor,
    log_tick_labelled, mean, shorten, styled_mesh,
};
use crate::record::Record;
use crate::report::stats::{Z95, wilson};
use plotters::coord::Shift;
use plotters::coord::combinators::LogCoord;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// One pipeline x model: its success and what it cost.
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
    /// Mean cost per episode on the chart's x axis (input tokens, or USD with prefix caching).
    pub cost: f64,
    /// Mean cost per episode before a saving (USD without prefix caching), drawn hollow.
    pub before: Option<f64>,
    /// 95% Wilson interval of the success rate.
    pub interval: (f64, f64),
    /// Whether no other point has lower-or-equal cost and a higher success rate.
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

/// Marks the Pareto frontier on [`ParetoPoint::cost`]: a point is on it when no other point
/// costs no more and succeeds more, or costs less and succeeds as often.
pub fn mark_frontier(points: &mut [ParetoPoint]) {
    let snapshot: Vec<(f64, f64)> = points.iter().map(|p| (p.cost, p.rate())).collect();
    for (i, p) in points.iter_mut().enumerate() {
        let (t, s) = snapshot[i];
        p.frontier = !snapshot
            .iter()
            .enumerate()
            .any(|(j, &(t2, s2))| j != i && ((t2 <= t && s2 > s) || (t2 < t && s2 >= s)));
    }
}

/// One point per pipeline x model of `run` (pipeline then model order), frontier marked.
/// `measure` gives an episode's (cost, cost before the saving) from its index in
/// `run.records`; each point holds the means.
pub fn pareto_points(run: &RunData, measure: impl Fn(usize, &Record) -> (f64, Option<f64>)) -> Vec<ParetoPoint> {
    let mut out = Vec::new();
    for p in &run.pipelines {
        for m in &run.models {
            let rs: Vec<(usize, &Record)> = run
                .records
                .iter()
                .enumerate()
                .filter(|(_, r)| &r.pipeline == p && &r.model == m)
                .collect();
            if rs.is_empty() {
                continue;
            }
            let n = rs.len() as u64;
            let k = rs.iter().filter(|(_, r)| r.success).count() as u64;
            let measured: Vec<(f64, Option<f64>)> = rs.iter().map(|(i, r)| measure(*i, r)).collect();
            let costs: Vec<f64> = measured.iter().map(|m| m.0).collect();
            let before: Option<Vec<f64>> = measured.iter().map(|m| m.1).collect();
            out.push(ParetoPoint {
                pipeline: p.clone(),
                model: m.clone(),
                episodes: n,
                successes: k,
                cost: mean(&costs),
                before: before.map(|b| mean(&b)),
                interval: wilson(k, n, Z95),
                frontier: false,
            });
        }
    }
    mark_frontier(&mut out);
    out
}

/// How a Pareto chart labels its x axis.
pub struct ParetoAxis<'f> {
    /// Chart name, for errors.
    pub name: &'static str,
    /// The x axis description.
    pub x_desc: String,
    /// Tick label of an x value.
    pub format: &'f dyn Fn(&f64) -> String,
    /// Legend entry of the hollow "before" marker and the filled one, when points have both.
    pub before_legend: Option<(String, String)>,
}

type ParetoContext<'a, DB> = ChartContext<'a, DB, Cartesian2d<LogCoord<f64>, RangedCoordf64>>;

/// Draws success against cost on a log x axis: interval bars, a marker per point (its shape
/// by model), the dashed frontier, and the hollow "before" markers joined to their points.
pub fn draw_pareto<DB: DrawingBackend>(
    run: &RunData,
    points: &[ParetoPoint],
    axis: &ParetoAxis,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    let name = axis.name;
    let xs = || points.iter().flat_map(|p| std::iter::once(p.cost).chain(p.before));
    let floor = log_floor(xs());
    let ceil = log_ceil(xs(), floor);
    // Grid lines at every 1..9 x 10^k, labels at 1, 2 and 5 only. The axis starts a hair below
    // `floor`: plotters starts its ticks at the first power of ten above the start, and
    // ln(0.01) / ln(10) rounds above -2, which would drop the first decade's ticks.
    let format = |v: &f64| {
        if log_tick_labelled(*v) {
            (axis.format)(v)
        } else {
            String::new()
        }
    };
    let mut chart = chart_builder(area, 130)
        .margin_top(20)
        .build_cartesian_2d(((floor * 0.999)..ceil).log_scale(), 0f64..1.08)
        .map_err(|e| err(name, e))?;
    styled_mesh(&mut chart, &axis.x_desc)
        .y_desc("episodes that succeeded")
        .x_labels(40)
        .x_label_formatter(&format)
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
        .map(|p| (p.cost.max(floor), p.rate()))
        .collect();
    frontier.sort_by(|a, b| a.0.total_cmp(&b.0));
    if frontier.len() > 1 {
        chart
            .draw_series(DashedLineSeries::new(frontier, 12, 8, GREY_TEXT.stroke_width(2)))
            .map_err(|e| err(name, e))?;
    }
    let many_models = run.models.len() > 1;
    for p in points {
        let colour = run.colour(&p.pipeline);
        let x = p.cost.max(floor);
        let (lo, hi) = p.interval;
        if let Some(b) = p.before {
            let bx = b.max(floor);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(bx, p.rate()), (x, p.rate())],
                    colour.stroke_width(3),
                )))
                .map_err(|e| err(name, e))?;
            chart
                .draw_series(std::iter::once(Circle::new((bx, p.rate()), 11, colour.stroke_width(3))))
                .map_err(|e| err(name, e))?;
        }
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
        let model_index = run.models.iter().position(|m| m == &p.model).unwrap_or(0);
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
    // Legend entries: pipelines by colour, models by marker when there are several, then the
    // hollow and filled markers when points have both.
    for pl in &run.pipelines {
        let colour = run.colour(pl);
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
            .map_err(|e| err(name, e))?
            .label(pl.clone())
            .legend(dot_key(colour));
    }
    if many_models {
        for (i, m) in run.models.iter().enumerate() {
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
    if let Some((hollow, filled)) = &axis.before_legend
        && points.iter().any(|p| p.before.is_some())
    {
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
            .map_err(|e| err(name, e))?
            .label(hollow.clone())
            .legend(|(x, y)| Circle::new((x + 12, y), 9, GREY_TEXT.stroke_width(3)));
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
            .map_err(|e| err(name, e))?
            .label(filled.clone())
            .legend(|(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(-6, 0), (12, 0)], GREY_LINE.stroke_width(3))
                    + Circle::new((14, 0), 10, GREY_TEXT.filled())
            });
    }
    draw_legend(&mut chart, name, SeriesLabelPosition::LowerRight)
}

/// Draws a point's marker: circle, triangle or cross by model.
fn draw_marker<'a, DB: DrawingBackend + 'a>(
    chart: &mut ParetoContext<'a, DB>,
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

    fn pt(name: &str, cost: f64, k: u64) -> ParetoPoint {
        ParetoPoint {
            pipeline: name.into(),
            model: "m".into(),
            episodes: 10,
            successes: k,
            cost,
            before: None,
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
