//! One row's values (one per column) in one string: a checked file is 250 rows of eight cells, and one allocation per row
//! instead of one per cell is most of what separates the rules from the bare CSV reader (see docs/benchmarks.md).

use std::fmt;
use std::ops::Index;

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Column;

/// How many values a row has: one per [`Column`].
const CELLS: usize = Column::ALL.len();

/// A row's values in [`Column::ALL`] order, held in one string. Reads like a slice of `&str`
/// (`values[2]`, `values.iter()`, `values.get(i)`); serialised as a list of strings, one per column.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Values {
    text: String,
    /// Where each value ends in `text`; each starts where the one before ends.
    ends: [u32; CELLS],
}

impl Values {
    /// Values from one cell per column, as they are (the sheet normalises before it builds them).
    pub fn new<S: AsRef<str>>(cells: &[S; CELLS]) -> Values {
        let mut builder = Builder::with_capacity(cells.iter().map(|c| c.as_ref().len()).sum());
        for cell in cells {
            builder.text.push_str(cell.as_ref());
            builder.end_cell();
        }
        builder.finish()
    }

    /// The value of column `i` ([`Column::index`]); `None` past the last column.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
    }

    /// Always one value per column.
    pub fn len(&self) -> usize {
        CELLS
    }

    /// Never: a row has a value (perhaps empty) for every column.
    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        (0..CELLS).map(move |i| &self[i])
    }

    /// The values as owned strings (what the confirm request and the grid's signals carry).
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }

    /// Replaces the value of column `i` (the sheet's cell edit): the row's string is rebuilt once.
    pub(crate) fn set(&mut self, i: usize, value: &str) {
        let mut builder = Builder::with_capacity(self.text.len() + value.len());
        for (j, old) in self.iter().enumerate() {
            builder.text.push_str(if i == j { value } else { old });
            builder.end_cell();
        }
        *self = builder.finish();
    }
}

/// Values written cell after cell into one string: the parser writes each normalised cell straight in.
pub(crate) struct Builder {
    pub(crate) text: String,
    ends: [u32; CELLS],
    cell: usize,
}

impl Builder {
    pub(crate) fn with_capacity(bytes: usize) -> Builder {
        Builder { text: String::with_capacity(bytes), ends: [0; CELLS], cell: 0 }
    }

    /// Ends the current cell with what `text` holds now.
    pub(crate) fn end_cell(&mut self) {
        // A row is at most a 100 MB file: its length fits in u32.
        self.ends[self.cell] = self.text.len() as u32;
        self.cell += 1;
    }

    /// The values; cells never ended are empty.
    pub(crate) fn finish(mut self) -> Values {
        let len = self.text.len() as u32;
        for end in &mut self.ends[self.cell..] {
            *end = len;
        }
        Values { text: self.text, ends: self.ends }
    }
}

impl Index<usize> for Values {
    type Output = str;

    /// Panics past the sixth value, as a slice would.
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(value) => value,
            None => panic!("a row has {CELLS} values, not {}", i + 1),
        }
    }
}

impl<S: AsRef<str>> From<[S; CELLS]> for Values {
    fn from(cells: [S; CELLS]) -> Values {
        Values::new(&cells)
    }
}

impl fmt::Debug for Values {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Values {
    fn eq(&self, other: &[S]) -> bool {
        other.len() == CELLS && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Values {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl Serialize for Values {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut seq = serializer.serialize_seq(Some(CELLS))?;
        for value in self.iter() {
            seq.serialize_element(value)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Values, D::Error> {
        struct Cells;
        impl<'de> Visitor<'de> for Cells {
            type Value = Values;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a list of {CELLS} strings")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Values, A::Error> {
                let mut builder = Builder::with_capacity(64);
                for i in 0..CELLS {
                    let value: std::borrow::Cow<'de, str> =
                        seq.next_element()?.ok_or_else(|| serde::de::Error::invalid_length(i, &self))?;
                    builder.text.push_str(&value);
                    builder.end_cell();
                }
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(serde::de::Error::invalid_length(CELLS + 1, &self));
                }
                Ok(builder.finish())
            }
        }
        deserializer.deserialize_seq(Cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_cell_by_cell_and_an_edit_changes_only_its_cell() {
        let mut values = Values::from(["Zoé", "", "z@x.fr", "E-1", "", "fr", "3B", ""]);
        assert_eq!(values.iter().collect::<Vec<_>>(), ["Zoé", "", "z@x.fr", "E-1", "", "fr", "3B", ""]);
        assert_eq!(values.get(8), None);
        values.set(1, "Roux");
        values.set(5, "");
        assert_eq!(values.to_vec(), ["Zoé", "Roux", "z@x.fr", "E-1", "", "", "3B", ""]);
    }

    #[test]
    fn values_serialise_as_a_list_of_one_string_per_column_and_refuse_another_count() {
        let values = Values::from(["a", "b", "c", "d", "e", "f", "g", "h"]);
        let json = serde_json::to_string(&values).expect("json");
        assert_eq!(json, r#"["a","b","c","d","e","f","g","h"]"#);
        assert_eq!(serde_json::from_str::<Values>(&json).expect("back"), values);
        assert!(serde_json::from_str::<Values>(r#"["a","b"]"#).is_err());
        assert!(serde_json::from_str::<Values>(r#"["a","b","c","d","e","f","g","h","i"]"#).is_err());
    }
}
