//! Reading one large JSON array while the answer is still arriving.
//!
//! The V1 list calls answer every device of a state in one document (no paging, "Get Devices by
//! Status" of the V1 guide): 100,000 devices are over 100 MB of JSON. [`ArrayStream`] takes the
//! answer in chunks, as the network delivers them, and hands out each element of the array at a
//! fixed path of object keys (`devices` → `device`) as soon as its last byte has arrived, so that
//! it can be parsed (by serde, as a whole value) and the bytes dropped. What is left, the
//! *envelope*, is the document with that array emptied (`{"messages":…,"devices":{"device":[]}}`):
//! parse it as the usual answer type to validate the rest and to read whatever did not arrive as an
//! array there.
//!
//! This is not a JSON parser: it only tracks strings, nesting and the keys on the path, to find
//! where elements start and end. A caller that can read a value from the front of a run of bytes
//! saves the splitter most of that work ([`ArrayStream::feed_elements`], [`Element::Leading`]):
//! an element that starts and ends inside one chunk is then found by the caller's parser alone,
//! and never copied. Whether the bytes are JSON is left to serde, element by element
//! and for the envelope, so a damaged answer fails exactly where parsing it whole would fail
//! (`tests/properties.rs` checks that both ways agree on damaged and loosened answers). Keys are
//! compared as raw bytes: a key written with escapes is not on the path, and its array simply
//! stays in the envelope.

/// An element of the streamed array, as [`ArrayStream::feed_elements`] hands it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element<'c> {
    /// From an element's first byte (a `{`) to the end of the chunk: the element, and whatever
    /// follows it. The caller reads one value from the front and answers how many bytes it took,
    /// or `None` when these bytes do not start with one whole element it accepts (cut off by the
    /// chunk's end, or not valid): the same element then comes again as [`Element::Whole`].
    Leading(&'c [u8]),
    /// Exactly the bytes of one element (without the separating commas and whitespace). Like the
    /// elements [`ArrayStream::feed`] hands out, it may be bytes that are no JSON value (empty for
    /// a doubled comma, or two values without a comma between them): the caller's parser refuses
    /// them, and that is how a damaged array fails.
    Whole(&'c [u8]),
}

/// One open container.
#[derive(Debug, Clone, Copy)]
enum Frame {
    Object {
        /// The next string is a key.
        expect_key: bool,
        /// This object is the one at its depth on the path.
        on_path: bool,
        /// Its latest key is the path's key at this depth.
        key_on_path: bool,
    },
    Array,
}

/// Longest key compared with the path; longer keys are never on it.
const MAX_KEY: usize = 64;

/// Splits the elements of the array at `path` out of a JSON document fed in chunks.
#[derive(Debug)]
pub struct ArrayStream {
    path: &'static [&'static str],
    stack: Vec<Frame>,
    in_string: bool,
    escaped: bool,
    /// Collecting the key being read (only for keys of objects on the path).
    key: Option<Vec<u8>>,
    /// Stack depth while inside the streamed array (its own frame is the top at element level).
    array_depth: Option<usize>,
    /// A `,` came last at element level (so a `]` now closes an empty element: invalid).
    after_comma: bool,
    /// Open brackets inside the current element (0: between elements). Containers inside an
    /// element are never on the path, so a count is all they need.
    nest: usize,
    /// The caller took the latest element from [`Element::Leading`]: a `,` or the `]` must come
    /// next.
    taken: bool,
    envelope: Vec<u8>,
    element: Vec<u8>,
}

impl ArrayStream {
    /// `path`: the object keys from the root to the array, e.g. `&["devices", "device"]`.
    pub fn new(path: &'static [&'static str]) -> ArrayStream {
        ArrayStream {
            path,
            stack: Vec::new(),
            in_string: false,
            escaped: false,
            key: None,
            array_depth: None,
            after_comma: false,
            nest: 0,
            taken: false,
            envelope: Vec::new(),
            element: Vec::new(),
        }
    }

    /// Takes the next chunk of the document. `each` gets every element completed in it (its bytes,
    /// without the separating commas) and the envelope so far (the document up to the array's
    /// `[`, for a count given before the array); its first error stops the reading and is
    /// returned.
    pub fn feed<E>(
        &mut self,
        chunk: &[u8],
        mut each: impl FnMut(&[u8], &[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        self.feed_elements(chunk, |element, head| match element {
            Element::Leading(_) => Ok(None),
            Element::Whole(bytes) => each(bytes, head).map(|()| None),
        })
    }

    /// Takes the next chunk of the document, offering each element that starts in it to `each`
    /// first as [`Element::Leading`] (answer `Some(length)` when it was read, which must be more
    /// than 0 and at most the bytes given), and as [`Element::Whole`] when it was not, once it is
    /// complete (the answer is then ignored). The second argument is the envelope so far, as for
    /// [`ArrayStream::feed`]; the first error stops the reading and is returned.
    ///
    /// Bytes are copied in runs, string contents (most of an answer) are skipped with `memchr` up
    /// to the next quote or backslash, and inside an element only quotes and brackets are looked
    /// at: a byte-at-a-time loop over 100 MB would cost the portal seconds. Elements read from
    /// the front are neither scanned nor copied: at 80,000 devices (107 MB) natively, splitting
    /// took a quarter of the time of splitting and parsing.
    pub fn feed_elements<E>(
        &mut self,
        chunk: &[u8],
        mut each: impl FnMut(Element<'_>, &[u8]) -> Result<Option<usize>, E>,
    ) -> Result<(), E> {
        // chunk[run..i] is still to be copied: to the element while in the array, else to the
        // envelope.
        let mut run = 0;
        let mut i = 0;
        while i < chunk.len() {
            if self.array_depth.is_none() {
                self.step(chunk[i]);
                if self.array_depth.is_some() {
                    // The `[` that opens the array ends the envelope's run.
                    self.envelope.extend_from_slice(&chunk[run..=i]);
                    run = i + 1;
                }
                i += 1;
                if self.in_string && !self.escaped && self.key.is_none() {
                    i += memchr::memchr2(b'"', b'\\', &chunk[i..]).unwrap_or(chunk.len() - i);
                }
                continue;
            }
            // Inside the array. Strings first: only their end matters.
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    i += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &chunk[i..]) {
                    None => i = chunk.len(),
                    Some(k) => {
                        i += k;
                        if chunk[i] == b'\\' {
                            self.escaped = true;
                        } else {
                            self.in_string = false;
                        }
                        i += 1;
                    }
                }
                continue;
            }
            if self.nest > 0 {
                // Inside an element: only quotes and brackets change anything.
                let Some(k) = chunk[i..]
                    .iter()
                    .position(|c| matches!(c, b'"' | b'{' | b'}' | b'[' | b']'))
                else {
                    i = chunk.len();
                    continue;
                };
                i += k;
                match chunk[i] {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.nest += 1,
                    _ => self.nest -= 1,
                }
                i += 1;
                continue;
            }
            // At element level: separators and the closing bracket.
            let b = chunk[i];
            let whitespace = matches!(b, b' ' | b'\t' | b'\n' | b'\r');
            // An element taken from the front waits for the first byte after it that is not
            // whitespace: its `,` or the `]`.
            let taken = !whitespace && std::mem::take(&mut self.taken);
            if whitespace || b == b',' || b == b']' {
                self.element.extend_from_slice(&chunk[run..i]);
                run = i + 1;
            } else if taken {
                // A value right after the one taken, without a comma: like a doubled comma, an
                // empty element, which no parser accepts.
                each(Element::Whole(&[]), &self.envelope)?;
            }
            if b == b'{' && run == i && self.element.is_empty() {
                let rest = &chunk[i..];
                match each(Element::Leading(rest), &self.envelope)? {
                    Some(n) if n > 0 && n <= rest.len() => {
                        self.taken = true;
                        self.after_comma = false;
                        i += n;
                        run = i;
                        continue;
                    }
                    _ => {}
                }
            }
            match b {
                b',' => {
                    if !taken {
                        self.emit(&mut each)?;
                    }
                    self.after_comma = true;
                }
                b']' => {
                    if !taken && (!self.element.is_empty() || self.after_comma) {
                        self.emit(&mut each)?;
                    }
                    self.stack.pop();
                    self.array_depth = None;
                    // The bracket starts the envelope's next run.
                    run = i;
                }
                b'"' => self.in_string = true,
                b'{' | b'[' => self.nest = 1,
                // Whitespace is dropped; anything else is part of the element (and, when not
                // JSON, its parser says so).
                _ => {}
            }
            i += 1;
        }
        let rest = &chunk[run..];
        if self.array_depth.is_some() {
            self.element.extend_from_slice(rest);
        } else {
            self.envelope.extend_from_slice(rest);
        }
        Ok(())
    }

    /// The document without the streamed elements: parse it to check the rest of the answer.
    pub fn finish(self) -> Vec<u8> {
        self.envelope
    }

    fn emit<E>(
        &mut self,
        each: &mut impl FnMut(Element<'_>, &[u8]) -> Result<Option<usize>, E>,
    ) -> Result<(), E> {
        self.after_comma = false;
        let r = each(Element::Whole(&self.element), &self.envelope);
        self.element.clear();
        r.map(|_| ())
    }

    /// Advances the string and nesting state over one byte.
    fn step(&mut self, b: u8) {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                if let Some(key) = self.key.take() {
                    let depth = self.stack.len() - 1;
                    let on = self.path.get(depth).is_some_and(|k| k.as_bytes() == key);
                    if let Some(Frame::Object { key_on_path, .. }) = self.stack.last_mut() {
                        *key_on_path = on;
                    }
                }
                return;
            }
            if let Some(key) = &mut self.key {
                if key.len() <= MAX_KEY {
                    key.push(b);
                }
            }
            return;
        }
        match b {
            b'"' => {
                self.in_string = true;
                if let Some(Frame::Object {
                    expect_key,
                    on_path,
                    ..
                }) = self.stack.last_mut()
                {
                    if *expect_key {
                        *expect_key = false;
                        self.key = on_path.then(Vec::new);
                    }
                }
            }
            b'{' => {
                let on_path = self.stack.len() < self.path.len() && self.parent_on_path();
                self.stack.push(Frame::Object {
                    expect_key: true,
                    on_path,
                    key_on_path: false,
                });
            }
            b'[' => {
                let streamed = !self.path.is_empty()
                    && self.stack.len() == self.path.len()
                    && self.parent_on_path();
                self.stack.push(Frame::Array);
                if streamed {
                    self.array_depth = Some(self.stack.len());
                    self.after_comma = false;
                    self.nest = 0;
                }
            }
            b'}' | b']' => {
                self.stack.pop();
            }
            b',' => {
                if let Some(Frame::Object { expect_key, .. }) = self.stack.last_mut() {
                    *expect_key = true;
                }
            }
            _ => {}
        }
    }

    /// The innermost open container is on the path and its latest key leads on (true at the root).
    fn parent_on_path(&self) -> bool {
        match self.stack.last() {
            None => true,
            Some(Frame::Object {
                on_path,
                key_on_path,
                ..
            }) => *on_path && *key_on_path,
            Some(Frame::Array) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &[&str] = &["devices", "device"];

    /// Feeds `doc` in chunks of `n` bytes; returns the elements and the envelope as text.
    fn split(doc: &str, n: usize) -> (Vec<String>, String) {
        let mut s = ArrayStream::new(PATH);
        let mut out = Vec::new();
        for chunk in doc.as_bytes().chunks(n.max(1)) {
            s.feed(chunk, |e, head| {
                assert!(head.ends_with(b"\"device\":["));
                out.push(String::from_utf8(e.to_vec()).unwrap());
                Ok::<(), ()>(())
            })
            .unwrap();
        }
        (out, String::from_utf8(s.finish()).unwrap())
    }

    #[test]
    fn elements_of_the_array_at_the_path_in_any_chunking() {
        let doc = r#"{"messages":{"message":["2 Device(s) returned"]},"totalCount":2,
            "devices":{"device":[ {"uuid":"a","details":{"entry":[{"key":"k","value":"]},\"{"}]}},
            {"uuid":"b\"}]","n":[1,[2]]} ]}}"#;
        for n in 1..doc.len() + 1 {
            let (els, env) = split(doc, n);
            assert_eq!(
                els,
                [
                    r#"{"uuid":"a","details":{"entry":[{"key":"k","value":"]},\"{"}]}}"#,
                    r#"{"uuid":"b\"}]","n":[1,[2]]}"#
                ],
                "chunks of {n}"
            );
            assert_eq!(
                env,
                "{\"messages\":{\"message\":[\"2 Device(s) returned\"]},\"totalCount\":2,\n            \"devices\":{\"device\":[]}}"
            );
        }
    }

    #[test]
    fn other_shapes_stay_in_the_envelope() {
        for doc in [
            r#"{"devices":{"device":{"uuid":"one"}}}"#,
            r#"{"devices":""}"#,
            r#"{"x":{"devices":{"device":[1]}}}"#,
            r#"{"devices":[{"device":[1]}]}"#,
            r#"{"dev\u0069ces":{"device":[1]}}"#,
            r#"[{"devices":{"device":[1]}}]"#,
            r#"{"devices":{"other":[1],"device":null}}"#,
        ] {
            let (els, env) = split(doc, 3);
            assert!(els.is_empty(), "{doc}: {els:?}");
            assert_eq!(env, doc);
        }
    }

    #[test]
    fn a_key_after_a_nested_value_is_still_found() {
        let (els, env) = split(
            r#"{"a":{"device":[9]},"devices":{"x":[{"device":[8]}],"device":[1,2]}}"#,
            5,
        );
        assert_eq!(els, ["1", "2"]);
        assert_eq!(
            env,
            r#"{"a":{"device":[9]},"devices":{"x":[{"device":[8]}],"device":[]}}"#
        );
    }

    #[test]
    fn empty_and_invalid_elements_reach_the_parser() {
        assert_eq!(
            split(r#"{"devices":{"device":[]}}"#, 4).0,
            Vec::<String>::new()
        );
        assert_eq!(
            split(r#"{"devices":{"device":[ ]}}"#, 4).0,
            Vec::<String>::new()
        );
        // A trailing or doubled comma hands out an empty element, which no parser accepts.
        assert_eq!(split(r#"{"devices":{"device":[1,]}}"#, 4).0, ["1", ""]);
        assert_eq!(split(r#"{"devices":{"device":[,1]}}"#, 4).0, ["", "1"]);
    }

    #[test]
    fn the_first_error_stops_the_reading() {
        let mut s = ArrayStream::new(PATH);
        let mut seen = 0;
        let r = s.feed(br#"{"devices":{"device":[1,2,3]}}"#, |e, _| {
            seen += 1;
            if e == b"2" {
                Err("bad")
            } else {
                Ok(())
            }
        });
        assert_eq!(r, Err("bad"));
        assert_eq!(seen, 2);
    }

    #[test]
    fn a_cut_off_answer_leaves_an_incomplete_envelope() {
        let (els, env) = split(r#"{"devices":{"device":[{"uuid":"a"},{"uu"#, 7);
        assert_eq!(els, [r#"{"uuid":"a"}"#]);
        assert_eq!(env, r#"{"devices":{"device":["#);
        assert!(serde_json::from_str::<serde_json::Value>(&env).is_err());
    }

    /// Feeds `doc` in chunks of `n` bytes through [`ArrayStream::feed_elements`], reading each
    /// leading element as a JSON value when `read` says so; returns each element as text with
    /// how it came (`L` read from the front, `W` whole), and the envelope.
    fn split_leading(doc: &str, n: usize, read: impl Fn(&[u8]) -> bool) -> (Vec<String>, String) {
        let mut s = ArrayStream::new(PATH);
        let mut out = Vec::new();
        for chunk in doc.as_bytes().chunks(n.max(1)) {
            s.feed_elements(chunk, |e, _| {
                Ok::<_, ()>(match e {
                    Element::Leading(bytes) if read(bytes) => {
                        let mut values = serde_json::Deserializer::from_slice(bytes)
                            .into_iter::<serde_json::Value>();
                        match values.next() {
                            Some(Ok(_)) => {
                                let n = values.byte_offset();
                                out.push(format!("L{}", String::from_utf8_lossy(&bytes[..n])));
                                Some(n)
                            }
                            _ => None,
                        }
                    }
                    Element::Leading(_) => None,
                    Element::Whole(bytes) => {
                        out.push(format!("W{}", String::from_utf8_lossy(bytes)));
                        None
                    }
                })
            })
            .unwrap();
        }
        (out, String::from_utf8(s.finish()).unwrap())
    }

    #[test]
    fn elements_read_from_the_front_are_the_elements_in_any_chunking() {
        let doc = r#"{"totalCount":3,"devices":{"device":[ {"uuid":"a","v":"]},\"{"} ,
            {"uuid":"b","n":[1,[2]]},7,{"uuid":"c"}]}}"#;
        for n in 1..doc.len() + 1 {
            let (els, env) = split_leading(doc, n, |_| true);
            let text: Vec<&str> = els.iter().map(|e| &e[1..]).collect();
            assert_eq!(
                text,
                [
                    r#"{"uuid":"a","v":"]},\"{"}"#,
                    r#"{"uuid":"b","n":[1,[2]]}"#,
                    "7",
                    r#"{"uuid":"c"}"#
                ],
                "chunks of {n}"
            );
            assert_eq!(env, split(doc, n).1, "chunks of {n}");
        }
        // In one chunk, every object is read from the front; the number comes whole.
        let (els, _) = split_leading(doc, doc.len(), |_| true);
        let how: String = els.iter().map(|e| &e[..1]).collect();
        assert_eq!(how, "LLWL");
        // An element the caller does not read from the front comes whole.
        let (els, _) = split_leading(doc, doc.len(), |b| !b.starts_with(br#"{"uuid":"b""#));
        let how: String = els.iter().map(|e| &e[..1]).collect();
        assert_eq!(how, "LWWL");
    }

    #[test]
    fn a_missing_or_trailing_comma_after_an_element_read_from_the_front_is_an_empty_element() {
        for (doc, expected) in [
            (
                r#"{"devices":{"device":[{"a":1}{"b":2}]}}"#,
                vec![r#"L{"a":1}"#, "W", r#"L{"b":2}"#],
            ),
            (
                r#"{"devices":{"device":[{"a":1} 3]}}"#,
                vec![r#"L{"a":1}"#, "W", "W3"],
            ),
            (
                r#"{"devices":{"device":[{"a":1},]}}"#,
                vec![r#"L{"a":1}"#, "W"],
            ),
            (
                r#"{"devices":{"device":[{"a":1} , {"b":2} ]}}"#,
                vec![r#"L{"a":1}"#, r#"L{"b":2}"#],
            ),
        ] {
            assert_eq!(split_leading(doc, doc.len(), |_| true).0, expected, "{doc}");
        }
    }
}
