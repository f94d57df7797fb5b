//! The cells of one page row, written straight into the DOM.
//!
//! Rows are keyed by their position on the page, so a page change, a sort or a search shows other
//! data in the same `<tr>`s. Each row's cells are drawn by one effect ([`PaintedRow::paint`]),
//! which compares what every cell shows with what it showed and writes only the difference: a
//! text node's data, a link's `href`, a time's attributes, a badge's class, the hover text. A cell
//! whose shape changes (a link appears, a column of another kind moves here) is built anew.
//!
//! Why not a view per cell: a memo and three to five effects per cell made 2,000 reactive nodes
//! for a page of 50 rows, and walking them took most of a page change (bench/NOTES.md, "Page
//! change"). The markup is the same as a view would make; every text goes into a text node or an
//! attribute, never into HTML.

use super::engine::CellKind;
use web_sys::{Document, Element, Text};

/// What one cell shows for the row at its position.
#[derive(Clone, Default, PartialEq)]
pub(super) struct CellValue {
    pub text: String,
    /// A link target inside the portal, with the base in front; none when unknown for the row.
    pub href: Option<String>,
    /// A point in time (epoch ms) for a time cell.
    pub at: Option<i64>,
    /// Shown on hover (the cell's `title`); empty: none.
    pub hint: String,
}

/// How a cell is built; a cell is built anew when this changes.
#[derive(Clone, Copy, PartialEq)]
struct Shape {
    kind: CellKind,
    link: bool,
    time: bool,
}

impl Shape {
    fn of(kind: CellKind, v: &CellValue) -> Shape {
        Shape {
            kind,
            link: v.href.is_some(),
            time: v.at.is_some(),
        }
    }

    /// A time cell has its hover text on the `<time>` (the exact UTC time), not on the cell.
    fn hint_on_cell(self) -> bool {
        !self.time
    }

    /// A badge, when the cell is neither a link nor a time.
    fn badge(self) -> bool {
        self.kind == CellKind::Badge && !self.link && !self.time
    }

    fn class(self) -> &'static str {
        match (self.link || self.time, self.kind) {
            (false, CellKind::Number) => "num",
            (false, CellKind::Code) => "code",
            _ => "",
        }
    }
}

/// One `<td>` and the nodes inside it that change.
struct Cell {
    td: Element,
    shape: Shape,
    value: CellValue,
    text: Text,
    link: Option<Element>,
    time: Option<Element>,
    badge: Option<Element>,
}

/// The cells drawn so far in one row (after its checkbox cell, which the view owns).
#[derive(Default)]
pub(super) struct PaintedRow {
    cells: Vec<Cell>,
}

impl PaintedRow {
    /// Makes `tr`'s cells show `next`, one entry per visible column. DOM calls that fail (they
    /// cannot on a live document) leave the cell as it was; nothing here panics.
    pub fn paint(&mut self, tr: &Element, next: Vec<(CellKind, CellValue)>) {
        let Some(doc) = tr.owner_document() else {
            return;
        };
        while self.cells.len() > next.len() {
            if let Some(c) = self.cells.pop() {
                c.td.remove();
            }
        }
        for (j, (kind, value)) in next.into_iter().enumerate() {
            let shape = Shape::of(kind, &value);
            match self.cells.get_mut(j) {
                Some(cell) if cell.shape == shape => cell.update(value),
                Some(cell) => {
                    let td = cell.td.clone();
                    if let Some(new) = Cell::build(&doc, td, shape, value) {
                        *cell = new;
                    }
                }
                None => {
                    let Ok(td) = doc.create_element("td") else {
                        return;
                    };
                    if tr.append_child(&td).is_err() {
                        return;
                    }
                    match Cell::build(&doc, td, shape, value) {
                        Some(cell) => self.cells.push(cell),
                        None => return,
                    }
                }
            }
        }
    }
}

impl Cell {
    /// Fills `td` (emptied first) for a cell of `shape`.
    fn build(doc: &Document, td: Element, shape: Shape, value: CellValue) -> Option<Cell> {
        td.set_text_content(None);
        set_optional(&td, "class", shape.class());
        set_optional(&td, "title", hint_of(shape, &value));
        let text = doc.create_text_node(&value.text);
        let time = if shape.time {
            let t = doc.create_element("time").ok()?;
            set_time(&t, value.at);
            t.append_child(&text).ok()?;
            Some(t)
        } else {
            None
        };
        let badge = if shape.badge() {
            let b = doc.create_element("span").ok()?;
            b.set_class_name(&badge_class(&value.text));
            b.append_child(&text).ok()?;
            Some(b)
        } else {
            None
        };
        let inner: &web_sys::Node = match (&time, &badge) {
            (Some(t), _) => t,
            (None, Some(b)) => b,
            (None, None) => &text,
        };
        let link = match &value.href {
            Some(href) => {
                let a = doc.create_element("a").ok()?;
                a.set_attribute("href", href).ok()?;
                a.append_child(inner).ok()?;
                td.append_child(&a).ok()?;
                Some(a)
            }
            None => {
                td.append_child(inner).ok()?;
                None
            }
        };
        Some(Cell {
            td,
            shape,
            value,
            text,
            link,
            time,
            badge,
        })
    }

    /// Writes what changed, for a value of the same shape.
    fn update(&mut self, value: CellValue) {
        if value == self.value {
            return;
        }
        if value.text != self.value.text {
            self.text.set_data(&value.text);
            if let Some(b) = &self.badge {
                b.set_class_name(&badge_class(&value.text));
            }
        }
        if value.href != self.value.href {
            if let (Some(a), Some(href)) = (&self.link, &value.href) {
                let _ = a.set_attribute("href", href);
            }
        }
        if value.at != self.value.at {
            if let Some(t) = &self.time {
                set_time(t, value.at);
            }
        }
        if value.hint != self.value.hint {
            set_optional(&self.td, "title", hint_of(self.shape, &value));
        }
        self.value = value;
    }
}

fn hint_of(shape: Shape, v: &CellValue) -> &str {
    if shape.hint_on_cell() {
        &v.hint
    } else {
        ""
    }
}

/// Sets `name`, or removes it when `value` is empty.
fn set_optional(el: &Element, name: &str, value: &str) {
    let _ = if value.is_empty() {
        el.remove_attribute(name)
    } else {
        el.set_attribute(name, value)
    };
}

/// A `<time>`: the machine-readable instant, and the exact UTC time on hover.
fn set_time(t: &Element, at: Option<i64>) {
    let at = at.unwrap_or_default();
    let _ = t.set_attribute("datetime", &crate::dates::format_iso(at));
    let _ = t.set_attribute("title", &crate::dates::format_utc_exact(at));
}

fn badge_class(text: &str) -> String {
    format!("badge badge-{}", slug(text))
}

/// `Verification pending` → `verification-pending` (a CSS class; never user HTML).
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(href: Option<&str>, at: Option<i64>) -> CellValue {
        CellValue {
            text: "x".into(),
            href: href.map(str::to_string),
            at,
            hint: "h".into(),
        }
    }

    #[test]
    fn shapes_decide_class_badge_and_hover() {
        let plain = Shape::of(CellKind::Number, &value(None, None));
        assert_eq!(plain.class(), "num");
        assert!(plain.hint_on_cell());
        // A link or a time cell is never styled as a number or code, nor shown as a badge.
        let link = Shape::of(CellKind::Badge, &value(Some("/d"), None));
        assert_eq!(link.class(), "");
        assert!(!link.badge());
        assert!(link.hint_on_cell());
        let time = Shape::of(CellKind::Code, &value(None, Some(0)));
        assert_eq!(time.class(), "");
        assert!(!time.hint_on_cell());
        assert!(Shape::of(CellKind::Badge, &value(None, None)).badge());
        // A link appearing changes the shape: the cell is built anew.
        assert!(plain != Shape::of(CellKind::Number, &value(Some("/d"), None)));
    }

    #[test]
    fn badge_classes_are_slugs() {
        assert_eq!(
            badge_class("Verification pending"),
            "badge badge-verification-pending"
        );
        assert_eq!(badge_class("<b>"), "badge badge--b-");
    }
}
