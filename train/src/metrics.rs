//! Binary classification figures: ROC-AUC, precision, recall, F1, and the curves behind them.
//! Every function takes `(score, is_positive)` pairs; ties are handled so results do not depend
//! on input order.

/// Counts at one threshold: a score at or above it is predicted positive (as in the classifier).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    pub tn: usize,
    pub fn_: usize,
}

impl Confusion {
    pub fn at(data: &[(f32, bool)], threshold: f32) -> Confusion {
        let mut c = Confusion::default();
        for &(s, y) in data {
            match (s >= threshold, y) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, false) => c.tn += 1,
                (false, true) => c.fn_ += 1,
            }
        }
        c
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1 of the positive class.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    /// F1 of the negative class (the positive class's F1 with the roles swapped).
    pub fn f1_negative(&self) -> f64 {
        f1(
            ratio(self.tn, self.tn + self.fn_),
            ratio(self.tn, self.tn + self.fp),
        )
    }

    /// Mean of the two classes' F1, as OffensEval scores.
    pub fn macro_f1(&self) -> f64 {
        (self.f1() + self.f1_negative()) / 2.0
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Number of positives and negatives.
pub fn counts(data: &[(f32, bool)]) -> (usize, usize) {
    let pos = data.iter().filter(|d| d.1).count();
    (pos, data.len() - pos)
}

/// Area under the ROC curve: the chance that a random positive scores above a random negative
/// (ties count half). `None` without both classes.
pub fn roc_auc(data: &[(f32, bool)]) -> Option<f64> {
    let (pos, neg) = counts(data);
    if pos == 0 || neg == 0 {
        return None;
    }
    let mut sorted: Vec<(f32, bool)> = data.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Sum of the (tie-averaged, 1-based) ranks of the positives.
    let mut rank_sum = 0.0f64;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let avg_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += avg_rank * sorted[i..j].iter().filter(|d| d.1).count() as f64;
        i = j;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * n))
}

/// One point per distinct score, from the highest threshold down: `(threshold, confusion)`.
pub fn sweep(data: &[(f32, bool)]) -> Vec<(f32, Confusion)> {
    let (pos, neg) = counts(data);
    let mut sorted: Vec<(f32, bool)> = data.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = Vec::new();
    let mut c = Confusion {
        tp: 0,
        fp: 0,
        tn: neg,
        fn_: pos,
    };
    let mut i = 0;
    while i < sorted.len() {
        let t = sorted[i].0;
        while i < sorted.len() && sorted[i].0 == t {
            if sorted[i].1 {
                c.tp += 1;
                c.fn_ -= 1;
            } else {
                c.fp += 1;
                c.tn -= 1;
            }
            i += 1;
        }
        out.push((t, c));
    }
    out
}

/// ROC curve points `(false positive rate, true positive rate)`, from (0,0) to (1,1).
pub fn roc_curve(data: &[(f32, bool)]) -> Vec<(f64, f64)> {
    let mut pts = vec![(0.0, 0.0)];
    for (_, c) in sweep(data) {
        pts.push((ratio(c.fp, c.fp + c.tn), c.recall()));
    }
    pts
}

/// Precision-recall curve points `(recall, precision)`, from the highest threshold down.
pub fn pr_curve(data: &[(f32, bool)]) -> Vec<(f64, f64)> {
    sweep(data)
        .into_iter()
        .map(|(_, c)| (c.recall(), c.precision()))
        .collect()
}

/// Average precision: precision summed over the recall steps (the area under the PR curve).
pub fn average_precision(data: &[(f32, bool)]) -> Option<f64> {
    let (pos, _) = counts(data);
    if pos == 0 {
        return None;
    }
    let mut ap = 0.0;
    let mut prev_recall = 0.0;
    for (_, c) in sweep(data) {
        let r = c.recall();
        ap += (r - prev_recall) * c.precision();
        prev_recall = r;
    }
    Some(ap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_known_values() {
        let perfect = [(0.9, true), (0.8, true), (0.2, false), (0.1, false)];
        assert_eq!(roc_auc(&perfect), Some(1.0));
        let inverted = [(0.1, true), (0.9, false)];
        assert_eq!(roc_auc(&inverted), Some(0.0));
        let ties = [(0.5, true), (0.5, false)];
        assert_eq!(roc_auc(&ties), Some(0.5));
        // 3 of the 4 positive/negative pairs are ordered right.
        let mixed = [(0.9, true), (0.4, true), (0.6, false), (0.1, false)];
        assert_eq!(roc_auc(&mixed), Some(0.75));
        assert_eq!(roc_auc(&[(0.3, true)]), None);
    }

    #[test]
    fn confusion_and_f1() {
        let data = [(0.9, true), (0.6, false), (0.4, true), (0.1, false)];
        let c = Confusion::at(&data, 0.5);
        assert_eq!(
            c,
            Confusion {
                tp: 1,
                fp: 1,
                tn: 1,
                fn_: 1
            }
        );
        assert_eq!((c.precision(), c.recall(), c.f1()), (0.5, 0.5, 0.5));
        assert_eq!(c.macro_f1(), 0.5);
        let all = Confusion::at(&data, 0.0);
        assert_eq!((all.recall(), all.f1_negative()), (1.0, 0.0));
    }

    #[test]
    fn curves_end_where_they_should() {
        let data = [(0.9, true), (0.6, false), (0.4, true), (0.1, false)];
        let roc = roc_curve(&data);
        assert_eq!((roc[0], *roc.last().unwrap()), ((0.0, 0.0), (1.0, 1.0)));
        let pr = pr_curve(&data);
        assert_eq!(pr[0], (0.5, 1.0));
        assert_eq!(pr.last().unwrap().0, 1.0);
        assert!((average_precision(&data).unwrap() - (0.5 + 0.5 * 2.0 / 3.0)).abs() < 1e-12);
    }
}
