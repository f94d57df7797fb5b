//! Tolerant deserialisers for the shapes a JAXB/Jettison server really emits.
//!
//! The EPMM V1 guide shows XML only; the JSON the server sends is a mechanical mapping of it
//! (`../shared/docs/epmm-v1-api.md`, "1.5 Response formats and XML roots"). Such mappings are loose
//! in well-known ways: a list with one element arrives as an object, an empty container is missing
//! or `""`, numbers and booleans arrive as strings, `True`/`False` are capitalised. These helpers
//! accept all of that and reject what is really wrong (an object where a number belongs).

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A list that may arrive as an array, a single object, `null`, or an empty string.
pub fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    one_or_many_into(d)
}

/// What [`one_or_many_into`] gathers the items of a list into, as it reads them.
pub trait Collect<T>: Default {
    /// The list says it has about `n` items (formats that know it ahead).
    fn reserve(&mut self, _n: usize) {}
    fn put(&mut self, item: T);
}

impl<T> Collect<T> for Vec<T> {
    fn reserve(&mut self, n: usize) {
        Vec::reserve(self, n);
    }
    fn put(&mut self, item: T) {
        self.push(item);
    }
}

/// [`one_or_many`], gathering the items into `C` as they are read (no list of them in between:
/// a device's `details` are blocks of entries, whose entries are all a list keeps).
pub fn one_or_many_into<'de, D, T, C>(d: D) -> Result<C, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    C: Collect<T>,
{
    struct V<T, C>(PhantomData<(T, C)>);
    impl<'de, T: Deserialize<'de>, C: Collect<T>> V<T, C> {
        fn one(item: T) -> C {
            let mut out = C::default();
            out.put(item);
            out
        }
    }
    impl<'de, T: Deserialize<'de>, C: Collect<T>> Visitor<'de> for V<T, C> {
        type Value = C;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list, a single item, null or an empty string")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<C, A::Error> {
            let mut out = C::default();
            out.reserve(seq.size_hint().unwrap_or(0).min(1 << 16));
            while let Some(item) = seq.next_element()? {
                out.put(item);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<C, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Self::one)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<C, E> {
            if v.trim().is_empty() {
                Ok(C::default())
            } else {
                T::deserialize(de::value::StrDeserializer::new(v)).map(Self::one)
            }
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<C, E> {
            self.visit_str(&v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<C, E> {
            T::deserialize(de::value::I64Deserializer::new(v)).map(Self::one)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<C, E> {
            T::deserialize(de::value::U64Deserializer::new(v)).map(Self::one)
        }
        fn visit_unit<E: de::Error>(self) -> Result<C, E> {
            Ok(C::default())
        }
        fn visit_none<E: de::Error>(self) -> Result<C, E> {
            Ok(C::default())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<C, D2::Error> {
            d.deserialize_any(self)
        }
    }
    d.deserialize_any(V(PhantomData))
}

macro_rules! lenient_int {
    ($name:ident, $opt:ident, $t:ty) => {
        /// An integer that may arrive as a number or as a decimal string.
        pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
            $opt(d).map(|v| v.unwrap_or_default())
        }
        /// Like the non-optional variant; `null`, `""` and a missing field give `None`.
        pub fn $opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$t>, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Option<$t>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an integer or a string holding one")
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                    <$t>::try_from(v)
                        .map(Some)
                        .map_err(|_| E::custom(format!("{v} is out of range")))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                    <$t>::try_from(v)
                        .map(Some)
                        .map_err(|_| E::custom(format!("{v} is out of range")))
                }
                fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                    // `as` saturates: without the range checks 1e30, or an integer literal beyond
                    // the u64 range (which arrives as a float), would read as i64::MAX. ±2^63 and
                    // 2^64 themselves are out: a float there may stand for a larger integer.
                    const I64_END: f64 = 9_223_372_036_854_775_808.0;
                    const U64_END: f64 = 18_446_744_073_709_551_616.0;
                    if v.fract() != 0.0 || !v.is_finite() {
                        Err(E::custom(format!("{v} is not an integer")))
                    } else if v > -I64_END && v < I64_END {
                        self.visit_i64(v as i64)
                    } else if v > 0.0 && v < U64_END {
                        self.visit_u64(v as u64)
                    } else {
                        Err(E::custom(format!("{v} is out of range")))
                    }
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                    let t = v.trim();
                    if t.is_empty() {
                        return Ok(None);
                    }
                    t.parse::<$t>()
                        .map(Some)
                        .map_err(|_| E::custom(format!("`{v}` is not an integer")))
                }
                fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                    Ok(None)
                }
                fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                    Ok(None)
                }
                fn visit_some<D2: Deserializer<'de>>(
                    self,
                    d: D2,
                ) -> Result<Self::Value, D2::Error> {
                    d.deserialize_any(self)
                }
            }
            d.deserialize_any(V)
        }
    };
}
lenient_int!(int_i64, opt_i64, i64);
lenient_int!(int_u32, opt_u32, u32);
lenient_int!(int_u64, opt_u64, u64);

/// A floating-point number that may arrive as a number or as a decimal string; `null`, `""` and a
/// missing field give `None` (a location without a fix, V1 guide, "Locate a Device": the response
/// example).
pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<f64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number or a string holding one")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let t = v.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Some)
                .ok_or_else(|| E::custom(format!("`{v}` is not a number")))
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
    }
    d.deserialize_any(V)
}

/// A boolean that may arrive as `true`, `"true"`, `"True"`, `"TRUE"`, `1` or `"1"`.
pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    opt_bool(d).map(|v| v.unwrap_or(false))
}

/// Optional variant of [`boolean`].
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean or a string holding one")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v != 0))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v != 0))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse_bool(v).map_err(E::custom)
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
    }
    d.deserialize_any(V)
}

/// Parses the boolean spellings the guide uses (`true`, `True`, `FALSE`, `1`, `0`); blank is `None`.
pub fn parse_bool(v: &str) -> Result<Option<bool>, String> {
    let t = v.trim();
    if t.is_empty() {
        Ok(None)
    } else if t.eq_ignore_ascii_case("true") || t == "1" {
        Ok(Some(true))
    } else if t.eq_ignore_ascii_case("false") || t == "0" {
        Ok(Some(false))
    } else {
        Err(format!("`{v}` is not a boolean"))
    }
}

/// Text read from an answer: an owned `String`, or a `Cow<'de, str>` that borrows the answer's
/// bytes where the text has no escapes (a list's device rows: most of their texts are dropped or
/// pooled by the mapping, so copying each into an allocation of its own is wasted work).
pub trait Text<'de>: Default + From<String> + AsRef<str> {
    /// The text of a string read in place from the answer.
    fn borrowed(v: &'de str) -> Self;
}

impl<'de> Text<'de> for String {
    fn borrowed(v: &'de str) -> Self {
        v.to_owned()
    }
}

impl<'de> Text<'de> for std::borrow::Cow<'de, str> {
    fn borrowed(v: &'de str) -> Self {
        std::borrow::Cow::Borrowed(v)
    }
}

/// A string that may arrive as a string, a number, a boolean or `null` (then empty).
pub fn string<'de, D: Deserializer<'de>, S: Text<'de>>(d: D) -> Result<S, D::Error> {
    d.deserialize_any(ScalarVisitor::<S> {
        skip_other: false,
        text: PhantomData,
    })
    .map(Option::unwrap_or_default)
}

/// As [`string`], but a list or an object with fields is read past and answered `None`, not an
/// error: for a field whose shape tells which kind of element holds it.
pub fn scalar_or_skip<'de, D: Deserializer<'de>, S: Text<'de>>(
    d: D,
) -> Result<Option<S>, D::Error> {
    d.deserialize_any(ScalarVisitor::<S> {
        skip_other: true,
        text: PhantomData,
    })
}

/// The visitor of [`string`] and [`scalar_or_skip`]: `None` only for a skipped value.
struct ScalarVisitor<S> {
    skip_other: bool,
    text: PhantomData<S>,
}

impl<'de, S: Text<'de>> Visitor<'de> for ScalarVisitor<S> {
    type Value = Option<S>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a scalar")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(S::borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned().into()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string().into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string().into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string().into()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string().into()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Some(S::default()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Some(S::default()))
    }
    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
        d.deserialize_any(self)
    }
    // An empty XML element mapped to JSON can come out as `{}`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        if map.next_entry::<IgnoredAny, IgnoredAny>()?.is_none() {
            return Ok(Some(S::default()));
        }
        if !self.skip_other {
            return Err(de::Error::custom("expected a string, found an object"));
        }
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if !self.skip_other {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// An element that may arrive as an object, or empty as `null` or `""` (`None`). A list is read
/// as the element's fields in order, as a derived `Deserialize` does.
pub fn element_or_empty<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object, null or an empty string")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
            T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Some)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                Err(E::invalid_type(de::Unexpected::Str(v), &self))
            }
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Option<T>, D2::Error> {
            d.deserialize_any(self)
        }
    }
    d.deserialize_any(V(PhantomData))
}

/// The V1 `messages` element: `{"message": ["..."]}` on the wire.
///
/// Tolerates everything the digest lists (`epmm-v1-api.md`, "1.5 Response formats and XML roots"):
/// absent, `null`, `""`, a bare string, an array of strings, `{"message": "one"}`, `{"message":
/// [...]}` and `{}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages(pub Vec<String>);

impl Messages {
    pub fn one(text: impl Into<String>) -> Self {
        Messages(vec![text.into()])
    }
    pub fn none() -> Self {
        Messages(Vec::new())
    }
    /// No message at all (blank ones count as messages).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// All messages joined for display; empty when there are none.
    pub fn joined(&self) -> String {
        self.0
            .iter()
            .map(|m| m.trim())
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Serialize for Messages {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("message", &self.0)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Inner {
            #[serde(default, deserialize_with = "one_or_many_strings")]
            message: Vec<String>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Messages;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a messages element")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Messages, E> {
                Ok(if v.trim().is_empty() {
                    Messages::none()
                } else {
                    Messages::one(v)
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Messages, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<Scalar>()? {
                    out.push(s.0);
                }
                Ok(Messages(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Messages, A::Error> {
                let inner = Inner::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Messages(inner.message))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Messages, E> {
                Ok(Messages::none())
            }
            fn visit_none<E: de::Error>(self) -> Result<Messages, E> {
                Ok(Messages::none())
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Messages, D2::Error> {
                d.deserialize_any(self)
            }
        }
        d.deserialize_any(V)
    }
}

/// A scalar read as text (see [`string`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);
impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string(d).map(Scalar)
    }
}

/// A list of strings that may be a single string.
pub fn one_or_many_strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    one_or_many::<D, Scalar>(d).map(|v| v.into_iter().map(|s| s.0).collect())
}

/// A list of integers that may be a single integer, and whose items may be strings (`"-4"`).
pub fn one_or_many_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    struct I(i64);
    impl<'de> Deserialize<'de> for I {
        fn deserialize<D2: Deserializer<'de>>(d: D2) -> Result<Self, D2::Error> {
            int_i64(d).map(I)
        }
    }
    one_or_many::<D, I>(d).map(|v| v.into_iter().map(|i| i.0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Item {
        #[serde(deserialize_with = "int_i64")]
        n: i64,
    }
    #[derive(Deserialize, Debug)]
    struct Holder {
        #[serde(default, deserialize_with = "one_or_many")]
        item: Vec<Item>,
    }

    #[test]
    fn single_object_where_a_list_is_expected() {
        let h: Holder = serde_json::from_value(json!({"item": {"n": 1}})).unwrap();
        assert_eq!(h.item, vec![Item { n: 1 }]);
        let h: Holder = serde_json::from_value(json!({"item": [{"n": 1}, {"n": "2"}]})).unwrap();
        assert_eq!(h.item, vec![Item { n: 1 }, Item { n: 2 }]);
        let h: Holder = serde_json::from_value(json!({})).unwrap();
        assert!(h.item.is_empty());
        let h: Holder = serde_json::from_value(json!({"item": null})).unwrap();
        assert!(h.item.is_empty());
        let h: Holder = serde_json::from_value(json!({"item": ""})).unwrap();
        assert!(h.item.is_empty());
    }

    #[test]
    fn numbers_as_strings_but_not_garbage() {
        let i: Item = serde_json::from_value(json!({"n": " 42 "})).unwrap();
        assert_eq!(i.n, 42);
        assert!(serde_json::from_value::<Item>(json!({"n": "4x"})).is_err());
        assert!(serde_json::from_value::<Item>(json!({"n": {"a": 1}})).is_err());
        assert!(serde_json::from_value::<Item>(json!({"n": 1.5})).is_err());
    }

    #[test]
    fn booleans_in_every_spelling_the_guide_uses() {
        #[derive(Deserialize)]
        struct B {
            #[serde(deserialize_with = "boolean")]
            b: bool,
        }
        for (v, want) in [
            (json!(true), true),
            (json!("True"), true),
            (json!("TRUE"), true),
            (json!("false"), false),
            (json!("False"), false),
            (json!(1), true),
            (json!(null), false),
        ] {
            let b: B = serde_json::from_value(json!({ "b": v })).unwrap();
            assert_eq!(b.b, want, "{v}");
        }
        assert!(serde_json::from_value::<B>(json!({"b": "yes please"})).is_err());
    }

    #[test]
    fn messages_in_every_shape() {
        let cases = [
            (
                json!({"message": ["212 Device(s) returned"]}),
                vec!["212 Device(s) returned"],
            ),
            (json!({"message": "one"}), vec!["one"]),
            (json!({}), vec![]),
            (json!(""), vec![]),
            (json!(null), vec![]),
            (json!("bare"), vec!["bare"]),
            (json!(["a", "b"]), vec!["a", "b"]),
        ];
        for (v, want) in cases {
            let m: Messages = serde_json::from_value(v.clone()).unwrap();
            assert_eq!(m.0, want, "{v}");
        }
        let out = serde_json::to_value(Messages::one("x")).unwrap();
        assert_eq!(out, json!({"message": ["x"]}));
    }
}
