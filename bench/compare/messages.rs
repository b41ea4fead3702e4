//! Deterministic benchmark messages, generated from word lists written for this benchmark (no
//! dataset text): short chat lines, tweets, long posts, Russian, and adversarial text (evasions of
//! every kind the normaliser undoes). Shared by `benches/stages.rs` and the comparison harness
//! (`bench/compare/rustrict-bench`), which writes them to a file the Node side reads too.
//!
//! Mostly harmless, with insults, threats and swearing mixed in at roughly the rate of a busy
//! public chat, so the matchers find something to do.

#![allow(dead_code)]

/// The kinds of message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Set {
    /// 10 to 60 bytes, English.
    Chat,
    /// 60 to 280 bytes, English, with mentions, hashtags, links and emoji.
    Tweet,
    /// 1 to 4 KB, English, several sentences.
    Long,
    /// 60 to 280 bytes, Russian.
    Russian,
    /// 60 to 280 bytes, English and Russian, evasions in many words.
    Adversarial,
    /// Tweet-length mix: 60% tweets, 25% Russian, 15% adversarial (the comparison's default).
    Mixed,
}

impl Set {
    pub const ALL: [Set; 6] = [
        Set::Chat,
        Set::Tweet,
        Set::Long,
        Set::Russian,
        Set::Adversarial,
        Set::Mixed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Set::Chat => "chat",
            Set::Tweet => "tweet",
            Set::Long => "long",
            Set::Russian => "russian",
            Set::Adversarial => "adversarial",
            Set::Mixed => "mixed",
        }
    }

    pub fn parse(name: &str) -> Option<Set> {
        Set::ALL.into_iter().find(|s| s.name() == name)
    }
}

#[rustfmt::skip]
const EN: &[&str] = &[
    "the", "a", "and", "to", "of", "in", "is", "it", "that", "for", "on", "with", "this", "was",
    "you", "we", "they", "i", "my", "your", "our", "just", "so", "really", "not", "but", "what",
    "when", "all", "have", "had", "been", "will", "would", "can", "about", "from", "at", "there",
    "game", "match", "last", "night", "honestly", "great", "think", "should", "meet", "again",
    "tomorrow", "station", "because", "traffic", "killing", "me", "lol", "people", "city", "news",
    "report", "attack", "police", "government", "policy", "coffee", "weekend", "plans", "release",
    "dashboard", "meeting", "slides", "thanks", "team", "season", "coach", "referee", "goal",
    "episode", "series", "pizza", "dinner", "train", "delayed", "weather", "rain", "sunny", "cat",
    "dog", "keyboard", "update", "phone", "battery", "music", "concert", "ticket", "price",
    "market", "school", "teacher", "homework", "exam", "doctor", "appointment", "birthday",
    "party", "friends", "family", "holiday", "beach", "mountain", "walk", "park", "morning",
    "evening", "minister", "election", "vote", "budget", "tax", "debate", "article", "video",
    "stream", "chat", "server", "bug", "fix", "deploy", "review", "ship", "nice", "awesome",
    "terrible", "boring", "funny", "crazy", "tired", "happy", "sad", "angry", "late", "early",
];

/// Words that give the matchers work: insults, threats, swearing, groups, and innocent words that
/// contain bad ones.
#[rustfmt::skip]
const EN_SPICE: &[&str] = &[
    "idiot", "stupid", "moron", "kill", "die", "hate", "shut up", "loser", "damn", "hell",
    "crap", "dumb", "trash", "pathetic", "disgusting", "worthless", "scunthorpe", "cocktail",
    "assassin's creed", "I will kill you", "you are an idiot", "go to hell", "nobody asked you",
    "they are animals", "fight", "shoot", "bomb", "destroy", "jerk", "clown",
];

#[rustfmt::skip]
const RU: &[&str] = &[
    "привет", "как", "дела", "вчера", "был", "отличный", "матч", "и", "я", "думаю", "что", "надо",
    "встретиться", "завтра", "на", "вокзале", "новости", "о", "правительство", "политика", "кофе",
    "выходные", "планы", "люди", "город", "в", "не", "это", "он", "она", "мы", "вы", "они", "так",
    "уже", "только", "ещё", "очень", "хорошо", "плохо", "работа", "дом", "друзья", "погода",
    "дождь", "солнце", "поезд", "опоздал", "встреча", "бюджет", "четверг", "пятница", "школа",
    "учитель", "экзамен", "врач", "праздник", "музыка", "концерт", "билет", "цена", "магазин",
    "телефон", "обновление", "сервер", "ошибка", "спасибо", "пожалуйста", "сегодня", "потом",
    "сериал", "серия", "кошка", "собака", "утром", "вечером", "выборы", "налоги", "статья",
];

#[rustfmt::skip]
const RU_SPICE: &[&str] = &[
    "дебил", "идиот", "убью тебя", "сука", "тупой", "заткнись", "урод", "ненавижу", "дурак",
    "иди на хрен", "чтоб ты сдох", "мразь", "придурок", "козёл",
];

#[rustfmt::skip]
const EMOJI: &[&str] = &["😂", "🙂", "🔥", "👍", "🎉", "😅", "🙄", "❤️", "☕", "🚀", "🇺🇸", "👊"];

/// xorshift64: deterministic and fast; the same seed gives the same messages everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A sentence-like run of words up to `target` bytes.
fn words(rng: &mut Rng, out: &mut String, target: usize, ru: bool, spice: u64) {
    let (plain, bad) = if ru { (RU, RU_SPICE) } else { (EN, EN_SPICE) };
    let mut sentence = 0;
    while out.len() < target {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        let w = if rng.chance(spice) {
            rng.pick(bad)
        } else {
            rng.pick(plain)
        };
        if sentence == 0 && rng.chance(60) {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(w);
        }
        sentence += 1;
        if sentence > 4 && rng.chance(15) {
            out.push_str(match rng.below(5) {
                0 => "!",
                1 => "?",
                2 => ",",
                _ => ".",
            });
            if !out.ends_with(',') {
                sentence = 0;
            }
        }
    }
}

fn chat(rng: &mut Rng) -> String {
    let mut s = String::new();
    let target = 10 + rng.below(40);
    words(rng, &mut s, target, false, 8);
    if rng.chance(30) {
        s.push(' ');
        s.push_str(rng.pick(EMOJI));
    }
    if rng.chance(40) {
        s.push('?');
    }
    s
}

fn tweet(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(50) {
        s.push_str("@user");
        s.push_str(&rng.below(1000).to_string());
        s.push(' ');
    }
    let target = 60 + rng.below(200);
    words(rng, &mut s, target, false, 6);
    if rng.chance(30) {
        s.push_str(" https://example.com/");
        s.push_str(&rng.next().to_string()[..8]);
    }
    for _ in 0..rng.below(3) {
        s.push_str(" #");
        s.push_str(rng.pick(EN));
    }
    if rng.chance(50) {
        s.push(' ');
        s.push_str(rng.pick(EMOJI));
    }
    s
}

fn long(rng: &mut Rng) -> String {
    let mut s = String::new();
    let target = 1000 + rng.below(3000);
    words(rng, &mut s, target, false, 3);
    s.push('.');
    s
}

fn russian(rng: &mut Rng) -> String {
    let mut s = String::new();
    let target = 60 + rng.below(220);
    words(rng, &mut s, target, true, 6);
    if rng.chance(30) {
        s.push(' ');
        s.push_str(rng.pick(EMOJI));
    }
    s
}

/// Latin letters and their Cyrillic look-alikes.
const HOMOGLYPHS: &[(char, char)] = &[
    ('a', 'а'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('c', 'с'),
    ('x', 'х'),
    ('y', 'у'),
];

/// One word, disguised one of the ways people disguise words.
fn evade(rng: &mut Rng, w: &str, out: &mut String) {
    match rng.below(9) {
        // leetspeak
        0 => out.extend(w.chars().map(|c| match c {
            'i' => '1',
            'o' => '0',
            'e' => '3',
            'a' => '4',
            's' => '$',
            c => c,
        })),
        // spelled out, spaces or dots
        1 | 2 => {
            let sep = if rng.chance(50) { ' ' } else { '.' };
            for (i, c) in w.chars().enumerate() {
                if i > 0 {
                    out.push(sep);
                }
                out.push(c);
            }
        }
        // look-alike letters from another script
        3 => out.extend(w.chars().map(|c| {
            HOMOGLYPHS
                .iter()
                .find(|&&(l, _)| l == c)
                .map_or(c, |&(_, r)| r)
        })),
        // zero-width characters inside
        4 => {
            for (i, c) in w.chars().enumerate() {
                if i > 0 {
                    out.push('\u{200B}');
                }
                out.push(c);
            }
        }
        // mathematical bold letters
        5 => out.extend(w.chars().map(|c| {
            if c.is_ascii_lowercase() {
                char::from_u32(0x1D41A + (c as u32 - 'a' as u32)).unwrap_or(c)
            } else {
                c
            }
        })),
        // fullwidth
        6 => out.extend(w.chars().map(|c| {
            if c.is_ascii_lowercase() {
                char::from_u32(0xFF41 + (c as u32 - 'a' as u32)).unwrap_or(c)
            } else {
                c
            }
        })),
        // stretched
        7 => {
            for c in w.chars() {
                out.push(c);
                if "aeiouаеиоуыя".contains(c) {
                    for _ in 0..2 + rng.below(4) {
                        out.push(c);
                    }
                }
            }
        }
        // diacritics (combining marks)
        _ => {
            for c in w.chars() {
                out.push(c);
                if c.is_alphabetic() && rng.chance(50) {
                    out.push('\u{0301}');
                }
            }
        }
    }
}

fn adversarial(rng: &mut Rng) -> String {
    let ru = rng.chance(30);
    let (plain, bad) = if ru { (RU, RU_SPICE) } else { (EN, EN_SPICE) };
    let target = 60 + rng.below(200);
    let mut s = String::new();
    while s.len() < target {
        if !s.is_empty() {
            s.push(' ');
        }
        let w = if rng.chance(25) {
            rng.pick(bad)
        } else {
            rng.pick(plain)
        };
        if rng.chance(40) {
            evade(rng, w, &mut s);
        } else {
            s.push_str(w);
        }
    }
    s
}

/// `n` messages of `set`, the same for the same `(set, n)` on every machine.
pub fn generate(set: Set, n: usize) -> Vec<String> {
    let seed = 0x9e37_79b9_7f4a_7c15u64 ^ (set as u64 + 1).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| match set {
            Set::Chat => chat(&mut rng),
            Set::Tweet => tweet(&mut rng),
            Set::Long => long(&mut rng),
            Set::Russian => russian(&mut rng),
            Set::Adversarial => adversarial(&mut rng),
            Set::Mixed => match rng.below(20) {
                0..=11 => tweet(&mut rng),
                12..=16 => russian(&mut rng),
                _ => adversarial(&mut rng),
            },
        })
        .collect()
}

/// One message of about `bytes` bytes: English posts run together (for the linear-cost check).
pub fn huge(bytes: usize) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut s = String::with_capacity(bytes + 4096);
    while s.len() < bytes {
        s.push_str(&long(&mut rng));
        s.push(' ');
    }
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// Tweets from `../shared/data/olid` if that folder is there (read at run time, never stored in
/// the repository), else `None`. `root` is the repository root.
pub fn olid_tweets(root: &std::path::Path, n: usize) -> Option<Vec<String>> {
    let path = root.join("../shared/data/olid/olid-training-v1.0.tsv");
    let text = std::fs::read_to_string(path).ok()?;
    let out: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1))
        .filter(|t| !t.is_empty())
        .take(n)
        .map(str::to_string)
        .collect();
    (!out.is_empty()).then_some(out)
}
