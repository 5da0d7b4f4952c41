//! The scaling chart of `cmbench sweep`: tokens against the number of operations of a spec,
//! log-log, one line per surface (and per pipeline's measured episode tokens), with the sizes
//! where two lines cross computed and annotated.

use super::{
    Chart, LABEL_SIZE, chart_builder, compact, draw_legend, err, font, log_floor, log_tick_labelled, pipeline_colour,
    styled_mesh,
};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One line of the scaling chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalingSeries {
    /// Legend label, e.g. `json-tools` or `json-tools (required-only)`.
    pub label: String,
    /// The pipeline whose colour the line takes.
    pub pipeline: String,
    /// Dashed (a measured-episode line) rather than solid.
    pub dashed: bool,
    /// What the line measures (`surface`, `episode`): only lines of one group can cross.
    pub group: String,
    /// `(operations, tokens)` points, by operations.
    pub points: Vec<(f64, f64)>,
}

/// Where two series cross.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossing {
    /// Label of the series cheaper before the crossing.
    pub cheaper_below: String,
    /// Label of the series cheaper after the crossing.
    pub cheaper_above: String,
    /// Operations at the crossing (interpolated in log-log space).
    pub operations: f64,
    /// Tokens at the crossing.
    pub tokens: f64,
}

/// Every crossing between pairs of series of the same group: for each pair, at each interval of shared
/// operation counts where their order changes, the point where the straight log-log segments
/// meet. Points with zero tokens are skipped (no logarithm).
pub fn crossings(series: &[ScalingSeries]) -> Vec<Crossing> {
    let mut out = Vec::new();
    for (i, a) in series.iter().enumerate() {
        for b in series[i + 1..].iter().filter(|b| b.group == a.group) {
            // Shared operation counts with positive tokens on both sides, in log space.
            let mut shared: Vec<(f64, f64, f64)> = a
                .points
                .iter()
                .filter_map(|&(x, ya)| {
                    let yb = b.points.iter().find(|p| p.0 == x)?.1;
                    (x > 0.0 && ya > 0.0 && yb > 0.0).then(|| (x.ln(), ya.ln(), yb.ln()))
                })
                .collect();
            shared.sort_by(|p, q| p.0.total_cmp(&q.0));
            for w in shared.windows(2) {
                let (x0, a0, b0) = w[0];
                let (x1, a1, b1) = w[1];
                let d0 = a0 - b0;
                let d1 = a1 - b1;
                if d0 == 0.0 || (d1 != 0.0 && d0.signum() == d1.signum()) {
                    continue;
                }
                let t = d0 / (d0 - d1);
                let lx = x0 + t * (x1 - x0);
                let ly = a0 + t * (a1 - a0);
                let (below, above) = if d0 < 0.0 { (a, b) } else { (b, a) };
                out.push(Crossing {
                    cheaper_below: below.label.clone(),
                    cheaper_above: above.label.clone(),
                    operations: lx.exp(),
                    tokens: ly.exp(),
                });
            }
        }
    }
    out.sort_by(|p, q| p.operations.total_cmp(&q.operations));
    out
}

/// The scaling chart.
#[derive(Debug)]
pub struct ScalingChart {
    /// What was swept (spec title or path).
    pub subject: String,
    /// The lines.
    pub series: Vec<ScalingSeries>,
    /// The subtitle (encoding, seed, tasks).
    pub subtitle: String,
}

impl Chart for ScalingChart {
    fn name(&self) -> &'static str {
        "scaling"
    }

    fn title(&self) -> String {
        format!("Tokens against API size: {}", super::shorten(&self.subject, 50))
    }

    fn subtitle(&self) -> String {
        self.subtitle.clone()
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let name = self.name();
        if self.series.iter().all(|s| s.points.is_empty()) {
            return Err(format!("chart {name}: no points to draw"));
        }
        let xs = || self.series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
        let ys = || self.series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
        // Tight x bounds (not the next power of ten) so the measured sizes fill the width, with
        // ticks at 1, 2 and 5 x 10^k; the axes start a hair below their floor so plotters keeps
        // the first decade's ticks.
        let x_floor = log_floor(xs());
        let x_max = xs().fold(x_floor, f64::max);
        let x_ceil = (x_max * 1.6).max(x_floor * 10.0);
        let y_floor = log_floor(ys());
        let y_max = ys().fold(y_floor, f64::max);
        // Headroom above the highest line for the legend (upper left).
        let y_ceil = (y_max * 30.0).max(y_floor * 10.0);
        let label = |v: &f64| {
            if log_tick_labelled(*v) {
                compact(*v)
            } else {
                String::new()
            }
        };
        let mut chart = chart_builder(area, 130)
            .build_cartesian_2d(
                ((x_floor * 0.999)..x_ceil).log_scale(),
                ((y_floor * 0.999)..y_ceil).log_scale(),
            )
            .map_err(|e| err(name, e))?;
        styled_mesh(&mut chart, "operations in the spec (log scale)")
            .y_desc("tokens (log scale)")
            .x_labels(40)
            .x_label_formatter(&label)
            .y_label_formatter(&|v| compact(*v))
            .draw()
            .map_err(|e| err(name, e))?;
        let pipelines: Vec<String> = self.series.iter().map(|s| s.pipeline.clone()).collect();
        for s in &self.series {
            let colour = pipeline_colour(&s.pipeline, &pipelines);
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|&(x, y)| (x.max(x_floor), y.max(y_floor)))
                .collect();
            let style = colour.stroke_width(4);
            let drawn = if s.dashed {
                chart.draw_series(DashedLineSeries::new(pts.clone(), 14, 8, style))
            } else {
                chart.draw_series(LineSeries::new(pts.clone(), style))
            };
            let dashed = s.dashed;
            drawn
                .map_err(|e| err(name, e))?
                .label(s.label.clone())
                .legend(move |(x, y)| {
                    if dashed {
                        PathElement::new(vec![(x, y), (x + 10, y)], colour.stroke_width(5)).into_dyn()
                    } else {
                        PathElement::new(vec![(x, y), (x + 28, y)], colour.stroke_width(5)).into_dyn()
                    }
                });
            chart
                .draw_series(pts.iter().map(|c| Circle::new(*c, 7, colour.filled())))
                .map_err(|e| err(name, e))?;
            // The value at the largest size, right of the line's last point.
            if let Some(last) = s.points.iter().max_by(|a, b| a.0.total_cmp(&b.0)) {
                let at = (last.0.max(x_floor), last.1.max(y_floor));
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at(at)
                            + Text::new(compact(last.1.round()), (14, -11), font(LABEL_SIZE).color(&colour)),
                    ))
                    .map_err(|e| err(name, e))?;
            }
        }
        // Each crossing: a ring and its operation count on the chart, and a legend line saying
        // which series is cheaper past it.
        for c in crossings(&self.series) {
            let at = (c.operations, c.tokens);
            let ops = compact(c.operations.round());
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at(at)
                        + Circle::new((0, 0), 12, BLACK.stroke_width(3))
                        + Text::new(format!("~{ops} ops"), (16, 12), font(LABEL_SIZE)),
                ))
                .map_err(|e| err(name, e))?
                .label(format!(
                    "crossing at ~{ops} ops: {} cheaper above, {} below",
                    c.cheaper_above, c.cheaper_below
                ))
                .legend(|(x, y)| Circle::new((x + 12, y), 9, BLACK.stroke_width(3)));
        }
        draw_legend(&mut chart, name, SeriesLabelPosition::UpperLeft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(label: &str, points: &[(f64, f64)]) -> ScalingSeries {
        ScalingSeries {
            label: label.into(),
            pipeline: label.into(),
            dashed: false,
            group: "surface".into(),
            points: points.to_vec(),
        }
    }

    #[test]
    fn crossing_of_a_line_and_a_constant() {
        // tokens = operations against a flat 50: they meet at 50 operations, 50 tokens.
        let a = series("json-tools", &[(10.0, 10.0), (100.0, 100.0)]);
        let b = series("code-mode", &[(10.0, 50.0), (100.0, 50.0)]);
        let c = crossings(&[a, b]);
        assert_eq!(c.len(), 1);
        assert!((c[0].operations - 50.0).abs() < 1e-9, "{c:?}");
        assert!((c[0].tokens - 50.0).abs() < 1e-9, "{c:?}");
        assert_eq!(c[0].cheaper_below, "json-tools");
        assert_eq!(c[0].cheaper_above, "code-mode");
    }

    #[test]
    fn crossing_between_measured_sizes_by_hand() {
        // a = 10 x ops; b flat at 3,000; c = 5,000 at 10 ops rising to 20,000 at 1,000 ops.
        // a meets b between 100 and 1,000 ops: in log space d goes ln(1000/3000) -> ln(10000/3000),
        // t = ln 3 / (ln 3 + ln(10/3)) = ln 3 / ln 10, so ops = 100 * 10^t = 300 and tokens = 3,000.
        // a never reaches c (100 < 5,000; 10,000 < 20,000), b stays under c.
        let a = series("a", &[(10.0, 100.0), (100.0, 1000.0), (1000.0, 10_000.0)]);
        let b = series("b", &[(10.0, 3000.0), (100.0, 3000.0), (1000.0, 3000.0)]);
        let c = series("c", &[(10.0, 5000.0), (100.0, 10_000.0), (1000.0, 20_000.0)]);
        let x = crossings(&[a, b, c]);
        assert_eq!(x.len(), 1, "{x:?}");
        assert!((x[0].operations - 300.0).abs() < 1e-6, "{x:?}");
        assert!((x[0].tokens - 3000.0).abs() < 1e-6, "{x:?}");
        assert_eq!((x[0].cheaper_below.as_str(), x[0].cheaper_above.as_str()), ("a", "b"));
    }

    #[test]
    fn a_tie_at_a_measured_size_is_one_crossing() {
        let a = series("a", &[(10.0, 100.0), (100.0, 1000.0), (1000.0, 10_000.0)]);
        let b = series("b", &[(10.0, 1000.0), (100.0, 1000.0), (1000.0, 1000.0)]);
        let x = crossings(&[a, b]);
        assert_eq!(x.len(), 1, "{x:?}");
        assert!((x[0].operations - 100.0).abs() < 1e-9);
    }

    #[test]
    fn the_chart_names_each_crossing_and_the_last_values() {
        let chart = ScalingChart {
            subject: "test API".into(),
            series: vec![
                series("json-tools", &[(10.0, 10.0), (100.0, 100.0), (1533.0, 1533.0)]),
                series("code-mode", &[(10.0, 40.0), (100.0, 40.0), (1533.0, 40.0)]),
            ],
            subtitle: "sizes 10, 100, 1,533".into(),
        };
        let svg = chart.to_svg().unwrap();
        assert!(
            svg.contains("crossing at ~40 ops: code-mode cheaper above, json-tools below"),
            "the legend says which line is cheaper on each side"
        );
        // plotters writes each text on its own line.
        let text = |t: &str| svg.lines().any(|l| l.trim() == t);
        assert!(text("~40 ops"), "the ring on the chart is labelled");
        assert!(text("1.5k") && text("40"), "each line ends with its last value");
    }

    #[test]
    fn zero_tokens_and_unshared_sizes_are_skipped() {
        let a = series("a", &[(10.0, 0.0), (100.0, 100.0), (1000.0, 10.0)]);
        let b = series("b", &[(10.0, 50.0), (100.0, 50.0), (500.0, 20.0)]);
        assert!(crossings(&[a, b]).is_empty());
    }
}
