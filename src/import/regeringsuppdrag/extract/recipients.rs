//! Whom an item names: the phrases that name its recipients, the sentence
//! that names the lead among several, and the phrases that name whom to
//! consult, each read from the ways the government writes them.

use std::sync::LazyLock;

use regex::Regex;

use super::pattern;

const ALSO: &str =
    r"(?:vidare\s+|även\s+|också\s+|därför\s+|härmed\s+|dessutom\s+|gemensamt\s+|fortsatt\s+)?";
/// A date between the verb and whom it names: "uppdrog den 3 december
/// 2019", "uppdrog i april".
const ON: &str = r"(?:den\s+\d{1,2}\s+\w+(?:\s+\d{4})?\s+|i\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+)?";
/// Words set off by commas between the verb and whom it names: "uppdrar,
/// mot bakgrund av regeringens strategi, åt X", "ger, i enlighet med 7 §
/// förordningen (2021:663), X i uppdrag".
const ASIDE: &str = r"(?:,[^,]{1,400},)?";

/// "Regeringen uppdrar åt X att …", "uppdrar följande åt X.", "uppdrog
/// den 3 december åt X att …", "beslutar att uppdra åt X" (not "X ska
/// uppdra åt kommuner", which passes it on), "uppdras åt X" ("år", written
/// for "åt", too).
static ENTRUSTS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)\b(?:uppdrar|uppdrog|att\s+uppdra|uppdras){ASIDE}\s+(?:regeringen\s+)?{ON}{ALSO}(?:följande\s+)?(?:åt|till|år)\s+(.{{2,400}}?)(?:\s+(?:att|om|i\s+enlighet|enligt|följande)\b|\s*[.:])"
    ))
});
/// "Regeringen uppdrar X att …": the name follows the verb, with a
/// capital.
static ENTRUSTS_NAMED: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\buppdrar\s+((?-i:\p{Lu}).{1,400}?)\s+att\b"));
/// "Regeringen ger i uppdrag åt X att …", "ger uppdrag åt X", "lämnar
/// regeringen uppdrag åt X gällande …".
static GIVES_TO: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)\b(?:(?:ger|ge|gett|givit|gav)\s+(?:regeringen\s+)?{ALSO}i|(?:ger|lämnar)\s+(?:regeringen\s+)?{ALSO})\s*uppdrag\s+(?:åt|till)\s+(.{{2,400}}?)\s+(?:att|om|gällande|avseende)\b"
    ))
});
/// "Regeringen ger X i uppdrag …", "beslutar att ge X i uppdrag", "har
/// gett X i uppdrag" ("get", written for "ger", too).
static GIVES: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)\b(?:ger|ge|get|gett|givit|gav){ASIDE}\s+(?:regeringen\s+)?{ALSO}(.{{2,400}}?)\s+(?:ett\s+)?(?:fortsatt\s+|nytt\s+|förnyat\s+|utökat\s+|förlängt\s+)?(?:i\s+)?(?:tilläggs)?uppdrag(?:et)?\b"
    ))
});
/// "Regeringen ger X och Y att …" (without "i uppdrag"): the name follows
/// the verb, with a capital.
static GIVES_NAMED: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\bger\s+((?-i:\p{Lu}).{1,600}?),?\s+att\b"));
/// "X ges i uppdrag …", "X får i uppdrag …", "X har fått uppdraget …",
/// where X begins the sentence (or an item of a list) with a capital: not
/// "* senast den 15 september 2025 rapportera till ESV om … som
/// myndigheten har fått uppdrag att delta i", which names no one.
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"^(?:[*•-]\s+)?((?-i:\p{{Lu}}).{{1,300}}?)\s+(?:ges|får|har\s+fått|fick)\s+(?:härmed\s+)?{ALSO}(?:i\s+)?(?:ett\s+)?uppdrag"
    ))
});
/// Ways of naming a recipient that later sentences use for what others
/// were given before ("Regeringen har denna dag i särskilt beslut uppdragit
/// åt Trafikverket att bistå …") or for a small part of the work: read in
/// the first sentence alone. "X fick den 18 december 2012 i uppdrag", "X
/// har i uppdrag", "X uppdras att …" and a list of twenty agencies that
/// "ges i uppdrag"; "… ges X i uppdrag att …"; "har uppdragit (åt) X att
/// …", "uppdrog den 29 juni 2023 X att …"; "har givit X, Y och Z att …".
static FIRST_ONLY: LazyLock<[Regex; 6]> = LazyLock::new(|| {
    [
        // An amendment: "Regeringen förlänger Inspektionen för
        // socialförsäkringen (ISF) uppdrag", "ändrar Försäkringskassans och
        // Pensionsmyndighetens uppdrag", "kortar uppdragstiden för
        // Socialstyrelsens uppdrag", "förlänger uppdraget som X har att".
        pattern(
            r"(?i)\b(?:förlänger|ändrar|kortar)\s+(?:uppdragstiden\s+för\s+)?((?-i:\p{Lu}).{1,300}?)\s+uppdrag(?:en|et)?\b",
        ),
        pattern(r"(?i)\buppdraget\s+som\s+((?-i:\p{Lu}).{1,300}?)\s+har\s+att\b"),
        pattern(&format!(
            r"^(.{{2,1000}}?)\s+(?:(?:ges|får|har\s+fått|fick|har)\s+(?:härmed\s+)?{ON}{ALSO}(?:i\s+)?(?:ett\s+)?uppdrag(?:et)?\b|uppdras\b)"
        )),
        pattern(r"(?i)\bges\s+((?-i:\p{Lu}).{1,300}?)\s+i\s+uppdrag\b"),
        pattern(&format!(
            r"(?i)\b(?:uppdragit|uppdrog)\s+{ON}(?:(?:åt|till)\s+)?((?-i:\p{{Lu}}).{{1,400}}?)\s+att\b"
        )),
        pattern(r"(?i)\b(?:gett|givit|gav)\s+((?-i:\p{Lu}).{1,600}?),?\s+att\b"),
    ]
});
/// "Regeringen bemyndigar X att …", "beviljar X 10 000 000 kronor".
static EMPOWERS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"(?i)\b(?:bemyndigar|beviljar|anvisar|tilldelar)\s+(?:regeringen\s+)?{ALSO}(.{{2,300}}?)\s+(?:att\b|\d|medel\b|totalt\b|högst\b|ett\s+bidrag)"
    ))
});
/// "Uppdrag lämnas till X att …".
static HANDED: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\buppdrag(?:et)?\s+lämnas\s+(?:till|åt)\s+(.{2,400}?)\s+att\b"));
/// "Uppdrag till X", "uppdraget till X" (amendments), "Bemyndigande för X".
const ASSIGNMENT_TO_X: &str =
    r"(?i)\b(?:(?:tilläggs)?uppdrag(?:et|en)?|bemyndigande|erbjudande)\s+(?:åt|till|för)\s+";
/// Words that end whom "uppdrag till" names, but for "för".
const AFTER_X: &str =
    r"att|om|avseende|angående|gällande|rörande|den|i\s+fråga|med|inom|som|under|till";

/// "Uppdrag till X att …" (titles), "uppdraget till X att …" (amendments),
/// "Bemyndigande för X att …", "uppdrag till en statlig samordnare för …".
static ASSIGNMENT_TO: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"{ASSIGNMENT_TO_X}(.{{2,300}}?)\s+(?:{AFTER_X}|för)\s"
    ))
});
/// The same, for a name: "för" stands inside names ("Uppdrag till
/// Myndigheten för skolutveckling att …"), so it ends one only in "för att"
/// and "för 2011", or where the title ends; the agencies are found inside
/// the phrase.
static ASSIGNMENT_TO_NAME: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"{ASSIGNMENT_TO_X}((?-i:\p{{Lu}}).{{1,300}}?)(?:\s+(?:{AFTER_X}|för\s+(?:att|\d{{4}}))[\s:]|\s*$)"
    ))
});

/// Whom "uppdrag till …" in `text` names: a name if it begins with one.
fn assignment_to(text: &str) -> Option<String> {
    ASSIGNMENT_TO_NAME
        .captures(text)
        .or_else(|| ASSIGNMENT_TO.captures(text))
        .map(|found| recipient_phrase(&found[1]))
}

/// "Medel till X för …": whom money is paid to, which names the recipient
/// only when nothing else does (Kammarkollegiet pays most of it out).
static MONEY_TO: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:medel|bidrag|ersättning)\s+(?:till|åt)\s+(.{2,300}?)\s+(?:att|för|i\s+enlighet|avseende|under|inom)\s",
    )
});
/// "X ska …", "X ska, i samråd med …", "X ska:", the first sentence's
/// subject, when nothing else names one (also a list of agencies that runs
/// on).
static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(.{2,2000}?)\s+(?:ska|skall|har\s+fått|får)[\s,:]"));

/// The first sentence that begins with whom it names, and no way of giving
/// above matched: "Regeringen Universitets- och högskolerådet i uppdrag att
/// …", "Socialstyrelsen i uppdrag att …" (the verb left out),
/// "Folkhälsomyndigheten får tillsammans med X och Y i uppdrag att …".
static NAMED_FIRST: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(?:Regeringen\s+)?((?-i:\p{Lu}).{1,300}?)\s+i\s+uppdrag\b"));

/// "X ska därför …": the decision after sentences of background, when
/// nothing else names a recipient.
static SUBJECT_THEREFORE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(.{2,300}?)\s+ska\s+därför\b"));

/// Words that end a recipient phrase: whom it is to consult is not whom it
/// is given to.
static PHRASE_END: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i),?\s+(?:i\s+samråd|i\s+samverkan|efter\s+samråd|tillsammans\s+med\s+berörda)\b")
});

/// "i samråd med X", "samverka med X", "synpunkter ska inhämtas från X".
static CONSULTS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:i\s+samråd\s+med|efter\s+samråd\s+med|samråda\s+med|(?:nära\s+)?samverka\s+med|i\s+(?:nära\s+)?samverkan\s+med|i\s+nära\s+samarbete\s+med|i\s+dialog\s+med|synpunkter\s+(?:ska|bör)\s+inhämtas\s+från|(?:in)?hämta\s+(?:in\s+)?(?:synpunkter|kunskap|underlag|erfarenheter|information)(?:\s+och\s+erfarenheter)?\s+från)\s+(.{2,400})",
    )
});
/// "X ska ges möjlighet att lämna synpunkter".
static CONSULTED_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^(.{2,400}?)\s+ska\s+(?:ges\s+möjlighet\s+att\s+lämna\s+synpunkter|beredas\s+tillfälle\s+att\s+lämna\s+synpunkter)",
    )
});

/// The sentence that names the lead: "sammankallande", "Uppdraget
/// samordnas av X", "X får i uppdrag att samordna uppdraget".
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)sammankallande|sammanhållande|samordnande\s+myndighet|huvudansvar|samordnas\s+av|samordna\s+(?:uppdraget|genomförandet)",
    )
});

/// Where no sentence says so, the one that gathers the others' work: "Som
/// ansvarig länsstyrelse … ska X genomföra uppdraget", "X ska sammanställa
/// analyserna och redovisa samlat till regeringen".
static LEAD_GATHERS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\bansvarig\s+(?:myndighet|länsstyrelse)\b|\bredovisa\s+(?:samlat|samlad|gemensamt)\b|\bsammanställa\s+(?:analyserna|redovisningarna|myndigheternas)\b",
    )
});

fn recipient_phrase(found: &str) -> String {
    let phrase = match PHRASE_END.find(found) {
        Some(end) => &found[..end.start()],
        None => found,
    };
    phrase.trim().to_owned()
}

/// The way of giving that comes first in `sentence` (the shortest phrase
/// where two begin together).
fn first_way<'t>(
    ways: impl IntoIterator<Item = &'t Regex>,
    sentence: &'t str,
) -> Option<regex::Captures<'t>> {
    ways.into_iter()
        .filter_map(|way| way.captures(sentence))
        // "gett uttryck för" (expressed) is not giving.
        .filter(|c| {
            let phrase = c[1].to_lowercase();
            !phrase.starts_with("i uppdrag") && !phrase.starts_with("uttryck ")
        })
        .min_by_key(|c| (c.get(0).map_or(usize::MAX, |m| m.start()), c[1].len()))
}

/// The government, Regeringskansliet or one of its ministries (or theirs:
/// "Utbildningsdepartementets del av kostnaderna"), which give assignments
/// and take their reports ("till regeringen (Finansdepartementet)"), and
/// receive none. ("Regeringen beslutar att Boverket ska …" names Boverket.)
fn is_government_offices(phrase: &str) -> bool {
    let mut words = phrase.split_whitespace().map(str::to_lowercase);
    let first = words.next().unwrap_or_default();
    first.starts_with("regeringskansliet")
        || first.ends_with("departementet")
        || first.ends_with("departementets")
        || (first == "regeringen" && words.next().map_or(true, |next| next.starts_with('(')))
}

/// A heading above the text ("Regeringens beslut", "Uppdraget"): a
/// sentence of three words at most, without a full stop.
fn is_heading(sentence: &str) -> bool {
    sentence.split_whitespace().count() <= 3 && !sentence.ends_with(['.', ':'])
}

/// The phrases that name recipients, in the order found.
pub(super) fn recipient_phrases(sentences: &[String], title: &str, amendment: bool) -> Vec<String> {
    let mut phrases = Vec::new();
    for sentence in sentences {
        // The way of giving that comes first in the sentence.
        let ways = [
            &*ENTRUSTS,
            &ENTRUSTS_NAMED,
            &GIVES_TO,
            &GIVES,
            &GIVES_NAMED,
            &PASSIVE,
            &HANDED,
            &EMPOWERS,
        ];
        if let Some(found) = first_way(ways, sentence) {
            phrases.push(recipient_phrase(&found[1]));
        }
    }
    // Not where it is reported: "redovisa uppdraget till Regeringskansliet
    // (Utbildningsdepartementet)".
    let in_text = || {
        sentences
            .iter()
            .filter_map(|s| assignment_to(s))
            .find(|phrase| !is_government_offices(phrase))
    };
    if amendment && phrases.is_empty() {
        phrases.extend(in_text());
    }
    phrases.extend(assignment_to(&format!("{title} ")));
    if phrases.is_empty() {
        let mut said = sentences.iter().filter(|s| !is_heading(s));
        let first = said.next();
        // The first sentence's subject; where that is the government's
        // own ("Utbildningsdepartementets del av kostnaderna … ska belasta
        // anslaget"), the next sentence's ("Statens skolverk ska betala ut
        // medlen").
        let subject = || match first.and_then(|s| SUBJECT.captures(s)) {
            Some(found) if is_government_offices(&found[1]) => {
                said.next().and_then(|s| SUBJECT.captures(s))
            }
            found => found,
        };
        let found = first.and_then(|s| first_way(FIRST_ONLY.iter(), s));
        let found = found
            .or_else(|| first.and_then(|s| NAMED_FIRST.captures(s)))
            .or_else(subject)
            .or_else(|| sentences.iter().find_map(|s| SUBJECT_THEREFORE.captures(s)));
        if let Some(found) = found {
            phrases.push(recipient_phrase(&found[1]));
        }
    }
    // "beslutar om följande uppdrag till X för 2011:", "Detta uppdrag
    // ersätter det tidigare uppdraget till X att …".
    if phrases.is_empty() {
        phrases.extend(in_text());
    }
    if phrases.is_empty() {
        if let Some(found) = MONEY_TO.captures(&format!("{title} ")) {
            phrases.push(recipient_phrase(&found[1]));
        }
    }
    phrases.retain(|p| !p.is_empty());
    phrases.dedup();
    phrases
}

pub(super) fn consulted_phrases(sentences: &[String]) -> Vec<String> {
    sentences
        .iter()
        .flat_map(|s| {
            CONSULTS
                .captures_iter(s)
                .chain(CONSULTED_SUBJECT.captures_iter(s))
                .map(|c| c[1].trim().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The sentence that names the lead: one that says so outright, else one
/// that says who gathers the others' work.
pub(super) fn lead_sentence(sentences: &[String]) -> Option<String> {
    [&*LEAD, &LEAD_GATHERS]
        .into_iter()
        .find_map(|lead| sentences.iter().find(|s| lead.is_match(s)))
        .cloned()
}
