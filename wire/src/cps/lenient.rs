//! Tolerant field readers for CPS answers: the guide tells clients not to type-check strictly
//! ("Do not perform strict type checking against the API JSON responses", CPS guide, "Object
//! models"), so a string field that arrives as a number, or a number as a string, still reads.
//! Visitors only (no intermediate `Value`): a page of 1,000 devices parses at full speed.

use crate::lenient::Scalar;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// Text that may arrive as a string, a number or a boolean; `null` is `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Scalar>::deserialize(d).map(|o| o.map(|s| s.0))
}

/// The value of `key` in a text map, the key compared without regard to case (LDAP attribute
/// keys differ in case between the products, CPS guide, "Limitations", AW-23186).
pub fn lookup<'a>(map: &'a Option<BTreeMap<String, String>>, key: &str) -> Option<&'a str> {
    map.as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}

/// A map whose values are read as text (`"nacCompliant": "false"` and `"nacCompliant": false`
/// both read as `"false"`); `null` values are dropped, and so is a map that is `null`.
pub fn opt_text_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, String>>, D::Error> {
    struct Text(Option<String>);
    impl<'de> serde::Deserialize<'de> for Text {
        fn deserialize<D2: Deserializer<'de>>(d: D2) -> Result<Self, D2::Error> {
            opt_string(d).map(Text)
        }
    }
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<BTreeMap<String, String>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object of text values")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, Text(v))) = map.next_entry::<String, Text>()? {
                if let Some(v) = v {
                    out.insert(k, v);
                }
            }
            Ok(Some(out))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                Err(E::invalid_type(de::Unexpected::Str(v), &self))
            }
        }
    }
    d.deserialize_any(V)
}

/// A value whose `null` reads as its default (a request's `"attributes": null`).
pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// Defines a string enum of the guide read case-insensitively (with extra spellings), whose
/// unknown values fall back to one variant instead of failing, and written in its wire spelling.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal $(| $alias:literal)* ,)+
        }
        fallback $fallback:ident
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the guide's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }

            /// The value of a spelling (case-insensitive, surrounding blanks ignored), or `None`.
            pub fn parse(s: &str) -> Option<Self> {
                let t = s.trim();
                $(
                    if t.eq_ignore_ascii_case($wire) $(|| t.eq_ignore_ascii_case($alias))* {
                        return Some($name::$variant);
                    }
                )+
                None
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = $crate::cps::lenient::opt_string(d)?.unwrap_or_default();
                Ok($name::parse(&text).unwrap_or($name::$fallback))
            }
        }
    };
}
pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize, Debug)]
    struct S {
        #[serde(default, deserialize_with = "opt_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "opt_text_map")]
        m: Option<BTreeMap<String, String>>,
    }

    #[test]
    fn text_in_any_scalar_shape() {
        for (v, want) in [
            (json!("a"), Some("a")),
            (json!(12), Some("12")),
            (json!(false), Some("false")),
            (json!(null), None),
        ] {
            let s: S = serde_json::from_value(json!({ "s": v })).unwrap();
            assert_eq!(s.s.as_deref(), want, "{v}");
        }
        assert!(serde_json::from_value::<S>(json!({"s": {"x": 1}})).is_err());
        let s: S = serde_json::from_value(json!({"m": {"a": "x", "b": true, "c": null}})).unwrap();
        let m = s.m.unwrap();
        assert_eq!(m.get("b").map(String::as_str), Some("true"));
        assert_eq!(m.len(), 2);
        let s: S = serde_json::from_value(json!({"m": null})).unwrap();
        assert!(s.m.is_none());
    }
}
