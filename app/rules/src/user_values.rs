//! One learner's values named by the specification's columns: how a row travels between the grid, the server
//! functions, the service and the rules. A new column is one more field here (and one more arm in `get`).

use serde::{Deserialize, Serialize};

use crate::Column;

/// A learner's values as written (an empty optional cell is `""`). Not checked: [`crate::ValidUser`] is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct UserValues {
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub identifier: String,
    pub country: String,
    pub language: String,
    /// Group names separated by `|`.
    pub groups: String,
    pub status: String,
}

impl UserValues {
    /// The value of one column.
    pub fn get(&self, column: Column) -> &str {
        match column {
            Column::FirstName => &self.firstname,
            Column::LastName => &self.lastname,
            Column::Email => &self.email,
            Column::Identifier => &self.identifier,
            Column::Country => &self.country,
            Column::Language => &self.language,
            Column::Groups => &self.groups,
            Column::Status => &self.status,
        }
    }

    /// The value of one column, to change it.
    pub fn get_mut(&mut self, column: Column) -> &mut String {
        match column {
            Column::FirstName => &mut self.firstname,
            Column::LastName => &mut self.lastname,
            Column::Email => &mut self.email,
            Column::Identifier => &mut self.identifier,
            Column::Country => &mut self.country,
            Column::Language => &mut self.language,
            Column::Groups => &mut self.groups,
            Column::Status => &mut self.status,
        }
    }

    /// Values made column by column.
    pub fn from_fn(mut value: impl FnMut(Column) -> String) -> UserValues {
        let mut values = UserValues::default();
        for column in Column::ALL {
            *values.get_mut(column) = value(column);
        }
        values
    }

    /// Values given in [`Column::ALL`] order (a CSV record, a wire list); missing trailing cells are empty and
    /// cells past the last column are ignored.
    pub fn from_cells<S: AsRef<str>>(cells: &[S]) -> UserValues {
        let mut cells = cells.iter();
        UserValues::from_fn(|_| cells.next().map(|c| c.as_ref().to_owned()).unwrap_or_default())
    }

    /// Each column with its value, in [`Column::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Column, &str)> + '_ {
        Column::ALL.into_iter().map(move |c| (c, self.get(c)))
    }

    /// The values in [`Column::ALL`] order, as a CSV record or the wire's list carries them.
    pub fn to_vec(&self) -> Vec<String> {
        Column::ALL.iter().map(|&c| self.get(c).to_owned()).collect()
    }
}

/// Positional values, for tests and fixtures that write a row inline (`["Ana", "Roux", "ana@x.fr"]`).
impl<S: AsRef<str>, const N: usize> From<[S; N]> for UserValues {
    fn from(cells: [S; N]) -> UserValues {
        UserValues::from_cells(&cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_reads_and_writes_its_own_field() {
        let mut values = UserValues::from_fn(|c| c.as_str().to_owned());
        for column in Column::ALL {
            assert_eq!(values.get(column), column.as_str());
        }
        values.get_mut(Column::Country).push('!');
        assert_eq!(values.country, "country!");
        assert_eq!(UserValues::from_cells(&values.to_vec()), values);
    }

    #[test]
    fn short_lists_leave_the_last_columns_empty() {
        let values = UserValues::from(["Ana", "Roux", "ana@x.fr"]);
        assert_eq!(values.email, "ana@x.fr");
        assert_eq!(values.language, "");
    }
}
