//! Line charts on the unit square as hand-written SVG (ROC and precision-recall curves), readable
//! in any browser without a plotting library.

use std::fmt::Write;

/// One curve: a legend name and points in `[0, 1]²`.
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    /// Drawn thicker (the pooled curve).
    pub bold: bool,
    /// A point to mark with a dot and its legend text (the default threshold's operating point).
    pub mark: Option<((f64, f64), String)>,
}

const W: f64 = 640.0;
const H: f64 = 480.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 220.0;
const TOP: f64 = 44.0;
const BOTTOM: f64 = 56.0;

/// Okabe-Ito colours (distinguishable with colour-blindness), then greys.
const COLOURS: [&str; 10] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F3C8D", "#8C6D31",
    "#666666", "#B0B0B0",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Drops points closer than a pixel to the last kept one, so files stay small.
fn thin(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (i, &p) in points.iter().enumerate() {
        let last = i + 1 == points.len();
        match out.last() {
            Some(&q) if !last && (p.0 - q.0).abs() < 0.002 && (p.1 - q.1).abs() < 0.002 => {}
            _ => out.push(p),
        }
    }
    out
}

/// A chart of `series` with axis labels; `diagonal` draws the chance line of a ROC chart.
pub fn chart(
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[Series],
    diagonal: bool,
) -> String {
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |v: f64| LEFT + v.clamp(0.0, 1.0) * pw;
    let y = |v: f64| TOP + (1.0 - v.clamp(0.0, 1.0)) * ph;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="24" font-size="15" font-weight="bold">{}</text>"#,
        LEFT,
        esc(title)
    );
    for k in 0..=5 {
        let v = k as f64 / 5.0;
        let _ = writeln!(
            s,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e4e4e4"/><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e4e4e4"/>"##,
            x(v),
            y(0.0),
            x(v),
            y(1.0),
            x(0.0),
            y(v),
            x(1.0),
            y(v)
        );
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{v:.1}</text>"#,
            x(v),
            y(0.0) + 18.0
        );
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{v:.1}</text>"#,
            x(0.0) - 6.0,
            y(v) + 4.0
        );
    }
    let _ = writeln!(
        s,
        r##"<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#333"/>"##
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
        LEFT + pw / 2.0,
        H - 14.0,
        esc(x_label)
    );
    let _ = writeln!(
        s,
        r#"<text transform="translate(18 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"#,
        TOP + ph / 2.0,
        esc(y_label)
    );
    if diagonal {
        let _ = writeln!(
            s,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#999" stroke-dasharray="4 4"/>"##,
            x(0.0),
            y(0.0),
            x(1.0),
            y(1.0)
        );
    }
    for (i, ser) in series.iter().enumerate() {
        let colour = if ser.bold {
            "#000000"
        } else {
            COLOURS[i % COLOURS.len()]
        };
        let width = if ser.bold { 2.5 } else { 1.5 };
        let mut d = String::new();
        for (k, &(px, py)) in thin(&ser.points).iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1},{:.1}",
                if k == 0 { "M" } else { " L" },
                x(px),
                y(py)
            );
        }
        let _ = writeln!(
            s,
            r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}"/>"#
        );
        if let Some(((mx, my), text)) = &ser.mark {
            let _ = writeln!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{colour}"/><circle cx="{}" cy="{}" r="5" fill="{colour}"/><text x="{}" y="{}">{}</text>"#,
                x(*mx),
                y(*my),
                W - RIGHT + 25.0,
                TOP + 12.0 + 18.0 * (series.len() as f64 + 0.5),
                W - RIGHT + 42.0,
                TOP + 16.0 + 18.0 * (series.len() as f64 + 0.5),
                esc(text)
            );
        }
        let ly = TOP + 8.0 + 18.0 * i as f64;
        let lx = W - RIGHT + 14.0;
        let _ = writeln!(
            s,
            r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{colour}" stroke-width="{width}"/><text x="{}" y="{}">{}</text>"#,
            lx + 22.0,
            lx + 28.0,
            ly + 4.0,
            esc(&ser.name)
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_is_well_formed_svg() {
        let series = [
            Series {
                name: "a & b".into(),
                points: vec![(0.0, 0.0), (0.5, 0.9), (1.0, 1.0)],
                bold: false,
                mark: None,
            },
            Series {
                name: "all".into(),
                points: vec![(0.0, 0.0), (1.0, 1.0)],
                bold: true,
                mark: Some(((0.5, 0.9), "threshold 0.5".into())),
            },
        ];
        let svg = chart(
            "ROC <test>",
            "false positive rate",
            "true positive rate",
            &series,
            true,
        );
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("a &amp; b") && svg.contains("ROC &lt;test&gt;"));
        assert_eq!(svg.matches("<path").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(
            thin(&[(0.0, 0.0), (0.0001, 0.0), (0.5, 0.5), (0.5001, 0.5)]),
            vec![(0.0, 0.0), (0.5, 0.5), (0.5001, 0.5)]
        );
    }
}
