//! Which server lookup a device search can use, to find what the loaded list cannot show: a label's
//! members, devices of a user or phone in any state, a device by its Wi-Fi MAC (EPMM V1 guide,
//! the device lookups by phone, user, label and MAC).

/// A lookup the server can answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Members of the label with this exact name.
    Label(String),
    /// The device with this Wi-Fi MAC (12 hex digits).
    Mac(String),
    /// Devices of these phone numbers (digits only).
    Phones(Vec<String>),
    /// Devices of this user (login name).
    User(String),
}

impl Lookup {
    pub fn describe(&self) -> String {
        match self {
            Lookup::Label(l) => format!("in label “{l}”"),
            Lookup::Mac(m) => format!("with Wi-Fi MAC {m}"),
            Lookup::Phones(p) if p.len() == 1 => format!("with phone number {}", p[0]),
            Lookup::Phones(p) => format!("with phone numbers {}", p.join(", ")),
            Lookup::User(u) => format!("of user “{u}”"),
        }
    }
}

/// `b8:ff:61:7f:79:26`, `B8-FF-61-7F-79-26`, `b8ff617f7926` → `B8FF617F7926`.
fn as_mac(s: &str) -> Option<String> {
    let t = s.trim();
    let hex: String = t.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    let seps_ok = t
        .chars()
        .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '-' | '.'));
    // Twelve hex digits with at least one letter or a separator: a bare 12-digit number is more
    // likely a phone number.
    let looks_mac = hex.len() == 12
        && seps_ok
        && (t.contains([':', '-', '.']) || hex.chars().any(|c| c.is_ascii_alphabetic()));
    looks_mac.then(|| hex.to_ascii_uppercase())
}

fn as_phones(s: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = s
        .split(',')
        .map(|p| {
            p.chars()
                .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
                .collect::<String>()
        })
        .collect();
    let ok = !parts.is_empty()
        && parts
            .iter()
            .all(|p| p.len() >= 7 && p.len() <= 15 && p.chars().all(|c| c.is_ascii_digit()));
    ok.then_some(parts)
}

/// Chooses the lookup for a search text. `labels` are the server's label names; a label name is
/// matched case-insensitively and wins over the other forms.
pub fn classify(search: &str, labels: &[String]) -> Option<Lookup> {
    let t = search.trim();
    if t.chars().count() < 2 {
        return None;
    }
    if let Some(l) = labels.iter().find(|l| l.eq_ignore_ascii_case(t)) {
        return Some(Lookup::Label(l.clone()));
    }
    if let Some(m) = as_mac(t) {
        return Some(Lookup::Mac(m));
    }
    if let Some(p) = as_phones(t) {
        return Some(Lookup::Phones(p));
    }
    // A login name: one word, no spaces; letters, digits and . _ - @.
    let login = t.len() >= 2
        && !t.contains(char::is_whitespace)
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    login.then(|| Lookup::User(t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        vec!["Sales".into(), "Field Ops".into(), "iOS".into()]
    }

    #[test]
    fn labels_win_case_insensitively() {
        assert_eq!(
            classify("field ops", &labels()),
            Some(Lookup::Label("Field Ops".into()))
        );
        assert_eq!(
            classify("IOS", &labels()),
            Some(Lookup::Label("iOS".into()))
        );
    }

    #[test]
    fn macs_in_any_spelling_l2818_3154() {
        // The guide's MAC form is 12 upper-case hex digits: 38AA3C62BFAD (V1 guide, "Retire a
        // Device": the examples).
        for m in ["38aa3c62bfad", "38:AA:3C:62:BF:AD", "38-aa-3c-62-bf-ad"] {
            assert_eq!(
                classify(m, &[]),
                Some(Lookup::Mac("38AA3C62BFAD".into())),
                "{m}"
            );
        }
    }

    #[test]
    fn phones_and_lists_l2830_2840() {
        // "/dm/phones/6505551212,4155551212": several numbers separated by commas.
        assert_eq!(
            classify("650-555-1212, 4155551212", &[]),
            Some(Lookup::Phones(vec![
                "6505551212".into(),
                "4155551212".into()
            ]))
        );
        // A 12-digit number is a phone number, not a MAC.
        assert_eq!(
            classify("141555512120", &[]),
            Some(Lookup::Phones(vec!["141555512120".into()]))
        );
    }

    #[test]
    fn users_and_nothing() {
        assert_eq!(classify("jdoe", &[]), Some(Lookup::User("jdoe".into())));
        assert_eq!(classify("j", &[]), None);
        assert_eq!(classify("two words", &[]), None);
        assert_eq!(
            Lookup::Phones(vec!["1".into(), "2".into()]).describe(),
            "with phone numbers 1, 2"
        );
    }
}
