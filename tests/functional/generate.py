#!/usr/bin/env python3
"""Generates moderato's functional test suite for the context layer.

Regenerate (deterministic: the same files every run; no network, no dependencies):

    python3 tests/functional/generate.py

It writes tests/functional/en.jsonl and tests/functional/ru.jsonl (both committed), one case per
line: {"text", "flagged", "label" (a label that must be present, or null), "absent" (labels that
must not be), "category", "lang", "heldout" (null, or what in the case the rules never saw)}.
The Rust test tests/functional.rs reads them and prints the per-category accuracy tables:

    cargo test -p moderato --test functional -- --nocapture

Every template, group list and predicate list here was written for this suite. The templates are
sentences, not the rules' patterns: the rules (src/context/) only know function words (copulas,
modals, negators...) and word lists (lexicons/groups.tsv, predicates.tsv, violence.tsv,
extremism.tsv). To measure generalisation rather than echo the rules, some words are HELD OUT: they
appear here and in no lexicon file (checked below, the script fails otherwise):
  - groups named by a construction the rules know but with a name they do not ("Kurdish
    immigrants", "people from Somalia", "выходцы из Средней Азии"): heldout = "group_construction";
  - bare group names the rules do not list ("Kurds", "якуты"): heldout = "group_bare" (only the
    learned model can catch these);
  - predicates the rules do not list ("termites", "саранча"), bare or inside the generic frame
    "a <noun> on society" / "<noun> на теле общества": heldout = "predicate";
  - violent verbs, organisations and attackers the rules do not list: heldout = "verb", "org",
    "attacker".
Held-out items are drawn with a lower weight than listed ones (HELDOUT_WEIGHT) so that each
category still mostly measures the frames it is named after.
"""

import json
import pathlib
import random
import re
import string

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PER_CATEGORY = 30
HELDOUT_WEIGHT = 0.12  # chance that a slot with held-out values draws one


class H(str):
    """A held-out value: a string that remembers what kind of thing the rules never saw."""

    def __new__(cls, value, kind):
        s = super().__new__(cls, value)
        s.kind = kind
        return s


# ============================================================================ English vocabulary

EN_GROUPS = [
    "Muslims", "Jews", "Jewish people", "Black people", "blacks", "gay men", "gays", "lesbians",
    "trans people", "trans women", "women", "immigrants", "refugees", "migrants", "Mexicans",
    "Arabs", "Asians", "Chinese people", "Pakistanis", "Indians", "Africans", "Gypsies", "Roma",
    "Hindus", "Christians", "Catholics", "disabled people", "autistic people", "Nigerians",
    "Syrians", "Poles", "Romanians", "Latinos", "homosexuals", "bisexuals", "Ukrainians",
    "Russians", "Chechens", "Asian women", "Muslim women", "asylum seekers", "foreigners",
    "Hispanics", "Jewish women", "gay people", "black men",
]
EN_GROUPS_HELD = [
    H("Kurdish immigrants", "group_construction"), H("people from Somalia", "group_construction"),
    H("refugees from Eritrea", "group_construction"), H("Albanian migrants", "group_construction"),
    H("Yazidi refugees", "group_construction"), H("people from Haiti", "group_construction"),
    H("families from Bangladesh", "group_construction"),
    H("Kurds", "group_bare"), H("Somalis", "group_bare"), H("Sikhs", "group_bare"),
    H("Albanians", "group_bare"), H("Uyghurs", "group_bare"),
]
EN_NOUNS = [
    "vermin", "animals", "rats", "cockroaches", "parasites", "savages", "filth", "pigs", "apes",
    "leeches", "maggots", "scum", "garbage", "trash", "subhumans", "barbarians", "monkeys", "dogs",
    "lice", "degenerates", "freaks", "criminals", "rapists", "invaders", "a disease", "a cancer",
    "a plague", "an infestation", "pests", "beasts",
]
EN_NOUNS_HELD = [H(w, "predicate") for w in ["termites", "hyenas", "locusts", "vultures", "bacteria", "slugs"]]
EN_ATTR = [
    "disgusting", "filthy", "worthless", "inferior", "evil", "stupid", "lazy", "dirty", "vile",
    "primitive", "greedy", "sneaky", "subhuman", "smelly", "degenerate", "uncivilized", "nasty",
    "stinking",
]
EN_ADJ = EN_ATTR + ["violent", "dangerous", "pathetic", "useless", "abnormal"]
EN_ADJ_HELD = [H(w, "predicate") for w in ["repulsive", "wretched", "despicable"]]
EN_SOCIETY_NOUNS_HELD = [H(w, "predicate") for w in ["a blight", "a stain", "a scourge", "a curse", "a blot"]]
EN_SOCIETY = ["society", "this country", "humanity", "our nation", "the world", "our country"]
EN_VERBS = [
    "kill", "stab", "shoot", "strangle", "murder", "behead", "slaughter", "hurt", "choke",
    "torture", "butcher", "drown", "poison", "execute",
]
EN_VERBS_HELD = [H(w, "verb") for w in ["maim", "dismember", "disembowel"]]
EN_PARTS = [
    "shot", "hanged", "executed", "exterminated", "gassed", "burned alive", "lynched",
    "slaughtered", "wiped out", "beheaded", "killed", "put down", "strung up", "culled",
]
EN_PARTS_HELD = [H(w, "verb") for w in ["maimed", "flayed", "quartered"]]
EN_ORGS = [
    "ISIS", "the Islamic State", "al-Qaeda", "al-Shabaab", "Boko Haram", "the Taliban",
    "the caliphate", "the mujahideen", "the Klan", "Atomwaffen", "the KKK", "Daesh",
]
EN_ORGS_HELD = [H(w, "org") for w in ["Jemaah Islamiyah", "Ansar al-Sharia"]]
EN_ATTACKERS = [
    "Tarrant", "Breivik", "Dylann Roof", "the Christchurch shooter", "the Poway shooter",
    "Bin Laden", "the Halle attacker", "the El Paso shooter", "McVeigh", "the gunman",
]
EN_ATTACKERS_HELD = [H(w, "attacker") for w in ["Balliet", "Gendron"]]
EN_ATTACKS = ["the Christchurch attack", "the mosque shooting", "the Paris attack", "the bombing", "the massacre"]
EN_PERSON = ["you", "you all", "every one of you", "your whole family", "him", "her"]
EN_PLACES = ["their mosque", "that synagogue", "the mosque", "the synagogue", "the refugee centre", "their church", "every mosque"]
EN_NON_PROTECTED = [
    "Politicians", "Spammers", "Mosquitoes", "Telemarketers", "Landlords", "Bots", "Trolls",
    "Bankers", "Pigeons", "Scammers", "Weeds", "Internet trolls", "Tax collectors", "Wasps",
    "Fanboys", "Crypto bros",
]

# ============================================================================ Russian vocabulary
# Groups as (nominative, genitive/accusative, dative) plural.

RU_GROUPS = [
    ("мигранты", "мигрантов", "мигрантам"), ("евреи", "евреев", "евреям"),
    ("мусульмане", "мусульман", "мусульманам"), ("геи", "геев", "геям"),
    ("цыгане", "цыган", "цыганам"), ("таджики", "таджиков", "таджикам"),
    ("узбеки", "узбеков", "узбекам"), ("чеченцы", "чеченцев", "чеченцам"),
    ("кавказцы", "кавказцев", "кавказцам"), ("украинцы", "украинцев", "украинцам"),
    ("русские", "русских", "русским"), ("армяне", "армян", "армянам"),
    ("азербайджанцы", "азербайджанцев", "азербайджанцам"), ("инвалиды", "инвалидов", "инвалидам"),
    ("женщины", "женщин", "женщинам"), ("бабы", "баб", "бабам"),
    ("лесбиянки", "лесбиянок", "лесбиянкам"), ("трансгендеры", "трансгендеров", "трансгендерам"),
    ("аутисты", "аутистов", "аутистам"), ("беженцы", "беженцев", "беженцам"),
    ("китайцы", "китайцев", "китайцам"), ("негры", "негров", "неграм"),
    ("гастарбайтеры", "гастарбайтеров", "гастарбайтерам"), ("татары", "татар", "татарам"),
    ("христиане", "христиан", "христианам"), ("грузины", "грузин", "грузинам"),
    ("киргизы", "киргизов", "киргизам"), ("иностранцы", "иностранцев", "иностранцам"),
]
RU_GROUPS_HELD = [
    tuple(H(f, "group_construction") for f in g) for g in [
        ("выходцы из Средней Азии", "выходцев из Средней Азии", "выходцам из Средней Азии"),
        ("люди из Бурятии", "людей из Бурятии", "людям из Бурятии"),
        ("уроженцы Дагестана", "уроженцев Дагестана", "уроженцам Дагестана"),
        ("приезжие из Молдавии", "приезжих из Молдавии", "приезжим из Молдавии"),
    ]
] + [
    tuple(H(f, "group_bare") for f in g) for g in [
        ("якуты", "якутов", "якутам"), ("буряты", "бурятов", "бурятам"),
        ("молдаване", "молдаван", "молдаванам"), ("чернокожие", "чернокожих", "чернокожим"),
    ]
]
RU_NOUNS = [
    "животные", "крысы", "тараканы", "паразиты", "скоты", "свиньи", "отбросы", "мрази", "нелюди",
    "дикари", "обезьяны", "звери", "вши", "твари", "недочеловеки", "биомусор", "дегенераты",
    "быдло", "мусор", "чума", "зараза", "преступники", "оккупанты", "дармоеды",
]
RU_NOUNS_HELD = [H(w, "predicate") for w in ["саранча", "гиены", "стервятники", "бактерии", "плесень", "шакалы"]]
# Adjectives as (nominative plural, genitive/accusative plural); the first ATTR ones attack before
# a group too.
RU_ATTR = [
    ("грязные", "грязных"), ("тупые", "тупых"), ("ленивые", "ленивых"), ("мерзкие", "мерзких"),
    ("вонючие", "вонючих"), ("неполноценные", "неполноценных"), ("ущербные", "ущербных"),
    ("никчемные", "никчемных"), ("примитивные", "примитивных"), ("жадные", "жадных"),
    ("злобные", "злобных"), ("дикие", "диких"), ("отсталые", "отсталых"), ("поганые", "поганых"),
]
RU_ADJ = [a for a, _ in RU_ATTR] + ["отвратительные", "опасные", "бесполезные", "больные"]
RU_ADJ_HELD = [H(w, "predicate") for w in ["омерзительные", "убогие", "гнусные"]]
RU_BODY_NOUNS_HELD = [H(w, "predicate") for w in ["язва", "гнойник", "плесень", "нарыв"]]
RU_FUT1 = ["убью", "зарежу", "пристрелю", "задушу", "урою", "закопаю", "прикончу", "сожгу", "порежу", "изобью", "придушу", "грохну", "замочу"]
RU_FUT1_HELD = [H(w, "verb") for w in ["четвертую", "выпотрошу", "покромсаю"]]
RU_INF = ["расстрелять", "повесить", "убить", "сжечь", "уничтожить", "истребить", "перебить", "вырезать", "утопить", "перестрелять"]
RU_INF_HELD = [H(w, "verb") for w in ["четвертовать", "выпотрошить"]]
RU_ORGS_ACC = ["ИГИЛ", "исламское государство", "джихад", "халифат", "АУЕ", "Талибан", "Аль-Каиду", "Даиш"]
RU_ORGS_DAT = ["ИГИЛ", "исламскому государству", "халифату", "моджахедам", "Талибану", "Аль-Каиде", "Даиш"]
RU_ORGS_GEN = ["ИГИЛ", "исламского государства", "халифата", "моджахедов", "Талибана", "Аль-Каиды", "Даиш"]
RU_ATTACKERS = ["Брейвик", "Таррант", "стрелок из Казани", "керченский стрелок", "колумбайнеры", "шахиды"]
RU_ATTACKERS_HELD = [H(w, "attacker") for w in ["Галявиев", "Росляков"]]
RU_NON_PROTECTED = [
    "Политики", "Спамеры", "Комары", "Чиновники", "Коллекторы", "Боты", "Тролли", "Банкиры",
    "Голуби", "Мошенники", "Сорняки", "Осы", "Депутаты", "Перекупщики",
]

# ============================================================================ machinery


def pick(rng, pool, held=None):
    """A value from pool, or (with HELDOUT_WEIGHT) from held."""
    if held and rng.random() < HELDOUT_WEIGHT:
        return rng.choice(held)
    return rng.choice(pool)


def cap(text):
    return text[0].upper() + text[1:] if text and text[0] in string.ascii_lowercase + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" else text


def build(lang, category, flagged, label, templates, slots, absent=None, n=PER_CATEGORY):
    """n cases of one category: templates taken in turn, slots filled at random (seeded)."""
    if not any("{" in t for t in templates):
        n = len(templates)  # fixed sentences: each once
    rng = random.Random(f"{lang}/{category}")
    cases, seen = [], set()
    tries = 0
    while len(cases) < n and tries < n * 200:
        tries += 1
        tpl = templates[len(cases) % len(templates)] if tries < n * 20 else rng.choice(templates)
        names = set(re.findall(r"\{(\w+)\}", tpl))
        fill, held = {}, set()
        for name in sorted(names):
            # "Gacc", "Gdat": forms of the group drawn for slot "G".
            base = name if name in slots else re.sub(r"(acc|dat)$", "", name)
            if base not in fill:
                fill[base] = slots[base](rng)
        # Group slots hand back tuples (Russian forms); spread them into G, Gacc, Gdat.
        values = {}
        for name, value in fill.items():
            if isinstance(value, tuple):
                for suffix, form in zip(("", "acc", "dat"), value):
                    values[name + suffix] = form
                    if isinstance(form, H):
                        held.add(form.kind)
            else:
                values[name] = value
                if isinstance(value, H):
                    held.add(value.kind)
        text = cap(tpl.format(**values))
        if text in seen:
            continue
        seen.add(text)
        cases.append({
            "text": text,
            "flagged": flagged,
            "label": label,
            "absent": absent or [],
            "category": category,
            "lang": lang,
            "heldout": ",".join(sorted(held)) or None,
        })
    assert len(cases) == n, (lang, category, len(cases))
    return cases


def ru_group_slots(rng):
    g = pick(rng, RU_GROUPS, RU_GROUPS_HELD)
    return g


def en_cases():
    G = lambda r: pick(r, EN_GROUPS, EN_GROUPS_HELD)
    Gl = lambda r: pick(r, EN_GROUPS)  # listed groups only, for frames that test something else
    N = lambda r: pick(r, EN_NOUNS, EN_NOUNS_HELD)
    A = lambda r: pick(r, EN_ADJ, EN_ADJ_HELD)
    AT = lambda r: pick(r, EN_ATTR, EN_ADJ_HELD)
    V = lambda r: pick(r, EN_VERBS, EN_VERBS_HELD)
    P = lambda r: pick(r, EN_PARTS, EN_PARTS_HELD)
    slots = {
        "G": G, "G2": Gl, "N": N, "A": A, "AT": AT, "V": V, "P": P,
        "Nl": lambda r: pick(r, EN_NOUNS), "Al": lambda r: pick(r, EN_ADJ),
        "SOC": lambda r: pick(r, EN_SOCIETY), "BN": lambda r: pick(r, EN_SOCIETY_NOUNS_HELD),
        "T": lambda r: pick(r, EN_PERSON), "PL": lambda r: pick(r, EN_PLACES),
        "ORG": lambda r: pick(r, EN_ORGS, EN_ORGS_HELD), "ATT": lambda r: pick(r, EN_ATTACKERS, EN_ATTACKERS_HELD),
        "ATK": lambda r: pick(r, EN_ATTACKS), "NP": lambda r: pick(r, EN_NON_PROTECTED),
        "Vl": lambda r: pick(r, EN_VERBS), "Pl": lambda r: pick(r, EN_PARTS),
    }
    IA, TH, EX, INS = "identity_attack", "threat", "extremism", "insult"
    out = []
    out += build("en", "ia_explicit", True, IA, [
        "{G} are {N}.", "{G} are nothing but {N}", "All {G} are {N}", "{G} are {N}, plain and simple",
        "{G} are fucking {N}", "{G} r {N} lol", "Let's face it, {G} are {N}", "{G} are all {N}",
        "{G} are {N} and always will be", "{G} are the worst kind of {N}", "{G} are no better than {N}",
        "{G}... {N}, every last one of them. {G} are {N}",
    ], slots)
    out += build("en", "ia_implicit", True, IA, [
        "{G} are {BN} on {SOC}", "{G} breed like rabbits", "{G} spread disease wherever they go",
        "{G} are a burden on {SOC}", "{G} belong in cages", "{G} don't deserve rights",
        "{G} should not exist", "{G} have no place in {SOC}", "{G} act like animals",
        "{G} are a plague on {SOC}", "{G} are a cancer on {SOC}", "{G} can't be trusted",
        "{G} don't deserve to live", "{G} multiply like rats", "{G} are infesting our cities",
    ], slots)
    out += build("en", "ia_adjective", True, IA, [
        "{G} are {A}", "{G} are so {A}", "{G} are {A} and {Al}", "{G} are just {A}",
        "{G} are {A}, end of story", "{G} are really {A}", "{G} are always so {A}",
        "Honestly {G} are {A}",
    ], slots)
    out += build("en", "ia_attributive", True, IA, [
        "Sick of these {AT} {G}", "Another bunch of {AT} {G} moved in", "Those {AT} {G} again",
        "Get these {AT} {G} out of here", "I can't stand {AT} {G}", "Keep your {AT} {G} away from me",
        "Typical {AT} {G}", "The town is overrun with {AT} {G}",
    ], slots)
    out += build("en", "ia_question", True, IA, [
        "Aren't all {G} {N}?", "Aren't {G} just {N}?", "Why are {G} such {N}?",
        "Don't you think {G} are {N}?", "Isn't it obvious that {G} are {A}?", "Who else thinks {G} are {N}?",
        "Why are {G} always so {A}?", "Wouldn't you agree {G} are {N}?", "Aren't {G} {A}?",
    ], slots)
    out += build("en", "ia_opinion", True, IA, [
        "I think {G} are {N}", "In my opinion {G} are {A}", "Honestly, {G} are {N}",
        "Let's be real: {G} are {N}", "Everyone knows {G} are {N}", "I'm not racist but {G} are {N}",
        "I believe {G} are {A}", "Just saying, {G} are {N}", "Imo {G} are {N}",
        "I'm sorry but {G} are {A}", "No offence, but {G} are {N}", "My view: {G} are {N}",
    ], slots)
    out += build("en", "ia_coreference", True, IA, [
        "I met some {G} today. They are {N}.", "{G} moved in next door, they're {N}",
        "Watch out for {G}, they are {A}", "My town is full of {G}. They're {N}.",
        "Don't hire {G}. They are {A}.", "We have {G} at work now and they're {N}",
        "Saw a group of {G} on the bus. Honestly they are {N}.",
    ], slots)
    out += build("en", "ia_exclusion", True, IA, [
        "{G} should be deported", "All {G} should be kicked out", "{G} should be banned from this country",
        "{G} should be locked up", "{G} don't belong here", "{G} are not welcome here",
        "{G} should be rounded up", "Every single one of these {G} should be sent back",
        "{G} shouldn't be allowed to vote", "{G} should not be allowed in our schools",
    ], slots)
    out += build("en", "threat_group", True, TH, [
        "All {G} should be {P}", "{G} must be {P}", "{G} deserve to die", "Kill all {G}",
        "Death to {G}", "I hope all {G} die", "{G} need to be {P}", "Someone should {V} these {G}",
        "We need to {V} every last one of these {G}", "{G} should all be {P}", "Gas the {G}",
        "{G} deserve a bullet", "Every one of these {G} ought to be {P}",
    ], slots)
    out += build("en", "threat_place", True, TH, [
        "Someone ought to burn {PL} down", "Let's torch {PL}", "We should burn down {PL}",
        "Somebody needs to bomb {PL}", "Time to burn {PL}", "I will burn down {PL}",
        "Someone should blow up {PL}", "We're going to torch {PL} tonight", "Let's firebomb {PL}",
    ], slots)
    out += build("en", "threat_direct", True, TH, [
        "I will {V} you", "I'm going to {V} you", "I'll {V} your whole family", "Imma {V} you tomorrow",
        "We will {V} every one of you", "I swear I'll {V} you", "I'm gonna {V} you when I see you",
        "I'm going to personally {V} you", "Next time I see you I will {V} you",
        "I'll find you and {V} you", "Keep talking and I'll {V} you",
    ], slots)
    out += build("en", "threat_normative", True, TH, [
        "You should all be {P}", "People like you deserve to be {P}", "Someone should {V} him",
        "He deserves a bullet", "You all need to be {P}", "Somebody ought to {V} her",
        "Someone needs to {V} that guy", "You deserve to die", "She should be {P}",
        "Guys like him should be {P}", "Somebody should {V} them",
    ], slots)
    out += build("en", "extremism_recruit", True, EX, [
        "Join {ORG}, brothers", "Come join {ORG} today", "Sign up with {ORG}", "Fight for {ORG}",
        "DM me if you want to join {ORG}", "Support {ORG} with your wallet", "Brothers, it is time to join {ORG}",
        "You should join {ORG}, they need fighters", "Donate to {ORG} now", "Enlist in {ORG} while you can",
    ], slots)
    out += build("en", "extremism_pledge", True, EX, [
        "I pledge allegiance to {ORG}", "We pledge our allegiance to {ORG}", "I swear allegiance to {ORG}",
        "I give my bayah to the emir of {ORG}", "I pledge my allegiance to the caliph", "We pledge loyalty to {ORG}",
        "Today I pledge allegiance to the leader of {ORG}", "Brothers, I have pledged allegiance to {ORG}",
        "I pledge allegiance to the caliph of {ORG}",
    ], slots)
    out += build("en", "extremism_glorify", True, EX, [
        "{ATT} is a hero", "{ATT} did nothing wrong", "Glory to {ORG}", "{ATK} was a blessing",
        "Long live {ORG}", "We need more men like {ATT}", "{ATT} is a legend", "{ATT} showed us the way",
        "{ATT} is a true hero", "{ATK} was glorious", "{ATT} was right", "Praise be to {ORG}",
    ], slots)
    out += build("en", "insult_person", True, INS, [
        "You are {Nl}", "You're nothing but {Nl}", "He is {Nl}", "You're so {Al}", "You are {Al}",
        "That guy is {Al}", "She is {Al}", "You guys are {Nl}", "Honestly you are {Al}",
    ], slots, absent=[IA])
    # ------------------------------------------------------------------ not flagged
    out += build("en", "negation", False, None, [
        "{G} are not {N}", "{G} aren't {N}", "I would never say {G} are {N}",
        "It's not true that {G} are {A}", "No, {G} are not {N}", "I don't think {G} are {A}",
        "Nobody should say {G} are {N}", "{G} are definitely not {N}", "I never said {G} are {N}",
        "{G} are not {A} at all", "Not all {G} are {N}", "{G} should never be {P}",
    ], slots)
    out += build("en", "counter_speech", False, None, [
        "Saying {G} are {N} is disgusting", "Stop saying {G} are {N}",
        "The idea that {G} are {A} is a racist myth", "It's a lie that {G} are {N}",
        "People who say {G} are {N} are ignorant", "Claiming {G} are {N} is hate speech",
        "Calling {G} {N} is dehumanising and wrong", "It is bigotry to say {G} are {A}",
        "Saying that {G} are {A} is just racist", "Those who claim {G} are {N} should be ashamed",
    ], slots)
    out += build("en", "quote_report", False, None, [
        "The channel posted \"death to {G}\" and was banned", "He wrote \"{G} are {N}\" and got arrested",
        "A user commented \"{G} should be {P}\"; the post was removed",
        "My post got reported for quoting \"{G} are {N}\"", "The banner read \"kill all {G}\" and the club condemned it",
        "Someone spray painted \"{G} are {N}\" on the wall, police said", "She tweeted \"{G} are {A}\" and was suspended",
        "The troll wrote \"{G} are {N}\" under every post until he was banned",
    ], slots)
    out += build("en", "neutral_group", False, None, [
        "{G2} are welcome here", "{G2} are our neighbours", "Many {G2} live in this part of town",
        "My neighbours are {G2}", "{G2} make up a large part of the city", "Our school has many {G2}",
        "The report looks at how {G2} vote", "{G2} celebrated the holiday this week",
        "Discrimination against {G2} is rising", "The museum has an exhibition about {G2}",
    ], slots)
    out += build("en", "positive_group", False, None, [
        "{G2} are wonderful people", "{G2} are hard-working", "{G2} are an asset to this country",
        "{G2} are a blessing to our community", "{G2} are brilliant", "{G2} are kind and generous",
        "{G2} are a gift to this city", "I love how welcoming {G2} are",
    ], slots)
    out += build("en", "self_reference", False, None, [
        "I'm a gay man and proud of it", "As a Muslim I fast during Ramadan", "I'm a proud dyke",
        "As a disabled woman I use the ramp every day", "I'm Jewish and I love my community",
        "I'm autistic and that's fine", "I'm a dyke and proud", "As a fag myself I can say it",
        "Us dykes need to stick together", "I'm an immigrant and I work two jobs",
        "I'm a trans woman and I'm tired", "As a black man I have seen a lot",
        "We gays throw the best parties", "I'm a refugee and this country saved my life",
        "I'm a lesbian and my wife is amazing", "As a queer person I feel at home here",
    ], slots, n=16)
    out += build("en", "non_protected", False, None, [
        "{NP} are parasites", "{NP} are vermin", "{NP} are a plague", "{NP} are garbage",
        "{NP} are a cancer on this site", "{NP} are leeches", "{NP} are the worst",
        "{NP} are worthless", "This printer is garbage", "My laptop is a disease",
    ], slots)
    out += build("en", "idiom", False, None, [
        "I'll kill it at the gig tonight", "This deadline is killing me", "I could murder a burger",
        "My feet are killing me", "I'll shoot you an email", "You killed it on stage!",
        "He'll stab you in the back", "I'm dying to see it", "My mom will kill me",
        "That joke killed me", "I'd kill for a coffee right now", "We should kill some time before the movie",
        "Break a leg tonight!", "Let's knock 'em dead", "This heat is murder", "I'll cut you a slice",
        "The movie will be shot in Prague", "I'm going to crush this exam", "Traffic is killing me today",
        "She'll kill me if I'm late again lol", "The comedian absolutely slayed", "You'll die laughing",
        "I'll find you a seat", "That bill should be killed in committee", "Kill the lights, please",
        "We will destroy them in the final", "This workout is going to murder my legs",
        "I'm gonna kill this presentation", "Cut it out, you two", "You are killing it, keep going",
    ], slots)
    out += build("en", "game", False, None, [
        "Finally killed the final boss", "I'll kill you in Mario Kart tonight", "Shoot the barrels to open the gate",
        "We need to kill the dragon first", "I'm going to destroy you in chess", "Burn the enemy base",
        "I'm gonna shoot you first in paintball", "Kill the healer, then the tank", "Headshot! Got him",
        "I will murder you at Scrabble", "Stab him in the back for the crit bonus", "I'll kill you next round in Valorant",
        "Gonna stab you in Among Us game", "He killed me with a grenade in Warzone",
        "I'll slaughter you in FIFA", "Let's kill some zombies tonight",
        "I'll hunt you down in Fortnite", "You're dead in the next game", "Kill the boss before it enrages",
        "We will execute the plan in ranked", "I'll strangle you in checkers lol",
        "Shoot him, he's on the other team", "Time to torch the enemy tower",
    ], slots)
    out += build("en", "news", False, None, [
        "Police arrested a man who tried to join {ORG}", "The trial of {ATT} began today",
        "The gunman killed 12 people before police shot him", "{ORG} claimed responsibility for the bombing",
        "A court sentenced the {ORG} recruiter to ten years", "Officials say the attacker pledged allegiance to {ORG} in a video",
        "Survivors of {ATK} gathered for a vigil", "The documentary explains why young men join {ORG}",
        "Prosecutors say he was trying to join {ORG}", "Investigators found propaganda praising {ATT}",
        "{ORG} fighters took control of the city, officials reported", "Journalists covered the anniversary of {ATK}",
        "The suspect was charged with supporting {ORG}", "Researchers study how {ORG} recruits online",
    ], slots)
    out += build("en", "negated_threat", False, None, [
        "I would never {Vl} you", "Nobody should be {Pl} for this", "I'm not going to {Vl} you",
        "No one deserves to die for who they love", "We will never burn a mosque",
        "You shouldn't be {Pl} for your beliefs", "I'd never {Vl} anyone", "Nobody is going to {Vl} you, relax",
        "No one should be {Pl}", "Don't worry, I won't {Vl} you",
    ], slots)
    out += build("en", "criticism", False, None, [
        "The government should resign", "This policy is a disaster for workers", "The minister is corrupt",
        "Religion should be kept out of politics", "The Kremlin's propaganda is shameless",
        "Parliament keeps passing useless laws", "Vote these clowns out in November",
        "The new tax is a disgrace", "Our senator sold out to lobbyists", "The regime must fall",
        "The police response was brutal", "This law is racist and must be repealed",
        "The party leadership is a joke", "Corporations are ruining the planet",
        "The church hid abuse for decades", "The army's conduct in the war was shameful",
        "Immigration policy is cruel and stupid", "The council wasted millions on this project",
        "Landlords are raising rents again", "The president lied about the war",
        "This ministry is incompetent", "Media bias is out of control",
        "The EU bureaucracy is slow", "The mayor should step down",
        "Big tech profits from hate", "Taxes are too high", "The referee was terrible",
        "The budget is a mess", "Congress is useless", "The bank's fees are a scam",
    ], slots)
    return out


def ru_cases():
    G = lambda r: pick(r, RU_GROUPS, RU_GROUPS_HELD)
    Gl = lambda r: pick(r, RU_GROUPS)
    N = lambda r: pick(r, RU_NOUNS, RU_NOUNS_HELD)
    A = lambda r: pick(r, RU_ADJ, RU_ADJ_HELD)
    slots = {
        "G": G, "G2": Gl, "N": N, "A": A,
        "Nl": lambda r: pick(r, RU_NOUNS), "Al": lambda r: pick(r, RU_ADJ),
        "AT": lambda r: pick(r, [a for a, _ in RU_ATTR], RU_ADJ_HELD),
        "ATG": lambda r: pick(r, [g for _, g in RU_ATTR]),
        "BN": lambda r: pick(r, RU_BODY_NOUNS_HELD),
        "F": lambda r: pick(r, RU_FUT1, RU_FUT1_HELD), "Fl": lambda r: pick(r, RU_FUT1),
        "I": lambda r: pick(r, RU_INF, RU_INF_HELD), "Il": lambda r: pick(r, RU_INF),
        "ORG": lambda r: pick(r, RU_ORGS_ACC), "ATT": lambda r: pick(r, RU_ATTACKERS, RU_ATTACKERS_HELD),
        "NP": lambda r: pick(r, RU_NON_PROTECTED),
    }
    IA, TH, EX, INS = "identity_attack", "threat", "extremism", "insult"
    out = []
    out += build("ru", "ia_explicit", True, IA, [
        "{G} — {N}", "{G} это {N}", "Все {G} — {N}", "{G} просто {N}", "{G} – настоящие {N}",
        "{G} — {N}, и точка", "{G} — это {N}, все до одного", "{G} сплошь {N}", "Да {G} же {N}",
        "{G} — {N}!", "{G} ничем не лучше, чем {N}", "{G}, они же {N}",
    ], slots)
    out += build("ru", "ia_implicit", True, IA, [
        "{G} — {BN} на теле общества", "{G} плодятся как тараканы", "{G} — раковая опухоль на теле страны",
        "{G} — обуза для общества", "{G} не должны существовать", "{G} не имеют права жить среди нас",
        "{Gdat} не место в России", "{G} заполонили весь город", "{G} воняют", "{G} — чума нашего времени",
        "{G} портят все вокруг", "{G} не заслуживают жить", "{G} размножаются как крысы",
    ], slots)
    out += build("ru", "ia_adjective", True, IA, [
        "{G} {A}", "{G} такие {A}", "{G} {A} и {Al}", "{G} просто {A}", "{G} вечно {A}",
        "Все {G} {A}", "{G} реально {A}",
    ], slots)
    out += build("ru", "ia_attributive", True, IA, [
        "Опять эти {AT} {G}", "Понаехали {AT} {G}", "Достали уже {AT} {G}", "Ненавижу этих {ATG} {Gacc}",
        "Кругом одни {AT} {G}", "Типичные {AT} {G}", "Выгоните отсюда этих {ATG} {Gacc}",
    ], slots)
    out += build("ru", "ia_question", True, IA, [
        "Разве не все {G} — {N}?", "Разве {G} не {N}?", "А разве {G} не {N}?", "Неужели {G} не {N}?",
        "{G} — {N}, не так ли?", "Разве {G} не {A}?", "Ну разве {G} не {N}?",
    ], slots)
    out += build("ru", "ia_opinion", True, IA, [
        "Я считаю, что {G} — {N}", "По-моему, {G} — {N}", "Честно говоря, {G} {N}", "Как по мне, {G} — {N}",
        "Все знают, что {G} — {N}", "Я не расист, но {G} — {N}", "Имхо {G} {A}", "Скажу прямо: {G} — {N}",
        "Мое мнение такое: {G} {A}", "Уверен, что {G} — {N}",
    ], slots)
    out += build("ru", "ia_coreference", True, IA, [
        "Вчера видел {Gacc}. Они {N}.", "В нашем доме живут {G}, они просто {N}", "Понаехали {G}, это же {N}",
        "На работе теперь одни {G}. Они {A}.", "Не берите на работу {Gacc}, они {A}",
        "Рядом поселились {G}. Они настоящие {N}.",
    ], slots)
    out += build("ru", "ia_exclusion", True, IA, [
        "{Gacc} надо депортировать", "{Gacc} нужно выгнать из страны", "{Gdat} не место в России",
        "{Gacc} надо гнать отсюда", "Всех {Gacc} выслать", "{G} должны убираться из страны",
        "{Gacc} надо лишить гражданства", "{Gacc} пора выгонять", "Всех {Gacc} надо сажать",
    ], slots)
    out += build("ru", "threat_group", True, TH, [
        "Всех {Gacc} надо {I}", "{Gacc} нужно {I}", "Смерть {Gdat}!", "Бей {Gacc}!", "Чтоб все {G} сдохли",
        "{G} должны сдохнуть", "{G} заслуживают смерти", "Пусть {G} сдохнут", "Я буду убивать {Gacc}",
        "Перестреляем всех {Gacc}", "{Gacc} надо {I} всех до одного", "Режьте {Gacc}!",
    ], slots)
    out += build("ru", "threat_place", True, TH, [
        "Надо сжечь их мечеть", "Давайте взорвем синагогу", "Сожжем мечеть", "Эту мечеть надо сжечь",
        "Пора спалить их синагогу", "Церковь надо взорвать", "Я подожгу эту мечеть", "Мечети надо взрывать",
        "Синагогу нужно сжечь", "Спалим их мечеть ночью",
    ], slots)
    out += build("ru", "threat_direct", True, TH, [
        "Я тебя {F}", "{F} тебя", "Я тебя найду и {F}", "{F} тебя и всю твою семью", "Клянусь, я тебя {F}",
        "Я вас всех {F}", "Завтра я тебя {F}", "Еще слово и я тебя {F}", "Я вас {F}, твари",
    ], slots)
    out += build("ru", "threat_normative", True, TH, [
        "Тебя надо {I}", "Таких, как ты, надо {I}", "Его нужно {I}", "Вас всех надо {I}",
        "Ее следует {I}", "Его бы {I}", "Таких как он нужно {I}", "Их всех пора {I}",
    ], slots)
    out += build("ru", "extremism_recruit", True, EX, [
        "Вступайте в ряды {ORGg}", "Братья, вступайте в {ORG}", "Вступай в {ORG}, брат",
        "Присоединяйтесь к {ORGd}, братья", "Поддержите {ORGa} деньгами", "Помогите {ORGd}, кто чем может",
        "Езжай в халифат, брат", "Присоединяйся к {ORGd}", "Вставай в ряды {ORGg}",
        "Пиши в личку, если хочешь вступить в {ORG}", "Воюй за {ORGa}", "Пора вступить в {ORG}, братья",
    ], {**slots, "ORGd": lambda r: pick(r, RU_ORGS_DAT), "ORGg": lambda r: pick(r, RU_ORGS_GEN),
        "ORGa": lambda r: pick(r, ["ИГИЛ", "исламское государство", "халифат", "моджахедов", "Талибан"])})
    out += build("ru", "extremism_pledge", True, EX, [
        "Я присягаю {ORGd}", "Присягаю на верность {ORGd}", "Даю баят амиру {ORGg}",
        "Клянусь в верности {ORGd}", "Мы приносим присягу {ORGd}", "Я даю баят халифу {ORGg}",
        "Клянемся в верности {ORGd}", "Сегодня я присягаю халифу", "Братья, я принес присягу {ORGd}",
    ], {**slots, "ORGd": lambda r: pick(r, RU_ORGS_DAT), "ORGg": lambda r: pick(r, RU_ORGS_GEN)}, n=24)
    out += build("ru", "extremism_glorify", True, EX, [
        "{ATT} — герой", "{ATT} — настоящий герой", "Слава шахидам!", "Да здравствует халифат",
        "Теракт был прекрасен", "{ATT} все правильно сделал", "Нужно больше таких, как {ATT}",
        "{ATT} — легенда", "Вечная слава моджахедам", "Брейвик был прав", "{ATT} молодец",
    ], slots)
    out += build("ru", "insult_person", True, INS, [
        "Ты {Nl}", "Ты просто {Nl}", "Он {Nl}", "Вы все {Nl}", "Ты такой {Al}", "Она {Nl}",
        "Ты {Nl}, понял?",
    ], {**slots, "Al": lambda r: pick(r, ["тупой", "мерзкий", "вонючий", "никчемный", "ущербный", "жалкий"])}, absent=[IA])
    # ------------------------------------------------------------------ not flagged
    out += build("ru", "negation", False, None, [
        "{G} не {N}", "{G} вовсе не {N}", "Я никогда не скажу, что {G} — {N}", "Неправда, что {G} — {N}",
        "Не все {G} — {N}", "Я не думаю, что {G} {A}", "Нельзя говорить, что {G} — {N}",
        "{G} совсем не {A}", "Никто не считает, что {G} — {N}", "{G} никакие не {N}",
    ], slots)
    out += build("ru", "counter_speech", False, None, [
        "Говорить, что {G} — {N}, отвратительно", "Хватит говорить, что {G} — {N}",
        "Миф о том, что {G} {A}, — это ложь", "Утверждать, что {G} — {N}, — это ксенофобия",
        "Те, кто говорит, что {G} — {N}, просто невежды", "Называть {Gacc} животными — это расизм",
        "Стыдно писать, что {G} — {N}", "Пропаганда твердит, что {G} — {N}, но это бред",
    ], slots)
    out += build("ru", "quote_report", False, None, [
        "Канал опубликовал пост «Смерть {Gdat}» и был заблокирован", "Он написал «{G} — {N}», и его забанили",
        "Пользователь оставил комментарий «всех {Gacc} надо расстрелять», его удалили",
        "На стене написали «{G} — {N}», полиция ищет авторов", "Депутата осудили за слова «{G} — {N}»",
        "Блогер кричал «{G} — {N}» и был задержан",
    ], slots)
    out += build("ru", "neutral_group", False, None, [
        "{G2} — наши соседи", "{G2} живут в нашем городе много лет", "В нашей школе учатся {G2}",
        "Мои соседи — {G2}", "Исследование о том, как {G2} голосуют", "{G2} отметили праздник на этой неделе",
        "Дискриминация против {Ggen} растет", "В музее открылась выставка о том, как жили {G2}",
    ], {**slots, "Ggen": lambda r: pick(r, [g[1] for g in RU_GROUPS])})
    out += build("ru", "positive_group", False, None, [
        "{G2} — замечательные люди", "{G2} очень трудолюбивые", "{G2} — гордость нашей страны",
        "{G2} добрые и отзывчивые", "{G2} — прекрасные соседи", "Я уважаю {G2acc}", "{G2} — благо для нашего города",
    ], {**slots, "G2acc": lambda r: pick(r, [g[1] for g in RU_GROUPS])})
    out += build("ru", "self_reference", False, None, [
        "Я гей и горжусь этим", "Я мусульманин и соблюдаю пост", "Я хохол и горжусь этим",
        "Мы, хохлы, любим сало", "Я инвалид и езжу на коляске", "Я еврейка и люблю свою общину",
        "Я мигрант и работаю на двух работах", "Я лесбиянка, и моя жена прекрасна",
        "Я аутист, и это нормально", "Мы, геи, тоже люди", "Я таджик и давно живу в Москве",
        "Я сам хохол", "Я чеченец и уважаю традиции", "Я цыганка, и я пою в ансамбле",
        "Я трансгендер и устал объяснять", "Как инвалид, я пользуюсь пандусом",
    ], slots, n=16)
    out += build("ru", "non_protected", False, None, [
        "{NP} — паразиты", "{NP} — настоящая чума", "{NP} — это зараза", "{NP} — мусор",
        "{NP} — крысы", "{NP} — дармоеды", "{NP} бесполезные", "Этот принтер — мусор",
        "{NP} — рак этого сайта", "Мой ноутбук — просто мусор",
    ], slots)
    out += build("ru", "idiom", False, None, [
        "Я тебя задушу в объятиях", "Эта работа меня убивает", "Надо как-то убить время",
        "Мама меня убьет", "Убью за шаурму", "Я чуть не умер со смеху", "Этот дедлайн меня убивает",
        "Он убил весь вечер на сериал", "Сегодня разорву танцпол", "Жара просто убийственная",
        "Я тебе голову оторву, если опоздаешь, шучу", "Убей меня, но я не помню", "Ты меня убиваешь своими шутками",
        "Сожгу все калории в зале", "Мы их порвем в финале", "Эта песня меня убила",
        "Я умираю от усталости", "Этот экзамен меня прикончит", "Задушу тебя в объятиях, когда приедешь",
        "Ноги просто убиты после похода", "Пристрелите меня, какая скука", "Время убивать комаров",
        "Я сейчас умру от смеха", "Он зарезал бюджет проекта", "Этот сериал убил мой вечер",
        "Разобью тебе сердце", "Убийственно смешное видео", "Завалю экзамен, точно",
        "Ты просто убил меня этой новостью", "Зарежу торт к чаю",
    ], slots)
    out += build("ru", "game", False, None, [
        "Я тебя убью в доте", "Убили босса с первой попытки", "Надо убить дракона", "Я тебя порву в кс",
        "Стреляй в бочки", "Сожги вражескую базу", "Я тебя уничтожу в шахматах", "Убью тебя в следующем раунде",
        "Он убил меня гранатой в игре", "Зарежу тебя в майнкрафте", "Пристрелю тебя в катке",
        "Давай убьем всех зомби", "Взорвем их базу в игре", "Сожгу твою деревню в игре",
        "Убей хила, потом танка", "Я вас всех перестреляю в контре",
        "Сейчас завалю босса", "Ты труп в следующей катке", "Замочу тебя в фифе",
        "Стрельни в него, он из другой команды", "Задушу тебя в шахматах",
        "Надо сжечь вражескую башню",
    ], slots)
    out += build("ru", "news", False, None, [
        "Полиция задержала мужчину, пытавшегося вступить в ИГИЛ", "Суд приговорил вербовщика ИГИЛ к 10 годам",
        "ИГИЛ взяло на себя ответственность за теракт", "Стрелок убил 12 человек, сообщает полиция",
        "Вспоминаем жертв теракта", "В годовщину теракта прошла акция памяти",
        "Следователи изучают, почему подростки вступают в АУЕ", "Обвиняемый присягнул ИГИЛ, по данным следствия",
        "СМИ сообщают о новом теракте", "Суд признал движение АУЕ экстремистским",
        "Брейвика приговорили к 21 году", "По данным ФСБ, задержанный поддерживал ИГИЛ",
        "Эксперты обсуждают, как бороться с вербовкой в ИГИЛ", "Журналисты рассказали о жертвах стрельбы",
    ], slots)
    out += build("ru", "negated_threat", False, None, [
        "Я никогда тебя не {Fl}", "Никого не надо {Il}", "Я не собираюсь тебя бить", "Никто не заслуживает смерти",
        "Не надо никого {Il}", "Я тебя не {Fl}, не бойся", "Мы никогда не сожжем мечеть",
        "Нельзя никого {Il}", "Никто тебя не {Fl}, успокойся", "Его не надо {Il}",
    ], slots)
    out += build("ru", "criticism", False, None, [
        "Правительство должно уйти в отставку", "Эти законы — полный бред", "Министр — коррупционер",
        "Пропаганда по телевизору отвратительна", "Чиновники опять украли бюджет", "Власть должна ответить за это",
        "Налоги слишком высокие", "Депутаты принимают бесполезные законы", "Мэр должен уйти",
        "Реформа провалилась", "Полиция действовала жестоко", "Этот закон надо отменить",
        "Цены растут, а зарплаты нет", "Судья был ужасен", "Бюджет расходуется впустую",
        "Партия давно превратилась в цирк", "Банки наживаются на людях", "Управляющая компания ничего не делает",
        "Медицина в регионах в упадке", "Чиновников надо гнать в шею", "Правительство лжет",
        "Выборы прошли нечестно", "Армия воевала бесчеловечно", "Церковь скрывала злоупотребления",
        "Новый налог — позор", "Эта реформа — катастрофа", "Руководство завода некомпетентно",
        "Школьная программа устарела", "Тарифы ЖКХ грабительские", "Федерация футбола бездарна",
    ], slots)
    return out


def rule_words():
    """Every word of the rule lexicons, normalised roughly (lowercase, ё -> е, stars dropped)."""
    words = set()
    stems = []
    for name in ["groups", "predicates", "violence", "extremism", "frames", "en", "ru"]:
        for line in (ROOT / "lexicons" / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            for w in line.split("\t")[0].lower().replace("ё", "е").split():
                if w.endswith("*"):
                    stems.append(w.strip("*"))
                words.add(w.strip("*"))
    return words, stems


def check_heldout():
    """Fails if a held-out word is in a rule lexicon (as a word or as a stem's match)."""
    words, stems = rule_words()
    held = [h for h in EN_GROUPS_HELD + EN_NOUNS_HELD + EN_ADJ_HELD + EN_SOCIETY_NOUNS_HELD
            + EN_VERBS_HELD + EN_PARTS_HELD + EN_ORGS_HELD + EN_ATTACKERS_HELD
            + RU_NOUNS_HELD + RU_ADJ_HELD + RU_BODY_NOUNS_HELD + RU_FUT1_HELD + RU_INF_HELD
            + RU_ATTACKERS_HELD]
    held += [f for g in RU_GROUPS_HELD for f in g]
    for h in held:
        # The distinctive word: for constructions, the place or adjective (not "people from").
        for w in re.findall(r"[\w-]+", h.lower().replace("ё", "е")):
            hit = [s for s in stems if len(s) >= 3 and w.startswith(s)]
            if h.kind == "group_construction" and (w in words or hit):
                continue  # "people", "from", "immigrants": the construction is listed on purpose
            if h.kind in ("predicate",) and w in ("a", "an"):
                continue
            assert w not in words, f"held-out {h!r} is listed in a rule lexicon ({w})"
            assert not hit, f"held-out {h!r} matches rule stem(s) {hit}"


def main():
    check_heldout()
    for lang, cases in (("en", en_cases()), ("ru", ru_cases())):
        path = HERE / f"{lang}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        cats = sorted({c["category"] for c in cases})
        held = sum(1 for c in cases if c["heldout"])
        print(f"{path.relative_to(ROOT)}: {len(cases)} cases, {len(cats)} categories, {held} with held-out words")


if __name__ == "__main__":
    main()
