//! The one translation mechanism of the portal: the interface, the errors, the rules' messages and the command
//! line. A catalog is a struct with one field per text, `&'static str`, or a `fn` for a text with numbers or
//! names (plurals are each language's own rule, written in its file). It is declared with [`catalog!`] in a
//! `texts/mod.rs`, next to one file per language (`texts/en.rs`, `texts/fr.rs`, `texts/de.rs`), each holding a
//! `static TEXTS` of that struct. The compiler checks the rest: a language file without a text does not build, and
//! neither does a language without its file.
//!
//! ```text
//! feature/texts/mod.rs   rules::catalog! { pub struct FeatureTexts { pub title: &'static str, ... } }
//!                        mod de; mod en; mod fr;
//! feature/texts/de.rs    pub(super) static TEXTS: FeatureTexts = FeatureTexts { title: "Titel", ... };
//! ```
//!
//! Adding a language: a [`Lang`] variant, an arm in [`catalog!`], then a file and a `mod` line in each `texts/`.

use crate::Lang;

/// A set of texts, one value per [`Lang`]. Implemented by [`catalog!`].
pub trait Catalog: Sync + 'static {
    /// The texts of `lang`.
    fn of(lang: Lang) -> &'static Self;

    /// Every text with its field's name, the `fn` texts called with sample values (0, 1 and 2 for numbers): for
    /// tests that no language leaves a text empty.
    fn samples(&self) -> Vec<(&'static str, String)>;
}

/// The texts of every language that are empty (`lang.field`), for tests: an empty list means the catalog is
/// complete.
pub fn empty_texts<C: Catalog>() -> Vec<String> {
    Lang::ALL
        .into_iter()
        .flat_map(|lang| {
            C::of(lang)
                .samples()
                .into_iter()
                .filter(|(_, text)| text.trim().is_empty())
                .map(move |(field, _)| format!("{}.{field}", lang.code()))
        })
        .collect()
}

/// A catalog field's texts for [`Catalog::samples`].
#[doc(hidden)]
pub trait Sample {
    fn samples(&self) -> Vec<String>;
}

const NUMBERS: [u8; 3] = [0, 1, 2];
const NAME: &str = "x";

impl Sample for &'static str {
    fn samples(&self) -> Vec<String> {
        vec![(*self).to_owned()]
    }
}

macro_rules! sample_numbers {
    ($($t:ty),*) => {
        $(
            impl Sample for fn($t) -> String {
                fn samples(&self) -> Vec<String> {
                    NUMBERS.iter().map(|&n| self(n.into())).collect()
                }
            }

            impl Sample for fn($t, $t) -> String {
                fn samples(&self) -> Vec<String> {
                    NUMBERS.iter().flat_map(|&a| NUMBERS.iter().map(move |&b| self(a.into(), b.into()))).collect()
                }
            }

            impl Sample for fn($t, $t, $t) -> String {
                fn samples(&self) -> Vec<String> {
                    NUMBERS.iter().map(|&n| self(n.into(), n.into(), n.into())).collect()
                }
            }

            impl Sample for fn(&str, $t) -> String {
                fn samples(&self) -> Vec<String> {
                    NUMBERS.iter().map(|&n| self(NAME, n.into())).collect()
                }
            }
        )*
    };
}

sample_numbers!(u32, u64, i64, usize);

impl Sample for fn(&str) -> String {
    fn samples(&self) -> Vec<String> {
        vec![self(NAME), self("")]
    }
}

impl Sample for fn(&str, &str) -> String {
    fn samples(&self) -> Vec<String> {
        vec![self(NAME, NAME)]
    }
}

/// Declares a catalog: the struct of its texts, and its [`Catalog`] implementation, which takes each language's
/// texts from the `static TEXTS` of the sibling module named by the language's code (`en`, `fr`, `de`). The
/// `match` over [`Lang`] is exhaustive: a new language does not build until this macro has its arm, and then
/// until every catalog has its file.
#[macro_export]
macro_rules! catalog {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $($(#[$field_attr:meta])* $field_vis:vis $field:ident : $ty:ty),* $(,)?
        }
    ) => {
        $(#[$attr])*
        $vis struct $name {
            $($(#[$field_attr])* $field_vis $field: $ty),*
        }

        impl $crate::Catalog for $name {
            fn of(lang: $crate::Lang) -> &'static Self {
                match lang {
                    $crate::Lang::En => &en::TEXTS,
                    $crate::Lang::Fr => &fr::TEXTS,
                    $crate::Lang::De => &de::TEXTS,
                }
            }

            fn samples(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                let mut samples = ::std::vec::Vec::new();
                $(
                    for text in $crate::Sample::samples(&self.$field) {
                        samples.push((stringify!($field), text));
                    }
                )*
                samples
            }
        }
    };
}
