//! URL pieces: path segments and query strings (via `percent-encoding` / `form_urlencoded`).

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters that must be escaped in a path segment (RFC 3986 `pchar` complement).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'+')
    .add(b'&')
    .add(b';')
    .add(b'=');

/// Encodes one path segment: `Field Ops/West` → `Field%20Ops%2FWest`.
pub fn encode_path_segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// Builds `a=1&b=x%20y` from pairs; repeated keys stay repeated (`deviceUuids=a&deviceUuids=b`).
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish().replace('+', "%20")
}

/// Parses a query string (with or without the leading `?`) into pairs.
pub fn parse_query(q: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(q.trim_start_matches('?').as_bytes())
        .into_owned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments() {
        assert_eq!(encode_path_segment("Field Ops/West"), "Field%20Ops%2FWest");
        assert_eq!(encode_path_segment("a+b&c"), "a%2Bb%26c");
        assert_eq!(encode_path_segment("8d711cdc-e93c"), "8d711cdc-e93c");
    }

    #[test]
    fn queries_round_trip() {
        let q = query_string([("q", "a b&c"), ("id", "1"), ("id", "2")]);
        assert_eq!(q, "q=a%20b%26c&id=1&id=2");
        let back = parse_query(&format!("?{q}"));
        assert_eq!(back[0], ("q".into(), "a b&c".into()));
        assert_eq!(back.len(), 3);
    }
}
