//! How a flagging label's lexicon score and model probability become one score.
//!
//! The rule keeps two promises at once:
//! - a reviewed lexicon hit (or structure hit) strong enough to flag on its own still flags:
//!   whenever the lexicon's score reaches the head's threshold `t`, so does the result;
//! - among messages with such hits the model decides the order. A plain maximum would put every
//!   message with a slur at the lexicon's fixed score, above messages the model is nearly sure
//!   of, and tie them all; on HateXplain that cost the identity-attack ranking 0.04 ROC-AUC,
//!   because its "offensive, not hate" posts use the same words as its hate posts.
//!
//! So a hit at or above `t` places the message in `[t + (lexicon - t)/2, lexicon]` by the model's
//! probability `p`, and the result is the larger of that and `p`. The floor at half way keeps the
//! score honest for a clear hit the model has little data for ("I will kill you" scores 0.66 for
//! threat, not the 0.37 a plain rescaling gives: the threat head saw few threats); it costs 0.003
//! of the ranking gain. Below `t` the lexicon cannot flag, and the result is the plain maximum.

/// Where in `[t, lexicon]` a hit the model gives no support still lands (as a fraction).
const HIT_FLOOR: f32 = 0.5;

/// The combined score of a flagging label: `lexicon` is the noisy-or of its hits, `model` the
/// head's calibrated probability, `threshold` the head's default threshold.
pub fn combine(lexicon: f32, model: f32, threshold: f32) -> f32 {
    if lexicon >= threshold {
        model.max(threshold + (lexicon - threshold) * (HIT_FLOOR + (1.0 - HIT_FLOOR) * model))
    } else {
        model.max(lexicon)
    }
}

#[cfg(test)]
mod tests {
    use super::combine;

    #[test]
    fn a_hit_that_flags_alone_still_flags() {
        for lexicon in [0.35, 0.5, 0.8, 0.95, 1.0] {
            for model in [0.0, 0.01, 0.2, 0.5, 0.99, 1.0] {
                let s = combine(lexicon, model, 0.35);
                assert!(s >= 0.35, "{lexicon} {model} -> {s}");
                assert!(s <= lexicon.max(model), "{lexicon} {model} -> {s}");
            }
        }
    }

    #[test]
    fn the_model_orders_messages_with_hits() {
        assert!(combine(0.9, 0.8, 0.35) > combine(0.9, 0.2, 0.35));
        // A sure model outranks a hit the model doubts.
        assert!(combine(0.0, 0.9, 0.35) > combine(0.9, 0.1, 0.35));
        // A hit the model doubts stays half way between the threshold and the hit's own score.
        assert!((combine(0.95, 0.0, 0.35) - 0.65).abs() < 1e-6);
    }

    #[test]
    fn below_the_threshold_it_is_the_maximum() {
        assert_eq!(combine(0.3, 0.1, 0.35), 0.3);
        assert_eq!(combine(0.3, 0.6, 0.35), 0.6);
        assert_eq!(combine(0.0, 0.2, 0.35), 0.2);
    }
}
