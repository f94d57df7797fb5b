//! A server's own set of options for a filter (policy profile types, app setting types): keys as
//! the server spells them, with their labels, in the order to offer them.

/// (key, label) pairs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choices(pub &'static [(&'static str, &'static str)]);

impl Choices {
    /// The option a key names, in any case and with blanks around it (keys come from URLs).
    pub fn find(self, key: &str) -> Option<(&'static str, &'static str)> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key.trim()))
            .copied()
    }

    /// The label of a key; the key as sent when the server has no such option.
    pub fn label(self, key: &str) -> String {
        self.find(key)
            .map_or_else(|| key.trim().to_string(), |(_, l)| l.to_string())
    }

    pub fn iter(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.0.iter().copied()
    }

    pub fn len(self) -> usize {
        self.0.len()
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_in_any_case_and_unknown_ones_kept() {
        let c = Choices(&[("SECURITY", "Security"), ("WIFI", "Wi-Fi")]);
        assert_eq!(c.find(" wifi"), Some(("WIFI", "Wi-Fi")));
        assert_eq!(c.find("nope"), None);
        assert_eq!(c.label("wifi"), "Wi-Fi");
        assert_eq!(c.label(" NEWTYPE "), "NEWTYPE");
        assert_eq!(
            c.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["SECURITY", "WIFI"]
        );
        assert_eq!((c.len(), c.is_empty()), (2, false));
    }
}
