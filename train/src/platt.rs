//! Platt scaling: maps a head's raw margin to a calibrated probability `sigmoid(a * margin + b)`,
//! fitted on validation data (Platt 1999, with his smoothed targets so a separable set does not
//! push `a` to infinity).

/// Fits `(a, b)` on `(margin, is_positive)` pairs by Newton's method with step halving.
/// Each negative counts `negative_weight` times: the probabilities are then calibrated for a
/// stream in which the label is that many times rarer than in the data.
pub fn fit(data: &[(f32, bool)], negative_weight: f64) -> (f32, f32) {
    let pos = data.iter().filter(|d| d.1).count() as f64;
    let neg = (data.len() as f64 - pos) * negative_weight;
    if pos == 0.0 || neg == 0.0 {
        return (1.0, 0.0);
    }
    let hi = (pos + 1.0) / (pos + 2.0);
    let lo = 1.0 / (neg + 2.0);
    // (margin, target, weight)
    let t: Vec<(f64, f64, f64)> = data
        .iter()
        .map(|&(m, y)| {
            (
                f64::from(m),
                if y { hi } else { lo },
                if y { 1.0 } else { negative_weight },
            )
        })
        .collect();
    let loss = |a: f64, b: f64| -> f64 {
        t.iter()
            .map(|&(m, y, w)| {
                let z = a * m + b;
                // log(1 + e^z) - y z, computed stably.
                let softplus = if z > 0.0 {
                    z + (-z).exp().ln_1p()
                } else {
                    z.exp().ln_1p()
                };
                w * (softplus - y * z)
            })
            .sum()
    };
    let (mut a, mut b) = (1.0f64, 0.0f64);
    let mut current = loss(a, b);
    for _ in 0..100 {
        // Gradient and Hessian of the loss in (a, b), with a small ridge for stability.
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-12, 0.0, 1e-12);
        for &(m, y, weight) in &t {
            let p = 1.0 / (1.0 + (-(a * m + b)).exp());
            let d = (p - y) * weight;
            let w = p * (1.0 - p) * weight;
            ga += d * m;
            gb += d;
            haa += w * m * m;
            hab += w * m;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det <= 0.0 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        let mut step = 1.0;
        let mut improved = false;
        while step > 1e-8 {
            let (na, nb) = (a - step * da, b - step * db);
            let l = loss(na, nb);
            if l < current {
                (a, b, current) = (na, nb, l);
                improved = true;
                break;
            }
            step /= 2.0;
        }
        if !improved || (da.abs() < 1e-9 && db.abs() < 1e-9) {
            break;
        }
    }
    (a as f32, b as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_known_mapping() {
        // Margins whose true probability of being positive is sigmoid(2m - 1).
        let mut data = Vec::new();
        for i in 0..400 {
            let m = -3.0 + 6.0 * i as f32 / 399.0;
            let p = 1.0 / (1.0 + (-(2.0 * m - 1.0)).exp());
            let k = (p * 20.0).round() as usize;
            for j in 0..20 {
                data.push((m, j < k));
            }
        }
        let (a, b) = fit(&data, 1.0);
        assert!(
            (a - 2.0).abs() < 0.15 && (b + 1.0).abs() < 0.15,
            "a={a} b={b}"
        );
        assert_eq!(fit(&data, 1.0), (a, b));
        assert_eq!(fit(&[(0.3, true)], 1.0), (1.0, 0.0));
        // Negatives counted 4 times: same slope, intercept lower by about ln 4.
        let (a4, b4) = fit(&data, 4.0);
        assert!(
            (a4 - a).abs() < 0.15 && (b4 - (b - 4f32.ln())).abs() < 0.15,
            "a={a4} b={b4}"
        );
    }
}
