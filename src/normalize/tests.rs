//! End-to-end tests of the normalisation pipeline. Every input that goes through [`run`] also has
//! its offset map checked.

use super::*;

/// Normalise and check the offset-map invariants; returns the text.
fn run(input: &str) -> String {
    let n = normalize(input);
    check_map(input, &n);
    n.as_str().to_owned()
}

/// Offset-map invariants:
/// - every token maps to a non-empty range on char boundaries of the input;
/// - map entries never go backwards;
/// - for short inputs, every `(start, end)` pair (including out-of-range ones) is safe.
fn check_map(input: &str, n: &Normalized) {
    let text = n.as_str();
    assert_eq!(n.map.len(), text.len(), "map length for {:?}", input);
    assert!(
        !text.starts_with(' ') && !text.ends_with(' ') && !text.contains("  "),
        "{:?}",
        text
    );
    let ok = |(a, b): (usize, usize)| {
        a <= b && b <= input.len() && input.is_char_boundary(a) && input.is_char_boundary(b)
    };
    let mut pos = 0;
    for tok in text.split(' ') {
        if tok.is_empty() {
            continue;
        }
        let (s, e) = (pos, pos + tok.len());
        let span = n.source_span(s, e);
        assert!(ok(span), "token {:?} of {:?} -> {:?}", tok, input, span);
        assert!(
            span.0 < span.1,
            "empty source for token {:?} of {:?}",
            tok,
            input
        );
        pos = e + 1;
    }
    for w in n.map.windows(2) {
        assert!(
            w[0].0 <= w[1].0 && w[0].1 <= w[1].1,
            "map goes backwards in {:?}: {:?}",
            input,
            w
        );
    }
    for &(a, b) in n.map.iter() {
        assert!(
            ok((a as usize, b as usize)),
            "bad map entry {:?} for {:?}",
            (a, b),
            input
        );
    }
    if text.len() <= 48 {
        for s in 0..=text.len() + 2 {
            for e in s..=text.len() + 2 {
                assert!(ok(n.source_span(s, e)), "span({}, {}) of {:?}", s, e, input);
            }
        }
    }
}

fn table(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for &(input, want) in cases {
        let got = run(input);
        if got != want {
            failures.push(format!("{:?}: got {:?}, want {:?}", input, got, want));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn output_format() {
    table(&[
        ("", ""),
        ("   ", ""),
        ("Hello, World!", "hello , world !"),
        ("  spaced   out  ", "spaced out"),
        ("tab\tand\nnewline", "tab and newline"),
        ("wait!!! what??? ok...", "wait ! what ? ok ."),
        ("?!", "? !"),
        ("(see: this; that)", "( see : this ; that )"),
        ("#tag 50% x/y <b> a+b=c", "tag 50 x y b a b c"),
        ("😀👍🏽 hi 👨\u{200D}👩\u{200D}👧", "hi"),
    ]);
}

#[test]
fn apostrophes_and_quotes() {
    table(&[
        ("Don't do that", "dont do that"),
        // A `n't` written apart (tokenised corpora) joins its verb; alone it stays a word.
        ("Jews are n't human", "jews arent human"),
        ("I ca n\u{2019}t , do n't", "i cant , dont"),
        ("n't that", "nt that"),
        ("so , n't", "so , nt"),
        ("they 're animals , it 's fine", "theyre animals , its fine"),
        ("I 'm sure you 've seen we 'd go , you 'll see", "im sure youve seen wed go , youll see"),
        ("the 's' key", "the \" s \" key"),
        ("he said 'no' to them", "he said \" no \" to them"),
        ("'s alone", "\" s alone"),
        ("rock 'n' roll", "rock \" n \" roll"),
        ("so  'm", "so \" m"),
        ("`` jews are vermin '' he wrote", "\" jews are vermin \" he wrote"),
        ("can`t", "cant"),
        ("Assassin's creed", "assassins creed"),
        ("don\u{2019}t won\u{00B4}t can`t", "dont wont cant"),
        ("'quoted' text", "\" quoted \" text"),
        (
            "\u{201C}Hi\u{201D} \u{00AB}привет\u{00BB} \u{201E}z\u{201C}",
            "\" hi \" \" привет \" \" z \"",
        ),
        (
            "\u{2018}single\u{2019} \u{2039}angle\u{203A} \u{201A}low",
            "\" single \" \" angle \" \" low",
        ),
        ("\"\"double\"\"", "\" double \""),
        ("the 90's", "the 90s"),
        ("rock 'n' roll", "rock \" n \" roll"),
    ]);
}

#[test]
fn compatibility_folding() {
    table(&[
        ("𝐤𝐢𝐥𝐥 𝓀𝒾𝓁𝓁 ｋｉｌｌ ⓚⓘⓛⓛ", "kill kill kill kill"),
        ("𝔨𝔦𝔩𝔩 𝕜𝕚𝕝𝕝 𝚔𝚒𝚕𝚕 𝗸𝗶𝗹𝗹 𝘬𝘪𝘭𝘭", "kill kill kill kill kill"),
        ("🇰🇮🇱🇱 🅺🅸🅻🅻 🅚🅘🅛🅛 ⒦⒤⒧⒧", "kill kill kill kill"),
        ("ᴋɪʟʟ ʏᴏᴜ", "kill you"),
        ("ﬁne ＫＩＬＬ １２３", "fine kill 123"),
        ("𝐊𝐈𝐋𝐋 𝐘𝐎𝐔", "kill you"),
        ("ᵏⁱˡˡ", "kill"),
    ]);
}

#[test]
fn lowercase() {
    table(&[
        ("KILL You", "kill you"),
        ("ЁЛКА Ёж ёлка", "елка еж елка"),
        ("ПРИВЕТ Мир", "привет мир"),
        ("İstanbul", "istanbul"),
    ]);
}

#[test]
fn ignorables_and_controls() {
    table(&[
        ("k\u{200B}i\u{200D}l\u{00AD}l", "kill"),
        ("\u{202E}kill\u{202C} you", "kill you"),
        ("k\u{2066}il\u{2069}l", "kill"),
        ("ki\u{FE0F}ll", "kill"),
        ("k\u{034F}ill", "kill"),
        ("\u{FEFF}kill", "kill"),
        ("k\u{2060}i\u{2061}l\u{2062}l\u{2063}", "kill"),
        ("у\u{200B}бью", "убью"),
        ("a\0b", "a b"),
        ("a\u{0007}b\u{0085}c", "a b c"),
    ]);
}

#[test]
fn diacritics() {
    table(&[
        ("naïve café", "naive cafe"),
        ("ķíłł", "kill"),
        ("straße STRASSE", "strasse strasse"),
        ("Ærø œuvre", "aero oeuvre"),
        ("đim ħat ıt", "dim hat it"),
        ("đ ħ ı", "dhi"),
        ("йод Йемен", "йод йемен"),
        ("и\u{0306}од", "йод"),
        ("е\u{0308}ж", "еж"),
        ("e\u{0301}", "e"),
        ("\u{0301}\u{0301}abc", "abc"),
        ("k\u{0301}\u{0302}\u{0303}ill", "kill"),
        ("a \u{0301} b", "a b"),
        ("їж ўж ќж", "иж уж кж"),
    ]);
}

#[test]
fn look_alikes() {
    table(&[
        ("y\u{0431}\u{044C}\u{044E}", "убью"), // yбью, Latin y
        ("c\u{0443}\u{043A}\u{0430}", "сука"), // cука, Latin c
        ("ты c\u{0443}\u{043A}\u{0430}", "ты сука"),
        ("ты cy\u{043A}a", "ты сука"), // cyкa: message votes decide
        ("you are a cy\u{043A}a", "you are a cyka"),
        ("k\u{0456}ll", "kill"),                               // Cyrillic і
        ("ты \u{0456}д\u{0456}от", "ты идиот"),               // і in a Russian word
        ("f\u{03C5}ck", "fuck"),                               // Greek υ
        ("\u{0441}\u{043E}\u{0440}", "сор"), // all-Cyrillic look-alikes, Russian message
        ("call the \u{0441}\u{043E}\u{0440}", "call the cop"), // ... in an English message
        ("это плохой cop", "это плохой сор"), // all-Latin look-alikes, Russian message
        (
            "\u{04BB}\u{0435}\u{04CF}\u{04CF}\u{043E} привет",
            "hello привет",
        ), // һеӏӏо votes Latin
        ("\u{043F}p\u{0438}\u{0432}e\u{0442}", "привет"), // пpивeт
        ("X\u{0423}\u{0419}", "хуй"),        // Latin X
        ("hello мир", "hello мир"),
        ("B\u{0410}\u{041D}\u{042F}", "ваня"), // Latin B as В
        ("\u{0441}\u{0443}\u{03BA}\u{0430}", "сука"), // Greek κ in a Cyrillic word
        ("\u{03B1}\u{03C3}\u{03C3}hole", "aoohole"), // Greek look-alikes in Latin word
        ("fu\u{0441}k", "fuck"),
        ("\u{043F}igger", "nigger"),
    ]);
}

#[test]
fn leetspeak() {
    table(&[
        (
            "k1ll h4te sh1t 1diot f@ggot a$$",
            "kill hate shit idiot faggot ass",
        ),
        ("сд0хни 4мо", "сдохни чмо"),
        ("h4x0r b1tch n1gg3r", "haxor bitch nigger"),
        ("@user hi @ss", "user hi ss"),
        ("$5.99 and $hit", "5.99 and shit"),
        ("sh!t hello! hi!you hi!You", "shit hello ! hiiyou hi ! you"),
        ("he||o", "hello"),
        ("l33t n00b", "leet noob"), // word-shaped: letters at both ends, digit runs inside
        ("you 1d10t 1s1s", "you idiot isis"),
        ("covid19 a1b2c3 win10", "covid19 a1b2c3 win10"),
        ("sh00t up the sch00l b00bs", "shoot up the school boobs"),
        ("sh000t ab00 00ab a00bc12", "sh000t ab00 00ab a00bc12"),
        ("$$$ @@@ |||", ""),
        ("5$ 5@", "5 5"),
        ("3\u{0430}\u{0435}6\u{0430}\u{043B}", "за\u{0435}бал"),
        ("\u{0441}\u{0443}\u{043A}@", "сука"),
        ("4ever", "aever"),
    ]);
}

#[test]
fn numbers_untouched() {
    table(&[
        (
            "2024 12:30 3.50 2024-01-01 1,000",
            "2024 12:30 3.50 2024-01-01 1,000",
        ),
        ("$5.99 3,50€ 5% -5 +7", "5.99 3,50 5 5 7"),
        (
            "covid19 id 4a7f9 b2b mp3 ps4 web3",
            "covid19 id 4a7f9 b2b mp3 ps4 web3",
        ),
        (
            "3am 4pm 1st 3rd 5th 5min 3км 10am",
            "3am 4pm 1st 3rd 5th 5min 3км 10am",
        ),
        ("v1.2 10:30am 0xff 1.5x", "v1.2 10:30am 0xff 1.5x"),
        ("a1b2c3 x86 win10 b4 g8", "a1b2c3 x86 win10 b4 g8"),
        ("1 2 3 4", "1 2 3 4"),
        ("1.2.2024 16:9 1/2", "1.2.2024 16:9 1/2"),
        ("user_123", "user 123"),
        (
            "Call +7 (999) 123-45-67 at 10:30, pay $5.99 by 2024-01-01.",
            "call 7 ( 999 ) 123-45-67 at 10:30 , pay 5.99 by 2024-01-01 .",
        ),
        ("½ ² ①②", "1/2 2 12"),
        ("٣٤ ४२", "٣٤ ४२"),
    ]);
}

#[test]
fn spelled_out_letters() {
    table(&[
        ("k i l l", "kill"),
        ("k.i.l.l", "kill"),
        ("f-u-c-k", "fuck"),
        ("f_u_c_k  f/u/c/k  f*u*c*k  f,u,c,k", "fuck fuck fuck fuck"),
        ("f_u_c_k f/u/c/k", "fuck fuck"),
        ("k.i.l.l y-o-u", "kill you"),
        ("j.o.i.n i.s.i.s", "join isis"),
        ("such a r.e.t.a.r.d", "such a retard"),
        ("h.e.i.l h.i.t.l.e.r", "heil hitler"),
        ("и.д.и н.а.х.у.й", "иди нахуй"),
        ("k.i l.l", "ki ll"),
        ("у б ь ю", "убью"),
        ("с у к а", "сука"),
        ("k i l l  y o u", "kill you"),
        // A capital pronoun next to a lowercase run is a word of the sentence.
        ("a b c I will kill you", "abc i will kill you"),
        ("I h a t e you", "i hate you"),
        ("K I L L", "kill"),
        ("k i l l I", "kill i"),
        ("k i l l\u{3000}\u{3000}y o u", "kill you"),
        ("f u c k you", "fuck you"),
        ("s*h*i*t", "shit"),
        ("k.1.l.l  k 1 l l", "kill kill"),
        ("k.1.l.l k 1 l l", "kill kill"),
        ("a.b.c d e f", "abc def"),
        ("x y.z", "x yz"),
        ("1 d i o t", "1 diot"),
        ("U.S.A.", "usa ."),
        ("а я в шоке", "а я в шоке"),
        ("u r a", "u r a"),
        ("a i u o", "aiuo"),
        ("x", "x"),
        ("a b", "a b"),
        ("k\ni\nl\nl", "kill"),
        ("\"f u c k\"", "\" fuck \""),
        ("k\u{00B7}i\u{00B7}l\u{00B7}l", "kill"),
        ("k\u{2013}i\u{2013}l\u{2013}l", "kill"),
        ("a, b, c", "a , b , c"),
        ("a. b. c.", "a . b . c ."),
        ("k i l l!", "kill !"),
        ("K I L L Y O U", "killyou"),
        ("y b \u{044C} \u{044E}", "убью"),
        ("k 😀 i 😀 l 😀 l", "k i l l"),
        ("k.i.l.lyou", "kil lyou"),
        ("f u u u u c k", "fuuck"),
        ("I am a b c", "i am abc"),
    ]);
}

#[test]
fn split_inside_words() {
    table(&[
        ("fu.ck ki_ll f*ck f**k sh*t", "fuck kill f*ck f**k sh*t"),
        ("FU.CK", "fuck"),
        ("sh-it well-known", "sh it well known"),
        ("end.Start", "end . start"),
        ("Mr.Smith", "mr . smith"),
        ("e.g. i.e.", "eg . ie ."),
        ("*bold* f*** ***", "bold f"),
        ("су.ка с*ка", "сука с*ка"),
        ("кто-то", "кто то"),
    ]);
}

#[test]
fn repeated_letters() {
    table(&[
        ("kiiiiill fuuuuck assss", "kiill fuuck ass"),
        ("убьююю сууууука", "убьюю суука"),
        ("shiitake", "shiitake"),
        ("zzz", "zz"),
        ("!!!!", "!"),
        ("1000000", "1000000"),
        ("a$$$$", "ass"),
        ("KIIIIILL", "kiill"),
        ("k\u{0456}\u{0456}\u{0456}ll", "kiill"),
    ]);
}

#[test]
fn scunthorpe_words_stay_intact() {
    table(&[
        (
            "Scunthorpe cocktail assassin therapist shiitake classic analysis",
            "scunthorpe cocktail assassin therapist shiitake classic analysis",
        ),
        (
            "Sussex Essex bassist cassette",
            "sussex essex bassist cassette",
        ),
        (
            "скипидар оскорбление хлебать мандарин сукно потребитель",
            "скипидар оскорбление хлебать мандарин сукно потребитель",
        ),
        (
            "Shiitake SCUNTHORPE Cocktail",
            "shiitake scunthorpe cocktail",
        ),
    ]);
}

#[test]
fn counts() {
    let table: &[(&str, usize, usize)] = &[
        ("", 0, 0),
        ("hello", 5, 0),
        ("привет", 0, 6),
        ("c\u{0443}\u{043A}\u{0430}", 1, 3),
        ("𝐤𝐢𝐥𝐥 123", 4, 0),
    ];
    for &(s, l, c) in table {
        let n = normalize(s);
        assert_eq!((n.latin_letters(), n.cyrillic_letters()), (l, c), "{:?}", s);
    }
}

#[test]
fn source_spans() {
    // (input, token index in as_str(), expected source range)
    let table: &[(&str, usize, (usize, usize))] = &[
        ("k i l l", 0, (0, 7)),
        ("𝐤𝐢𝐥𝐥", 0, (0, 16)),
        ("k\u{200B}ill", 0, (0, 7)),
        ("kiiiiill now", 0, (0, 8)),
        ("kiiiiill now", 1, (9, 12)),
        ("hello world", 1, (6, 11)),
        ("!!! x", 0, (0, 3)),
        ("e\u{0301}", 0, (0, 3)),
        ("say k.i.l.l!", 1, (4, 11)),
        ("say k.i.l.l!", 2, (11, 12)),
        ("don't", 0, (0, 5)),
        ("\u{201C}hi\u{201D}", 2, (5, 8)),
        ("a$$ b", 0, (0, 3)),
    ];
    for &(input, idx, want) in table {
        let n = normalize(input);
        check_map(input, &n);
        let text = n.as_str();
        let mut pos = 0;
        let mut found = None;
        for (i, tok) in text.split(' ').enumerate() {
            if i == idx {
                found = Some((pos, pos + tok.len()));
            }
            pos += tok.len() + 1;
        }
        let (s, e) = found.unwrap_or_else(|| panic!("no token {} in {:?}", idx, text));
        assert_eq!(n.source_span(s, e), want, "{:?} token {}", input, idx);
    }
    // The separator space maps to the gap between the tokens.
    let n = normalize("hello   world");
    assert_eq!(n.as_str(), "hello world");
    assert_eq!(n.source_span(5, 6), (5, 8));
    assert_eq!(n.source_span(0, 11), (0, 13));
    // Empty ranges.
    assert_eq!(n.source_span(6, 6), (8, 8));
    assert_eq!(n.source_span(11, 11), (13, 13));
    assert_eq!(n.source_span(100, 100), (13, 13));
    assert_eq!(n.source_span(100, 50), (13, 13));
    let empty = normalize("😀");
    assert_eq!(empty.as_str(), "");
    assert_eq!(empty.source_span(0, 0), (0, 0));
    assert_eq!(empty.source_span(0, 10), (0, 0));
}

#[test]
fn nasty_inputs_keep_the_map_valid() {
    let nasty: &[&str] = &[
        "\0",
        "\0\0k\0i\0",
        "\u{202E}\u{202D}\u{2066}abc\u{2069}",
        "\u{0301}",
        "\u{0306}\u{0306}и",
        "a\u{0301}\u{0301}\u{0301} \u{0301}b",
        "👩\u{200D}🔬🏳\u{FE0F}\u{200D}🌈",
        "🇺🇦🇷🇺🇺🇸",
        "𐍈𝄞\u{10FFFF}\u{E0001}\u{E0020}",
        "\u{FFFD}\u{FFFE}\u{FFFF}",
        "ǅ ǈ ǋ ﷺ ﷻ ㍿ ㎏ ℡ ™",
        "k\u{0456}ll \u{0443}\u{0431}\u{044C}\u{044E} f\u{03C5}ck",
        "ß ẞ ﬀ ﬃ ŉ",
        "\u{0627}\u{0644}\u{0633}\u{0644}\u{0627}\u{0645} \u{05E9}\u{05DC}\u{05D5}\u{05DD}",
        "中文 日本語 한국어 ไทย",
        "a . . . b - - c",
        "'''\"\"\"",
        "*** ___ --- /// ,,, ...",
        "a'b'c' 'd",
        "@@a@@ $$a$$ ||a||",
        "1$2@3|4!5",
        "k1 1k 11k k11 1k1",
        "x.X.x.X",
        "ǀ ǁ ǂ ǃ",
        "\u{1F130}\u{1F131} \u{24B6}\u{24B7}",
        "\u{3164}\u{115F}\u{1160}",
        "a\u{0308}\u{0306}",
        "i\u{0307}\u{0307}",
        "½¼¾⅓",
        "..., ,,, !!! ??? ;;; ::: ((( )))",
        "\r\n\r\n\t\u{000B}\u{000C}",
    ];
    for s in nasty {
        run(s);
    }
    // Also every prefix and suffix of a mixed string (cuts through multi-unit chars' neighbours).
    let mixed = "Ki\u{0301}ll 𝐲𝐨𝐮 cука! 12:30 k.i.l.l ß½ «q» 👍\u{200D}";
    for (i, _) in mixed.char_indices() {
        run(&mixed[i..]);
        run(&mixed[..i]);
    }
}

#[test]
fn pathological_inputs_are_linear_and_safe() {
    let cases: Vec<String> = vec![
        format!("a{}", "\u{0301}".repeat(100_000)),
        "\u{0301}".repeat(100_000),
        "a ".repeat(100_000),
        "a.".repeat(100_000),
        "a".repeat(200_000),
        "ab ".repeat(50_000),
        "!".repeat(60_000),
        "1".repeat(100_000),
        "k1".repeat(50_000),
        "\u{200B}".repeat(100_000),
        "𝐤".repeat(50_000),
        "'".repeat(100_000),
        "*a".repeat(100_000),
        format!("a {}", "b".repeat(200_000)),
        format!("x'{}", "y".repeat(200_000)),
        "ab'".repeat(60_000),
    ];
    for s in &cases {
        let n = normalize(s);
        assert_eq!(n.map.len(), n.as_str().len());
        let (a, b) = n.source_span(0, n.as_str().len());
        assert!(a <= b && b <= s.len());
    }
    let n = normalize(&cases[0]);
    assert_eq!(n.as_str(), "a");
    assert_eq!(n.source_span(0, 1), (0, cases[0].len()));
    assert_eq!(normalize(&cases[1]).as_str(), "");
    assert_eq!(normalize(&cases[5]).as_str().len(), 150_000 - 1);
    assert_eq!(normalize(&cases[6]).as_str(), "!");
}

#[test]
fn every_plane_sample() {
    // One char from every 251st code point across all planes: must not panic, map must hold.
    let mut s = String::new();
    let mut cp = 0u32;
    while cp <= 0x10FFFF {
        if let Some(c) = char::from_u32(cp) {
            s.push(c);
            if cp % 3 == 0 {
                s.push('a');
            }
        }
        cp += 251;
    }
    let n = normalize(&s);
    check_map(&s, &n);
}

#[test]
fn reuse_does_not_grow_buffers() {
    let msgs = [
        "Hey you, I will k1ll you tomorrow at 10:30!!! 𝐟𝐮𝐜𝐤 y\u{0431}\u{044C}\u{044E} k i l l",
        "short",
        "",
        "Привет, как дела? сд0хни 4мо с у к а",
    ];
    let mut out = Normalized::new();
    for m in msgs {
        normalize_into(m, &mut out);
    }
    let caps = |o: &Normalized| {
        (
            o.text.capacity(),
            o.map.capacity(),
            o.scratch.units.capacity(),
            o.scratch.tok.capacities(),
        )
    };
    let before = caps(&out);
    for _ in 0..3 {
        for m in msgs {
            normalize_into(m, &mut out);
            assert_eq!(out.as_str(), normalize(m).as_str());
        }
    }
    assert_eq!(caps(&out), before);
}

#[test]
fn long_segments_are_split_not_lost() {
    let s = "b".repeat(MAX_SEGMENT_UNITS + 10) + " ok";
    let n = normalize(&s);
    check_map(&s, &n);
    assert!(n.as_str().ends_with(" ok"));
    // Separators are not buffered beyond what the rules need.
    let s = format!("x{}y", " ".repeat(1_000_000));
    let mut out = Normalized::new();
    normalize_into(&s, &mut out);
    assert_eq!(out.as_str(), "x y");
    assert!(out.scratch.units.capacity() < 64);
}

/// The fast paths (whole ASCII/Russian words, simple segments) must give exactly the same text and
/// map as the general path. Random strings over a alphabet of interesting pieces.
#[test]
fn fast_paths_agree_with_general_path() {
    let pieces: &[&str] = &[
        "a",
        "k",
        "i",
        "l",
        "y",
        "o",
        "B",
        "H",
        "K",
        "x",
        "ab",
        "kill",
        "KILL",
        "the",
        "cop",
        "OK",
        "hello world",
        "no pain no",
        "fuuuck",
        "I",
        "u",
        "а",
        "я",
        "в",
        "с",
        "у",
        "б",
        "ю",
        "ь",
        "к",
        "сука",
        "мир",
        "сок",
        "привет мир",
        "ааа",
        "СУКА",
        "убьююю",
        "ё",
        "Ёж",
        "й",
        "c",
        "p",
        "e",
        "ο",
        "\u{0456}",
        "𝐤",
        "ß",
        "é",
        "e\u{0301}",
        "\u{0306}",
        "\u{200B}",
        "1",
        "0",
        "4",
        "3",
        "2024",
        "12:30",
        "@",
        "$",
        "|",
        "!",
        "?",
        ".",
        ",",
        ":",
        ";",
        "(",
        ")",
        "\"",
        "'",
        "’",
        "«",
        "-",
        "_",
        "*",
        "/",
        "#",
        "😀",
        "🔥",
        "☕",
        "\u{2776}",
        "\0",
        " ",
        " ",
        " ",
        "  ",
        "\n",
        "\t",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut fast = Normalized::new();
    let mut slow = Normalized::new();
    for _ in 0..4000 {
        let len = (next() % 12) as usize;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(pieces[(next() % pieces.len() as u64) as usize]);
        }
        normalize_with(&s, &mut fast, true);
        normalize_with(&s, &mut slow, false);
        assert_eq!(fast.as_str(), slow.as_str(), "text differs for {:?}", s);
        assert_eq!(fast.map, slow.map, "map differs for {:?}", s);
        assert_eq!(
            (fast.latin_letters(), fast.cyrillic_letters()),
            (slow.latin_letters(), slow.cyrillic_letters()),
            "counts differ for {:?}",
            s
        );
        check_map(&s, &fast);
    }
}

/// Rough timing: `cargo test --release --lib normalize::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    let msg = "Hey there, I think you are completely wrong about this, and honestly your argument is weak!!";
    let ru =
        "Привет, я думаю ты совершенно не прав насчёт этого, и честно говоря аргумент слабый!!";
    let only = std::env::var("NORM_ONLY").unwrap_or_default();
    let evasive =
        "y0u are a f*cking 1diot, k i l l yourself!!! сд0хни c\u{0443}ка 𝐤𝐢𝐥𝐥 fuuuuck u.s.a";
    for (name, m) in [("en", msg), ("ru", ru), ("evasive", evasive)] {
        if !only.is_empty() && only != name {
            continue;
        }
        let mut out = Normalized::new();
        normalize_into(m, &mut out);
        let iters: u32 = std::env::var("NORM_ITERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200_000);
        let t = std::time::Instant::now();
        for _ in 0..iters {
            normalize_into(std::hint::black_box(m), &mut out);
        }
        let dt = t.elapsed();
        println!(
            "{}: {} chars: {:.0} ns/message -> {:?}",
            name,
            m.chars().count(),
            dt.as_nanos() as f64 / iters as f64,
            out.as_str()
        );
    }
}
